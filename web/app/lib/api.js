// The UI talks only to nzbd's public APIs: SABnzbd's (/api?mode=…, key as
// `apikey`) and Sonarr's (/api/v3/…, key in X-Api-Key). The key comes from
// /initialize.json, as Sonarr's UI gets it.
import { signal } from './html.js';

export const boot = signal(null);          // {apiKey, version, urlBase}
// Whether the last call reached the server; the header shows a chip when not.
export const connection = signal({ ok: true, since: Date.now(), lastOk: Date.now() });

const base = () => new URL('.', document.baseURI).pathname.replace(/\/sabnzbd\/$/, '/');

export class ApiError extends Error {
  constructor(message, status) { super(message); this.status = status; }
}

function reached(ok) {
  const c = connection.value;
  if (ok && !c.ok) connection.value = { ok: true, since: Date.now(), lastOk: Date.now() };
  else if (ok) c.lastOk = Date.now();
  else if (c.ok) connection.value = { ok: false, since: Date.now(), lastOk: c.lastOk };
}

async function send(url, init) {
  let res;
  try {
    res = await fetch(url, init);
  } catch (e) {
    reached(false);
    throw new ApiError('nzbd cannot be reached', 0);
  }
  reached(true);
  if (res.status === 401 || res.status === 403) {
    // The key changed (regenerated elsewhere): fetch the new one once.
    await loadBoot();
  }
  return res;
}

export async function loadBoot() {
  const res = await fetch(base() + 'initialize.json', { cache: 'no-store' });
  // A login guards the UI and this browser has no session (or it ran out).
  if (res.status === 401) { window.location.assign(base() + 'login'); return new Promise(() => {}); }
  if (!res.ok) throw new ApiError(`initialize.json answered ${res.status}`, res.status);
  boot.value = await res.json();
  return boot.value;
}

// The URL of a SABnzbd call, for links and downloads (mode=showlog).
export function sabUrl(mode, params = {}) {
  return base() + 'api?' + new URLSearchParams({ mode, apikey: boot.value?.apiKey ?? '', ...params });
}

// A SABnzbd call. params: object of strings; a FormData body makes it a POST.
// Resolves to the parsed JSON; a {status:false,error} answer rejects.
export async function sab(mode, params = {}, form = null) {
  const q = new URLSearchParams({ mode, output: 'json', apikey: boot.value?.apiKey ?? '' });
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null) q.append(k, String(v));
  const res = await send(base() + 'api?' + q, form ? { method: 'POST', body: form } : {});
  const text = await res.text();
  let body;
  try { body = text ? JSON.parse(text) : {}; } catch { throw new ApiError(text || `HTTP ${res.status}`, res.status); }
  if (!res.ok) throw new ApiError(body?.error || `HTTP ${res.status}`, res.status);
  if (body && body.status === false && body.error) throw new ApiError(body.error, res.status);
  return body;
}

// A Sonarr v3 call: sonarr('series'), sonarr('series', {method:'POST', body:{…}}),
// sonarr('calendar', {query:{start, end}}).
export async function sonarr(path, { method = 'GET', body, query } = {}) {
  let url = base() + 'api/v3/' + path.replace(/^\//, '');
  if (query) url += '?' + new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined));
  const headers = { 'X-Api-Key': boot.value?.apiKey ?? '' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await send(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = text; }
  if (!res.ok) {
    const msg = Array.isArray(data) ? data.map((e) => e.errorMessage || e.message).join('; ')
      : data?.message || data?.error || (typeof data === 'string' && data) || `HTTP ${res.status}`;
    throw new ApiError(msg, res.status);
  }
  return data;
}

// Runs a Sonarr command and resolves when it has ended (polls /command/{id}).
export async function runCommand(name, extra = {}) {
  let cmd = await sonarr('command', { method: 'POST', body: { name, ...extra } });
  for (let i = 0; i < 600 && !['completed', 'failed', 'aborted', 'cancelled'].includes(cmd.status); i++) {
    await new Promise((r) => setTimeout(r, 1000));
    cmd = await sonarr(`command/${cmd.id}`);
  }
  if (cmd.status !== 'completed') throw new ApiError(cmd.message || `${name} ${cmd.status}`, 0);
  return cmd;
}
