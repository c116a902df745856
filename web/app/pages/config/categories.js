// Categories tab: list, add, edit and delete categories ("*" is the default
// every job without a category gets; it cannot be deleted or renamed).
import { sab } from '../../lib/api.js';
import { html, useEffect, useState } from '../../lib/html.js';
import { confirmDialog, Field, IconButton, Modal } from '../../lib/ui.js';
import { toast, toastError } from '../../lib/toast.js';
import { changedKeys, Input, loadSection, useDirtyGuard } from './form.js';

const processing = [['', 'Default'], ['0', 'Download only'], ['1', '+Repair'], ['2', '+Repair, unpack'],
  ['3', '+Repair, unpack, delete']];
const priorities = [['-100', 'Default'], ['2', 'Force'], ['1', 'High'], ['0', 'Normal'], ['-1', 'Low'], ['-2', 'Paused']];
const label = (list, v) => (list.find(([k]) => k === String(v ?? '')) ?? [, String(v)])[1];

function Select({ id, text, value, onChange, items }) {
  return html`<${Field} label=${text} id=${id}><select id=${id} value=${value}
    onChange=${(e) => onChange(e.currentTarget.value)}>
    ${items.map(([v, t]) => html`<option key=${v} value=${v}>${t}</option>`)}</select></${Field}>`;
}

function CategoryDialog({ cat, scripts, onClose, onSaved }) {
  const start = { name: '', pp: '', script: 'Default', priority: -100, dir: '', ...cat };
  const [values, setValues] = useState(start);
  const set = (k, v) => setValues((old) => ({ ...old, [k]: v }));
  useDirtyGuard(changedKeys(values, start).length > 0);
  const name = values.name.trim();
  const save = async () => {
    try {
      await sab('set_config', { section: 'categories', name, pp: values.pp, script: values.script,
        priority: String(values.priority), dir: values.dir });
      toast(`Category ${name} saved`, 'ok');
      onSaved();
    } catch (e) { toastError(e); }
  };
  const scriptItems = [['Default', 'Default'], ...scripts.map((s) => [s, s])];
  const footer = html`<button type="button" class="btn" onClick=${onClose}>Cancel</button>
    <button type="button" class="btn btn-primary" disabled=${!name} onClick=${save}>Save category</button>`;
  return html`<${Modal} open=${true} title=${cat ? `Edit category ${cat.name === '*' ? 'Default' : cat.name}` : 'Add category'}
      onClose=${onClose} footer=${footer}><div class="form-grid">
    ${!cat && html`<${Input} id="cat-name" name="name" label="Name" values=${values} set=${set} required />`}
    <${Select} id="cat-pp" text="Processing" value=${String(values.pp)} onChange=${(v) => set('pp', v)} items=${processing} />
    <${Select} id="cat-script" text="Script" value=${values.script} onChange=${(v) => set('script', v)} items=${scriptItems} />
    <${Select} id="cat-priority" text="Priority" value=${String(values.priority)} onChange=${(v) => set('priority', v)}
      items=${priorities} />
    <${Input} id="cat-dir" name="dir" label="Folder" hint="Inside the completed folder unless absolute"
      values=${values} set=${set} /></div></${Modal}>`;
}

export default function Categories() {
  const [cats, setCats] = useState(null);
  const [scripts, setScripts] = useState([]);
  const [editing, setEditing] = useState(null);  // null | 'new' | category
  const reload = () => loadSection('categories').then(setCats).catch(toastError);
  useEffect(() => {
    reload();
    sab('get_scripts').then((b) => setScripts((b.scripts || []).filter((s) => s !== 'None').concat('None'))).catch(toastError);
  }, []);
  const remove = async (c) => {
    if (!await confirmDialog('Delete category', `Delete category ${c.name}? Jobs keep their files.`)) return;
    try { await sab('del_config', { section: 'categories', keyword: c.name }); toast(`Category ${c.name} deleted`); reload(); }
    catch (e) { toastError(e); }
  };
  const shown = (c) => (c.name === '*' ? 'Default (*)' : c.name);
  return html`<div class="config-section">
    <div class="section-actions"><button type="button" class="btn btn-primary" onClick=${() => setEditing('new')}>
      Add category</button></div>
    ${cats === null ? html`<p aria-busy="true">Loading…</p>` : html`<table class="list cards cat-table">
      <caption class="sr-only">Categories</caption>
      <thead><tr><th scope="col">Name</th><th scope="col">Processing</th><th scope="col">Script</th>
        <th scope="col">Priority</th><th scope="col">Folder</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
      <tbody>${cats.map((c) => html`<tr key=${c.name}>
        <td data-label="Name">${shown(c)}</td><td data-label="Processing">${label(processing, c.pp)}</td>
        <td data-label="Script">${c.script}</td><td data-label="Priority">${label(priorities, c.priority)}</td>
        <td data-label="Folder">${c.dir || html`<span class="muted">—</span>`}</td>
        <td class="row-actions"><${IconButton} icon="edit" label=${`Edit ${shown(c)}`} onClick=${() => setEditing(c)} />
          ${c.name !== '*' && html`<${IconButton} icon="trash" label=${`Delete ${c.name}`} onClick=${() => remove(c)} />`}</td>
      </tr>`)}</tbody></table>`}
    ${editing && html`<${CategoryDialog} key=${editing === 'new' ? '+new' : editing.name}
      cat=${editing === 'new' ? null : editing} scripts=${scripts} onClose=${() => setEditing(null)}
      onSaved=${() => { setEditing(null); reload(); }} />`}
  </div>`;
}
