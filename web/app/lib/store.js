// State shared by the header and the pages: the SABnzbd queue (one poll per
// tick feeds both), warnings and the UI preferences kept in this browser.
import { sab } from './api.js';
import { signal } from './html.js';

export const queue = signal(null);        // last mode=queue answer's "queue" object
export const queueParams = signal({ start: 0, limit: 50, search: '' });
export const warningCount = signal(0);
export const lastUpdate = signal(0);      // Date.now() of the last good queue answer

export async function refreshQueue() {
  const p = queueParams.value;
  const body = await sab('queue', { start: p.start, limit: p.limit, search: p.search || undefined });
  queue.value = body.queue;
  warningCount.value = Number(body.queue?.have_warnings || 0);
  lastUpdate.value = Date.now();
  return body.queue;
}

function stored(key, fallback) {
  try { const v = localStorage.getItem(key); return v === null ? fallback : JSON.parse(v); } catch { return fallback; }
}
// A preference kept in localStorage (view modes, shortcuts on/off, page sizes).
export function pref(key, fallback) {
  const s = signal(stored('nzbd.' + key, fallback));
  s.subscribe((v) => { try { localStorage.setItem('nzbd.' + key, JSON.stringify(v)); } catch { /* full */ } });
  return s;
}

export const shortcutsOn = pref('shortcuts', true);

// Auto, light or dark: the shell's picker and the TV settings' UI tab share it.
export const themeChoice = signal(document.documentElement.dataset.themeChoice || 'auto');

export function setTheme(choice) {
  themeChoice.value = choice;
  try { localStorage.setItem('nzbd.theme', choice); } catch { /* private mode */ }
  const dark = choice === 'dark' || (choice === 'auto' && matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  document.documentElement.dataset.themeChoice = choice;
}
matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
  if ((document.documentElement.dataset.themeChoice || 'auto') === 'auto') setTheme('auto');
});
