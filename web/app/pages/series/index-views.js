// The series index's two views: poster cards and a table. Both take the same
// sorted list and, in select mode, show a checkbox per series.
import { html } from '../../lib/html.js';
import { formatBytes, formatDate } from '../../lib/format.js';
import { Progress } from '../../lib/ui.js';
import { Poster, episodeProgress, profileName, statusText } from './common.js';

function SelectBox({ series, selected, onSelect }) {
  return html`<input type="checkbox" class="series-select" aria-label=${'Select ' + series.title}
    checked=${selected.has(series.id)} onChange=${(e) => onSelect(series.id, e.currentTarget.checked)} />`;
}

function EpisodeBar({ series }) {
  const p = episodeProgress(series.statistics);
  return html`<div class="series-progress">
    <${Progress} value=${p.pct} label=${`${series.title}: ${p.have} of ${p.want} episodes`} state=${p.done ? 'done' : p.have < p.want ? 'missing' : ''} />
    <span class="num">${p.have}/${p.want}</span></div>`;
}

export function PosterGrid({ list, selecting, selected, onSelect }) {
  return html`<ul class="series-posters">${list.map((s) => html`<li key=${s.id}
      class=${'series-card card' + (s.monitored ? '' : ' unmonitored')}>
    ${selecting && html`<${SelectBox} series=${s} selected=${selected} onSelect=${onSelect} />`}
    <a href=${'#/series/' + s.id} class="series-card-link"><${Poster} series=${s} />
      <span class="series-card-title">${s.title}</span></a>
    <div class="series-card-meta muted">${s.network || '—'} · ${statusText(s)}${s.monitored ? '' : ' · Unmonitored'}</div>
    <${EpisodeBar} series=${s} />
  </li>`)}</ul>`;
}

function TagList({ ids, tags }) {
  const names = (ids || []).map((id) => tags?.find((t) => t.id === id)?.label).filter(Boolean);
  return names.length ? names.map((n) => html`<span key=${n} class="tag">${n}</span> `) : '—';
}

export function SeriesTable({ list, profiles, tags, selecting, selected, onSelect }) {
  return html`<table class="list cards series-table">
    <thead><tr>${selecting && html`<th><span class="sr-only">Select</span></th>`}
      <th>Status</th><th>Title</th><th>Network</th><th>Quality profile</th><th>Next airing</th>
      <th>Previous airing</th><th class="num">Seasons</th><th>Episodes</th><th class="num">Size</th><th>Tags</th></tr></thead>
    <tbody>${list.map((s) => html`<tr key=${s.id} class=${s.monitored ? '' : 'unmonitored'}>
      ${selecting && html`<td><${SelectBox} series=${s} selected=${selected} onSelect=${onSelect} /></td>`}
      <td data-label="Status">${statusText(s)}${s.monitored ? '' : html` <span class="tag">Unmonitored</span>`}</td>
      <td data-label="Title"><a href=${'#/series/' + s.id}>${s.title}</a></td>
      <td data-label="Network">${s.network || '—'}</td>
      <td data-label="Quality profile">${profileName(profiles, s.qualityProfileId)}</td>
      <td data-label="Next airing">${s.nextAiring ? formatDate(s.nextAiring) : '—'}</td>
      <td data-label="Previous airing">${s.previousAiring ? formatDate(s.previousAiring) : '—'}</td>
      <td data-label="Seasons" class="num">${s.statistics?.seasonCount ?? 0}</td>
      <td data-label="Episodes"><${EpisodeBar} series=${s} /></td>
      <td data-label="Size" class="num">${formatBytes(s.statistics?.sizeOnDisk)}</td>
      <td data-label="Tags"><${TagList} ids=${s.tags} tags=${tags} /></td>
    </tr>`)}</tbody></table>`;
}
