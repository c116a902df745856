// Servers tab: the news servers as cards; add, edit (with Test) and delete.
import { sab } from '../../lib/api.js';
import { formatBytes } from '../../lib/format.js';
import { html, useEffect, useState } from '../../lib/html.js';
import { confirmDialog, Empty, IconButton, Modal } from '../../lib/ui.js';
import { toast, toastError } from '../../lib/toast.js';
import { changedKeys, Input, loadSection, useDirtyGuard } from './form.js';
import { newServer, serverParams, ServerFields, TestButton } from './server-form.js';

// Changing one of these makes an earlier test result stale.
const connectionKeys = ['host', 'port', 'ssl', 'ssl_verify', 'username', 'password'];

// set(key, value) for a form state, moving the port along with SSL.
export function serverSetter(setValues) {
  return (k, v) => setValues((old) => {
    const next = { ...old, [k]: v };
    if (k === 'ssl' && v && Number(old.port) === 119) next.port = 563;
    if (k === 'ssl' && !v && Number(old.port) === 563) next.port = 119;
    return next;
  });
}

function ServerDialog({ server, onClose, onSaved }) {
  const isNew = !server;
  const start = server ?? newServer();
  const [values, setValues] = useState({ ...start, name: server?.name ?? '' });
  const [passed, setPassed] = useState(null);  // the values a test passed with
  const set = serverSetter(setValues);
  useDirtyGuard(changedKeys(values, { ...start, name: server?.name ?? '' }).length > 0);
  const testedOk = passed && connectionKeys.every((k) => String(passed[k]) === String(values[k]));
  const canSave = values.host.trim() && (!isNew || testedOk);
  const save = async () => {
    const name = isNew ? (values.name.trim() || values.host.trim()) : server.name;
    try {
      await sab('set_config', { section: 'servers', name, ...serverParams(values) });
      toast(`Server ${name} saved`, 'ok');
      onSaved();
    } catch (e) { toastError(e); }
  };
  const footer = html`<button type="button" class="btn" onClick=${onClose}>Cancel</button>
    <button type="button" class="btn btn-primary" disabled=${!canSave} onClick=${save}>Save server</button>`;
  return html`<${Modal} open=${true} wide title=${isNew ? 'Add server' : `Edit server ${server.name}`}
      onClose=${onClose} footer=${footer}>
    ${isNew && html`<div class="server-name"><${Input} id="srv-name" name="name" label="Name"
      hint="Empty: the host name" values=${values} set=${set} /></div>`}
    <${ServerFields} values=${values} set=${set} idPrefix="srv" full=${true} />
    <${TestButton} values=${values} name=${server?.name} id="srv-test-answer"
      onResult=${(r) => setPassed(r.result ? { ...values } : null)} />
    ${isNew && !testedOk && html`<p class="hint">A new server can be saved once its test passed.</p>`}
  </${Modal}>`;
}

// What a server fetched (mode=server_stats), as SABnzbd's Servers page shows it.
function ServerStats({ stats, title }) {
  if (!stats) return null;
  const cells = [['Today', stats.day], ['This week', stats.week], ['This month', stats.month], ['Total', stats.total]];
  return html`<dl class="server-stats" aria-label=${`Downloaded from ${title}`}>
    ${cells.map(([label, bytes]) => html`<div key=${label}><dt>${label}</dt><dd>${formatBytes(bytes || 0)}</dd></div>`)}</dl>`;
}

function ServerCard({ server, stats, onEdit, onDelete }) {
  const title = server.displayname || server.name;
  return html`<li class="card server-card">
    <div class="server-card-head"><h3>${title}</h3>
      <span class=${'chip server-state' + (Number(server.enable) ? ' on' : '')}>${Number(server.enable) ? 'Enabled' : 'Disabled'}</span></div>
    <p class="server-card-addr">${server.host}:${server.port}${Number(server.ssl) ? ' (SSL)' : ''}</p>
    <p class="muted">${server.connections} connections · priority ${server.priority}
      ${server.username ? ` · user ${server.username}` : ''}${Number(server.optional) ? ' · optional' : ''}</p>
    ${server.notes && html`<p class="muted">${server.notes}</p>`}
    <${ServerStats} stats=${stats} title=${title} />
    <div class="card-actions">
      <${IconButton} icon="edit" label=${`Edit ${title}`} onClick=${onEdit} />
      <${IconButton} icon="trash" label=${`Delete ${title}`} onClick=${onDelete} /></div></li>`;
}

export default function Servers() {
  const [servers, setServers] = useState(null);
  const [editing, setEditing] = useState(null);  // null | 'new' | server
  const [stats, setStats] = useState({});
  const reload = () => {
    loadSection('servers').then(setServers).catch(toastError);
    sab('server_stats').then((b) => setStats(b.servers || {})).catch(() => {});
  };
  useEffect(() => { reload(); }, []);
  const remove = async (s) => {
    if (!await confirmDialog('Delete server', `Delete server ${s.name}? Downloads stop using it at once.`)) return;
    try { await sab('del_config', { section: 'servers', keyword: s.name }); toast(`Server ${s.name} deleted`); reload(); }
    catch (e) { toastError(e); }
  };
  const done = () => { setEditing(null); reload(); };
  return html`<div class="config-section">
    <div class="section-actions"><button type="button" class="btn btn-primary" onClick=${() => setEditing('new')}>
      Add server</button></div>
    ${servers === null ? html`<p aria-busy="true">Loading…</p>` : servers.length === 0
      ? html`<${Empty}>No news server yet. Add one to start downloading.</${Empty}>`
      : html`<ul class="server-list">${servers.map((s) => html`<${ServerCard} key=${s.name} server=${s} stats=${stats[s.name]}
          onEdit=${() => setEditing(s)} onDelete=${() => remove(s)} />`)}</ul>`}
    ${editing && html`<${ServerDialog} key=${editing === 'new' ? '+new' : editing.name}
      server=${editing === 'new' ? null : editing} onClose=${() => setEditing(null)} onSaved=${done} />`}
  </div>`;
}
