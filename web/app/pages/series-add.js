// Add series (#/series/add): look a show up on TVMaze through nzbd
// (/series/lookup), pick a result, fill in the form, and land on its page.
import { sonarr } from '../lib/api.js';
import { html, useEffect, useRef, useState } from '../lib/html.js';
import { Icon } from '../lib/icons.js';
import { route } from '../lib/router.js';
import { Empty, Page } from '../lib/ui.js';
import { AddSeriesForm } from './series/add-form.js';
import { Poster } from './series/common.js';

function ResultCard({ series, onChoose }) {
  const meta = [series.network || '', series.ended ? 'Ended' : 'Continuing'].filter(Boolean).join(' · ');
  return html`<li class="lookup-card card">
    <${Poster} series=${series} size="small" />
    <div class="lookup-text">
      <h2>${series.title}${series.year ? html` <span class="muted">(${series.year})</span>` : ''}</h2>
      <p class="muted">${meta}</p>
      <p class="lookup-overview">${series.overview || 'No overview.'}</p>
      ${series.id ? html`<a class="btn" href=${'#/series/' + series.id}>Already added — open</a>`
        : html`<button type="button" class="btn btn-primary" aria-label=${'Add ' + series.title}
            onClick=${() => onChoose(series)}><${Icon} name="plus" /><span>Add</span></button>`}
    </div></li>`;
}

export default function SeriesAdd() {
  const [term, setTerm] = useState(route.value.query.term || '');
  const [results, setResults] = useState(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [chosen, setChosen] = useState(null);
  const asked = useRef(0);

  const search = async (text) => {
    const q = text.trim();
    if (!q) { setResults(null); return; }
    const n = ++asked.current;  // a slow answer to an older term must not win
    setBusy(true); setError('');
    try {
      const found = await sonarr('series/lookup', { query: { term: q } });
      if (n === asked.current) setResults(found);
    } catch (e) {
      if (n === asked.current) { setResults([]); setError(e.message); }
    } finally { if (n === asked.current) setBusy(false); }
  };
  // Search as the user types, after a short pause.
  useEffect(() => { const t = setTimeout(() => search(term), 400); return () => clearTimeout(t); }, [term]);

  return html`<${Page} title="Add series">
    <form class="lookup-form" role="search" onSubmit=${(e) => { e.preventDefault(); search(term); }}>
      <label for="lookup-term">Search for a series</label>
      <div class="input-row"><input id="lookup-term" type="search" value=${term} autofocus
          placeholder="Title, tvdb:ID or tvmaze:ID" onInput=${(e) => setTerm(e.currentTarget.value)} />
        <button type="submit" class="btn btn-primary"><${Icon} name="search" /><span>Search</span></button></div>
    </form>
    <div aria-live="polite" aria-busy=${busy ? 'true' : 'false'}>
      ${busy && html`<p class="loading">Searching…</p>`}
      ${error && html`<p class="status-bad">Search failed: ${error}</p>`}
      ${results && !results.length && !error && html`<${Empty}>Nothing found for “${term}”.</${Empty}>`}
      ${results?.length > 0 && html`<ul class="lookup-results">${results.map((s) => html`<${ResultCard}
        key=${s.tvdbId || s.tvMazeId || s.title} series=${s} onChoose=${setChosen} />`)}</ul>`}
    </div>
    ${chosen && html`<${AddSeriesForm} series=${chosen} onClose=${() => setChosen(null)} />`}
  </${Page}>`;
}
