// The form that adds one series found by lookup: where it goes, what to
// monitor, which profile, and whether to search right away.
import { sonarr } from '../../lib/api.js';
import { html, useState } from '../../lib/html.js';
import { navigate } from '../../lib/router.js';
import { pref } from '../../lib/store.js';
import { toast, toastError } from '../../lib/toast.js';
import { ActionButton, Field, Modal, Toggle } from '../../lib/ui.js';
import { Poster, seriesTypes, useList } from './common.js';

export const monitorOptions = [
  { value: 'all', label: 'All episodes' }, { value: 'future', label: 'Future episodes' },
  { value: 'missing', label: 'Missing episodes' }, { value: 'existing', label: 'Existing episodes' },
  { value: 'pilot', label: 'Pilot episode' }, { value: 'firstSeason', label: 'First season' },
  { value: 'lastSeason', label: 'Last season' }, { value: 'none', label: 'None' },
];

// The last choices, so adding several series in a row is quick.
const defaults = pref('series.addDefaults', { monitor: 'all', seasonFolder: true, seriesType: 'standard' });

function NewRootFolder({ onAdded }) {
  const [path, setPath] = useState('');
  const add = async () => {
    if (!path.trim()) { toast('Type the folder path first', 'error'); return; }
    try {
      const folder = await sonarr('rootfolder', { method: 'POST', body: { path: path.trim() } });
      setPath('');
      onAdded(folder);
    } catch (e) { toastError(e); }
  };
  return html`<div class="field"><label for="add-new-root">New root folder</label>
    <div class="input-row"><input id="add-new-root" value=${path} placeholder="/srv/tv"
        onInput=${(e) => setPath(e.currentTarget.value)} />
      <${ActionButton} icon="plus" onClick=${add}>Add folder</${ActionButton}></div>
    <small class="hint">A folder on the nzbd machine that series folders go in.</small></div>`;
}

function RootFolderField({ folders, value, onChange, reload }) {
  const [adding, setAdding] = useState(false);
  const added = async (folder) => { await reload(); onChange(folder.path); setAdding(false); };
  if (!folders.length || adding) return html`<${NewRootFolder} onAdded=${added} />`;
  return html`<${Field} label="Root folder" id="add-root">
    <div class="input-row"><select id="add-root" value=${value} onChange=${(e) => onChange(e.currentTarget.value)}>
      ${folders.map((f) => html`<option key=${f.id} value=${f.path}>${f.path}</option>`)}</select>
      <button type="button" class="btn" onClick=${() => setAdding(true)}>Another folder…</button></div></${Field}>`;
}

function TagPicker({ tags, value, onChange }) {
  if (!tags?.length) return null;
  const flip = (id, on) => onChange(on ? [...value, id] : value.filter((t) => t !== id));
  return html`<fieldset class="field tag-picker"><legend>Tags</legend>
    ${tags.map((t) => html`<label key=${t.id} class="check"><input type="checkbox" checked=${value.includes(t.id)}
      onChange=${(e) => flip(t.id, e.currentTarget.checked)} /> ${t.label}</label>`)}</fieldset>`;
}

export function AddSeriesForm({ series, onClose }) {
  const [folders, reloadFolders] = useList('rootfolder');
  const [profiles] = useList('qualityprofile');
  const [tags] = useList('tag');
  const d = defaults.value;
  const [form, setForm] = useState({ monitor: d.monitor, seasonFolder: d.seasonFolder, seriesType: series.seriesType || d.seriesType,
    rootFolderPath: d.rootFolderPath || '', qualityProfileId: d.qualityProfileId || 0, tags: [], search: false });
  const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));
  // Fall back to the first folder/profile when the remembered one is gone.
  const root = folders?.some((f) => f.path === form.rootFolderPath) ? form.rootFolderPath : folders?.[0]?.path || '';
  const profileId = profiles?.some((p) => p.id === form.qualityProfileId) ? form.qualityProfileId : profiles?.[0]?.id || 0;

  const submit = async () => {
    if (!root) { toast('Add a root folder first', 'error'); return; }
    const body = { ...series, rootFolderPath: root, qualityProfileId: profileId, seasonFolder: form.seasonFolder,
      seriesType: form.seriesType, tags: form.tags, monitored: form.monitor !== 'none',
      addOptions: { monitor: form.monitor, searchForMissingEpisodes: form.search } };
    try {
      const added = await sonarr('series', { method: 'POST', body });
      defaults.value = { monitor: form.monitor, seasonFolder: form.seasonFolder, seriesType: form.seriesType,
        rootFolderPath: root, qualityProfileId: profileId };
      toast(`${added.title} added`, 'success');
      onClose();
      navigate('/series/' + added.id);
    } catch (e) { toastError(e); }
  };

  const footer = html`<button type="button" class="btn" onClick=${onClose}>Cancel</button>
    <${ActionButton} class="btn-primary" icon="plus" onClick=${submit} disabled=${!folders || !profiles}>Add ${series.title}</${ActionButton}>`;
  return html`<${Modal} open=${true} title=${'Add ' + series.title} onClose=${onClose} footer=${footer} wide>
    <div class="add-form-head"><${Poster} series=${series} size="small" />
      <p>${series.overview || html`<span class="muted">No overview.</span>`}</p></div>
    ${folders === null ? html`<p class="loading" aria-busy="true">Loading…</p>` : html`
      <${RootFolderField} folders=${folders} value=${root} onChange=${set('rootFolderPath')} reload=${reloadFolders} />
      <div class="form-grid add-form-grid">
      <${Field} label="Monitor" id="add-monitor"><select id="add-monitor" value=${form.monitor}
          onChange=${(e) => set('monitor')(e.currentTarget.value)}>
        ${monitorOptions.map((o) => html`<option key=${o.value} value=${o.value}>${o.label}</option>`)}</select></${Field}>
      <${Field} label="Quality profile" id="add-profile"><select id="add-profile" value=${profileId}
          onChange=${(e) => set('qualityProfileId')(Number(e.currentTarget.value))}>
        ${(profiles || []).map((p) => html`<option key=${p.id} value=${p.id}>${p.name}</option>`)}</select></${Field}>
      <${Field} label="Series type" id="add-type"><select id="add-type" value=${form.seriesType}
          onChange=${(e) => set('seriesType')(e.currentTarget.value)}>
        ${seriesTypes.map((o) => html`<option key=${o.value} value=${o.value}>${o.label}</option>`)}</select></${Field}>
      <${Toggle} label="Season folders" checked=${form.seasonFolder} onChange=${set('seasonFolder')} />
      <${Toggle} label="Start search for missing episodes" checked=${form.search} onChange=${set('search')} />
      <${TagPicker} tags=${tags} value=${form.tags} onChange=${set('tags')} />
    </div>`}
  </${Modal}>`;
}
