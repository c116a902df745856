// A history row (status icon, name, status text, time, size, category) that
// expands to its details and stage log; and the Retry dialog.
import { sab } from '../../lib/api.js';
import { formatDateTime } from '../../lib/format.js';
import { html, useState } from '../../lib/html.js';
import { Icon } from '../../lib/icons.js';
import { toastError } from '../../lib/toast.js';
import { Field, IconButton, Modal } from '../../lib/ui.js';

const finished = (s) => s.status === 'Completed' || s.status === 'Failed';

function StatusIcon({ slot }) {
  if (slot.status === 'Completed') return html`<span class="hist-icon status-ok" title="Completed"><${Icon} name="check" /><span class="sr-only">✓ Completed</span></span>`;
  if (slot.status === 'Failed') return html`<span class="hist-icon status-bad" title="Failed"><${Icon} name="alert" /><span class="sr-only">Failed</span></span>`;
  return html`<span class="hist-icon status-warn" title=${slot.status}><${Icon} name="refresh" /><span class="sr-only">${slot.status}</span></span>`;
}

function statusText(s) {
  if (s.status === 'Failed') return s.fail_message || 'Failed';
  if (!finished(s)) return s.action_line || s.status;
  return 'Completed';
}

function Details({ slot: s }) {
  return html`<div class="hist-details">
    <dl class="hist-facts">
      <div><dt>Added</dt><dd>${formatDateTime(Number(s.time_added))}</dd></div>
      <div><dt>Size</dt><dd>${s.size}</dd></div>
      <div><dt>Category</dt><dd>${s.category}</dd></div>
      ${s.password && html`<div><dt>Password</dt><dd>${s.password}</dd></div>`}
      ${s.storage ? html`<div><dt>Storage</dt><dd class="hist-path">${s.storage}</dd></div>`
        : html`<div><dt>Folder</dt><dd class="hist-path">${s.path || '—'}</dd></div>`}
    </dl>
    ${(s.stage_log || []).map((st) => html`<details key=${st.name} class="stage" open>
      <summary>${st.name}</summary><ul>${(st.actions || []).map((a, i) => html`<li key=${i}>${a}</li>`)}</ul></details>`)}
    ${s.script_log && html`<details class="stage"><summary>Script log</summary><pre>${s.script_log}</pre></details>`}
  </div>`;
}

export function HistoryRow({ slot: s, actions }) {
  const [open, setOpen] = useState(false);
  const failed = s.status === 'Failed';
  return html`<li class=${'history-row' + (failed ? ' is-failed' : '')} data-nzo=${s.nzo_id}>
    <div class="hist-line">
      <${StatusIcon} slot=${s} />
      <div class="hist-main">
        <span class="job-name" title=${s.name}>${s.name}</span>
        <span class=${'hist-status' + (failed ? ' status-bad' : '')}>${statusText(s)}</span>
      </div>
      <span class="hist-meta muted">${s.completed ? formatDateTime(Number(s.completed)) : ''}</span>
      <span class="hist-meta num">${s.size}</span>
      <span class="hist-meta tag">${s.category}</span>
      <div class="hist-actions">
        ${failed && html`<${IconButton} icon="retry" label=${'Retry ' + s.name} onClick=${() => actions.retry(s)} />
          <${IconButton} icon="check" label=${'Mark completed ' + s.name} onClick=${() => actions.complete(s)} />`}
        ${finished(s) && html`<${IconButton} icon="trash" label=${'Delete from history ' + s.name} onClick=${() => actions.remove(s)} />`}
        <${IconButton} icon=${open ? 'up' : 'down'} label=${'Details of ' + s.name} aria-expanded=${String(open)} onClick=${() => setOpen(!open)} />
      </div>
    </div>
    ${open && html`<${Details} slot=${s} />`}
  </li>`;
}

// Retry sends multipart: the password and, optionally, an additional NZB
// whose articles join the job's (SABnzbd's `nzbfile`).
export function RetryDialog({ slot, onClose, onDone }) {
  const [password, setPassword] = useState(slot.password || '');
  const [file, setFile] = useState(null);
  const submit = async (e) => {
    e.preventDefault();
    const form = new FormData();
    if (password) form.append('password', password);
    if (file) form.append('nzbfile', file, file.name);
    try { await sab('retry', { value: slot.nzo_id }, form); onDone(); } catch (err) { toastError(err); }
  };
  return html`<${Modal} open=${true} title=${'Retry ' + slot.name} onClose=${onClose}
      footer=${html`<button type="button" class="btn" onClick=${onClose}>Cancel</button>
        <button type="submit" form="retry-form" class="btn btn-primary">Retry</button>`}>
    <form id="retry-form" class="form-grid" onSubmit=${submit}>
      <${Field} label="Password" id="retry-password"><input id="retry-password" autocomplete="off" value=${password}
        onInput=${(e) => setPassword(e.currentTarget.value)} /></${Field}>
      <${Field} label="Additional NZB" id="retry-nzb" hint="Optional: more articles for this job"><input id="retry-nzb" type="file" accept=".nzb,.gz"
        onChange=${(e) => setFile(e.currentTarget.files[0] || null)} /></${Field}>
    </form></${Modal}>`;
}
