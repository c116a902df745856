// Downloads: the queue (from the shared queue poll). Replaced by the full page.
import { html } from '../lib/html.js';
import { queue } from '../lib/store.js';
import { Page, Progress, Empty } from '../lib/ui.js';

export default function Downloads() {
  const q = queue.value;
  const slots = q?.slots || [];
  return html`<${Page} title="Downloads">
    ${!slots.length ? html`<${Empty}>The queue is empty. Drop NZB files here or press Add.</${Empty}>` :
      html`<ul class="queue-list">${slots.map((s) => html`<li key=${s.nzo_id} class="queue-row" data-nzo=${s.nzo_id}>
        <span class="queue-name">${s.filename}</span><${Progress} value=${s.percentage} label=${'Progress of ' + s.filename} />
        <span>${s.status}</span></li>`)}</ul>`}
  </${Page}>`;
}
