// One season on the series page: monitored toggle, counts, search, and the
// episode list (status from the files and the download queue).
import { runCommand } from '../../lib/api.js';
import { formatBytes, formatDate, formatDateTime } from '../../lib/format.js';
import { html, useRef, useState } from '../../lib/html.js';
import { Icon } from '../../lib/icons.js';
import { toast, toastError } from '../../lib/toast.js';
import { ActionButton, IconButton, Progress, Toggle } from '../../lib/ui.js';
import { InteractiveSearch } from './interactive-search.js';

const pad = (n) => String(n).padStart(2, '0');
export const episodeCode = (e) => `S${pad(e.seasonNumber)}E${pad(e.episodeNumber)}`;
export const seasonName = (n) => (n === 0 ? 'Specials' : `Season ${n}`);

// What the row says about an episode, in order of what matters most.
function episodeStatus(ep, file, queued) {
  if (file) return { kind: 'ok', text: 'Downloaded', detail: `${file.quality?.quality?.name || ''} · ${formatBytes(file.size)}` };
  if (queued) {
    const pct = queued.size ? 100 * (1 - queued.sizeleft / queued.size) : 0;
    return { kind: 'info', text: 'Downloading', pct };
  }
  if (!ep.airDateUtc || Date.parse(ep.airDateUtc) > Date.now()) return { kind: 'muted', text: 'Unaired' };
  if (!ep.monitored) return { kind: 'muted', text: 'Unmonitored' };
  return { kind: 'bad', text: 'Missing' };
}

async function searchCommand(name, extra, what) {
  try { await runCommand(name, extra); toast(`${what}: search finished`, 'success'); } catch (e) { toastError(e); }
}

function EpisodeRow({ ep, file, queued, onMonitor, onInteractive }) {
  const status = episodeStatus(ep, file, queued);
  const code = episodeCode(ep);
  // A shift-click on a label does not toggle its checkbox in browsers, so the
  // range click is caught before the label sees it.
  const rangeClick = (e) => {
    if (!e.shiftKey) return;
    e.preventDefault();
    onMonitor(ep, !ep.monitored, true);
  };
  return html`<tr class=${ep.monitored ? '' : 'unmonitored'}>
    <td data-label="Monitored" onClickCapture=${rangeClick}>
      <${Toggle} hideLabel label=${'Monitor ' + code} checked=${ep.monitored} onChange=${(v) => onMonitor(ep, v, false)} /></td>
    <td data-label="Episode" class="num">${ep.episodeNumber}</td>
    <td data-label="Title">${ep.title || 'TBA'}</td>
    <td data-label="Air date">${ep.airDateUtc ? html`<time datetime=${ep.airDateUtc} title=${formatDateTime(ep.airDateUtc)}>
      ${formatDate(ep.airDateUtc)}</time>` : 'TBA'}</td>
    <td data-label="Status"><span class=${'ep-status status-' + status.kind}>${status.text}</span>
      ${status.detail && html` <span class="muted">${status.detail}</span>`}
      ${status.pct !== undefined && html`<${Progress} value=${status.pct} label=${code + ' download'} />`}</td>
    <td data-label="Search" class="ep-actions">
      <${ActionButton} icon="search" class="icon-only" aria-label=${'Search ' + code} title=${'Search ' + code}
        onClick=${() => searchCommand('EpisodeSearch', { episodeIds: [ep.id] }, code)} />
      <${IconButton} icon="menu" label=${'Interactive search ' + code} onClick=${() => onInteractive(ep)} /></td>
  </tr>`;
}

export function Season({ series, season, episodes, files, queue, onMonitor, onMonitorEpisodes }) {
  const [open, setOpen] = useState(false);
  const [picking, setPicking] = useState(null);
  const n = season.seasonNumber;
  const stats = season.statistics || {};
  const name = seasonName(n);
  const list = episodes.filter((e) => e.seasonNumber === n).sort((a, b) => b.episodeNumber - a.episodeNumber);
  const fileOf = (ep) => (ep.episodeFileId ? files.find((f) => f.id === ep.episodeFileId) : null);
  const queuedOf = (ep) => queue.find((q) => q.episodeId === ep.id);
  const bodyId = `season-${n}-episodes`;
  const anchor = useRef(null);  // the last toggled episode: shift-click sets the range from it
  const monitorEpisodes = (ep, monitored, range) => {
    const from = range && list.find((e) => e.id === anchor.current);
    const [lo, hi] = from ? [Math.min(from.episodeNumber, ep.episodeNumber), Math.max(from.episodeNumber, ep.episodeNumber)] : [];
    const ids = from ? list.filter((e) => e.episodeNumber >= lo && e.episodeNumber <= hi).map((e) => e.id) : [ep.id];
    anchor.current = ep.id;
    return onMonitorEpisodes(ids, monitored);
  };
  return html`<section class=${'season card' + (season.monitored ? '' : ' unmonitored')} aria-labelledby=${'season-' + n}>
    <header class="season-head">
      <${Toggle} hideLabel label=${'Monitor ' + name} checked=${season.monitored} onChange=${(v) => onMonitor(n, v)} />
      <h2 id=${'season-' + n}>${name}</h2>
      <span class="season-count" title="Files of monitored episodes">${stats.episodeFileCount || 0}/${stats.episodeCount || 0}
        <span class="muted"> episodes · ${stats.totalEpisodeCount || 0} total · ${formatBytes(stats.sizeOnDisk)}</span></span>
      <div class="season-actions">
        <${ActionButton} icon="search" onClick=${() => searchCommand('SeasonSearch', { seriesId: series.id, seasonNumber: n }, name)}
          aria-label=${'Search ' + name}>Search</${ActionButton}>
        <button type="button" class="btn" aria-expanded=${String(open)} aria-controls=${bodyId}
          aria-label=${(open ? 'Hide episodes of ' : 'Show episodes of ') + name} onClick=${() => setOpen(!open)}>
          <${Icon} name=${open ? 'up' : 'down'} /><span>Episodes</span></button>
      </div>
    </header>
    ${open && html`<div id=${bodyId}>${list.length > 1 && html`<p class="hint range-hint">Shift-click a second switch to set a range.</p>`}${!list.length ? html`<p class="muted">No episodes.</p>`
      : html`<table class="list cards episodes"><thead><tr><th><span class="sr-only">Monitored</span></th><th class="num">#</th>
          <th>Title</th><th>Air date</th><th>Status</th><th><span class="sr-only">Search</span></th></tr></thead>
        <tbody>${list.map((ep) => html`<${EpisodeRow} key=${ep.id} ep=${ep} file=${fileOf(ep)} queued=${queuedOf(ep)}
          onMonitor=${monitorEpisodes} onInteractive=${setPicking} />`)}</tbody></table>`}</div>`}
    ${picking && html`<${InteractiveSearch} episode=${picking} label=${`${series.title} ${episodeCode(picking)}`}
      onClose=${() => setPicking(null)} />`}
  </section>`;
}
