// Shared building blocks: buttons with labels, native <dialog> modals (they
// trap focus and close on Esc by themselves), toggles, fields, progress bars.
import { html, useEffect, useRef, useState } from './html.js';
import { Icon } from './icons.js';

// An icon button: the label is its accessible name (and tooltip).
export function IconButton({ icon, label, onClick, disabled, pressed, class: cls = '', ...rest }) {
  return html`<button type="button" class=${'icon-btn ' + cls} aria-label=${label} title=${label}
    aria-pressed=${pressed === undefined ? undefined : String(!!pressed)} disabled=${disabled} onClick=${onClick} ...${rest}>
    <${Icon} name=${icon} /></button>`;
}

// A button that spins while its async action runs and ignores clicks meanwhile.
export function ActionButton({ onClick, children, icon, class: cls = '', busyLabel, ...rest }) {
  const [busy, setBusy] = useState(false);
  const run = async (e) => {
    if (busy) return;
    setBusy(true);
    try { await onClick?.(e); } finally { setBusy(false); }
  };
  return html`<button type="button" class=${'btn ' + cls + (busy ? ' busy' : '')} aria-busy=${busy ? 'true' : 'false'}
    onClick=${run} ...${rest}>${icon && html`<${Icon} name=${busy ? 'refresh' : icon} />`}
    <span>${busy && busyLabel ? busyLabel : children}</span></button>`;
}

const focusable = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), ' +
  'textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

// A native modal makes the page inert but lets Tab leave for the browser's
// own UI; keep it cycling inside the dialog instead.
function trapTab(e, dialog) {
  if (e.key !== 'Tab' || !dialog) return;
  const items = [...dialog.querySelectorAll(focusable)].filter((el) => el.offsetParent !== null);
  if (!items.length) return;
  const first = items[0], last = items[items.length - 1];
  if (e.shiftKey && document.activeElement === first) { last.focus(); e.preventDefault(); }
  else if (!e.shiftKey && document.activeElement === last) { first.focus(); e.preventDefault(); }
}

// A modal dialog. open: bool; onClose called on Esc, backdrop or the × button.
export function Modal({ open, title, onClose, children, footer, wide }) {
  const ref = useRef(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return html`<dialog ref=${ref} class=${'modal' + (wide ? ' modal-wide' : '')} aria-label=${title}
      onCancel=${(e) => { e.preventDefault(); onClose?.(); }} onKeyDown=${(e) => trapTab(e, ref.current)}
      onClick=${(e) => { if (e.target === ref.current) onClose?.(); }}>
    ${open && html`<div class="modal-body">
      <header class="modal-head"><h2>${title}</h2>
        <${IconButton} icon="x" label="Close" onClick=${onClose} /></header>
      <div class="modal-content">${children}</div>
      ${footer && html`<footer class="modal-foot">${footer}</footer>`}
    </div>`}
  </dialog>`;
}

// Asks before a destructive action; resolves true or false.
let confirmState = null;
export function ConfirmHost() {
  const [state, setState] = useState(null);
  confirmState = setState;
  if (!state) return null;
  const done = (v) => { setState(null); state.resolve(v); };
  return html`<${Modal} open=${true} title=${state.title} onClose=${() => done(false)}
    footer=${html`<button type="button" class="btn" onClick=${() => done(false)}>Cancel</button>
      <button type="button" class="btn btn-danger" onClick=${() => done(true)}>${state.action}</button>`}>
    <p>${state.message}</p></${Modal}>`;
}
export function confirmDialog(title, message, action = 'Delete') {
  return new Promise((resolve) => confirmState?.({ title, message, action, resolve }));
}

export function Toggle({ label, checked, onChange, disabled, hideLabel }) {
  return html`<label class=${'toggle' + (hideLabel ? ' toggle-bare' : '')}>
    <input type="checkbox" role="switch" checked=${!!checked} disabled=${disabled}
      aria-label=${hideLabel ? label : undefined} onChange=${(e) => onChange?.(e.currentTarget.checked)} />
    <span class="toggle-track" aria-hidden="true"></span>${!hideLabel && html`<span>${label}</span>`}</label>`;
}

// A labelled form control; `children` is the input.
export function Field({ label, hint, children, id }) {
  return html`<div class="field"><label for=${id}>${label}</label>${children}
    ${hint && html`<small class="hint">${hint}</small>`}</div>`;
}

export function Progress({ value, label, state = '' }) {
  const pct = Math.max(0, Math.min(100, Number(value) || 0));
  return html`<div class=${'progress ' + state} role="progressbar" aria-label=${label}
      aria-valuenow=${Math.round(pct)} aria-valuemin="0" aria-valuemax="100">
    <div class="progress-bar" style=${{ width: pct + '%' }}></div></div>`;
}

// Tabs as links (each a hash route), with the current one marked.
export function Tabs({ items, current, label }) {
  return html`<nav class="tabs" aria-label=${label}>${items.map((t) => html`<a key=${t.href} href=${'#' + t.href}
    class=${'tab' + (current === t.href ? ' active' : '')} aria-current=${current === t.href ? 'page' : undefined}>
    ${t.label}${t.count ? html` <span class="badge">${t.count}</span>` : ''}</a>`)}</nav>`;
}

export function Pager({ page, pages, onPage }) {
  if (pages <= 1) return null;
  return html`<div class="pager">
    <button type="button" class="btn" disabled=${page <= 1} onClick=${() => onPage(page - 1)}>Previous</button>
    <span>Page ${page} of ${pages}</span>
    <button type="button" class="btn" disabled=${page >= pages} onClick=${() => onPage(page + 1)}>Next</button></div>`;
}

export function Empty({ children }) { return html`<p class="empty">${children}</p>`; }

// Page frame: title (also the document title's first part), toolbar, content.
export function Page({ title, actions, children }) {
  useEffect(() => { document.body.dataset.page = title; }, [title]);
  return html`<section class="page" aria-labelledby="page-title">
    <header class="page-head"><h1 id="page-title">${title}</h1>
      ${actions && html`<div class="page-actions">${actions}</div>`}</header>
    ${children}</section>`;
}
