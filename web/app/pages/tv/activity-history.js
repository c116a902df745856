// Activity → History (GET /history, filtered and paged by the server) and
// Blocklist (GET/DELETE /blocklist).
import { sonarr } from '../../lib/api.js';
import { formatDateTime } from '../../lib/format.js';
import { html, useState } from '../../lib/html.js';
import { toast, toastError } from '../../lib/toast.js';
import { ActionButton, Empty, IconButton, Pager, confirmDialog } from '../../lib/ui.js';
import { episodeCode } from './episode.js';
import { usePaged } from './paged.js';

const events = [
  ['', 'All events'], ['grabbed', 'Grabbed'], ['downloadFolderImported', 'Imported'],
  ['downloadFailed', 'Failed'], ['episodeFileDeleted', 'Deleted'], ['episodeFileRenamed', 'Renamed'],
  ['downloadIgnored', 'Ignored'],
];
const eventLabel = (t) => events.find(([k]) => k === t)?.[1] ?? t;
const eventChip = { grabbed: '', downloadFolderImported: 'tv-ok', downloadFailed: 'tv-bad' };

function seriesCell(r) {
  const name = r.series?.title ?? (r.seriesId ? 'Series ' + r.seriesId : '');
  return r.seriesId ? html`<a href=${'#/series/' + r.seriesId}>${name}</a>` : name;
}

// Sonarr's "Mark as failed": the grab is blocklisted and the episodes are
// searched again (POST /history/failed/{id}).
async function markFailed(r, reload) {
  if (!await confirmDialog('Mark as failed', `Mark ${r.sourceTitle} as failed? It is blocklisted and the episodes are searched again.`,
    'Mark as failed')) return;
  try {
    await sonarr(`history/failed/${r.id}`, { method: 'POST' });
    toast(`${r.sourceTitle} marked as failed`, 'success');
    reload();
  } catch (e) { toastError(e); }
}

export function HistoryTab() {
  const [eventType, setEventType] = useState('');
  const list = usePaged('history', { sortKey: 'date', sortDirection: 'descending', includeSeries: 'true',
    includeEpisode: 'true', ...(eventType ? { eventType } : {}) }, { every: 10000, pageSize: 20 });
  const rows = list.records;
  return html`
    <div class="tv-toolbar">
      <label for="history-event">Event</label>
      <select id="history-event" value=${eventType} onChange=${(e) => { setEventType(e.currentTarget.value); list.setPage(1); }}>
        ${events.map(([k, label]) => html`<option key=${k} value=${k}>${label}</option>`)}</select>
    </div>
    ${list.error && html`<p class="chip tv-bad" role="alert">${list.error}</p>`}
    ${list.data === null ? html`<p class="loading" aria-busy="true">Loading…</p>`
      : rows.length === 0 ? html`<${Empty}>No history${eventType ? ' for this event' : ''} yet.</${Empty}>` : html`
    <table class="list cards" aria-label="History">
      <thead><tr><th>Event</th><th>Series</th><th>Episode</th><th>Source</th><th>Quality</th><th>Date</th>
        <th><span class="sr-only">Actions</span></th></tr></thead>
      <tbody>${rows.map((r) => html`<tr key=${r.id} data-history-id=${r.id} data-event=${r.eventType}>
        <td><span class=${'chip ' + (eventChip[r.eventType] ?? '')}>${eventLabel(r.eventType)}</span></td>
        <td data-label="Series">${seriesCell(r)}</td>
        <td data-label="Episode">${r.episode ? episodeCode(r.episode) : ''}</td>
        <td class="title-cell" data-label="Source">${r.sourceTitle}
          ${r.data?.message && html`<div class="muted">${r.data.message}</div>`}</td>
        <td data-label="Quality">${r.quality?.quality?.name ?? ''}</td>
        <td data-label="Date">${formatDateTime(r.date)}</td>
        <td>${r.eventType === 'grabbed' && r.downloadId && html`<${IconButton} icon="x"
          label=${`Mark ${r.sourceTitle} as failed`} onClick=${() => markFailed(r, list.reload)} />`}</td></tr>`)}</tbody>
    </table>`}
    <${Pager} page=${list.page} pages=${list.pages} onPage=${list.setPage} />`;
}

export function BlocklistTab() {
  const list = usePaged('blocklist', { sortKey: 'date', sortDirection: 'descending' }, { every: 15000 });
  const removeOne = async (r) => {
    if (!(await confirmDialog('Remove from blocklist', `Allow ${r.sourceTitle} to be grabbed again?`, 'Remove'))) return;
    await sonarr(`blocklist/${r.id}`, { method: 'DELETE' }).then(() => toast('Removed from the blocklist'), toastError);
    list.reload();
  };
  // nzbd has DELETE /blocklist/bulk {ids}; clearing sends every id on every page.
  const clear = async () => {
    if (!(await confirmDialog('Clear blocklist', `Remove all ${list.total} releases from the blocklist?`, 'Clear'))) return;
    try {
      const all = await sonarr('blocklist', { query: { page: 1, pageSize: 10000 } });
      await sonarr('blocklist/bulk', { method: 'DELETE', body: { ids: all.records.map((r) => r.id) } });
      toast('Blocklist cleared');
    } catch (e) { toastError(e); }
    list.reload();
  };
  return html`
    <div class="tv-toolbar"><span class="muted">${list.total} releases</span><span class="tv-spacer"></span>
      <${ActionButton} icon="trash" class="btn-danger" disabled=${list.total === 0} onClick=${clear}>Clear blocklist</${ActionButton}></div>
    ${list.error && html`<p class="chip tv-bad" role="alert">${list.error}</p>`}
    ${list.data === null ? html`<p class="loading" aria-busy="true">Loading…</p>`
      : list.total === 0 ? html`<${Empty}>The blocklist is empty.</${Empty}>` : html`
    <table class="list cards" aria-label="Blocklist">
      <thead><tr><th>Series</th><th>Source</th><th>Quality</th><th>Indexer</th><th>Date</th>
        <th><span class="sr-only">Actions</span></th></tr></thead>
      <tbody>${list.records.map((r) => html`<tr key=${r.id} data-blocklist-id=${r.id}>
        <td>${seriesCell(r)}</td>
        <td class="title-cell" data-label="Source">${r.sourceTitle}${r.message && html`<div class="muted">${r.message}</div>`}</td>
        <td data-label="Quality">${r.quality?.quality?.name ?? ''}</td>
        <td data-label="Indexer">${r.indexer}</td>
        <td data-label="Date">${formatDateTime(r.date)}</td>
        <td><div class="tv-row-actions"><${IconButton} icon="trash" label=${'Remove ' + r.sourceTitle + ' from the blocklist'}
          onClick=${() => removeOne(r)} /></div></td></tr>`)}</tbody>
    </table>`}
    <${Pager} page=${list.page} pages=${list.pages} onPage=${list.setPage} />`;
}
