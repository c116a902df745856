// TV settings (#/settings/<section>): the Sonarr side's media management,
// profiles, naming, indexers, download clients and this browser's UI choices.
import { html } from '../lib/html.js';
import { Page, Tabs } from '../lib/ui.js';
import { ProvidersSection } from './tv/providers.js';
import { MediaSection } from './tv/settings-media.js';
import { NamingSection } from './tv/settings-naming.js';
import { ProfilesSection } from './tv/settings-profiles.js';
import { UiSection } from './tv/settings-ui.js';

const sections = [
  { key: 'media', label: 'Media management', View: MediaSection },
  { key: 'profiles', label: 'Profiles', View: ProfilesSection },
  { key: 'naming', label: 'Naming', View: NamingSection },
  { key: 'indexers', label: 'Indexers', View: () => html`<${ProvidersSection} kind="indexer" />` },
  { key: 'clients', label: 'Download clients', View: () => html`<${ProvidersSection} kind="downloadclient" />` },
  { key: 'ui', label: 'UI', View: UiSection },
];

export default function TvSettingsPage({ route }) {
  const s = sections.find((x) => x.key === route.parts[1]) ?? sections[0];
  return html`<${Page} title=${'TV settings: ' + s.label.toLowerCase()}>
    <${Tabs} items=${sections.map((x) => ({ href: '/settings/' + x.key, label: x.label }))} current=${'/settings/' + s.key}
      label="TV settings" />
    <div class="settings-body"><${s.View} key=${s.key} /></div>
  </${Page}>`;
}
