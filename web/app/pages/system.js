// System: not built yet.
import { html } from '../lib/html.js';
import { Page } from '../lib/ui.js';

export default function View() {
  return html`<${Page} title="System"><p>Not built yet.</p></${Page}>`;
}
