// General tab: where nzbd listens, its keys, speed and cache, and its folders.
import { boot, sab } from '../../lib/api.js';
import { hold } from '../../lib/poll.js';
import { html, useEffect, useState } from '../../lib/html.js';
import { ActionButton, confirmDialog, Field } from '../../lib/ui.js';
import { toast, toastError } from '../../lib/toast.js';
import { changedKeys, Input, loadSection, saveMisc, useDirtyGuard } from './form.js';

const webFields = [
  ['host', 'Listen address', 'Used at the next start unless --listen is given'],
  ['port', 'Port', 'Used at the next start unless --listen is given'],
  ['bandwidth_max', 'Line speed', 'e.g. 50M: what 100 % of the speed limit means'],
  ['cache_limit', 'Article cache', 'e.g. 1G'],
];
const folderFields = [
  ['download_dir', 'Temporary download folder', 'Jobs are assembled here'],
  ['complete_dir', 'Completed download folder', 'Finished jobs move here'],
  ['script_dir', 'Scripts folder', ''],
  ['dirscan_dir', 'Watched folder', 'NZB files dropped here are added'],
  ['nzb_backup_dir', 'NZB backup folder', 'Empty: keep no copy'],
];
// The front door: a login for these pages, and who may reach nzbd at all.
const securityFields = [
  ['username', 'Username', 'With a password: the pages ask for a login (API clients keep using the keys)'],
  ['password', 'Password', '', 'password'],
  ['host_whitelist', 'Allowed host names', 'Comma-separated names that may reach nzbd besides localhost, IPs and *.local'],
  ['local_ranges', 'Local network ranges', 'e.g. 192.168.1.0/24; empty: the private ranges'],
];
const exposureLevels = ['No access', 'Add NZBs only', 'API without configuration', 'Full API',
  'Full API and web pages', 'Full API and web pages, login only from outside'];
const editable = [...webFields, ...folderFields, ...securityFields, ['inet_exposure']].map(([k]) => k);

function KeyRow({ label, id, value, onRegenerate }) {
  return html`<${Field} label=${label} id=${id}>
    <div class="key-row"><input id=${id} readonly value=${value} class="mono" />
      <${ActionButton} icon="refresh" onClick=${onRegenerate} aria-label=${`Regenerate ${label}`}>Regenerate</${ActionButton}>
    </div></${Field}>`;
}

// Polls pause and the ones on their way finish first, so no call goes out
// with the old key once it is gone; the UI switches to the answer's key.
async function newApiKey() {
  const release = hold();
  try {
    await new Promise((r) => setTimeout(r, 500));
    const body = await sab('config', { name: 'set_apikey' });
    boot.value = { ...boot.value, apiKey: body.apikey };
  } finally { release(); }
}

export default function General() {
  const [saved, setSaved] = useState(null);
  const [values, setValues] = useState(null);
  const reload = () => loadSection('misc').then((m) => { setSaved(m); setValues(m); }).catch(toastError);
  useEffect(() => { reload(); }, []);
  const dirtyKeys = values ? changedKeys(Object.fromEntries(editable.map((k) => [k, values[k]])), saved) : [];
  useDirtyGuard(dirtyKeys.length > 0);
  if (!values) return html`<p aria-busy="true">Loading…</p>`;
  const set = (k, v) => setValues((old) => ({ ...old, [k]: v }));
  const save = async () => {
    try {
      const written = {...values};
      await saveMisc(written, dirtyKeys);
      // Clean at once: leaving must not ask while the reload is on its way.
      setSaved((s) => ({...s, ...Object.fromEntries(dirtyKeys.map((k) => [k, written[k]]))}));
      toast('Settings saved', 'ok');
      await reload();
    } catch (e) {
      toastError(e);
    }
  };
  const regenerate = async (name, label) => {
    if (!await confirmDialog(`Regenerate ${label}`,
      `Programs that use the old ${label} (Sonarr, scripts) stop working until they get the new one.`, 'Regenerate')) return;
    try {
      if (name === 'set_apikey') await newApiKey();
      else await sab('config', { name });
      toast(`New ${label} made`, 'ok');
      const m = await loadSection('misc');
      setSaved((s) => ({ ...s, api_key: m.api_key, nzb_key: m.nzb_key }));
      setValues((v) => ({ ...v, api_key: m.api_key, nzb_key: m.nzb_key }));
    } catch (e) { toastError(e); }
  };
  const inputs = (fields) => fields.map(([k, label, hint, type]) => html`<${Input} key=${k} id=${'gen-' + k} name=${k}
    label=${label} hint=${hint} values=${values} set=${set} type=${type} />`);
  return html`<form class="config-section" onSubmit=${(e) => { e.preventDefault(); save(); }}>
    <fieldset><legend>Web server and speed</legend><div class="form-grid">${inputs(webFields)}</div></fieldset>
    <fieldset><legend>Keys</legend><div class="form-grid keys">
      <${KeyRow} label="API key" id="gen-api-key" value=${values.api_key}
        onRegenerate=${() => regenerate('set_apikey', 'API key')} />
      <${KeyRow} label="NZB key" id="gen-nzb-key" value=${values.nzb_key}
        onRegenerate=${() => regenerate('set_nzbkey', 'NZB key')} /></div></fieldset>
    <fieldset><legend>Folders</legend><p class="hint">Relative paths are inside nzbd's home folder.</p>
      <div class="form-grid">${inputs(folderFields)}</div></fieldset>
    <fieldset><legend>Security</legend><div class="form-grid">${inputs(securityFields)}
      <${Field} label="Access from outside the local network" id="gen-inet_exposure">
        <select id="gen-inet_exposure" value=${String(values.inet_exposure ?? 0)}
          onChange=${(e) => set('inet_exposure', e.currentTarget.value)}>
          ${exposureLevels.map((label, i) => html`<option value=${String(i)}>${label}</option>`)}</select></${Field}>
    </div></fieldset>
    <div class="form-actions">
      <button type="submit" class="btn btn-primary" disabled=${dirtyKeys.length === 0}>Save changes</button>
      <button type="button" class="btn" disabled=${dirtyKeys.length === 0} onClick=${() => setValues(saved)}>Undo</button>
    </div></form>`;
}
