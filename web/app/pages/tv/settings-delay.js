// TV settings → Profiles → Delay profiles (GET/POST/PUT/DELETE /delayprofile,
// PUT /delayprofile/reorder/{id}?after=): how long a new release waits for a
// better one, per series tag. The last one (no tags) applies to every series.
import { sonarr } from '../../lib/api.js';
import { html, useEffect, useState } from '../../lib/html.js';
import { toast, toastError } from '../../lib/toast.js';
import { ActionButton, confirmDialog, Field, IconButton, Modal, Toggle } from '../../lib/ui.js';

const GLOBAL = 1;
const minutes = (m) => (m === 0 ? 'no delay' : m % 60 === 0 ? `${m / 60} h` : `${m} min`);

function DelayEditor({ profile, tags, onClose, onSaved }) {
  const [draft, setDraft] = useState(() => structuredClone(profile));
  const isNew = !profile.id;
  const set = (k, v) => setDraft((d) => ({ ...d, [k]: v }));
  const toggleTag = (id, on) => set('tags', on ? [...draft.tags, id] : draft.tags.filter((t) => t !== id));
  const save = async () => {
    try {
      await sonarr(isNew ? 'delayprofile' : `delayprofile/${draft.id}`, { method: isNew ? 'POST' : 'PUT', body: draft });
      toast('Delay profile saved');
      onSaved();
    } catch (e) { toastError(e); }
  };
  const title = isNew ? 'Add delay profile' : 'Edit delay profile';
  return html`<${Modal} open=${true} title=${title} onClose=${onClose}
    footer=${html`<button type="button" class="btn" onClick=${onClose}>Cancel</button>
      <${ActionButton} class="btn-primary" icon="check" onClick=${save}>Save</${ActionButton}>`}>
    <div class="form-grid">
      <${Field} label="Usenet delay (minutes)" id="dp-delay" hint="How long a new release waits for a better one">
        <input id="dp-delay" type="number" min="0" value=${draft.usenetDelay}
          onInput=${(e) => set('usenetDelay', Number(e.currentTarget.value))} /></${Field}>
      <div class="field"><${Toggle} label="Grab at once when it is the profile's best quality"
        checked=${draft.bypassIfHighestQuality} onChange=${(v) => set('bypassIfHighestQuality', v)} /></div>
    </div>
    ${draft.id !== GLOBAL && html`<fieldset class="qp-qualities"><legend>Series tags</legend>
      ${tags.length === 0 && html`<p class="muted">Give a series a tag first; this profile applies to series with one of its tags.</p>`}
      ${tags.map((t) => html`<label key=${t.id} class="qp-quality"><input type="checkbox" checked=${draft.tags.includes(t.id)}
        onChange=${(e) => toggleTag(t.id, e.currentTarget.checked)} /><span>${t.label}</span></label>`)}</fieldset>`}
  </${Modal}>`;
}

export function DelaySection() {
  const [profiles, setProfiles] = useState(null);
  const [tags, setTags] = useState([]);
  const [editing, setEditing] = useState(null);
  const load = () => Promise.all([sonarr('delayprofile'), sonarr('tag')])
    .then(([p, t]) => { setProfiles(p); setTags(t); }).catch(toastError);
  useEffect(() => { load(); }, []);
  const tagLabel = (id) => tags.find((t) => t.id === id)?.label ?? `tag ${id}`;
  const remove = async (p) => {
    if (!await confirmDialog('Delete delay profile', `Series tagged ${p.tags.map(tagLabel).join(', ')} fall back to the next profile.`)) return;
    try { await sonarr(`delayprofile/${p.id}`, { method: 'DELETE' }); load(); } catch (e) { toastError(e); }
  };
  const moveUp = async (p, i) => {
    try {
      await sonarr(`delayprofile/reorder/${p.id}`, { method: 'PUT', query: i > 1 ? { after: profiles[i - 2].id } : undefined });
      load();
    } catch (e) { toastError(e); }
  };
  const fresh = { enableUsenet: true, enableTorrent: true, preferredProtocol: 'usenet', usenetDelay: 60, torrentDelay: 0,
    bypassIfHighestQuality: true, bypassIfAboveCustomFormatScore: false, minimumCustomFormatScore: 0, tags: [] };
  return html`<section class="card settings-card" aria-labelledby="delay-profiles"><h2 id="delay-profiles">Delay profiles</h2>
    <p class="muted">The first profile with a tag of the series applies; the last one applies to all others.</p>
    ${!profiles ? html`<p class="loading" aria-busy="true">Loading…</p>` : html`<ul class="provider-cards">
      ${profiles.map((p, i) => html`<li key=${p.id} class="provider-card" data-delay-profile=${p.id}>
        <div class="provider-head"><h3>${p.id === GLOBAL ? 'All other series' : p.tags.map(tagLabel).join(', ')}</h3>
          <div class="tv-row-actions">
            ${p.id !== GLOBAL && i > 0 && html`<${IconButton} icon="up" label=${'Move up delay profile ' + p.id} onClick=${() => moveUp(p, i)} />`}
            <${IconButton} icon="edit" label=${'Edit delay profile ' + p.id} onClick=${() => setEditing(p)} />
            ${p.id !== GLOBAL && html`<${IconButton} icon="trash" label=${'Delete delay profile ' + p.id} onClick=${() => remove(p)} />`}
          </div></div>
        <small class="muted">Usenet: ${minutes(p.usenetDelay)}${p.bypassIfHighestQuality ? ' · best quality at once' : ''}</small></li>`)}
    </ul>`}
    <div class="section-actions"><${ActionButton} icon="plus" onClick=${() => setEditing(fresh)}>Add delay profile</${ActionButton}></div>
    ${editing && html`<${DelayEditor} profile=${editing} tags=${tags} onClose=${() => setEditing(null)}
      onSaved=${() => { setEditing(null); load(); }} />`}
  </section>`;
}
