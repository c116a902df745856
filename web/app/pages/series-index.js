// Series index (#/series): every series as posters or a table, sorted and
// filtered in the browser, with Update all, RSS sync and a select mode.
import { runCommand, sonarr } from '../lib/api.js';
import { html, useMemo, useState } from '../lib/html.js';
import { formatBytes } from '../lib/format.js';
import { Icon } from '../lib/icons.js';
import { usePoll } from '../lib/poll.js';
import { pref } from '../lib/store.js';
import { toast, toastError } from '../lib/toast.js';
import { ActionButton, Empty, Page, Toggle } from '../lib/ui.js';
import { remotePosters, saveSeries, useList } from './series/common.js';
import { PosterGrid, SeriesTable } from './series/index-views.js';

const view = pref('series.view', 'posters');
const sortKey = pref('series.sort', 'title');
const filterKey = pref('series.filter', 'all');

const time = (v) => (v ? Date.parse(v) : NaN);
// Each sort puts series without the value last.
const sorts = {
  title: { label: 'Title', cmp: (a, b) => (a.sortTitle || a.title).localeCompare(b.sortTitle || b.title) },
  nextAiring: { label: 'Next airing', key: (s) => time(s.nextAiring) },
  previousAiring: { label: 'Previous airing', key: (s) => -time(s.previousAiring) },
  added: { label: 'Added (newest)', key: (s) => -time(s.added) },
  network: { label: 'Network', cmp: (a, b) => (a.network || '~').localeCompare(b.network || '~') },
  size: { label: 'Size on disk', key: (s) => -(s.statistics?.sizeOnDisk || 0) },
};
const filters = { all: 'All', monitored: 'Monitored only', unmonitored: 'Unmonitored only' };

function sortList(list, key) {
  const s = sorts[key] || sorts.title;
  const cmp = s.cmp || ((a, b) => {
    const x = s.key(a), y = s.key(b);
    if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) - Number.isNaN(y);
    return x - y;
  });
  return [...list].sort((a, b) => cmp(a, b) || sorts.title.cmp(a, b));
}

function Controls() {
  return html`<div class="series-controls">
    <div class="segmented" role="group" aria-label="View">
      ${[['posters', 'Posters'], ['table', 'Table']].map(([v, label]) => html`<button key=${v} type="button"
        class="btn" aria-pressed=${String(view.value === v)} onClick=${() => { view.value = v; }}>${label}</button>`)}
    </div>
    <span class="inline-field"><label for="series-sort">Sort</label>
      <select id="series-sort" value=${sortKey.value} onChange=${(e) => { sortKey.value = e.currentTarget.value; }}>
        ${Object.entries(sorts).map(([k, s]) => html`<option key=${k} value=${k}>${s.label}</option>`)}</select></span>
    <span class="inline-field"><label for="series-filter">Show</label>
      <select id="series-filter" value=${filterKey.value} onChange=${(e) => { filterKey.value = e.currentTarget.value; }}>
        ${Object.entries(filters).map(([k, l]) => html`<option key=${k} value=${k}>${l}</option>`)}</select></span>
    <${Toggle} label="Posters from TVMaze" checked=${remotePosters.value} onChange=${(v) => { remotePosters.value = v; }} />
  </div>`;
}

function Totals({ all, shown }) {
  const monitored = all.filter((s) => s.monitored).length;
  const files = all.reduce((n, s) => n + (s.statistics?.episodeFileCount || 0), 0);
  const size = all.reduce((n, s) => n + (s.statistics?.sizeOnDisk || 0), 0);
  const count = shown === all.length ? `${all.length} series` : `${shown} of ${all.length} series`;
  const text = [count, `${monitored} monitored`, `${all.length - monitored} unmonitored`, `${files} episode files`, formatBytes(size)];
  return html`<p class="series-totals muted" aria-live="polite">${text.join(' · ')}</p>`;
}

// The editor endpoint (/series/editor) is not in nzbd, so each selected
// series gets its own PUT /series/{id}.
async function setMonitored(list, ids, monitored) {
  const chosen = list.filter((s) => ids.has(s.id));
  await Promise.all(chosen.map((s) => saveSeries({ ...s, monitored })));
  toast(`${chosen.length} series ${monitored ? 'monitored' : 'unmonitored'}`, 'success');
}

function SelectBar({ list, selected, setSelected, reload }) {
  const apply = (monitored) => setMonitored(list, selected, monitored).then(() => { setSelected(new Set()); reload(); }, toastError);
  return html`<div class="series-selectbar card" role="region" aria-label="Selection">
    <span>${selected.size} selected</span>
    <button type="button" class="btn" onClick=${() => setSelected(new Set(list.map((s) => s.id)))}>Select all</button>
    <button type="button" class="btn" disabled=${!selected.size} onClick=${() => setSelected(new Set())}>Select none</button>
    <${ActionButton} icon="bookmark" disabled=${!selected.size} onClick=${() => apply(true)}>Monitor</${ActionButton}>
    <${ActionButton} icon="bookmark-off" disabled=${!selected.size} onClick=${() => apply(false)}>Unmonitor</${ActionButton}>
  </div>`;
}

async function command(name, done) {
  try { await runCommand(name); toast(done, 'success'); } catch (e) { toastError(e); }
}

export default function SeriesIndex() {
  const [all, setAll] = useState(null);
  const [profiles] = useList('qualityprofile');
  const [tags] = useList('tag');
  const [selecting, setSelecting] = useState(false);
  const [selected, setSelected] = useState(new Set());
  const load = () => sonarr('series').then(setAll);
  usePoll(load, 10000);

  const list = useMemo(() => {
    const f = filterKey.value;
    const kept = (all || []).filter((s) => f === 'all' || (f === 'monitored') === !!s.monitored);
    return sortList(kept, sortKey.value);
  }, [all, filterKey.value, sortKey.value]);
  const onSelect = (id, on) => setSelected((old) => {
    const next = new Set(old);
    if (on) next.add(id); else next.delete(id);
    return next;
  });

  const actions = html`
    <a class="btn btn-primary" href="#/series/add"><${Icon} name="plus" /><span>Add series</span></a>
    <${ActionButton} icon="refresh" onClick=${() => command('RefreshSeries', 'All series updated')}>Update all</${ActionButton}>
    <${ActionButton} icon="download" onClick=${() => command('RssSync', 'RSS sync finished')}>RSS sync</${ActionButton}>
    <button type="button" class="btn" aria-pressed=${String(selecting)}
      onClick=${() => { setSelecting(!selecting); setSelected(new Set()); }}><${Icon} name="check" /><span>Select</span></button>`;

  const body = all === null ? html`<p class="loading" aria-busy="true">Loading…</p>`
    : !all.length ? html`<${Empty}>No series yet. <a href="#/series/add">Add one</a>.</${Empty}>`
    : !list.length ? html`<${Empty}>No series match this filter.</${Empty}>`
    : view.value === 'table'
      ? html`<${SeriesTable} list=${list} profiles=${profiles} tags=${tags} selecting=${selecting} selected=${selected} onSelect=${onSelect} />`
      : html`<${PosterGrid} list=${list} selecting=${selecting} selected=${selected} onSelect=${onSelect} />`;

  return html`<${Page} title="Series" actions=${actions}>
    <${Controls} />
    ${selecting && html`<${SelectBar} list=${list} selected=${selected} setSelected=${setSelected} reload=${load} />`}
    ${all && html`<${Totals} all=${all} shown=${list.length} />`}
    ${body}
  </${Page}>`;
}
