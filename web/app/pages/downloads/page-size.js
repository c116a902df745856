// "Rows per page" for the server-paged lists (SABnzbd allows 5–250).
import { html } from '../../lib/html.js';

const sizes = [10, 20, 50, 100, 250];

export function PageSize({ label, value, onChange }) {
  return html`<label class="page-size">${label}
    <select value=${String(value)} onChange=${(e) => onChange(Number(e.currentTarget.value))}>
      ${sizes.map((n) => html`<option value=${String(n)}>${n}</option>`)}</select></label>`;
}
