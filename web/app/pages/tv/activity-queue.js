// Activity → Queue: what Sonarr-side grabs are downloading (GET /queue),
// refreshed every 2 s, with a remove dialog offering DELETE /queue/{id}'s
// options (remove from client, blocklist, skip redownload). Releases a delay
// profile holds back (status delay / fallback / downloadClientUnavailable)
// can be grabbed at once (POST /queue/grab/{id}).
import { sonarr } from '../../lib/api.js';
import { formatBytes } from '../../lib/format.js';
import { html, useState } from '../../lib/html.js';
import { toast, toastError } from '../../lib/toast.js';
import { ActionButton, Empty, IconButton, Modal, Pager, Progress, Toggle } from '../../lib/ui.js';
import { episodeCode } from './episode.js';
import { usePaged } from './paged.js';

// Sonarr's "d.hh:mm:ss" / "hh:mm:ss" time left, shortened for reading.
function timeLeft(span) {
  if (!span) return '';
  const m = /^(?:(\d+)\.)?(\d+):(\d+):(\d+)/.exec(span);
  if (!m) return span;
  const [, d, h, min, s] = m;
  return d ? `${d}d ${Number(h)}h` : Number(h) ? `${Number(h)}h ${Number(min)}m` : `${Number(min)}m ${Number(s)}s`;
}

const PENDING = new Set(['delay', 'fallback', 'downloadClientUnavailable']);

async function grabNow(r, onDone) {
  try {
    await sonarr(`queue/grab/${r.id}`, { method: 'POST', body: {} });
    toast(`Grabbed ${r.title}`);
    onDone();
  } catch (e) { toastError(e); }
}

function percent(r) { return r.size > 0 ? (1 - r.sizeleft / r.size) * 100 : 0; }

function RemoveDialog({ item, onClose, onDone }) {
  const [fromClient, setFromClient] = useState(true);
  const [blocklist, setBlocklist] = useState(false);
  const [skip, setSkip] = useState(false);
  const remove = async () => {
    try {
      await sonarr(`queue/${item.id}`, { method: 'DELETE', query: { removeFromClient: String(fromClient),
        blocklist: String(blocklist), skipRedownload: String(blocklist && skip) } });
      toast(`Removed ${item.title}`);
      onDone();
    } catch (e) { toastError(e); }
  };
  return html`<${Modal} open=${!!item} title="Remove from queue" onClose=${onClose}
    footer=${html`<button type="button" class="btn" onClick=${onClose}>Cancel</button>
      <${ActionButton} class="btn-danger" icon="trash" onClick=${remove}>Remove</${ActionButton}>`}>
    <p>Remove <strong>${item.title}</strong> from the queue?</p>
    <div class="remove-options">
      <${Toggle} label="Remove from download client" checked=${fromClient} onChange=${setFromClient} />
      <${Toggle} label="Add release to blocklist" checked=${blocklist} onChange=${setBlocklist} />
      ${blocklist && html`<${Toggle} label="Skip redownload (do not search again)" checked=${skip} onChange=${setSkip} />`}
    </div></${Modal}>`;
}

function QueueRow({ r, onRemove, onChange }) {
  const series = r.series?.title ?? (r.seriesId ? 'Series ' + r.seriesId : 'Unknown series');
  const state = r.trackedDownloadStatus === 'error' || r.status === 'failed' ? 'missing'
    : r.status === 'paused' ? 'paused' : r.status === 'completed' ? 'done' : '';
  return html`<tr data-queue-id=${r.id}>
    <td>${r.seriesId ? html`<a href=${'#/series/' + r.seriesId}>${series}</a>` : series}</td>
    <td data-label="Episode">${r.episode ? `${episodeCode(r.episode)} · ${r.episode.title || ''}` : ''}</td>
    <td class="title-cell" data-label="Release"><a href="#/downloads" title="In the downloads queue">${r.title}</a>
      ${r.errorMessage && html`<div class="muted">${r.errorMessage}</div>`}</td>
    <td data-label="Quality"><span class="chip">${r.quality?.quality?.name ?? ''}</span></td>
    <td data-label="Status">${r.status}${r.trackedDownloadState ? ` (${r.trackedDownloadState})` : ''}</td>
    <td data-label="Progress"><${Progress} value=${percent(r)} state=${state}
      label=${`${series}: ${Math.round(percent(r))}% of ${formatBytes(r.size)}`} />
      <small class="muted">${formatBytes(r.size - r.sizeleft)} / ${formatBytes(r.size)}</small></td>
    <td data-label="Time left" class="num">${timeLeft(r.timeleft) || 'unknown'}</td>
    <td><div class="tv-row-actions">
      ${PENDING.has(r.status) && html`<${IconButton} icon="download" label=${'Grab now ' + r.title}
        onClick=${() => grabNow(r, onChange)} />`}
      <${IconButton} icon="trash" label=${'Remove ' + r.title} onClick=${() => onRemove(r)} /></div></td>
  </tr>`;
}

export function QueueTab() {
  const list = usePaged('queue', { includeSeries: 'true', includeEpisode: 'true' }, { every: 2000 });
  const [removing, setRemoving] = useState(null);
  if (list.data === null) return html`<p class="loading" aria-busy="true">Loading…</p>`;
  return html`
    ${list.error && html`<p class="chip tv-bad" role="alert">${list.error}</p>`}
    ${list.total === 0 ? html`<${Empty}>Nothing from the TV side is downloading.</${Empty}>` : html`
    <table class="list cards" aria-label="Queue">
      <thead><tr><th>Series</th><th>Episode</th><th>Release</th><th>Quality</th><th>Status</th>
        <th>Progress</th><th>Time left</th><th><span class="sr-only">Actions</span></th></tr></thead>
      <tbody>${list.records.map((r) => html`<${QueueRow} key=${r.id} r=${r} onRemove=${setRemoving}
        onChange=${list.reload} />`)}</tbody>
    </table>`}
    <${Pager} page=${list.page} pages=${list.pages} onPage=${list.setPage} />
    ${removing && html`<${RemoveDialog} item=${removing} onClose=${() => setRemoving(null)}
      onDone=${() => { setRemoving(null); list.reload(); }} />`}`;
}
