// The strip above the queue: what is left, free space on both disks (red when
// the queue would not fit) and a sparkline of the speeds seen each second.
import { formatBytes } from '../../lib/format.js';
import { effect, html, signal } from '../../lib/html.js';
import { queue } from '../../lib/store.js';

const keep = 120;
// Speeds in bytes/s, one per queue answer, kept while the app runs so the
// line is already there when the page opens again.
export const speeds = signal([]);
let lastAnswer = null;
effect(() => {
  const q = queue.value;
  if (!q || q === lastAnswer) return;
  lastAnswer = q;
  speeds.value = [...speeds.peek(), (Number(q.kbpersec) || 0) * 1024].slice(-keep);
});

export function Sparkline({ points, width = 240, height = 36 }) {
  const max = Math.max(1, ...points);
  const step = width / (keep - 1);
  const offset = (keep - points.length) * step;
  const xy = points.map((v, i) => `${(offset + i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`);
  const now = points.length ? points[points.length - 1] : 0;
  return html`<svg class="sparkline" viewBox=${`0 0 ${width} ${height}`} width=${width} height=${height}
      role="img" aria-label=${`Speed over the last ${keep} seconds, now ${formatBytes(now)}/s, peak ${formatBytes(max)}/s`}>
    <line x1="0" y1=${height - 1} x2=${width} y2=${height - 1} class="sparkline-base" />
    ${xy.length > 1 && html`<polyline points=${xy.join(' ')} class="sparkline-line" />`}
  </svg>`;
}

function Disk({ label, free, needGb }) {
  const gb = Number(free) || 0;
  const short = needGb > gb;
  return html`<div class=${'info-item' + (short ? ' status-bad' : '')}>
    <span class="info-label">${label}</span><span class="info-value">${gb.toFixed(1)} GB free${short ? ' (too small)' : ''}</span></div>`;
}

export function InfoStrip() {
  const q = queue.value;
  if (!q) return null;
  const needGb = (Number(q.mbleft) || 0) / 1024;
  return html`<div class="info-strip" aria-label="Queue summary" role="group">
    <div class="info-item"><span class="info-label">Left</span><span class="info-value">${q.sizeleft} of ${q.size}</span></div>
    <${Disk} label="Download disk" free=${q.diskspace1} needGb=${needGb} />
    <${Disk} label="Complete disk" free=${q.diskspace2} needGb=${needGb} />
    ${q.have_quota && html`<div class="info-item"><span class="info-label">Quota left</span><span class="info-value">${q.left_quota}</span></div>`}
    <div class="info-item info-speed"><span class="info-label">Speed</span>
      <span class="info-value">${formatBytes((Number(q.kbpersec) || 0) * 1024)}/s</span>
      <${Sparkline} points=${speeds.value} /></div>
  </div>`;
}
