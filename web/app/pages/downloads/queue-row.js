// One queue job: select box, drag handle, pause/resume, name (renamed in
// place), progress, time left, category and priority selects, delete and a
// menu with the rest. Rows are keyed by nzo_id, so the poll's new data never
// replaces the element under the pointer, and an open menu or edit stays open.
import { html, useEffect, useRef, useState } from '../../lib/html.js';
import { hold } from '../../lib/poll.js';
import { confirmDialog, IconButton, Progress } from '../../lib/ui.js';
import { processing } from '../add-nzb.js';
import * as act from './queue-actions.js';

function progressState(s) {
  if (s.status === 'Paused') return 'paused';
  const mb = Number(s.mb) || 0;
  return mb && Number(s.mbmissing) / mb > 0.02 ? 'missing' : '';
}

function RenameBox({ slot, onDone }) {
  const [value, setValue] = useState(slot.filename);
  const ref = useRef(null);
  // No poll while typing: a tick would re-render under the caret.
  useEffect(() => { ref.current?.focus(); ref.current?.select(); return hold(); }, []);
  const key = async (e) => {
    if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); onDone(); }
    if (e.key === 'Enter') {
      e.preventDefault();
      const name = value.trim();
      if (name && name !== slot.filename) await act.renameJob(slot.nzo_id, name, slot.password);
      onDone();
    }
  };
  return html`<input ref=${ref} class="rename-input" aria-label=${'New name for ' + slot.filename} value=${value}
    onInput=${(e) => setValue(e.currentTarget.value)} onKeyDown=${key} onBlur=${onDone} />`;
}

// The ⋯ menu: moves, rename, files, processing and script. Closes on Esc or
// a click outside.
function RowMenu({ slot, last, canMove, choices, onRename, onFiles, onClose }) {
  const ref = useRef(null);
  useEffect(() => {
    const outside = (e) => { if (ref.current && !ref.current.parentElement.contains(e.target)) onClose(); };
    const esc = (e) => { if (e.key === 'Escape') onClose(); };
    document.addEventListener('pointerdown', outside);
    document.addEventListener('keydown', esc);
    return () => { document.removeEventListener('pointerdown', outside); document.removeEventListener('keydown', esc); };
  }, []);
  const id = slot.nzo_id;
  const item = (label, fn) => html`<li role="none"><button type="button" role="menuitem" onClick=${() => { onClose(); fn(); }}>${label}</button></li>`;
  return html`<ul ref=${ref} class="menu row-menu" role="menu" aria-label=${'Actions for ' + slot.filename}>
    ${canMove && html`${item('Move to top', () => act.moveJob(id, 0))}
      ${item('Move up', () => act.moveJob(id, slot.index - 1))}
      ${item('Move down', () => act.moveJob(id, slot.index + 1))}
      ${item('Move to bottom', () => act.moveJob(id, last))}`}
    ${item('Rename', onRename)}
    ${item('Files', onFiles)}
    <li role="none" class="menu-field"><label>Post-processing
      <select value=${slot.unpackopts} onChange=${(e) => act.setProcessing(id, e.currentTarget.value)}>
        ${processing.filter(([v]) => v !== '-1').map(([v, l]) => html`<option value=${v}>${l}</option>`)}</select></label></li>
    <li role="none" class="menu-field"><label>Script
      <select value=${slot.script} onChange=${(e) => act.setScript(id, e.currentTarget.value)}>
        ${['None', ...choices.scripts.filter((s) => s !== 'None')].map((s) => html`<option value=${s}>${s}</option>`)}</select></label></li>
  </ul>`;
}

export function QueueRow({ slot, last, canMove, selected, onSelect, choices, onFiles, onMoveKey }) {
  const [menu, setMenu] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const s = slot, id = s.nzo_id;
  const paused = s.status === 'Paused';
  const remove = async () => {
    if (await confirmDialog('Delete job', `Delete "${s.filename}" and its files?`)) await act.deleteJobs(id);
  };
  const done = ((Number(s.mb) || 0) - (Number(s.mbleft) || 0)).toFixed(1);
  return html`<li class=${'queue-row' + (selected ? ' selected' : '') + (paused ? ' is-paused' : '')} data-nzo=${id}>
    <label class="row-check"><input type="checkbox" checked=${selected} aria-label=${'Select ' + s.filename}
      onClick=${(e) => onSelect(id, e.currentTarget.checked, e.shiftKey)} /></label>
    <${IconButton} icon="grip" label=${'Move ' + s.filename} class="drag-handle" disabled=${!canMove}
      title=${canMove ? 'Drag, or Alt+↑/↓' : 'Clear the search to reorder'} onKeyDown=${(e) => onMoveKey(e, s)} />
    <${IconButton} icon=${paused ? 'play' : 'pause'} label=${(paused ? 'Resume ' : 'Pause ') + s.filename}
      onClick=${() => (paused ? act.resumeJobs(id) : act.pauseJobs(id))} />
    <div class="row-main">
      <div class="row-name">
        ${renaming ? html`<${RenameBox} slot=${s} onDone=${() => setRenaming(false)} />`
          : html`<span class="job-name" title=${s.filename}>${s.filename}</span>`}
        ${(s.labels || []).map((l) => html`<span class="tag label-tag">${l}</span>`)}
        ${s.password && html`<span class="tag">Password: ${s.password}</span>`}
      </div>
      <div class="row-progress">
        <${Progress} value=${s.percentage} label=${'Progress of ' + s.filename} state=${progressState(s)} />
        <span class="num">${s.percentage}% · ${done} / ${Number(s.mb || 0).toFixed(1)} MB</span>
        <span class="row-status">${paused || s.status !== 'Downloading' ? s.status : s.timeleft}</span>
      </div>
    </div>
    <select class="row-cat" aria-label=${'Category of ' + s.filename} value=${s.cat}
      onChange=${(e) => act.setCategory(id, e.currentTarget.value)}>
      ${choices.categories.map((c) => html`<option value=${c}>${c === '*' ? 'Default' : c}</option>`)}</select>
    <select class="row-priority" aria-label=${'Priority of ' + s.filename} value=${act.priorityValue(s.priority)}
      onChange=${(e) => act.setPriority(id, e.currentTarget.value)}>
      ${act.priorityValues.map(([v, l]) => html`<option value=${v}>${l}</option>`)}</select>
    <${IconButton} icon="trash" label=${'Delete ' + s.filename} onClick=${remove} />
    <div class="row-more">
      <${IconButton} icon="more" label=${'More for ' + s.filename} aria-expanded=${String(menu)} aria-haspopup="menu"
        onClick=${() => setMenu(!menu)} />
      ${menu && html`<${RowMenu} slot=${s} last=${last} canMove=${canMove} choices=${choices} onClose=${() => setMenu(false)}
        onRename=${() => setRenaming(true)} onFiles=${() => onFiles(s)} />`}
    </div>
  </li>`;
}
