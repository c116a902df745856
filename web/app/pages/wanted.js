// Wanted (#/wanted/missing, #/wanted/cutoff): monitored episodes that aired
// without a file, and files below their profile's cutoff, with search and
// unmonitor for the selected ones and a search for all of them.
import { runCommand, sonarr } from '../lib/api.js';
import { html } from '../lib/html.js';
import { formatDateTime } from '../lib/format.js';
import { toast, toastError } from '../lib/toast.js';
import { ActionButton, Empty, Pager, Page, Tabs } from '../lib/ui.js';
import { episodeCode } from './tv/episode.js';
import { usePaged } from './tv/paged.js';
import { SelectAll, SelectRow, useSelection } from './tv/selection.js';

const tabs = [{ href: '/wanted/missing', label: 'Missing' }, { href: '/wanted/cutoff', label: 'Cutoff unmet' }];

function EpisodeRows({ list, sel, cutoff }) {
  return html`<table class="list cards">
    <thead><tr><th class="sel-cell"><${SelectAll} sel=${sel} label="Select all episodes on this page" /></th>
      <th>Series</th><th>Episode</th><th>Title</th><th>Aired</th>${cutoff && html`<th>Quality</th>`}</tr></thead>
    <tbody>${list.records.map((e) => {
      const name = `${e.series?.title ?? 'Series ' + e.seriesId} ${episodeCode(e)}`;
      return html`<tr key=${e.id} data-episode-id=${e.id}>
        <td class="sel-cell"><${SelectRow} sel=${sel} id=${e.id} label=${'Select ' + name} /></td>
        <td><a href=${'#/series/' + e.seriesId}>${e.series?.title ?? 'Series ' + e.seriesId}</a></td>
        <td data-label="Episode">${episodeCode(e)}</td>
        <td class="title-cell" data-label="Title">${e.title || 'TBA'}</td>
        <td data-label="Aired">${formatDateTime(e.airDateUtc)}</td>
        ${cutoff && html`<td data-label="Quality">${e.episodeFile?.quality?.quality?.name ?? ''}</td>`}
      </tr>`;
    })}</tbody></table>`;
}

function WantedList({ kind }) {
  const cutoff = kind === 'cutoff';
  const list = usePaged(cutoff ? 'wanted/cutoff' : 'wanted/missing', { monitored: 'true', includeSeries: 'true',
    sortKey: 'episodes.airDateUtc', sortDirection: 'descending' });
  const sel = useSelection(list.records);

  const searchSelected = () => runCommand('EpisodeSearch', { episodeIds: sel.selected })
    .then((c) => { toast(c.message || `Searched for ${sel.selected.length} episodes`); sel.clear(); list.reload(); })
    .catch(toastError);
  const unmonitorSelected = () => sonarr('episode/monitor', { method: 'PUT',
    body: { episodeIds: sel.selected, monitored: false } })
    .then(() => { toast(`Unmonitored ${sel.selected.length} episodes`); sel.clear(); return list.reload(); })
    .catch(toastError);
  const command = cutoff ? 'CutoffUnmetEpisodeSearch' : 'MissingEpisodeSearch';
  const searchAll = () => runCommand(command).then((c) => { toast(c.message || 'Search finished'); list.reload(); })
    .catch(toastError);
  const none = sel.selected.length === 0;

  return html`
    <div class="tv-toolbar" role="toolbar" aria-label="Episodes">
      <${ActionButton} icon="search" disabled=${none} onClick=${searchSelected}>Search selected</${ActionButton}>
      ${!cutoff && html`<${ActionButton} icon="bookmark-off" disabled=${none}
        onClick=${unmonitorSelected}>Unmonitor selected</${ActionButton}>`}
      <span class="tv-spacer"></span>
      <span class="muted">${list.total} episodes</span>
      <${ActionButton} icon="search" disabled=${list.total === 0}
        onClick=${searchAll}>${cutoff ? 'Search all cutoff unmet' : 'Search all missing'}</${ActionButton}>
    </div>
    ${list.error && html`<p class="chip tv-bad" role="alert">${list.error}</p>`}
    ${list.data === null ? html`<p class="loading" aria-busy="true">Loading…</p>`
      : list.total === 0 ? html`<${Empty}>${cutoff ? 'Every episode meets its cutoff.' : 'No missing episodes.'}</${Empty}>`
      : html`<${EpisodeRows} list=${list} sel=${sel} cutoff=${cutoff} />`}
    <${Pager} page=${list.page} pages=${list.pages} onPage=${list.setPage} />`;
}

export default function WantedPage({ route }) {
  const kind = route.parts[1] === 'cutoff' ? 'cutoff' : 'missing';
  return html`<${Page} title=${kind === 'cutoff' ? 'Wanted: cutoff unmet' : 'Wanted: missing'}>
    <${Tabs} items=${tabs} current=${'/wanted/' + kind} label="Wanted" />
    <${WantedList} key=${kind} kind=${kind} />
  </${Page}>`;
}
