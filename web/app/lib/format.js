// Numbers and dates as people read them; dates in the browser's zone via Intl.
const units = ['B', 'KB', 'MB', 'GB', 'TB'];

export function formatBytes(n, digits = 1) {
  n = Number(n) || 0;
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return `${n.toFixed(i === 0 ? 0 : digits)} ${units[i]}`;
}

// "1:02:03" style time left, as SABnzbd prints it, from seconds.
export function formatDuration(seconds) {
  seconds = Math.max(0, Math.round(Number(seconds) || 0));
  const d = Math.floor(seconds / 86400), h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
  const hms = `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return d ? `${d}d ${hms}` : hms;
}

export function formatSpeed(bytesPerSecond) { return formatBytes(bytesPerSecond) + '/s'; }

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function formatDateTime(value) {
  const d = value instanceof Date ? value : new Date(typeof value === 'number' ? value * 1000 : value);
  return Number.isNaN(d.getTime()) ? '' : dateTime.format(d);
}

export function formatDate(value) {
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? '' : dateOnly.format(d);
}

// Seconds ago → "5 s", "3 min", "2 h", "4 d".
export function formatAge(seconds) {
  seconds = Math.max(0, Math.round(seconds));
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  if (seconds < 129600) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} d`;
}
