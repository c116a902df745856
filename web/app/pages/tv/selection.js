// Checkbox selection over a list of rows, with shift-click ranges.
import { html, useRef, useState } from '../../lib/html.js';

export function useSelection(rows) {
  const [ids, setIds] = useState(() => new Set());
  const last = useRef(null);
  const visible = new Set(rows.map((r) => r.id));
  const selected = [...ids].filter((id) => visible.has(id));
  const toggle = (id, on, shift) => {
    const next = new Set(ids);
    const order = rows.map((r) => r.id);
    const from = order.indexOf(last.current), to = order.indexOf(id);
    const span = shift && from >= 0 && to >= 0 ? order.slice(Math.min(from, to), Math.max(from, to) + 1) : [id];
    for (const x of span) on ? next.add(x) : next.delete(x);
    last.current = id;
    setIds(next);
  };
  const all = rows.length > 0 && selected.length === rows.length;
  const toggleAll = (on) => setIds(on ? new Set(rows.map((r) => r.id)) : new Set());
  return { selected, has: (id) => ids.has(id), toggle, all, toggleAll, clear: () => setIds(new Set()) };
}

export function SelectAll({ sel, label }) {
  return html`<label class="sel-box"><input type="checkbox" aria-label=${label} checked=${sel.all}
    onChange=${(e) => sel.toggleAll(e.currentTarget.checked)} /></label>`;
}

export function SelectRow({ sel, id, label }) {
  return html`<label class="sel-box"><input type="checkbox" aria-label=${label} checked=${sel.has(id)}
    onClick=${(e) => sel.toggle(id, e.currentTarget.checked, e.shiftKey)} /></label>`;
}
