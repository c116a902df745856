// Pieces the series index, add and details pages share: posters, profile and
// root-folder lists, status words and the PUT that saves a series.
import { sonarr } from '../../lib/api.js';
import { html, useEffect, useState } from '../../lib/html.js';
import { pref } from '../../lib/store.js';

// Posters are TVMaze URLs on another host; loading them tells that host what
// the user watches and fails offline, so they are opt-in (Series › Options).
export const remotePosters = pref('series.remotePosters', false);

export function posterUrl(series) {
  if (!remotePosters.value) return '';
  const img = (series.images || []).find((i) => i.coverType === 'poster') || series.images?.[0];
  return img?.remoteUrl || '';
}

// A poster, or a neutral tile with the title when there is none.
export function Poster({ series, size = '' }) {
  const url = posterUrl(series);
  if (url) {
    return html`<img class=${'poster ' + size} src=${url} alt="" loading="lazy" decoding="async" />`;
  }
  return html`<div class=${'poster poster-empty ' + size} aria-hidden="true"><span>${series.title}</span></div>`;
}

export const statusText = (s) => (s.ended ? 'Ended' : s.status === 'upcoming' ? 'Upcoming' : 'Continuing');

export const seriesTypes = [
  { value: 'standard', label: 'Standard' }, { value: 'daily', label: 'Daily' }, { value: 'anime', label: 'Anime' },
];

// Lists that rarely change: fetched once per page visit.
export function useList(path) {
  const [list, setList] = useState(null);
  const reload = () => sonarr(path).then(setList, () => setList([]));
  useEffect(() => { reload(); }, [path]);
  return [list, reload];
}

export function profileName(profiles, id) {
  return profiles?.find((p) => p.id === id)?.name || '';
}

// Saves a whole series resource (the public API has no partial update).
export function saveSeries(series) {
  return sonarr(`series/${series.id}`, { method: 'PUT', body: series });
}

// "3/7" files of monitored episodes, and how full the bar is.
export function episodeProgress(stats = {}) {
  const have = stats.episodeFileCount || 0, want = stats.episodeCount || 0;
  return { have, want, pct: want ? (100 * have) / want : 0, done: want > 0 && have >= want };
}
