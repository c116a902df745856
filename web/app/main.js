// Boots the UI: fetches the key from /initialize.json, starts the queue poll
// that feeds the header, and draws the page for the current hash route.
import { loadBoot, sab } from './lib/api.js';
import { html, render, useEffect, useState } from './lib/html.js';
import { usePoll } from './lib/poll.js';
import { navigate, route } from './lib/router.js';
import { refreshQueue } from './lib/store.js';
import { Toasts } from './lib/toast.js';
import { ConfirmHost } from './lib/ui.js';
import { AddNzbDialog, DropZone } from './pages/add-nzb.js';
import { findRoute } from './routes.js';
import { Shell } from './shell.js';

const loaded = new Map();  // route prefix → page component

function CurrentPage() {
  const r = route.value;
  const entry = findRoute(r.path);
  const [, setVersion] = useState(0);
  const Page = entry && loaded.get(entry.prefix);
  useEffect(() => {
    if (!entry || Page) return;
    entry.load().then((m) => { loaded.set(entry.prefix, m.default); setVersion((v) => v + 1); });
  }, [entry?.prefix]);
  if (!entry) return html`<section class="page"><h1 id="page-title">Not found</h1>
    <p>Nothing lives at ${r.path}. <a href="#/downloads">Go to Downloads</a>.</p></section>`;
  if (!Page) return html`<p class="loading" aria-busy="true">Loading…</p>`;
  return html`<${Page} route=${r} />`;
}

function App() {
  usePoll(refreshQueue, 1000);
  return html`<${Shell}><${CurrentPage} /></${Shell}>
    <${AddNzbDialog} /><${DropZone} /><${ConfirmHost} /><${Toasts} />`;
}

// A fresh install with no news server starts in the set-up wizard, once.
async function maybeWizard() {
  let done = false;
  try { done = localStorage.getItem('nzbd.wizardDone') === 'true'; } catch { /* private mode */ }
  if (done || route.value.path.startsWith('/wizard')) return;
  const cfg = await sab('get_config', { section: 'servers' }).catch(() => null);
  const servers = cfg?.config?.servers;
  if (cfg && (!Array.isArray(servers) || servers.length === 0)) navigate('/wizard');
}

async function start() {
  const root = document.getElementById('app');
  try {
    await loadBoot();
  } catch (e) {
    root.textContent = `nzbd's UI could not start: ${e.message}`;
    return;
  }
  await maybeWizard();
  render(html`<${App} />`, root);
}

start();
