// One series (#/series/<id>): header, commands, seasons newest first with
// their episodes. Episodes, files and the queue are polled together.
import { runCommand, sonarr } from '../lib/api.js';
import { formatBytes } from '../lib/format.js';
import { html, useEffect, useRef, useState } from '../lib/html.js';
import { Icon } from '../lib/icons.js';
import { hold, usePoll } from '../lib/poll.js';
import { navigate } from '../lib/router.js';
import { toast, toastError } from '../lib/toast.js';
import { ActionButton, Page, Progress, Toggle } from '../lib/ui.js';
import { Poster, episodeProgress, profileName, saveSeries, statusText, useList } from './series/common.js';
import { Season } from './series/season.js';
import { DeleteSeries, EditSeries, RenamePreview } from './series/series-dialogs.js';

async function loadAll(id) {
  const [series, episodes, files, queue] = await Promise.all([
    sonarr(`series/${id}`), sonarr('episode', { query: { seriesId: id } }), sonarr('episodefile', { query: { seriesId: id } }),
    // The queue is small; only this series' records matter here.
    sonarr('queue', { query: { includeEpisode: 'true', pageSize: '1000' } }).catch(() => ({ records: [] })),
  ]);
  return { series, episodes, files, queue: (queue.records || []).filter((q) => q.seriesId === Number(id)) };
}

function Header({ series, profiles, onMonitor }) {
  const p = episodeProgress(series.statistics);
  return html`<div class="series-header card">
    <${Poster} series=${series} />
    <div class="series-facts">
      <${Toggle} label="Monitored" checked=${series.monitored} onChange=${onMonitor} />
      <dl>
        <div><dt>Status</dt><dd>${statusText(series)}</dd></div>
        <div><dt>Network</dt><dd>${series.network || '—'}</dd></div>
        <div><dt>Quality profile</dt><dd>${profileName(profiles, series.qualityProfileId)}</dd></div>
        <div><dt>Path</dt><dd class="series-path">${series.path}</dd></div>
        <div><dt>Size on disk</dt><dd>${formatBytes(series.statistics?.sizeOnDisk)}</dd></div>
        <div><dt>Episodes</dt><dd>${p.have}/${p.want}
          <${Progress} value=${p.pct} label="Episodes downloaded" state=${p.done ? 'done' : 'missing'} /></dd></div>
      </dl>
      <p class="series-overview">${series.overview}</p>
    </div></div>`;
}

async function command(name, extra, done) {
  try { await runCommand(name, extra); toast(done, 'success'); } catch (e) { toastError(e); }
}

export default function SeriesDetail({ route }) {
  const id = route.parts[1];
  const [data, setData] = useState(null);
  const [missing, setMissing] = useState('');
  const [dialog, setDialog] = useState('');
  const [profiles] = useList('qualityprofile');
  // A poll that set out before a change would bring the old state back and
  // the next click would act on it: answers older than the last change are dropped.
  const edits = useRef(0);
  const reload = () => {
    const asked = edits.current;
    return loadAll(id).then((d) => { if (edits.current === asked) setData(d); },
      (e) => { if (e.status === 404) setMissing(e.message); throw e; });
  };
  usePoll(reload, 5000, [id]);
  // No polling behind a dialog: nothing re-renders under the form, and a poll
  // cannot ask for a series the Delete dialog just removed.
  useEffect(() => (dialog ? hold() : undefined), [dialog]);

  if (missing) return html`<${Page} title="Series not found"><p>${missing}. <a href="#/series">Back to the series</a>.</p></${Page}>`;
  if (!data) return html`<${Page} title="Series"><p class="loading" aria-busy="true">Loading…</p></${Page}>`;
  const { series, episodes, files, queue } = data;
  // Shown at once; on failure the reload puts the switches back to what the server has.
  const save = (change) => {
    edits.current++;
    setData((d) => ({ ...d, series: { ...d.series, ...change } }));
    return saveSeries({ ...series, ...change }).catch(toastError).then(reload);
  };
  const monitorEpisodes = (ids, monitored) => {
    edits.current++;
    setData((d) => ({ ...d, episodes: d.episodes.map((e) => (ids.includes(e.id) ? { ...e, monitored } : e)) }));
    return sonarr('episode/monitor', { method: 'PUT', body: { episodeIds: ids, monitored } }).catch(toastError).then(reload);
  };
  const monitorSeason = (n, monitored) => save({ seasons: series.seasons.map((s) => (s.seasonNumber === n ? { ...s, monitored } : s)) });
  const seasons = [...(series.seasons || [])].sort((a, b) => b.seasonNumber - a.seasonNumber);
  const sid = { seriesId: series.id };

  const actions = html`
    <${ActionButton} icon="refresh" onClick=${() => command('RefreshSeries', sid, `${series.title} refreshed and scanned`).then(reload)}>Refresh & scan</${ActionButton}>
    <${ActionButton} icon="search" onClick=${() => command('SeriesSearch', sid, `Search for ${series.title} finished`)}>Search monitored</${ActionButton}>
    <button type="button" class="btn" onClick=${() => setDialog('rename')}>Preview rename</button>
    <button type="button" class="btn" onClick=${() => setDialog('edit')}><${Icon} name="edit" /><span>Edit</span></button>
    <button type="button" class="btn" onClick=${() => setDialog('delete')}><${Icon} name="trash" /><span>Delete</span></button>`;
  const close = () => setDialog('');

  return html`<${Page} title=${series.title} actions=${actions}>
    <p class="back-link"><a href="#/series">← All series</a></p>
    <${Header} series=${series} profiles=${profiles} onMonitor=${(monitored) => save({ monitored })} />
    <div class="seasons">${seasons.map((s) => html`<${Season} key=${s.seasonNumber} series=${series} season=${s}
      episodes=${episodes} files=${files} queue=${queue} onMonitor=${monitorSeason} onMonitorEpisodes=${monitorEpisodes} />`)}</div>
    ${dialog === 'edit' && html`<${EditSeries} series=${series} profiles=${profiles} onClose=${close} onSaved=${reload} />`}
    ${dialog === 'rename' && html`<${RenamePreview} series=${series} onClose=${close} />`}
    ${dialog === 'delete' && html`<${DeleteSeries} series=${series} onClose=${close} onDeleted=${() => navigate('/series')} />`}
  </${Page}>`;
}
