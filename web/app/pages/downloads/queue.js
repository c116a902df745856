// The queue: search (with cat:), one bar for the selected jobs, the rows
// (dragged by their handle with sortablejs, or Alt+↑/↓ on it) and the pager.
// Its data is the shared queue poll in main.js; this only sets what it asks
// for (queueParams) and never polls on its own.
import { html, useEffect, useMemo, useRef, useState } from '../../lib/html.js';
import { hold } from '../../lib/poll.js';
import { pref, queue, queueParams, refreshQueue } from '../../lib/store.js';
import { confirmDialog, Empty, IconButton, Pager } from '../../lib/ui.js';
import { loadChoices } from '../add-nzb.js';
import { FilesModal } from './files.js';
import { PageSize } from './page-size.js';
import * as act from './queue-actions.js';
import { QueueRow } from './queue-row.js';

const pageSize = pref('queueLimit', 50);

// "cat:tv show name" → {cat:'tv', text:'show name'}; the text goes to the
// server's search, the category is matched here.
export function parseSearch(raw) {
  let cat = '';
  const text = raw.replace(/(^|\s)cat:(\S+)/i, (_, pre, c) => { cat = c.toLowerCase(); return pre; }).trim();
  return { cat, text };
}

function setParams(patch) {
  queueParams.value = { ...queueParams.value, ...patch };
  refreshQueue().catch(() => {});
}

function SearchBox({ value, onChange }) {
  useEffect(() => {
    const t = setTimeout(() => setParams({ search: parseSearch(value).text, start: 0 }), 300);
    return () => clearTimeout(t);
  }, [value]);
  return html`<input type="search" class="queue-search" aria-label="Search the queue" placeholder="Search (cat:tv …)"
    value=${value} onInput=${(e) => onChange(e.currentTarget.value)} />`;
}

function SelectionBar({ ids, choices, onClear }) {
  const list = [...ids];
  const remove = async () => {
    if (await confirmDialog('Delete jobs', `Delete ${list.length} jobs and their files?`)) { await act.deleteJobs(list); onClear(); }
  };
  return html`<div class="selection-bar" role="group" aria-label="Selected jobs">
    <span>${list.length} selected</span>
    <button type="button" class="btn" onClick=${() => act.pauseJobs(list)}>Pause selected</button>
    <button type="button" class="btn" onClick=${() => act.resumeJobs(list)}>Resume selected</button>
    <select aria-label="Category for selected" value="" onChange=${(e) => e.currentTarget.value && act.setCategory(list, e.currentTarget.value)}>
      <option value="">Set category…</option>
      ${choices.categories.map((c) => html`<option value=${c}>${c === '*' ? 'Default' : c}</option>`)}</select>
    <button type="button" class="btn btn-danger" onClick=${remove}>Delete selected</button>
    <${IconButton} icon="x" label="Clear selection" onClick=${onClear} />
  </div>`;
}

// Drag by the handle; the poll is held while a row is in the air. Sortable
// moves the DOM node itself: it is put back before Preact redraws the order
// the server answers, so Preact's keyed list stays in charge of the DOM.
function useSortable(listRef, visible, enabled) {
  const slotsRef = useRef(visible);
  slotsRef.current = visible;
  useEffect(() => {
    if (!enabled || !listRef.current) return undefined;
    let sortable = null, release = null, gone = false;
    import('sortablejs').then(({ Sortable }) => {
      if (gone || !listRef.current) return;
      sortable = Sortable.create(listRef.current, {
        handle: '.drag-handle', forceFallback: true, fallbackTolerance: 10, animation: 120,
        onStart: () => { release = hold(); },
        onEnd: async (evt) => {
          const { item, from, oldIndex, newIndex } = evt;
          from.removeChild(item);
          from.insertBefore(item, from.children[oldIndex] || null);
          const slots = slotsRef.current;
          try {
            if (oldIndex !== newIndex && slots[oldIndex] && slots[newIndex]) await act.moveJob(slots[oldIndex].nzo_id, slots[newIndex].index);
          } finally { release?.(); release = null; }
        },
      });
    });
    return () => { gone = true; sortable?.destroy(); release?.(); };
  }, [enabled]);
}

async function moveByKey(e, slot) {
  if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
  e.preventDefault();
  await act.moveJob(slot.nzo_id, slot.index + (e.key === 'ArrowUp' ? -1 : 1));
  // The row may have been moved in the DOM, which drops focus: put it back.
  requestAnimationFrame(() => document.querySelector(`[data-nzo="${slot.nzo_id}"] .drag-handle`)?.focus());
}

export function Queue() {
  const q = queue.value;
  const [search, setSearch] = useState(queueParams.value.search || '');
  const [selected, setSelected] = useState(() => new Set());
  const [anchor, setAnchor] = useState(null);
  const [choices, setChoices] = useState({ categories: ['*'], scripts: ['None'] });
  const [filesOf, setFilesOf] = useState(null);
  const listRef = useRef(null);
  useEffect(() => {
    loadChoices().then(setChoices);
    setParams({ limit: pageSize.value, start: 0 });
    return () => { queueParams.value = { ...queueParams.value, search: '', start: 0 }; };
  }, []);
  const { cat } = parseSearch(search);
  const visible = useMemo(() => (q?.slots || []).filter((s) => !cat || String(s.cat).toLowerCase() === cat), [q, cat]);
  // A filtered answer numbers its slots within the filter, not the queue, so
  // moves are offered only on the unfiltered list.
  const canMove = !search.trim();
  useSortable(listRef, visible, visible.length > 0 && canMove);

  const select = (id, on, shift) => {
    const next = new Set(selected);
    const ids = visible.map((s) => s.nzo_id);
    if (shift && anchor && ids.includes(anchor)) {
      const [a, b] = [ids.indexOf(anchor), ids.indexOf(id)].sort((x, y) => x - y);
      for (const x of ids.slice(a, b + 1)) if (on) next.add(x); else next.delete(x);
    } else if (on) next.add(id); else next.delete(id);
    setAnchor(id);
    setSelected(next);
  };
  const live = new Set((q?.slots || []).map((s) => s.nzo_id));
  const chosen = new Set([...selected].filter((id) => live.has(id)));
  const allOn = visible.length > 0 && visible.every((s) => chosen.has(s.nzo_id));
  const limit = queueParams.value.limit || 50;
  const total = Number(q?.noofslots || 0);
  const last = Math.max(0, total - 1);

  return html`<section class="dl-section queue" aria-labelledby="queue-title">
    <header class="dl-section-head"><h2 id="queue-title">Queue</h2>
      <${SearchBox} value=${search} onChange=${setSearch} /></header>
    ${chosen.size > 0 && html`<${SelectionBar} ids=${chosen} choices=${choices} onClear=${() => setSelected(new Set())} />`}
    ${!q ? html`<p class="muted">Loading…</p>` : !visible.length
      ? html`<${Empty}>${search ? 'No job matches the search.' : 'The queue is empty. Drop NZB files here or press Add.'}</${Empty}>`
      : html`<label class="select-all"><input type="checkbox" checked=${allOn}
            onChange=${(e) => setSelected(e.currentTarget.checked ? new Set(visible.map((s) => s.nzo_id)) : new Set())} /> Select all</label>
        <ul class="queue-list" ref=${listRef}>${visible.map((s) => html`<${QueueRow} key=${s.nzo_id} slot=${s} last=${last}
          selected=${chosen.has(s.nzo_id)} onSelect=${select} choices=${choices} onFiles=${setFilesOf} onMoveKey=${moveByKey}
          canMove=${canMove} />`)}</ul>`}
    <${Pager} page=${Math.floor((queueParams.value.start || 0) / limit) + 1} pages=${Math.ceil(total / limit)}
      onPage=${(p) => setParams({ start: (p - 1) * limit })} />
    <div class="list-foot"><${PageSize} label="Queue rows per page" value=${limit}
      onChange=${(n) => { pageSize.value = n; setParams({ limit: n, start: 0 }); }} /></div>
    ${filesOf && html`<${FilesModal} job=${filesOf} onClose=${() => setFilesOf(null)} />`}
  </section>`;
}
