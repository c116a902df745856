// The warnings log (mode=warnings) with Clear; the header badge counts them.
import { sab } from '../../lib/api.js';
import { formatDateTime } from '../../lib/format.js';
import { html, useState } from '../../lib/html.js';
import { usePoll } from '../../lib/poll.js';
import { refreshQueue } from '../../lib/store.js';
import { toastError } from '../../lib/toast.js';
import { ActionButton, Empty } from '../../lib/ui.js';

export function Warnings() {
  const [list, setList] = useState(null);
  const load = async () => setList((await sab('warnings')).warnings || []);
  usePoll(load, 5000);
  const clear = async () => {
    await sab('warnings', { name: 'clear' }).catch(toastError);
    await Promise.all([load(), refreshQueue()]).catch(() => {});
  };
  return html`<section class="dl-section" aria-labelledby="warnings-title">
    <header class="dl-section-head"><h2 id="warnings-title">Warnings</h2>
      <${ActionButton} icon="trash" onClick=${clear} disabled=${!list?.length}>Clear</${ActionButton}></header>
    ${list === null ? html`<p class="muted">Loading…</p>` : !list.length ? html`<${Empty}>No warnings.</${Empty}>`
      : html`<ul class="warning-list">${list.map((w, i) => html`<li key=${i + ':' + w.time} class=${'warning-row warning-' + String(w.type).toLowerCase()}>
          <span class="tag">${w.type}</span> <time class="muted">${formatDateTime(Number(w.time))}</time>
          <span class="warning-text">${w.text}</span>${w.origin ? html` <span class="muted">(${w.origin})</span>` : ''}</li>`)}</ul>`}
  </section>`;
}
