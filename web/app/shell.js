// The frame around every page: skip link, header (speed, left, pause with
// presets, speed limit, add, warnings, connection chip), the sidebar (a menu
// on phones), toasts, the shortcut sheet and the document title.
import { boot, connection, sab } from './lib/api.js';
import { formatBytes } from './lib/format.js';
import { html, useEffect, useState } from './lib/html.js';
import { Icon } from './lib/icons.js';
import { route } from './lib/router.js';
import { lastUpdate, queue, refreshQueue, setTheme, shortcutsOn, themeChoice, warningCount } from './lib/store.js';
import { toastError } from './lib/toast.js';
import { Modal, Toggle } from './lib/ui.js';
import { nav } from './routes.js';
import { addDialog } from './pages/add-nzb.js';

const pausePresets = [[5, '5 min'], [15, '15 min'], [30, '30 min'], [60, '1 hour'], [180, '3 hours'], [360, '6 hours']];
const limits = [100, 90, 75, 50, 25, 10];

export async function togglePause() {
  const q = queue.value;
  await sab(q?.paused ? 'resume' : 'pause').catch(toastError);
  await refreshQueue().catch(() => {});
}

function PauseControl() {
  const q = queue.value;
  const [open, setOpen] = useState(false);
  const pauseFor = async (minutes) => {
    setOpen(false);
    await sab('config', { name: 'set_pause', value: minutes }).catch(toastError);
    await refreshQueue().catch(() => {});
  };
  const paused = !!q?.paused;
  return html`<div class="pause-control">
    <button type="button" class=${'btn btn-pause' + (paused ? ' is-paused' : '')} onClick=${togglePause}
      aria-pressed=${String(paused)}>
      <${Icon} name=${paused ? 'play' : 'pause'} />
      <span class="pause-text">${paused ? 'Resume' : 'Pause'}</span><span class="sr-only"> downloads</span>
      ${paused && q?.pause_int && q.pause_int !== '0' && html` <span class="pause-left">${q.pause_int}</span>`}
    </button>
    <button type="button" class="btn btn-caret" aria-label="Pause for a while" aria-expanded=${String(open)}
      onClick=${() => setOpen(!open)}><span aria-hidden="true">▾</span></button>
    ${open && html`<ul class="menu" role="menu" aria-label="Pause for">
      ${pausePresets.map(([m, label]) => html`<li role="none"><button type="button" role="menuitem"
        onClick=${() => pauseFor(m)}>${label}</button></li>`)}</ul>`}
  </div>`;
}

function SpeedLimit() {
  const q = queue.value;
  const current = Number(q?.speedlimit || 100) || 100;
  // An absolute limit without bandwidth_max reads 100 %: show it as what it is.
  const abs = Number(q?.speedlimit_abs || 0);
  const custom = abs > 0 && !(limits.includes(current) && current !== 100);
  const set = async (v) => {
    await sab('config', { name: 'speedlimit', value: v }).catch(toastError);
    await refreshQueue().catch(() => {});
  };
  return html`<label class="speed-limit"><span class="sr-only">Speed limit</span>
    <select aria-label="Speed limit" value=${custom ? 'custom' : String(limits.includes(current) ? current : 100)}
      onChange=${(e) => set(e.currentTarget.value === '100' ? '0' : e.currentTarget.value)}>
      ${custom && html`<option value="custom" disabled>${formatBytes(abs)}/s</option>`}
      ${limits.map((l) => html`<option value=${String(l)}>${l === 100 ? 'No limit' : `${l}% speed`}</option>`)}
    </select></label>`;
}

function ConnectionChip() {
  const [, tick] = useState(0);
  useEffect(() => { const t = setInterval(() => tick((n) => n + 1), 1000); return () => clearInterval(t); }, []);
  const c = connection.value;
  if (c.ok) return null;
  const ago = Math.round((Date.now() - (lastUpdate.value || c.lastOk)) / 1000);
  return html`<span class="chip chip-bad" role="status">Disconnected · last update ${ago} s ago</span>`;
}

function Header({ onMenu }) {
  const q = queue.value;
  const speed = Number(q?.kbpersec || 0) * 1024;
  return html`<header class="topbar">
    <button type="button" class="icon-btn menu-btn" aria-label="Menu" onClick=${onMenu}><${Icon} name="menu" /></button>
    <a class="brand" href="#/downloads">nzbd</a>
    <div class="stats" aria-label="Download status">
      <span class="stat" title="Speed"><span class="sr-only">Speed </span>${formatBytes(speed)}/s</span>
      <span class="stat" title="Left"><span class="sr-only">Left </span>${q ? `${q.sizeleft} · ${q.timeleft}` : '…'}</span>
    </div>
    <${ConnectionChip} />
    <div class="topbar-actions">
      <${PauseControl} />
      <${SpeedLimit} />
      <a class=${'icon-btn warn-btn' + (warningCount.value ? ' has-warnings' : '')} href="#/downloads/warnings"
        aria-label=${`Warnings: ${warningCount.value}`} title="Warnings">
        <${Icon} name="alert" />${warningCount.value ? html`<span class="badge">${warningCount.value}</span>` : ''}</a>
      <button type="button" class="btn btn-primary add-btn" aria-label="Add NZB" onClick=${() => { addDialog.value = true; }}>
        <${Icon} name="plus" /><span class="add-text">Add</span></button>
    </div>
  </header>`;
}

function Sidebar({ open, onNavigate }) {
  const current = route.value.path;
  return html`<nav id="sidebar" class=${'sidebar' + (open ? ' open' : '')} aria-label="Main">
    <ul>${nav.map((n) => {
      const area = '/' + n.href.split('/')[1];
      const active = current === n.href || current.startsWith(area + '/') || current === area;
      return html`<li key=${n.href}><a href=${'#' + n.href} class=${active ? 'active' : ''}
        aria-current=${active ? 'page' : undefined} onClick=${onNavigate}><${Icon} name=${n.icon} /><span>${n.label}</span></a></li>`;
    })}</ul>
    <div class="sidebar-foot">
      <label class="theme-pick">Theme
        <select value=${themeChoice.value} onChange=${(e) => setTheme(e.currentTarget.value)}>
          <option value="auto">Auto</option><option value="light">Light</option><option value="dark">Dark</option>
        </select></label>
      <a href="licenses.txt">Licences</a>
      ${boot.value?.authentication === 'forms' && html`<a href="logout">Log out</a>`}
    </div>
  </nav>`;
}

const shortcutList = [['?', 'Show this list'], ['p', 'Pause or resume downloads'], ['a', 'Add an NZB'],
  ['/', 'Search on this page'], ['g then d / s / c / a / w', 'Go to Downloads, Series, Calendar, Activity, Wanted']];

function ShortcutSheet({ open, onClose }) {
  return html`<${Modal} open=${open} title="Keyboard shortcuts" onClose=${onClose}>
    <dl class="shortcuts">${shortcutList.map(([k, v]) => html`<div><dt><kbd>${k}</kbd></dt><dd>${v}</dd></div>`)}</dl>
    <${Toggle} label="Keyboard shortcuts on" checked=${shortcutsOn.value} onChange=${(v) => { shortcutsOn.value = v; }} />
  </${Modal}>`;
}

function inEditable(e) {
  const t = e.target;
  return t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
}

export function useShortcuts(openSheet) {
  useEffect(() => {
    let pendingG = false;
    const onKey = (e) => {
      if (e.ctrlKey || e.metaKey || e.altKey || inEditable(e) || document.querySelector('dialog[open]')) return;
      if (e.key === '?') { openSheet(); e.preventDefault(); return; }
      if (!shortcutsOn.value) return;
      if (pendingG) {
        pendingG = false;
        const go = { d: '/downloads', s: '/series', c: '/calendar', a: '/activity/queue', w: '/wanted/missing' }[e.key];
        if (go) { location.hash = go; e.preventDefault(); }
        return;
      }
      if (e.key === 'g') { pendingG = true; setTimeout(() => { pendingG = false; }, 1500); return; }
      if (e.key === 'p') { togglePause(); e.preventDefault(); }
      if (e.key === 'a') { addDialog.value = true; e.preventDefault(); }
      if (e.key === '/') {
        const s = document.querySelector('main input[type=search]');
        if (s) { s.focus(); e.preventDefault(); }
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}

// "1.2 MB/s – 3:20 left – nzbd", or "Paused – nzbd", as Glitter titles its tab.
export function useTitle() {
  const q = queue.value;
  useEffect(() => {
    if (!q) return;
    const speed = Number(q.kbpersec || 0) * 1024;
    document.title = q.paused ? 'Paused – nzbd'
      : Number(q.mbleft) > 0 ? `${formatBytes(speed)}/s – ${q.timeleft} left – nzbd` : 'nzbd';
  }, [q?.paused, q?.kbpersec, q?.timeleft, q?.mbleft]);
}

export function Shell({ children }) {
  const [menu, setMenu] = useState(false);
  const [sheet, setSheet] = useState(false);
  useShortcuts(() => setSheet(true));
  useTitle();
  return html`<a class="skip-link" href="#main" onClick=${(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>Skip to content</a>
    <${Header} onMenu=${() => setMenu(!menu)} />
    <div class="layout">
      <${Sidebar} open=${menu} onNavigate=${() => setMenu(false)} />
      <main id="main" tabindex="-1">${children}</main>
    </div>
    <${ShortcutSheet} open=${sheet} onClose=${() => setSheet(false)} />
    <button type="button" class="sr-only-focusable shortcut-btn" aria-label="Keyboard shortcuts" onClick=${() => setSheet(true)}>
      <${Icon} name="keyboard" /></button>`;
}
