// Downloads: #/downloads shows the queue with the history below it (stacked on
// every width; the tabs jump straight to History or Warnings, which phones
// use), #/downloads/history the history alone, #/downloads/warnings the log.
import { html } from '../lib/html.js';
import { queue, warningCount } from '../lib/store.js';
import { Page, Tabs } from '../lib/ui.js';
import { History } from './downloads/history.js';
import { InfoStrip } from './downloads/info.js';
import { Queue } from './downloads/queue.js';
import { Warnings } from './downloads/warnings.js';

export default function Downloads({ route }) {
  const tab = route.parts[1] || '';
  const current = '/downloads' + (tab ? '/' + tab : '');
  const q = queue.value;
  const tabs = [{ href: '/downloads', label: 'Queue', count: q?.noofslots || 0 },
    { href: '/downloads/history', label: 'History' },
    { href: '/downloads/warnings', label: 'Warnings', count: warningCount.value }];
  return html`<${Page} title="Downloads">
    <${Tabs} items=${tabs} current=${current} label="Downloads views" />
    ${tab === 'warnings' ? html`<${Warnings} />`
      : tab === 'history' ? html`<${History} />`
      : html`<${InfoStrip} /><${Queue} /><${History} />`}
  </${Page}>`;
}
