// TV settings → Profiles: quality profiles (allowed qualities and cutoff,
// PUT /qualityprofile/{id}), delay profiles (settings-delay.js) and the
// quality definitions (read only).
import { sonarr } from '../../lib/api.js';
import { html, useEffect, useState } from '../../lib/html.js';
import { toast, toastError } from '../../lib/toast.js';
import { ActionButton, Field, IconButton, Modal, Toggle } from '../../lib/ui.js';
import { DelaySection } from './settings-delay.js';
import { useLeaveGuard } from './form.js';

// A profile item is a quality or a named group of them; both have an id here.
const itemId = (it) => it.quality?.id ?? it.id;
const itemName = (it) => it.quality?.name ?? it.name;

function ProfileEditor({ profile, onClose, onSaved }) {
  const [draft, setDraft] = useState(() => structuredClone(profile));
  const dirty = JSON.stringify(draft) !== JSON.stringify(profile);
  useLeaveGuard(dirty);
  const allowed = draft.items.filter((it) => it.allowed);
  const setAllowed = (id, on) => setDraft((d) => {
    const items = d.items.map((it) => (itemId(it) === id ? { ...it, allowed: on } : it));
    const stillAllowed = items.filter((it) => it.allowed).map(itemId);
    return { ...d, items, cutoff: stillAllowed.includes(d.cutoff) ? d.cutoff : (stillAllowed.at(-1) ?? d.cutoff) };
  });
  const save = async () => {
    try {
      const out = await sonarr(`qualityprofile/${draft.id}`, { method: 'PUT', body: draft });
      toast(`Saved ${draft.name}`);
      onSaved(out ?? draft);
    } catch (e) { toastError(e); }
  };
  const close = () => onClose();
  return html`<${Modal} open=${true} title=${'Edit profile ' + profile.name} onClose=${close} wide
    footer=${html`<button type="button" class="btn" onClick=${close}>Cancel</button>
      <${ActionButton} class="btn-primary" icon="check" disabled=${!dirty || allowed.length === 0} onClick=${save}>Save</${ActionButton}>`}>
    <div class="form-grid">
      <${Field} label="Name" id="qp-name"><input id="qp-name" type="text" value=${draft.name}
        onInput=${(e) => setDraft({ ...draft, name: e.currentTarget.value })} /></${Field}>
      ${'upgradeAllowed' in draft && html`<div class="field"><${Toggle} label="Upgrades allowed"
        checked=${draft.upgradeAllowed} onChange=${(v) => setDraft({ ...draft, upgradeAllowed: v })} /></div>`}
      <${Field} label="Upgrade until (cutoff)" id="qp-cutoff" hint="Only allowed qualities can be the cutoff">
        <select id="qp-cutoff" value=${String(draft.cutoff)} onChange=${(e) => setDraft({ ...draft, cutoff: Number(e.currentTarget.value) })}>
          ${allowed.map((it) => html`<option key=${itemId(it)} value=${String(itemId(it))}>${itemName(it)}</option>`)}</select>
      </${Field}>
    </div>
    <fieldset class="qp-qualities"><legend>Allowed qualities (lowest first)</legend>
      ${draft.items.map((it) => html`<label key=${itemId(it)} class="qp-quality">
        <input type="checkbox" checked=${it.allowed} onChange=${(e) => setAllowed(itemId(it), e.currentTarget.checked)} />
        <span>${itemName(it)}</span>${it.items?.length ? html`<small class="muted">${it.items.map(itemName).join(', ')}</small>` : ''}</label>`)}
    </fieldset>
  </${Modal}>`;
}

function Definitions() {
  const [defs, setDefs] = useState(null);
  useEffect(() => { sonarr('qualitydefinition').then(setDefs).catch(toastError); }, []);
  if (!defs) return null;
  return html`<section class="card settings-card" aria-labelledby="quality-defs"><h2 id="quality-defs">Quality definitions</h2>
    <p class="muted">Size limits per quality, in MB per minute of runtime.</p>
    <table class="list cards" aria-label="Quality definitions">
      <thead><tr><th>Quality</th><th>Title</th><th class="num">Min</th><th class="num">Preferred</th><th class="num">Max</th></tr></thead>
      <tbody>${defs.map((d) => html`<tr key=${d.id}><td>${d.quality?.name}</td><td data-label="Title">${d.title}</td>
        <td class="num" data-label="Min">${d.minSize ?? ''}</td><td class="num" data-label="Preferred">${d.preferredSize ?? ''}</td>
        <td class="num" data-label="Max">${d.maxSize ?? 'unlimited'}</td></tr>`)}</tbody>
    </table></section>`;
}

export function ProfilesSection() {
  const [profiles, setProfiles] = useState(null);
  const [editing, setEditing] = useState(null);
  const load = () => sonarr('qualityprofile').then(setProfiles).catch(toastError);
  useEffect(() => { load(); }, []);
  return html`<section class="card settings-card" aria-labelledby="quality-profiles"><h2 id="quality-profiles">Quality profiles</h2>
    ${!profiles ? html`<p class="loading" aria-busy="true">Loading…</p>` : html`<ul class="provider-cards">
      ${profiles.map((p) => {
        const cutoff = p.items.find((it) => itemId(it) === p.cutoff);
        return html`<li key=${p.id} class="provider-card" data-profile=${p.name}>
          <div class="provider-head"><h3>${p.name}</h3>
            <${IconButton} icon="edit" label=${'Edit profile ' + p.name} onClick=${() => setEditing(p)} /></div>
          <div class="provider-tags">${p.items.filter((it) => it.allowed).map((it) => html`<span key=${itemId(it)}
            class=${'chip' + (itemId(it) === p.cutoff ? ' tv-ok' : '')}>${itemName(it)}</span>`)}</div>
          <small class="muted">Cutoff: ${cutoff ? itemName(cutoff) : p.cutoff}</small></li>`;
      })}</ul>`}
    ${editing && html`<${ProfileEditor} profile=${editing} onClose=${() => setEditing(null)}
      onSaved=${() => { setEditing(null); load(); }} />`}
  </section><${DelaySection} /><${Definitions} />`;
}
