// TV settings → Naming (GET/PUT /config/naming), with the example names
// nzbd computes for the formats being edited (/config/naming/examples).
import { sonarr } from '../../lib/api.js';
import { html, useEffect, useState } from '../../lib/html.js';
import { Field, Toggle } from '../../lib/ui.js';
import { SaveBar, ValueInput, useConfig } from './form.js';

const colon = [[0, 'Delete'], [1, 'Replace with dash'], [2, 'Replace with space dash'], [3, 'Replace with space dash space'],
  [4, 'Smart replace'], [5, 'Custom']];
const multi = [[0, 'Extend'], [1, 'Duplicate'], [2, 'Repeat'], [3, 'Scene'], [4, 'Range'], [5, 'Prefixed range']];
const formats = [
  ['standardEpisodeFormat', 'Standard episode format', 'singleEpisodeExample'],
  ['dailyEpisodeFormat', 'Daily episode format', 'dailyEpisodeExample'],
  ['animeEpisodeFormat', 'Anime episode format', 'animeEpisodeExample'],
  ['seriesFolderFormat', 'Series folder format', 'seriesFolderExample'],
  ['seasonFolderFormat', 'Season folder format', 'seasonFolderExample'],
  ['specialsFolderFormat', 'Specials folder format', 'specialsFolderExample'],
];

// Examples for the draft, fetched a moment after typing stops.
function useExamples(draft) {
  const [examples, setExamples] = useState({});
  const key = JSON.stringify(draft);
  useEffect(() => {
    if (!draft) return undefined;
    const query = Object.fromEntries(Object.entries(draft).filter(([, v]) => typeof v !== 'object').map(([k, v]) => [k, String(v)]));
    const t = setTimeout(() => sonarr('config/naming/examples', { query }).then(setExamples).catch(() => setExamples({})), 300);
    return () => clearTimeout(t);
  }, [key]);
  return examples;
}

export function NamingSection() {
  const form = useConfig('config/naming');
  const examples = useExamples(form.draft);
  if (form.error) return html`<p class="chip tv-bad" role="alert">${form.error}</p>`;
  if (!form.draft) return html`<p class="loading" aria-busy="true">Loading…</p>`;
  const d = form.draft;
  return html`<section class="card settings-card" aria-labelledby="naming"><h2 id="naming">Episode naming</h2>
    <div class="form-grid">
      <div class="field"><${Toggle} label="Rename episodes" checked=${d.renameEpisodes} onChange=${(v) => form.set('renameEpisodes', v)} /></div>
      <div class="field"><${Toggle} label="Replace illegal characters" checked=${d.replaceIllegalCharacters}
        onChange=${(v) => form.set('replaceIllegalCharacters', v)} /></div>
      ${'colonReplacementFormat' in d && html`<${Field} label="Colon replacement" id="nm-colon">
        <${ValueInput} id="nm-colon" value=${d.colonReplacementFormat} options=${colon} onChange=${(v) => form.set('colonReplacementFormat', v)} /></${Field}>`}
      ${d.colonReplacementFormat === 5 && html`<${Field} label="Custom colon replacement" id="nm-custom-colon">
        <${ValueInput} id="nm-custom-colon" value=${d.customColonReplacementFormat} onChange=${(v) => form.set('customColonReplacementFormat', v)} /></${Field}>`}
      ${'multiEpisodeStyle' in d && html`<${Field} label="Multi-episode style" id="nm-multi" hint=${examples.multiEpisodeExample}>
        <${ValueInput} id="nm-multi" value=${d.multiEpisodeStyle} options=${multi} onChange=${(v) => form.set('multiEpisodeStyle', v)} /></${Field}>`}
    </div>
    <div class="naming-formats">${formats.filter(([k]) => k in d).map(([key, label, ex]) => html`<${Field} key=${key}
        label=${label} id=${'nm-' + key} hint=${examples[ex] ? 'Example: ' + examples[ex] : undefined}>
      <${ValueInput} id=${'nm-' + key} value=${d[key]} onChange=${(v) => form.set(key, v)} /></${Field}>`)}</div>
    <${SaveBar} form=${form} />
  </section>`;
}
