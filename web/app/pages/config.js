// Downloader settings (#/config/<section>): General, Servers, Categories and
// Switches, each a module under ./config/, all through get_config/set_config.
import { html } from '../lib/html.js';
import { Page, Tabs } from '../lib/ui.js';
import Categories from './config/categories.js';
import General from './config/general.js';
import Servers from './config/servers.js';
import Switches from './config/switches.js';

const sections = [
  { href: '/config/general', label: 'General', view: General },
  { href: '/config/servers', label: 'Servers', view: Servers },
  { href: '/config/categories', label: 'Categories', view: Categories },
  { href: '/config/switches', label: 'Switches', view: Switches },
];

export default function View({ route }) {
  const current = sections.find((s) => s.href === '/config/' + (route.parts[1] || 'general')) ?? sections[0];
  const Section = current.view;
  return html`<${Page} title="Downloader settings">
    <${Tabs} label="Settings sections" current=${current.href} items=${sections} />
    <div class="config-body"><${Section} key=${current.href} /></div></${Page}>`;
}
