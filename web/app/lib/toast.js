// Toasts: short messages in a role=status region that never block the page.
import { html, signal } from './html.js';

export const toasts = signal([]);
let nextId = 1;

export function toast(message, kind = 'info', ms = 5000) {
  const id = nextId++;
  toasts.value = [...toasts.value, { id, message, kind }];
  setTimeout(() => { toasts.value = toasts.value.filter((t) => t.id !== id); }, ms);
  return id;
}

// Shows an error from a failed call and keeps going (for `.catch(toastError)`).
export function toastError(e) { toast(e?.message || String(e), 'error', 8000); }

export function Toasts() {
  return html`<div class="toasts" role="status" aria-live="polite">
    ${toasts.value.map((t) => html`<div key=${t.id} class=${'toast toast-' + t.kind}>${t.message}</div>`)}
  </div>`;
}
