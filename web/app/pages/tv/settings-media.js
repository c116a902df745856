// TV settings → Media management: root folders (/rootfolder) and the
// /config/mediamanagement fields nzbd keeps.
import { sonarr } from '../../lib/api.js';
import { formatBytes } from '../../lib/format.js';
import { html, useEffect, useState } from '../../lib/html.js';
import { toast, toastError } from '../../lib/toast.js';
import { ActionButton, Empty, Field, IconButton, Toggle, confirmDialog } from '../../lib/ui.js';
import { SaveBar, ValueInput, useConfig } from './form.js';

function RootFolders() {
  const [folders, setFolders] = useState(null);
  const [path, setPath] = useState('');
  const load = () => sonarr('rootfolder').then(setFolders).catch(toastError);
  useEffect(() => { load(); }, []);
  const add = async () => {
    if (!path.trim()) return;
    try {
      await sonarr('rootfolder', { method: 'POST', body: { path: path.trim() } });
      toast(`Added ${path.trim()}`);
      setPath('');
    } catch (e) { toastError(e); }
    await load();
  };
  const remove = async (f) => {
    if (!(await confirmDialog('Remove root folder', `Stop using ${f.path}? Files stay where they are.`, 'Remove'))) return;
    await sonarr(`rootfolder/${f.id}`, { method: 'DELETE' }).then(() => toast('Root folder removed'), toastError);
    load();
  };
  return html`<section class="card settings-card" aria-labelledby="root-folders">
    <h2 id="root-folders">Root folders</h2>
    ${folders === null ? html`<p class="loading" aria-busy="true">Loading…</p>`
      : folders.length === 0 ? html`<${Empty}>No root folders yet: series need one to live in.</${Empty}>` : html`
      <ul class="settings-rows">${folders.map((f) => html`<li key=${f.id} data-root=${f.path}>
        <span class="settings-path">${f.path}</span>
        <span class="muted">${f.accessible === false ? 'not accessible' : formatBytes(f.freeSpace) + ' free'}
          ${f.unmappedFolders?.length ? ` · ${f.unmappedFolders.length} unmapped folders` : ''}</span>
        <${IconButton} icon="trash" label=${'Remove root folder ' + f.path} onClick=${() => remove(f)} /></li>`)}</ul>`}
    <form class="settings-inline" onSubmit=${(e) => { e.preventDefault(); add(); }}>
      <${Field} label="New root folder" id="root-path" hint="An absolute path on the machine nzbd runs on">
        <input id="root-path" type="text" value=${path} placeholder="/srv/tv" onInput=${(e) => setPath(e.currentTarget.value)} />
      </${Field}>
      <${ActionButton} icon="plus" class="btn-primary" onClick=${add}>Add root folder</${ActionButton}>
    </form>
  </section>`;
}

// Labels and choices for the fields nzbd's /config/mediamanagement has.
const fields = [
  ['createEmptySeriesFolders', 'Create empty series folders'],
  ['deleteEmptyFolders', 'Delete empty folders'],
  ['episodeTitleRequired', 'Episode title required', [['always', 'Always'], ['bulkSeasonReleases', 'Only for bulk season releases'], ['never', 'Never']]],
  ['skipFreeSpaceCheckWhenImporting', 'Skip free space check'],
  ['minimumFreeSpaceWhenImporting', 'Minimum free space (MB)'],
  ['copyUsingHardlinks', 'Use hardlinks instead of copy'],
  ['importExtraFiles', 'Import extra files'],
  ['extraFileExtensions', 'Extra file extensions'],
  ['downloadPropersAndRepacks', 'Propers and repacks', [['preferAndUpgrade', 'Prefer and upgrade'], ['doNotUpgrade', 'Do not upgrade automatically'], ['doNotPrefer', 'Do not prefer']]],
  ['enableMediaInfo', 'Analyse video files'],
  ['rescanAfterRefresh', 'Rescan series folder after refresh', [['always', 'Always'], ['afterManual', 'After manual refresh'], ['never', 'Never']]],
  ['fileDate', 'Change file date', [['none', 'None'], ['localAirDate', 'Local air date'], ['utcAirDate', 'UTC air date']]],
  ['autoUnmonitorPreviouslyDownloadedEpisodes', 'Unmonitor deleted episodes'],
  ['recycleBin', 'Recycling bin'],
  ['recycleBinCleanupDays', 'Recycling bin cleanup (days)'],
  ['setPermissionsLinux', 'Set permissions'],
  ['chmodFolder', 'chmod folder'],
  ['chownGroup', 'chown group'],
  ['useScriptImport', 'Use script import'],
  ['scriptImportPath', 'Import script path'],
];

function MediaManagement() {
  const form = useConfig('config/mediamanagement');
  if (form.error) return html`<p class="chip tv-bad" role="alert">${form.error}</p>`;
  if (!form.draft) return html`<p class="loading" aria-busy="true">Loading…</p>`;
  const known = fields.filter(([k]) => k in form.draft);
  return html`<section class="card settings-card" aria-labelledby="media-management">
    <h2 id="media-management">Media management</h2>
    <div class="form-grid">${known.map(([key, label, options]) => {
      const v = form.draft[key];
      if (typeof v === 'boolean') return html`<div class="field" key=${key}>
        <${Toggle} label=${label} checked=${v} onChange=${(x) => form.set(key, x)} /></div>`;
      return html`<${Field} key=${key} label=${label} id=${'mm-' + key}>
        <${ValueInput} id=${'mm-' + key} value=${v} options=${options} onChange=${(x) => form.set(key, x)} /></${Field}>`;
    })}</div>
    <${SaveBar} form=${form} />
  </section>`;
}

export function MediaSection() {
  return html`<${RootFolders} /><${MediaManagement} />`;
}
