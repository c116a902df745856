// The series page's dialogs: edit (PUT /series/{id}), rename preview
// (GET /rename, then the RenameFiles command) and delete.
import { runCommand, sonarr } from '../../lib/api.js';
import { html, useEffect, useState } from '../../lib/html.js';
import { toast, toastError } from '../../lib/toast.js';
import { ActionButton, Empty, Field, Modal, Toggle } from '../../lib/ui.js';
import { saveSeries, seriesTypes } from './common.js';

export function EditSeries({ series, profiles, onClose, onSaved }) {
  const [form, setForm] = useState({ monitored: series.monitored, qualityProfileId: series.qualityProfileId,
    seasonFolder: series.seasonFolder, seriesType: series.seriesType, path: series.path });
  const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));
  const save = async () => {
    try {
      await saveSeries({ ...series, ...form });
      toast(`${series.title} saved`, 'success');
      onSaved();
      onClose();
    } catch (e) { toastError(e); }
  };
  const footer = html`<button type="button" class="btn" onClick=${onClose}>Cancel</button>
    <${ActionButton} class="btn-primary" icon="check" onClick=${save}>Save</${ActionButton}>`;
  return html`<${Modal} open=${true} title=${'Edit ' + series.title} onClose=${onClose} footer=${footer}>
    <div class="form-grid">
      <${Toggle} label="Monitored" checked=${form.monitored} onChange=${set('monitored')} />
      <${Toggle} label="Season folders" checked=${form.seasonFolder} onChange=${set('seasonFolder')} />
      <${Field} label="Quality profile" id="edit-profile"><select id="edit-profile" value=${form.qualityProfileId}
          onChange=${(e) => set('qualityProfileId')(Number(e.currentTarget.value))}>
        ${(profiles || []).map((p) => html`<option key=${p.id} value=${p.id}>${p.name}</option>`)}</select></${Field}>
      <${Field} label="Series type" id="edit-type"><select id="edit-type" value=${form.seriesType}
          onChange=${(e) => set('seriesType')(e.currentTarget.value)}>
        ${seriesTypes.map((o) => html`<option key=${o.value} value=${o.value}>${o.label}</option>`)}</select></${Field}>
    </div>
    <${Field} label="Path" id="edit-path"><input id="edit-path" value=${form.path}
      onInput=${(e) => set('path')(e.currentTarget.value)} /></${Field}>
  </${Modal}>`;
}

export function RenamePreview({ series, onClose }) {
  const [items, setItems] = useState(null);
  useEffect(() => { sonarr('rename', { query: { seriesId: series.id } }).then(setItems, (e) => { toastError(e); setItems([]); }); }, [series.id]);
  const apply = async () => {
    try {
      await runCommand('RenameFiles', { seriesId: series.id, files: items.map((i) => i.episodeFileId) });
      toast(`Renamed ${items.length} files`, 'success');
      onClose();
    } catch (e) { toastError(e); }
  };
  const footer = html`<button type="button" class="btn" onClick=${onClose}>Close</button>
    ${items?.length > 0 && html`<${ActionButton} class="btn-primary" icon="edit" onClick=${apply}>Rename ${items.length} files</${ActionButton}>`}`;
  return html`<${Modal} open=${true} wide title=${'Rename files of ' + series.title} onClose=${onClose} footer=${footer}>
    ${items === null ? html`<p class="loading" aria-busy="true">Loading…</p>`
      : !items.length ? html`<${Empty}>Every file already has the name the naming settings give it.</${Empty}>`
      : html`<ul class="rename-list">${items.map((i) => html`<li key=${i.episodeFileId}>
          <div class="muted"><span class="sr-only">From </span>${i.existingPath}</div>
          <div><span class="sr-only">To </span>${i.newPath}</div></li>`)}</ul>`}
  </${Modal}>`;
}

export function DeleteSeries({ series, onClose, onDeleted }) {
  const [deleteFiles, setDeleteFiles] = useState(false);
  const remove = async () => {
    try {
      await sonarr(`series/${series.id}`, { method: 'DELETE', query: { deleteFiles: String(deleteFiles) } });
      toast(`${series.title} deleted`, 'success');
      onDeleted();
    } catch (e) { toastError(e); }
  };
  const footer = html`<button type="button" class="btn" onClick=${onClose}>Cancel</button>
    <${ActionButton} class="btn-danger" icon="trash" onClick=${remove}>Delete</${ActionButton}>`;
  return html`<${Modal} open=${true} title=${'Delete ' + series.title} onClose=${onClose} footer=${footer}>
    <p>Remove ${series.title} from nzbd? Its episodes stop being searched.</p>
    <${Toggle} label=${'Also delete the folder ' + series.path} checked=${deleteFiles} onChange=${setDeleteFiles} />
  </${Modal}>`;
}
