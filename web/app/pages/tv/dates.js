// Local-calendar arithmetic for the calendar: days start at local midnight,
// so an episode lands on the browser's day of its airDateUtc.
export function startOfDay(d) { const x = new Date(d); x.setHours(0, 0, 0, 0); return x; }
export function addDays(d, n) { const x = new Date(d); x.setDate(x.getDate() + n); return x; }
export function addMonths(d, n) { const x = new Date(d); x.setDate(1); x.setMonth(x.getMonth() + n); return x; }
export function startOfWeek(d, firstDay) {
  const x = startOfDay(d);
  return addDays(x, -((x.getDay() - firstDay + 7) % 7));
}
// "2026-12-07" for the local day of a Date (a stable key and data attribute).
export function dayKey(d) {
  const x = new Date(d);
  return `${x.getFullYear()}-${String(x.getMonth() + 1).padStart(2, '0')}-${String(x.getDate()).padStart(2, '0')}`;
}
export function daysBetween(start, end) {
  const out = [];
  for (let d = startOfDay(start); d < end; d = addDays(d, 1)) out.push(d);
  return out;
}

// The [start, end) a view shows around `anchor`.
export function viewRange(view, anchor, firstDay) {
  const a = startOfDay(anchor);
  if (view === 'day') return { start: a, end: addDays(a, 1) };
  if (view === 'week') { const s = startOfWeek(a, firstDay); return { start: s, end: addDays(s, 7) }; }
  if (view === 'agenda') return { start: a, end: sameDayNextMonth(a) };
  const first = new Date(a.getFullYear(), a.getMonth(), 1);
  const last = new Date(a.getFullYear(), a.getMonth() + 1, 1);
  const start = startOfWeek(first, firstDay);
  const end = addDays(startOfWeek(addDays(last, -1), firstDay), 7);
  return { start, end };
}
function sameDayNextMonth(a) { const x = new Date(a); x.setMonth(x.getMonth() + 1); return x; }

// Where Previous/Next move the anchor.
export function step(view, anchor, dir) {
  if (view === 'day') return addDays(anchor, dir);
  if (view === 'week') return addDays(anchor, 7 * dir);
  if (view === 'agenda') { const x = new Date(anchor); x.setMonth(x.getMonth() + dir); return x; }
  return addMonths(anchor, dir);
}

export const weekdayShort = new Intl.DateTimeFormat(undefined, { weekday: 'short' });
export const weekdayLong = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });
export const dayMonth = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
export const timeShort = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const monthYear = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric' });
const fullDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

export function rangeTitle(view, { start, end }, anchor) {
  if (view === 'month') return monthYear.format(anchor);
  if (view === 'day') return weekdayLong.format(start);
  const last = addDays(end, -1);
  return fullDate.formatRange ? fullDate.formatRange(start, last) : `${fullDate.format(start)} – ${fullDate.format(last)}`;
}
