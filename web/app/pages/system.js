// System (#/system/status|tasks|logs): version and disks and health, the
// scheduled tasks with a Run button each, the warnings and the log file
// (SABnzbd's mode=showlog: redacted of keys, passwords and user names).
import { runCommand, sab, sabUrl, sonarr } from '../lib/api.js';
import { formatBytes, formatDateTime } from '../lib/format.js';
import { html, useState } from '../lib/html.js';
import { usePoll } from '../lib/poll.js';
import { toast, toastError } from '../lib/toast.js';
import { ActionButton, Empty, Page, Progress, Tabs } from '../lib/ui.js';

const tabs = [
  { href: '/system/status', label: 'Status' },
  { href: '/system/tasks', label: 'Tasks' },
  { href: '/system/logs', label: 'Logs' },
];

// Loads fn() every `ms` into state; {data, error}.
function useLoad(fn, ms, deps = []) {
  const [state, setState] = useState({ data: null, error: '' });
  const load = async () => {
    try { setState({ data: await fn(), error: '' }); } catch (e) { setState((s) => ({ ...s, error: e.message })); throw e; }
  };
  usePoll(load, ms, deps);
  return { ...state, reload: load };
}

const never = (t) => !t || t.startsWith('0001-');

function About({ status }) {
  const rows = [
    ['Version', status.version], ['Package', `${status.runtimeName ?? ''} ${status.packageVersion ?? ''}`.trim()],
    ['OS', `${status.osName ?? ''} ${status.osVersion ?? ''}`.trim()], ['Started', formatDateTime(status.startTime)],
    ['App data', status.appData], ['Startup path', status.startupPath], ['Database', `SQLite ${status.sqliteVersion ?? ''}`],
  ];
  return html`<section class="card sys-card" aria-labelledby="sys-about"><h2 id="sys-about">About</h2>
    <dl class="sys-facts">${rows.map(([k, v]) => html`<div key=${k}><dt>${k}</dt><dd data-fact=${k}>${v}</dd></div>`)}</dl>
  </section>`;
}

function Disks({ disks }) {
  return html`<section class="card sys-card" aria-labelledby="sys-disks"><h2 id="sys-disks">Disk space</h2>
    ${disks.length === 0 ? html`<${Empty}>No folders to report.</${Empty}>` : html`<ul class="sys-disks">
      ${disks.map((d) => {
        const used = d.totalSpace > 0 ? (1 - d.freeSpace / d.totalSpace) * 100 : 0;
        return html`<li key=${d.path}><div class="sys-disk-head"><span class="sys-path">${d.path}</span>
          <span class="muted">${formatBytes(d.freeSpace)} free of ${formatBytes(d.totalSpace)}</span></div>
          <${Progress} value=${used} state=${used > 90 ? 'missing' : ''} label=${`${d.path}: ${Math.round(used)}% used`} /></li>`;
      })}</ul>`}
  </section>`;
}

function Health({ items }) {
  return html`<section class="card sys-card" aria-labelledby="sys-health"><h2 id="sys-health">Health</h2>
    ${items.length === 0 ? html`<p class="chip tv-ok">No problems found.</p>` : html`<ul class="sys-health">
      ${items.map((h, i) => html`<li key=${h.source + i} data-source=${h.source}>
        <span class=${'chip ' + (h.type === 'error' ? 'tv-bad' : h.type === 'warning' ? 'chip-warn' : '')}>${h.type}</span>
        <span>${h.message}</span>
        ${h.wikiUrl && html`<span class="muted">(${h.source})</span>`}</li>`)}</ul>`}
  </section>`;
}

function StatusTab() {
  const s = useLoad(() => Promise.all([sonarr('system/status'), sonarr('diskspace'), sonarr('health')]), 30000);
  if (s.error && !s.data) return html`<p class="chip tv-bad" role="alert">${s.error}</p>`;
  if (!s.data) return html`<p class="loading" aria-busy="true">Loading…</p>`;
  const [status, disks, health] = s.data;
  return html`<div class="sys-grid"><${About} status=${status} /><${Health} items=${health} /><${Disks} disks=${disks} /></div>`;
}

function TasksTab() {
  const tasks = useLoad(() => sonarr('system/task'), 10000);
  const commands = useLoad(() => sonarr('command'), 5000);
  const run = (t) => runCommand(t.taskName).then((c) => { toast(c.message || `${t.name} finished`); tasks.reload(); })
    .catch(toastError);
  return html`
    ${tasks.error && html`<p class="chip tv-bad" role="alert">${tasks.error}</p>`}
    ${!tasks.data ? html`<p class="loading" aria-busy="true">Loading…</p>` : html`
    <table class="list cards" aria-label="Scheduled tasks">
      <thead><tr><th>Task</th><th>Interval</th><th>Last run</th><th>Duration</th><th>Next run</th>
        <th><span class="sr-only">Actions</span></th></tr></thead>
      <tbody>${tasks.data.map((t) => html`<tr key=${t.id} data-task=${t.taskName}>
        <td>${t.name}</td>
        <td data-label="Interval">${t.interval >= 60 ? `${t.interval / 60} h` : `${t.interval} min`}</td>
        <td data-label="Last run">${never(t.lastExecution) ? 'Never' : formatDateTime(t.lastExecution)}</td>
        <td data-label="Duration">${t.lastDuration}</td>
        <td data-label="Next run">${formatDateTime(t.nextExecution)}</td>
        <td><div class="tv-row-actions"><${ActionButton} icon="play" aria-label=${'Run ' + t.name} busyLabel="Running…"
          onClick=${() => run(t)}>Run</${ActionButton}></div></td></tr>`)}</tbody>
    </table>`}
    <h2 class="sys-sub">Recent commands</h2>
    ${!commands.data ? null : commands.data.length === 0 ? html`<${Empty}>No commands yet.</${Empty}>` : html`
    <table class="list cards" aria-label="Recent commands">
      <thead><tr><th>Command</th><th>Status</th><th>Queued</th><th>Message</th></tr></thead>
      <tbody>${[...commands.data].reverse().slice(0, 20).map((c) => html`<tr key=${c.id} data-command=${c.name}>
        <td>${c.commandName || c.name}</td><td data-label="Status">${c.status}</td>
        <td data-label="Queued">${formatDateTime(c.queued)}</td>
        <td class="title-cell" data-label="Message">${c.message ?? ''}</td></tr>`)}</tbody>
    </table>`}`;
}

// The newest lines of the redacted log, newest last, and the whole of it as a download.
function LogFile() {
  const [text, setText] = useState(null);
  const load = async () => {
    const res = await fetch(sabUrl('showlog'));
    if (!res.ok) throw new Error(`The log could not be read (HTTP ${res.status})`);
    const lines = (await res.text()).split('\n');
    setText(lines.slice(-200).join('\n'));
  };
  return html`<section class="card" aria-labelledby="log-file-title">
    <div class="tv-toolbar"><h2 id="log-file-title">Log file</h2><span class="tv-spacer"></span>
      <${ActionButton} icon="file" onClick=${() => load().catch(toastError)}>Show the last 200 lines</${ActionButton}>
      <a class="btn" href=${sabUrl('showlog')} download="nzbd.log">Download the log</a></div>
    <p class="muted">Keys, passwords and user names are replaced by &lt;REDACTED&gt;, so it can go into a bug report.</p>
    ${text !== null && html`<pre class="log-text" tabindex="0" aria-label="Log file, last lines">${text}</pre>`}
  </section>`;
}

function LogsTab() {
  const warnings = useLoad(() => sab('warnings').then((b) => b.warnings ?? []), 10000);
  const clear = () => sab('warnings', { name: 'clear' }).then(() => { toast('Warnings cleared'); warnings.reload(); })
    .catch(toastError);
  return html`
    <${LogFile} />
    <h2>Warnings</h2>
    <p class="muted">The warnings and errors since nzbd started.</p>
    <div class="tv-toolbar"><span class="tv-spacer"></span>
      <${ActionButton} icon="trash" disabled=${!warnings.data?.length} onClick=${clear}>Clear warnings</${ActionButton}></div>
    ${warnings.error && html`<p class="chip tv-bad" role="alert">${warnings.error}</p>`}
    ${!warnings.data ? html`<p class="loading" aria-busy="true">Loading…</p>`
      : warnings.data.length === 0 ? html`<${Empty}>No warnings.</${Empty}>` : html`
    <table class="list cards" aria-label="Warnings">
      <thead><tr><th>Time</th><th>Level</th><th>Message</th><th>Origin</th></tr></thead>
      <tbody>${warnings.data.map((w, i) => html`<tr key=${w.time + ':' + i}>
        <td>${formatDateTime(Number(w.time))}</td>
        <td data-label="Level"><span class=${'chip ' + (w.type === 'ERROR' ? 'tv-bad' : 'chip-warn')}>${w.type}</span></td>
        <td class="title-cell" data-label="Message">${w.text}</td>
        <td data-label="Origin" class="muted">${w.origin}</td></tr>`)}</tbody>
    </table>`}`;
}

const views = { status: StatusTab, tasks: TasksTab, logs: LogsTab };

export default function SystemPage({ route }) {
  const key = views[route.parts[1]] ? route.parts[1] : 'status';
  const View = views[key];
  return html`<${Page} title=${'System: ' + key}>
    <${Tabs} items=${tabs} current=${'/system/' + key} label="System" />
    <${View} key=${key} />
  </${Page}>`;
}
