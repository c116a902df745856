// Settings forms: a loaded copy that is edited locally and saved with PUT,
// a guard that asks before a link leaves a dirty form, and mod+s to save.
import { sonarr } from '../../lib/api.js';
import { html, useEffect, useRef, useState } from '../../lib/html.js';
import { navigate } from '../../lib/router.js';
import { toast, toastError } from '../../lib/toast.js';
import { confirmDialog } from '../../lib/ui.js';

// Asks before an in-app link, the back button or a reload leaves while `dirty` is true.
export function useLeaveGuard(dirty) {
  const ref = useRef(dirty);
  ref.current = dirty;
  useEffect(() => {
    const onClick = async (e) => {
      const a = e.target.closest?.('a[href^="#"]');
      if (!ref.current || !a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey) return;
      e.preventDefault();
      e.stopPropagation();
      if (await confirmDialog('Unsaved changes', 'Leave without saving your changes?', 'Leave')) {
        ref.current = false;
        navigate(a.getAttribute('href').slice(1));
      }
    };
    const onUnload = (e) => { if (ref.current) { e.preventDefault(); e.returnValue = ''; } };
    // Back/forward: popstate comes before the router's hashchange, so putting
    // the address back here keeps the router (and the form) where they are.
    let shown = location.href;
    const onHash = () => { shown = location.href; };
    const onPop = async () => {
      if (!ref.current || location.href === shown) return;
      const target = location.hash;
      history.replaceState(history.state, '', shown);
      if (await confirmDialog('Unsaved changes', 'Leave without saving your changes?', 'Leave')) {
        ref.current = false;
        location.hash = target;
      }
    };
    document.addEventListener('click', onClick, true);
    window.addEventListener('beforeunload', onUnload);
    window.addEventListener('hashchange', onHash);
    window.addEventListener('popstate', onPop);
    return () => {
      document.removeEventListener('click', onClick, true);
      window.removeEventListener('beforeunload', onUnload);
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('popstate', onPop);
    };
  }, []);
}

// Ctrl/Cmd+S runs save() while the form is on screen (Sonarr's mod+s).
export function useSaveKey(save) {
  const ref = useRef(save);
  ref.current = save;
  useEffect(() => {
    const onKey = (e) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') { e.preventDefault(); ref.current?.(); }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}

// A config resource (GET path, PUT path[/id]) edited as a local copy.
export function useConfig(path) {
  const [saved, setSaved] = useState(null);
  const [draft, setDraft] = useState(null);
  const [error, setError] = useState('');
  useEffect(() => {
    sonarr(path).then((c) => { setSaved(c); setDraft(c); }).catch((e) => setError(e.message));
  }, [path]);
  const dirty = !!saved && JSON.stringify(saved) !== JSON.stringify(draft);
  const set = (key, value) => setDraft((d) => ({ ...d, [key]: value }));
  const save = async () => {
    if (!dirty) return;
    try {
      const out = await sonarr(draft.id ? `${path}/${draft.id}` : path, { method: 'PUT', body: draft });
      const next = out && typeof out === 'object' ? out : draft;
      setSaved(next); setDraft(next);
      toast('Saved');
    } catch (e) { toastError(e); }
  };
  useLeaveGuard(dirty);
  useSaveKey(save);
  return { saved, draft, set, save, dirty, error, reset: () => setDraft(saved) };
}

// One input for a config value, chosen by the kind of value (or `options`).
export function ValueInput({ id, value, onChange, options, type }) {
  if (options) {
    return html`<select id=${id} value=${String(value)} onChange=${(e) => {
      const raw = e.currentTarget.value;
      onChange(typeof value === 'number' ? Number(raw) : raw);
    }}>${options.map(([v, label]) => html`<option key=${v} value=${String(v)}>${label}</option>`)}</select>`;
  }
  if (typeof value === 'number' || type === 'number') {
    return html`<input id=${id} type="number" value=${value ?? ''}
      onInput=${(e) => onChange(e.currentTarget.value === '' ? 0 : Number(e.currentTarget.value))} />`;
  }
  return html`<input id=${id} type=${type === 'password' ? 'password' : 'text'} value=${value ?? ''}
    onInput=${(e) => onChange(e.currentTarget.value)} />`;
}

export function SaveBar({ form }) {
  return html`<div class="settings-save">
    ${form.dirty && html`<span class="muted" role="status">Unsaved changes</span>`}
    <button type="button" class="btn" disabled=${!form.dirty} onClick=${form.reset}>Discard</button>
    <button type="button" class="btn btn-primary" disabled=${!form.dirty} onClick=${form.save}>Save changes</button>
  </div>`;
}
