// Adding NZBs: the Add dialog (files or a URL, with name, password, category,
// priority, processing and script) and drops of NZB files anywhere on the
// page, uploaded one after another under an "n/m" toast.
import { sab } from '../lib/api.js';
import { html, signal, useEffect, useState } from '../lib/html.js';
import { refreshQueue } from '../lib/store.js';
import { toast, toastError } from '../lib/toast.js';
import { Field, Modal } from '../lib/ui.js';

export const addDialog = signal(false);

export const priorities = [['-100', 'Default'], ['2', 'Force'], ['1', 'High'], ['0', 'Normal'], ['-1', 'Low'], ['-2', 'Paused']];
export const processing = [['-1', 'Default'], ['0', 'Download'], ['1', '+Repair'], ['2', '+Unpack'], ['3', '+Delete']];

// Categories and scripts for the selects, loaded once per dialog opening.
export async function loadChoices() {
  const [cats, scripts] = await Promise.all([sab('get_cats').catch(() => ({ categories: ['*'] })),
    sab('get_scripts').catch(() => ({ scripts: ['None'] }))]);
  return { categories: cats.categories || ['*'], scripts: scripts.scripts || ['None'] };
}

function options(opts) {
  const o = {};
  for (const [k, v] of Object.entries(opts)) if (v !== '' && v !== undefined && v !== '-100' && v !== '*') o[k] = v;
  if (opts.priority === '-100') delete o.priority;
  return o;
}

export async function uploadFile(file, opts = {}) {
  const form = new FormData();
  form.append('name', file, file.name);
  const body = await sab('addfile', options(opts), form);
  if (!body.nzo_ids?.length) throw new Error(`${file.name}: not added`);
  return body.nzo_ids;
}

// Uploads files in sequence; errors are toasts, the rest still goes up.
export async function uploadAll(files, opts = {}) {
  const list = [...files];
  let ok = 0;
  for (let i = 0; i < list.length; i++) {
    if (list.length > 1) toast(`Uploading ${i + 1}/${list.length}: ${list[i].name}`, 'info', 2000);
    try { await uploadFile(list[i], opts); ok++; } catch (e) { toastError(e); }
  }
  await refreshQueue().catch(() => {});
  if (ok) toast(ok === 1 ? 'Added 1 NZB' : `Added ${ok} NZBs`, 'success');
  return ok;
}

export function AddNzbDialog() {
  const open = addDialog.value;
  const [choices, setChoices] = useState({ categories: ['*'], scripts: ['None'] });
  const [form, setForm] = useState({ url: '', nzbname: '', password: '', cat: '*', priority: '-100', pp: '-1', script: 'Default' });
  const [files, setFiles] = useState([]);
  useEffect(() => { if (open) loadChoices().then(setChoices); }, [open]);
  const set = (k) => (e) => setForm({ ...form, [k]: e.currentTarget.value });
  const close = () => { addDialog.value = false; setFiles([]); setForm({ ...form, url: '', nzbname: '', password: '' }); };
  const submit = async (e) => {
    e.preventDefault();
    const opts = { nzbname: form.nzbname, password: form.password, cat: form.cat, priority: form.priority,
      pp: form.pp === '-1' ? '' : form.pp, script: form.script === 'Default' ? '' : form.script };
    if (!files.length && !form.url.trim()) { toast('Choose an NZB file or enter a URL', 'error'); return; }
    if (files.length) {
      if (await uploadAll(files, opts)) close();
      return;
    }
    try {
      await sab('addurl', { name: form.url.trim(), ...options(opts) });
      await refreshQueue().catch(() => {});
      toast('Added the URL', 'success');
      close();
    } catch (err) { toastError(err); }
  };
  const sel = (id, label, value, onChange, items) => html`<${Field} label=${label} id=${id}>
    <select id=${id} value=${value} onChange=${onChange}>${items.map(([v, l]) => html`<option value=${v}>${l}</option>`)}</select></${Field}>`;
  return html`<${Modal} open=${open} title="Add NZB" onClose=${close}
      footer=${html`<button type="button" class="btn" onClick=${close}>Cancel</button>
        <button type="submit" form="add-nzb-form" class="btn btn-primary">Add</button>`}>
    <form id="add-nzb-form" class="form-grid" onSubmit=${submit}>
      <${Field} label="NZB files" id="add-files">
        <input id="add-files" type="file" multiple accept=".nzb,.gz,.bz2,.zip,.rar,.7z,application/x-nzb"
          onChange=${(e) => setFiles([...e.currentTarget.files])} /></${Field}>
      <${Field} label="or URL" id="add-url">
        <input id="add-url" type="url" inputmode="url" placeholder="https://…" value=${form.url} onInput=${set('url')} /></${Field}>
      <${Field} label="Name" id="add-name" hint="Empty: the file's name">
        <input id="add-name" value=${form.nzbname} onInput=${set('nzbname')} /></${Field}>
      <${Field} label="Password" id="add-password">
        <input id="add-password" type="text" autocomplete="off" value=${form.password} onInput=${set('password')} /></${Field}>
      ${sel('add-cat', 'Category', form.cat, set('cat'), choices.categories.map((c) => [c, c === '*' ? 'Default' : c]))}
      ${sel('add-priority', 'Priority', form.priority, set('priority'), priorities)}
      ${sel('add-pp', 'Post-processing', form.pp, set('pp'), processing)}
      ${sel('add-script', 'Script', form.script, set('script'), [['Default', 'Default'], ...choices.scripts.map((s) => [s, s])])}
    </form>
  </${Modal}>`;
}

// Files dropped anywhere on the page go to the queue with default options.
export function DropZone() {
  const [over, setOver] = useState(false);
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e) => [...(e.dataTransfer?.types || [])].includes('Files');
    const enter = (e) => { if (hasFiles(e)) { depth++; setOver(true); e.preventDefault(); } };
    const leave = () => { depth = Math.max(0, depth - 1); if (!depth) setOver(false); };
    const overFn = (e) => { if (hasFiles(e)) e.preventDefault(); };
    const drop = (e) => {
      depth = 0;
      setOver(false);
      if (!e.dataTransfer?.files?.length) return;
      e.preventDefault();
      uploadAll(e.dataTransfer.files);
    };
    document.addEventListener('dragenter', enter);
    document.addEventListener('dragleave', leave);
    document.addEventListener('dragover', overFn);
    document.addEventListener('drop', drop);
    return () => {
      document.removeEventListener('dragenter', enter);
      document.removeEventListener('dragleave', leave);
      document.removeEventListener('dragover', overFn);
      document.removeEventListener('drop', drop);
    };
  }, []);
  return over ? html`<div class="drop-overlay" aria-hidden="true">Drop NZB files to add them</div>` : null;
}
