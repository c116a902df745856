// TV settings → UI: what this browser remembers (theme, first day of the
// week, keyboard shortcuts). Nothing here goes to the server.
import { html, useState } from '../../lib/html.js';
import { setTheme, shortcutsOn } from '../../lib/store.js';
import { Field, Toggle } from '../../lib/ui.js';
import { firstDayOfWeek } from './prefs.js';

const themes = [['auto', 'Auto (follow the system)'], ['light', 'Light'], ['dark', 'Dark']];
const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'long' });
// 2023-01-01 was a Sunday: day n of that week names weekday n.
const dayName = (n) => weekday.format(new Date(2023, 0, 1 + n));

function currentTheme() {
  try { return localStorage.getItem('nzbd.theme') || document.documentElement.dataset.themeChoice || 'auto'; } catch { return 'auto'; }
}

export function UiSection() {
  const [theme, setChoice] = useState(currentTheme);
  const choose = (t) => { setChoice(t); setTheme(t); };
  return html`<section class="card settings-card" aria-labelledby="ui-settings"><h2 id="ui-settings">User interface</h2>
    <p class="muted">These are kept in this browser only.</p>
    <fieldset class="ui-theme"><legend>Theme</legend>
      ${themes.map(([v, label]) => html`<label key=${v} class="radio"><input type="radio" name="ui-theme" value=${v}
        checked=${theme === v} onChange=${() => choose(v)} /><span>${label}</span></label>`)}
    </fieldset>
    <div class="form-grid">
      <${Field} label="First day of the week" id="ui-first-day">
        <select id="ui-first-day" value=${String(firstDayOfWeek.value)}
          onChange=${(e) => { firstDayOfWeek.value = Number(e.currentTarget.value); }}>
          ${[1, 0, 6].map((n) => html`<option key=${n} value=${String(n)}>${dayName(n)}</option>`)}</select>
      </${Field}>
      <div class="field"><${Toggle} label="Keyboard shortcuts" checked=${shortcutsOn.value}
        onChange=${(v) => { shortcutsOn.value = v; }} />
        <small class="hint">Press ? to see them; they never fire while typing.</small></div>
    </div>
  </section>`;
}
