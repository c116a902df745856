// Activity (#/activity/queue|history|blocklist): the TV side's downloads,
// what happened to them, and the releases it will not grab again.
import { html } from '../lib/html.js';
import { Page, Tabs } from '../lib/ui.js';
import { BlocklistTab, HistoryTab } from './tv/activity-history.js';
import { QueueTab } from './tv/activity-queue.js';

const tabs = [
  { href: '/activity/queue', label: 'Queue', title: 'Activity: queue', View: QueueTab },
  { href: '/activity/history', label: 'History', title: 'Activity: history', View: HistoryTab },
  { href: '/activity/blocklist', label: 'Blocklist', title: 'Activity: blocklist', View: BlocklistTab },
];

export default function ActivityPage({ route }) {
  const tab = tabs.find((t) => t.href === '/activity/' + route.parts[1]) ?? tabs[0];
  return html`<${Page} title=${tab.title}>
    <${Tabs} items=${tabs} current=${tab.href} label="Activity" />
    <${tab.View} key=${tab.href} />
  </${Page}>`;
}
