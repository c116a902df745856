// The files of one job (get_files), each deletable (queue&name=delete_nzf).
import { sab } from '../../lib/api.js';
import { html, useEffect, useState } from '../../lib/html.js';
import { toastError } from '../../lib/toast.js';
import { confirmDialog, Empty, IconButton, Modal } from '../../lib/ui.js';

export function FilesModal({ job, onClose }) {
  const [files, setFiles] = useState(null);
  const load = () => sab('get_files', { value: job.nzo_id }).then((b) => setFiles(b.files || [])).catch(toastError);
  useEffect(() => { setFiles(null); load(); }, [job.nzo_id]);
  const remove = async (f) => {
    if (!(await confirmDialog('Delete file', `Delete "${f.filename}" from the job?`))) return;
    await sab('queue', { name: 'delete_nzf', value: job.nzo_id, value2: f.nzf_id }).catch(toastError);
    await load();
  };
  return html`<${Modal} open=${true} wide title=${'Files of ' + job.filename} onClose=${onClose}>
    ${files === null ? html`<p class="muted">Loading…</p>` : !files.length ? html`<${Empty}>No files left.</${Empty}>`
      : html`<table class="list cards files-table"><thead><tr><th>File</th><th class="num">Size</th><th class="num">Left</th><th>Status</th><th><span class="sr-only">Actions</span></th></tr></thead>
        <tbody>${files.map((f) => html`<tr key=${f.nzf_id} data-nzf=${f.nzf_id}>
          <td class="file-name">${f.filename}</td><td class="num">${f.mb} MB</td><td class="num">${f.mbleft} MB</td>
          <td>${f.status}</td><td><${IconButton} icon="trash" label=${'Delete file ' + f.filename} onClick=${() => remove(f)} /></td>
        </tr>`)}</tbody></table>`}
  </${Modal}>`;
}
