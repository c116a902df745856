// History: polled every 2 s while shown (skipping unchanged answers through
// last_history_update), with search, failed-only, paging, Retry (optionally
// with a password or a new NZB), mark completed, delete and purge failed.
import { sab } from '../../lib/api.js';
import { html, useRef, useState } from '../../lib/html.js';
import { usePoll } from '../../lib/poll.js';
import { pref, refreshQueue } from '../../lib/store.js';
import { toastError } from '../../lib/toast.js';
import { ActionButton, confirmDialog, Empty, Pager, Toggle } from '../../lib/ui.js';
import { HistoryRow, RetryDialog } from './history-row.js';
import { PageSize } from './page-size.js';

// SABnzbd's history totals come without the "B": "0", "566", "54.5 M".
const sabSize = (s) => (/[KMGTP]$/.test(String(s)) ? `${s}B` : `${s} B`);

const pageSize = pref('historyLimit', 20);

function useHistory(query) {
  const [data, setData] = useState(null);
  const seen = useRef({ key: '', update: null });
  const key = JSON.stringify(query);
  const load = async (force) => {
    const params = { start: query.start, limit: query.limit, search: query.search || undefined, failed_only: query.failed ? 1 : undefined };
    const same = !force && seen.current.key === key && seen.current.update !== null;
    const body = await sab('history', same ? { ...params, last_history_update: seen.current.update } : params);
    if (body.history === false) return;
    seen.current = { key, update: body.history.last_history_update };
    setData(body.history);
  };
  usePoll(() => load(false), 2000, [key]);
  return [data, () => load(true).catch(toastError)];
}

export function History() {
  const [search, setSearch] = useState('');
  const [failed, setFailed] = useState(false);
  const [start, setStart] = useState(0);
  const [retrying, setRetrying] = useState(null);
  const limit = pageSize.value;
  const [h, reload] = useHistory({ start, limit, search, failed });
  const after = async (p) => { try { await p; } catch (e) { toastError(e); } await reload(); refreshQueue().catch(() => {}); };
  const purge = async () => {
    if (await confirmDialog('Purge failed', 'Delete every failed job from the history, with its files?', 'Purge'))
      await after(sab('history', { name: 'delete', value: 'failed', del_files: 1 }));
  };
  const actions = {
    retry: (slot) => setRetrying(slot),
    complete: (slot) => after(sab('history', { name: 'mark_as_completed', value: slot.nzo_id })),
    remove: async (slot) => {
      if (await confirmDialog('Delete from history', `Delete "${slot.name}" and its files?`))
        await after(sab('history', { name: 'delete', value: slot.nzo_id, del_files: 1 }));
    },
  };
  const slots = h?.slots || [];
  return html`<section class="dl-section history" aria-labelledby="history-title">
    <header class="dl-section-head"><h2 id="history-title">History</h2>
      <input type="search" class="history-search" aria-label="Search the history" placeholder="Search"
        value=${search} onInput=${(e) => { setSearch(e.currentTarget.value); setStart(0); }} />
      <${Toggle} label="Failed only" checked=${failed} onChange=${(v) => { setFailed(v); setStart(0); }} />
      <${ActionButton} icon="retry" onClick=${() => after(sab('retry_all'))}>Retry all</${ActionButton}>
      <${ActionButton} icon="trash" onClick=${purge}>Purge failed</${ActionButton}>
    </header>
    ${!h ? html`<p class="muted">Loading…</p>` : !slots.length ? html`<${Empty}>${failed ? 'No failed jobs.' : 'Nothing finished yet.'}</${Empty}>`
      : html`<ul class="history-list">${slots.map((s) => html`<${HistoryRow} key=${s.nzo_id} slot=${s} actions=${actions} />`)}</ul>`}
    <${Pager} page=${Math.floor(start / limit) + 1} pages=${Math.ceil((h?.noofslots || 0) / limit)} onPage=${(p) => setStart((p - 1) * limit)} />
    <div class="list-foot">
      ${h && html`<p class="history-totals muted">Downloaded today ${sabSize(h.day_size)} · this week ${sabSize(h.week_size)} · this month ${sabSize(h.month_size)} · total ${sabSize(h.total_size)}</p>`}
      <${PageSize} label="History rows per page" value=${limit} onChange=${(n) => { pageSize.value = n; setStart(0); }} /></div>
    ${retrying && html`<${RetryDialog} slot=${retrying} onClose=${() => setRetrying(null)} onDone=${() => { setRetrying(null); after(null); }} />`}
  </section>`;
}
