// How an episode reads and which state it is in (the calendar's colours,
// the wanted lists).
export function episodeCode(e) {
  const s = String(e.seasonNumber ?? 0).padStart(2, '0'), n = String(e.episodeNumber ?? 0).padStart(2, '0');
  return `S${s}E${n}`;
}

export const states = [
  { key: 'downloaded', label: 'Downloaded' },
  { key: 'onair', label: 'On air' },
  { key: 'missing', label: 'Missing' },
  { key: 'unaired', label: 'Unaired' },
  { key: 'unmonitored', label: 'Unmonitored' },
];

export function episodeState(e, now = Date.now()) {
  if (e.hasFile) return 'downloaded';
  const start = Date.parse(e.airDateUtc), end = e.endTime ? Date.parse(e.endTime) : start + (e.runtime || 30) * 60000;
  if (!e.monitored) return 'unmonitored';
  if (Number.isNaN(start) || start > now) return 'unaired';
  if (now < end) return 'onair';
  return 'missing';
}

export function stateLabel(key) { return states.find((s) => s.key === key)?.label ?? key; }
