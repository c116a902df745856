// TV settings → Indexers and Download clients: Sonarr's provider pattern.
// Cards from GET /{kind}; Add picks an implementation from /{kind}/schema and
// builds the form from its `fields`; Test posts to /{kind}/test.
import { sonarr } from '../../lib/api.js';
import { html, useEffect, useState } from '../../lib/html.js';
import { toast, toastError } from '../../lib/toast.js';
import { ActionButton, Empty, Field, IconButton, Modal, Toggle, confirmDialog } from '../../lib/ui.js';
import { useLeaveGuard } from './form.js';

export const kinds = {
  indexer: { noun: 'indexer', title: 'Indexers', flags: [['enableRss', 'RSS'], ['enableAutomaticSearch', 'Automatic search'],
    ['enableInteractiveSearch', 'Interactive search']] },
  downloadclient: { noun: 'download client', title: 'Download clients', flags: [['enable', 'Enabled']] },
};
const builtIn = (p) => p.implementation === 'NzbdBuiltin';

// A list field (e.g. categories) is edited as comma-separated numbers or words.
const listText = (v) => (Array.isArray(v) ? v.join(', ') : v ?? '');
const parseList = (s) => s.split(',').map((x) => x.trim()).filter(Boolean).map((x) => (/^-?\d+$/.test(x) ? Number(x) : x));

function SchemaField({ f, onChange }) {
  const id = 'pf-' + f.name;
  if (f.type === 'checkbox') return html`<div class="field"><${Toggle} label=${f.label} checked=${!!f.value} onChange=${onChange} />
    ${f.helpText && html`<small class="hint">${f.helpText}</small>`}</div>`;
  let input;
  if (f.type === 'select' && f.selectOptions && !Array.isArray(f.value)) {
    input = html`<select id=${id} value=${String(f.value ?? '')} onChange=${(e) => onChange(Number(e.currentTarget.value))}>
      ${f.selectOptions.map((o) => html`<option key=${o.value} value=${String(o.value)}>${o.name}</option>`)}</select>`;
  } else if (Array.isArray(f.value) || f.type === 'select' || f.type === 'tag') {
    input = html`<input id=${id} type="text" value=${listText(f.value)} onInput=${(e) => onChange(parseList(e.currentTarget.value))} />`;
  } else if (f.type === 'number') {
    input = html`<input id=${id} type="number" value=${f.value ?? ''} onInput=${(e) => onChange(Number(e.currentTarget.value))} />`;
  } else {
    input = html`<input id=${id} type=${f.type === 'password' || f.privacy === 'password' ? 'password' : 'text'}
      autocomplete="off" value=${f.value ?? ''} onInput=${(e) => onChange(e.currentTarget.value)} />`;
  }
  const hint = [f.helpText, Array.isArray(f.value) || f.type === 'tag' ? 'Comma-separated' : ''].filter(Boolean).join('. ');
  return html`<${Field} label=${f.label} id=${id} hint=${hint || undefined}>${input}</${Field}>`;
}

function TestResult({ result }) {
  if (!result) return null;
  if (result.ok) return html`<p class="chip tv-ok" role="status">Test passed</p>`;
  return html`<div class="test-failed" role="alert"><strong>Test failed</strong>
    <ul>${result.errors.map((e, i) => html`<li key=${i}>${e}</li>`)}</ul></div>`;
}

function errorsOf(e) { return String(e.message || e).split('; ').filter(Boolean); }

function ProviderEditor({ kind, initial, onClose, onSaved }) {
  const k = kinds[kind];
  const [draft, setDraft] = useState(() => structuredClone(initial));
  const [result, setResult] = useState(null);
  const [showAdvanced, setShowAdvanced] = useState(false);
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial);
  useLeaveGuard(dirty);
  const setField = (name, value) => setDraft((d) => ({ ...d, fields: d.fields.map((f) => (f.name === name ? { ...f, value } : f)) }));
  const test = async () => {
    try { await sonarr(`${kind}/test`, { method: 'POST', body: draft }); setResult({ ok: true }); }
    catch (e) { setResult({ ok: false, errors: errorsOf(e) }); }
  };
  const save = async () => {
    try {
      const out = await sonarr(draft.id ? `${kind}/${draft.id}` : kind, { method: draft.id ? 'PUT' : 'POST', body: draft });
      toast(`Saved ${out?.name ?? draft.name}`);
      onSaved();
    } catch (e) { setResult({ ok: false, errors: errorsOf(e) }); }
  };
  const fields = draft.fields.filter((f) => !f.hidden && (showAdvanced || !f.advanced));
  return html`<${Modal} open=${true} wide onClose=${onClose}
    title=${(draft.id ? 'Edit ' : 'Add ') + k.noun + ': ' + (draft.implementationName || draft.implementation)}
    footer=${html`<${ActionButton} icon="check" onClick=${test}>Test</${ActionButton}>
      <span class="tv-spacer"></span>
      <button type="button" class="btn" onClick=${onClose}>Cancel</button>
      <${ActionButton} class="btn-primary" icon="check" onClick=${save}>Save</${ActionButton}>`}>
    <${TestResult} result=${result} />
    <div class="form-grid">
      <${Field} label="Name" id="pf-name"><input id="pf-name" type="text" value=${draft.name ?? ''}
        onInput=${(e) => setDraft({ ...draft, name: e.currentTarget.value })} /></${Field}>
      ${k.flags.filter(([key]) => key in draft).map(([key, label]) => html`<div class="field" key=${key}>
        <${Toggle} label=${label} checked=${!!draft[key]} onChange=${(v) => setDraft({ ...draft, [key]: v })} /></div>`)}
      ${'priority' in draft && html`<${Field} label="Priority" id="pf-priority" hint="1 is first; used to break ties">
        <input id="pf-priority" type="number" min="1" max="50" value=${draft.priority}
          onInput=${(e) => setDraft({ ...draft, priority: Number(e.currentTarget.value) })} /></${Field}>`}
      ${fields.map((f) => html`<${SchemaField} key=${f.name} f=${f} onChange=${(v) => setField(f.name, v)} />`)}
    </div>
    ${draft.fields.some((f) => f.advanced) && html`<${Toggle} label="Show advanced settings" checked=${showAdvanced}
      onChange=${setShowAdvanced} />`}
  </${Modal}>`;
}

function PickImplementation({ kind, onPick, onClose }) {
  const [schema, setSchema] = useState(null);
  useEffect(() => { sonarr(`${kind}/schema`).then(setSchema).catch((e) => { toastError(e); onClose(); }); }, []);
  return html`<${Modal} open=${true} title=${'Add ' + kinds[kind].noun} onClose=${onClose}>
    ${!schema ? html`<p class="loading" aria-busy="true">Loading…</p>` : html`<ul class="provider-picks">
      ${schema.map((s) => html`<li key=${s.implementation}><button type="button" class="btn"
        onClick=${() => onPick({ ...s, name: s.name || s.implementationName || s.implementation })}>
        ${s.implementationName || s.implementation}</button></li>`)}</ul>`}
  </${Modal}>`;
}

export function ProvidersSection({ kind }) {
  const k = kinds[kind];
  const [items, setItems] = useState(null);
  const [picking, setPicking] = useState(false);
  const [editing, setEditing] = useState(null);
  const load = () => sonarr(kind).then(setItems).catch(toastError);
  useEffect(() => { load(); }, [kind]);
  const remove = async (p) => {
    if (!(await confirmDialog(`Delete ${k.noun}`, `Delete ${p.name}?`, 'Delete'))) return;
    await sonarr(`${kind}/${p.id}`, { method: 'DELETE' }).then(() => toast(`Deleted ${p.name}`), toastError);
    load();
  };
  return html`<section class="card settings-card" aria-labelledby=${'prov-' + kind}>
    <div class="provider-head"><h2 id=${'prov-' + kind}>${k.title}</h2>
      <button type="button" class="btn btn-primary" onClick=${() => setPicking(true)}>Add ${k.noun}</button></div>
    ${!items ? html`<p class="loading" aria-busy="true">Loading…</p>`
      : items.length === 0 ? html`<${Empty}>No ${k.noun}s yet.</${Empty}>` : html`<ul class="provider-cards">
      ${items.map((p) => html`<li key=${p.id} class="provider-card" data-provider=${p.name}>
        <div class="provider-head"><h3>${p.name}</h3><div class="tv-row-actions">
          <${IconButton} icon="edit" label=${'Edit ' + p.name} onClick=${() => setEditing(p)} />
          ${!builtIn(p) && html`<${IconButton} icon="trash" label=${'Delete ' + p.name} onClick=${() => remove(p)} />`}</div></div>
        <span class="muted">${p.implementationName || p.implementation}${builtIn(p) ? ' — nzbd’s own download queue' : ''}</span>
        <div class="provider-tags">${k.flags.filter(([key]) => key in p).map(([key, label]) => html`<span key=${key}
          class=${'chip' + (p[key] ? ' tv-ok' : '')}>${label}${p[key] ? '' : ' off'}</span>`)}
          ${'priority' in p && html`<span class="chip">Priority ${p.priority}</span>`}</div></li>`)}</ul>`}
    ${picking && html`<${PickImplementation} kind=${kind} onClose=${() => setPicking(false)}
      onPick=${(s) => { setPicking(false); setEditing(s); }} />`}
    ${editing && html`<${ProviderEditor} kind=${kind} initial=${editing} onClose=${() => setEditing(null)}
      onSaved=${() => { setEditing(null); load(); }} />`}
  </section>`;
}
