// Calendar (#/calendar): what airs when, as Sonarr's month/week/day/agenda
// views, from GET /calendar. Each episode sits on the browser-local day of its
// airDateUtc and is coloured by state; a missing one can be searched for.
import { runCommand, sonarr } from '../lib/api.js';
import { html, useMemo, useState } from '../lib/html.js';
import { usePoll } from '../lib/poll.js';
import { toast, toastError } from '../lib/toast.js';
import { ActionButton, Empty, IconButton, Page } from '../lib/ui.js';
import { addDays, dayKey, dayMonth, daysBetween, rangeTitle, startOfDay, step, timeShort, viewRange,
  weekdayLong, weekdayShort } from './tv/dates.js';
import { episodeCode, episodeState, stateLabel, states } from './tv/episode.js';
import { calendarView, firstDayOfWeek } from './tv/prefs.js';

const views = [['month', 'Month'], ['week', 'Week'], ['day', 'Day'], ['agenda', 'Agenda']];
const narrow = () => matchMedia('(max-width: 768px)').matches;

// Phones open in agenda (a week does not fit 375 px); a choice made here sticks.
function initialView() {
  const chosen = calendarView.value;
  if (narrow()) return chosen === 'day' ? 'day' : 'agenda';
  return views.some(([v]) => v === chosen) ? chosen : 'week';
}

function searchEpisode(e) {
  return runCommand('EpisodeSearch', { episodeIds: [e.id] })
    .then((cmd) => toast(cmd.message || `Searched for ${episodeCode(e)}`, 'info'))
    .catch(toastError);
}

function CalendarEvent({ e, compact }) {
  const state = episodeState(e);
  const title = e.series?.title ?? 'Series ' + e.seriesId;
  const when = new Date(e.airDateUtc);
  return html`<div class=${'cal-event state-' + state} data-episode-id=${e.id}>
    <a class="cal-series" href=${'#/series/' + e.seriesId}>${title}</a>
    <span class="cal-ep"><span class="sr-only">${stateLabel(state)}: </span>${episodeCode(e)}${compact ? '' : ' · ' + (e.title || 'TBA')}</span>
    <time class="cal-time muted" datetime=${e.airDateUtc}>${timeShort.format(when)}</time>
    ${state === 'missing' && html`<${IconButton} icon="search" class="cal-search"
      label=${`Search for ${title} ${episodeCode(e)}`} onClick=${() => searchEpisode(e)} />`}
  </div>`;
}

function byDay(episodes) {
  const m = new Map();
  for (const e of episodes) {
    const k = dayKey(new Date(e.airDateUtc));
    if (!m.has(k)) m.set(k, []);
    m.get(k).push(e);
  }
  for (const list of m.values()) list.sort((a, b) => Date.parse(a.airDateUtc) - Date.parse(b.airDateUtc));
  return m;
}

function DayColumn({ day, events, compact, outside, label }) {
  const key = dayKey(day);
  const today = key === dayKey(new Date());
  const name = weekdayLong.format(day);
  return html`<section class=${'cal-day' + (today ? ' today' : '') + (outside ? ' outside' : '')} data-day=${key}
      aria-label=${name + (today ? ' (today)' : '')}>
    <h3 class="cal-day-head" aria-hidden="true">${label ?? html`<span>${weekdayShort.format(day)}</span> ${dayMonth.format(day)}`}</h3>
    ${events.map((e) => html`<${CalendarEvent} key=${e.id} e=${e} compact=${compact} />`)}
  </section>`;
}

function Grid({ view, range, events, anchor }) {
  const days = daysBetween(range.start, range.end);
  const map = byDay(events);
  if (view === 'agenda') {
    const withEvents = days.filter((d) => map.has(dayKey(d)));
    if (!withEvents.length) return html`<${Empty}>Nothing airs in this range.</${Empty}>`;
    return html`<div class="cal-agenda">${withEvents.map((d) => html`<${DayColumn} key=${dayKey(d)} day=${d}
      events=${map.get(dayKey(d))} label=${weekdayLong.format(d)} />`)}</div>`;
  }
  const month = view === 'month';
  return html`<div class=${'cal-grid cal-view-' + view}>
    ${month && html`<div class="cal-weekdays" aria-hidden="true">${days.slice(0, 7).map((d) =>
      html`<span key=${dayKey(d)}>${weekdayShort.format(d)}</span>`)}</div>`}
    <div class="cal-days">${days.map((d) => html`<${DayColumn} key=${dayKey(d)} day=${d} compact=${month}
      events=${map.get(dayKey(d)) ?? []} outside=${month && d.getMonth() !== anchor.getMonth()}
      label=${month ? String(d.getDate()) : undefined} />`)}</div>
  </div>`;
}

function Legend() {
  return html`<ul class="cal-legend" aria-label="Legend">${states.map((s) => html`<li key=${s.key}>
    <span class=${'swatch state-' + s.key} aria-hidden="true"></span>${s.label}</li>`)}</ul>`;
}

export default function CalendarPage() {
  const [view, setView] = useState(initialView);
  const [anchor, setAnchor] = useState(() => startOfDay(new Date()));
  const [episodes, setEpisodes] = useState(null);
  const [error, setError] = useState('');
  const firstDay = firstDayOfWeek.value;
  const range = useMemo(() => viewRange(view, anchor, firstDay), [view, anchor.getTime(), firstDay]);

  usePoll(async () => {
    try {
      const list = await sonarr('calendar', { query: { start: range.start.toISOString(), end: range.end.toISOString(),
        unmonitored: 'true', includeSeries: 'true' } });
      setEpisodes(list);
      setError('');
    } catch (e) { setError(e.message); throw e; }
  }, 30000, [range.start.getTime(), range.end.getTime()]);

  const choose = (v) => { setView(v); calendarView.value = v; };
  const searchAll = () => runCommand('MissingEpisodeSearch').then(() => toast('Searched for missing episodes'))
    .catch(toastError);
  const missing = (episodes ?? []).filter((e) => episodeState(e) === 'missing');

  return html`<${Page} title="Calendar" actions=${missing.length > 0 && html`<${ActionButton} icon="search"
      onClick=${searchAll}>Search all missing</${ActionButton}>`}>
    <div class="cal-toolbar">
      <div class="cal-nav" role="group" aria-label="Move in time">
        <button type="button" class="btn" onClick=${() => setAnchor(step(view, anchor, -1))}>Previous</button>
        <button type="button" class="btn" onClick=${() => setAnchor(startOfDay(new Date()))}>Today</button>
        <button type="button" class="btn" onClick=${() => setAnchor(step(view, anchor, 1))}>Next</button>
      </div>
      <h2 class="cal-range" aria-live="polite" data-start=${dayKey(range.start)} data-end=${dayKey(addDays(range.end, -1))}>
        ${rangeTitle(view, range, anchor)}</h2>
      <div class="cal-views" role="group" aria-label="View">${views.map(([v, label]) => html`<button key=${v}
        type="button" class=${'btn' + (v === view ? ' btn-primary' : '')} aria-pressed=${String(v === view)}
        onClick=${() => choose(v)}>${label}</button>`)}</div>
    </div>
    ${error && html`<p class="chip tv-bad" role="alert">The calendar could not load: ${error}</p>`}
    ${episodes === null ? html`<p class="loading" aria-busy="true">Loading…</p>`
      : html`<${Grid} view=${view} range=${range} events=${episodes} anchor=${anchor} />`}
    <${Legend} />
  </${Page}>`;
}
