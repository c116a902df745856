// Interactive search for one episode: every release the indexers return
// (GET /release?episodeId=), with why nzbd would not take it, and Grab.
import { sonarr } from '../../lib/api.js';
import { formatAge, formatBytes } from '../../lib/format.js';
import { html, useEffect, useState } from '../../lib/html.js';
import { toast } from '../../lib/toast.js';
import { ActionButton, Empty, Modal } from '../../lib/ui.js';

function ReleaseRow({ release, outcome, onGrab }) {
  const r = release;
  const age = r.publishDate ? formatAge((Date.now() - Date.parse(r.publishDate)) / 1000) : '';
  return html`<tr class=${r.rejected ? 'rejected' : ''}>
    <td data-label="Release"><span class="release-title">${r.title}</span>
      ${r.rejected && html`<div class="status-warn">Rejected</div><ul class="rejections" aria-label="Rejected because">
        ${(r.rejections || []).map((why, i) => html`<li key=${i}>${why}</li>`)}</ul>`}</td>
    <td data-label="Indexer">${r.indexer}</td>
    <td data-label="Size" class="num">${formatBytes(r.size)}</td>
    <td data-label="Age" class="num">${age}</td>
    <td data-label="Quality">${r.quality?.quality?.name || ''}</td>
    <td data-label="Grab">${outcome?.ok ? html`<span class="status-ok">Grabbed</span>`
      : html`<${ActionButton} icon="download" class=${r.rejected ? '' : 'btn-primary'} aria-label=${'Grab ' + r.title}
          onClick=${() => onGrab(r)}>Grab</${ActionButton}>`}
      ${outcome && !outcome.ok && html`<span class="status-bad">${outcome.message}</span>`}</td>
  </tr>`;
}

export function InteractiveSearch({ episode, label, onClose }) {
  const [releases, setReleases] = useState(null);
  const [error, setError] = useState('');
  const [outcomes, setOutcomes] = useState({});  // guid → {ok, message}
  useEffect(() => {
    sonarr('release', { query: { episodeId: episode.id } }).then(setReleases, (e) => { setError(e.message); setReleases([]); });
  }, [episode.id]);

  const grab = async (r) => {
    try {
      await sonarr('release', { method: 'POST', body: { guid: r.guid, indexerId: r.indexerId } });
      setOutcomes((o) => ({ ...o, [r.guid]: { ok: true } }));
      toast(`Sent ${r.title} to the queue`, 'success');
    } catch (e) {
      setOutcomes((o) => ({ ...o, [r.guid]: { ok: false, message: e.message } }));
    }
  };

  return html`<${Modal} open=${true} wide title=${'Interactive search: ' + label} onClose=${onClose}>
    ${releases === null ? html`<p class="loading" aria-busy="true">Asking the indexers…</p>`
      : error ? html`<p class="status-bad">Search failed: ${error}</p>`
      : !releases.length ? html`<${Empty}>No releases found.</${Empty}>`
      : html`<p class="muted">${releases.length} releases, ${releases.filter((r) => !r.rejected).length} acceptable.</p>
        <table class="list cards releases"><thead><tr><th>Release</th><th>Indexer</th><th class="num">Size</th>
          <th class="num">Age</th><th>Quality</th><th>Grab</th></tr></thead>
        <tbody>${releases.map((r) => html`<${ReleaseRow} key=${r.guid + ':' + r.indexerId} release=${r}
          outcome=${outcomes[r.guid]} onGrab=${grab} />`)}</tbody></table>`}
  </${Modal}>`;
}
