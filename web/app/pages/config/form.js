// Shared pieces of the settings forms: labelled inputs bound to a values
// object, the dirty-form guard, and the misc-section save.
import { sab } from '../../lib/api.js';
import { html, useLayoutEffect } from '../../lib/html.js';
import { confirmDialog, Field, Toggle } from '../../lib/ui.js';

// A text/number/password input for values[key]; set(key, value) updates it.
export function Input({ id, label, hint, values, set, name, type = 'text', ...rest }) {
  return html`<${Field} label=${label} id=${id} hint=${hint}>
    <input id=${id} type=${type} value=${values[name] ?? ''} autocomplete="off"
      onInput=${(e) => set(name, e.currentTarget.value)} ...${rest} /></${Field}>`;
}

// A Toggle for a 0/1 value.
export function Switch({ label, values, set, name }) {
  return html`<${Toggle} label=${label} checked=${Number(values[name]) === 1}
    onChange=${(on) => set(name, on ? 1 : 0)} />`;
}

// The one dirty form on screen. The page's hashchange handler and the
// browser's beforeunload ask before its edits are lost.
let dirtyCheck = null;
export function isDirty() { return !!dirtyCheck?.(); }
// A layout effect: the guard is up as soon as the edit is on screen.
export function useDirtyGuard(dirty) {
  useLayoutEffect(() => {
    const check = () => dirty;
    dirtyCheck = check;
    return () => { if (dirtyCheck === check) dirtyCheck = null; };
  }, [dirty]);
}
window.addEventListener('beforeunload', (e) => {
  if (isDirty()) { e.preventDefault(); e.returnValue = ''; }
});

// Keys of `values` whose value differs from `saved`.
export function changedKeys(values, saved) {
  return Object.keys(values).filter((k) => String(values[k] ?? '') !== String(saved[k] ?? ''));
}

// Writes misc keys one by one (set_config takes one keyword per call).
export async function saveMisc(values, keys) {
  for (const k of keys) await sab('set_config', { section: 'misc', keyword: k, value: values[k] ?? '' });
}

export async function loadSection(section) {
  const body = await sab('get_config', { section });
  return body.config?.[section] ?? (section === 'misc' ? {} : []);
}

// Leaving by a link: the click is held back while the user decides.
async function askToLeave() {
  const leave = await confirmDialog('Leave without saving?', 'The changes on this page are not saved yet.', 'Leave');
  if (leave) dirtyCheck = null;
  return leave;
}
document.addEventListener('click', async (e) => {
  const a = e.target.closest?.('a[href^="#"]');
  if (!a || !isDirty() || e.defaultPrevented || a.getAttribute('href') === location.hash) return;
  e.preventDefault();
  if (await askToLeave()) location.hash = a.getAttribute('href');
}, true);

// Leaving by the back button or a typed address. popstate comes before
// hashchange, so the address is put back before the router reads it: the
// router then sees the same route and the form stays as it is.
let shownURL = location.href;
window.addEventListener('hashchange', () => { shownURL = location.href; });
window.addEventListener('popstate', async () => {
  if (!isDirty() || location.href === shownURL) return;
  const target = location.hash;
  history.replaceState(history.state, '', shownURL);
  if (await askToLeave()) location.hash = target;
});
