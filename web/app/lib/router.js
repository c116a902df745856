// Hash routes (#/downloads, #/series/12): the daemon serves one page at / and
// /sabnzbd/, and a reload keeps the place.
import { signal } from './html.js';

function parse() {
  const raw = location.hash.replace(/^#/, '') || '/downloads';
  const [path, qs = ''] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { path: '/' + parts.join('/'), parts, query: Object.fromEntries(new URLSearchParams(qs)) };
}

export const route = signal(parse());
window.addEventListener('hashchange', () => { route.value = parse(); });

export function navigate(path) {
  if (location.hash !== '#' + path) location.hash = path;
}
