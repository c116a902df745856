// Switches tab: the post-processing switches nzbd reads (others in the
// misc section are kept for SABnzbd clients but have no effect in nzbd).
import { html, useEffect, useState } from '../../lib/html.js';
import { toast, toastError } from '../../lib/toast.js';
import { Input, loadSection, saveMisc, Switch } from './form.js';

const switches = [
  ['enable_recursive', 'Unpack archives found inside archives'],
  ['script_can_fail', 'A failing post-processing script fails the job'],
];

export default function Switches() {
  const [values, setValues] = useState(null);
  useEffect(() => { loadSection('misc').then(setValues).catch(toastError); }, []);
  if (!values) return html`<p aria-busy="true">Loading…</p>`;
  // A switch saves at once: there is no form to leave dirty.
  const set = async (k, v) => {
    const before = values[k];
    setValues((old) => ({ ...old, [k]: v }));
    try { await saveMisc({ [k]: v }, [k]); toast('Saved', 'ok', 2000); }
    catch (e) { setValues((old) => ({ ...old, [k]: before })); toastError(e); }
  };
  const setTries = (k, v) => setValues((old) => ({ ...old, [k]: v }));
  const saveTries = () => saveMisc(values, ['max_art_tries']).then(() => toast('Saved', 'ok', 2000), toastError);
  return html`<div class="config-section">
    <fieldset><legend>Post-processing</legend><ul class="switch-list">
      ${switches.map(([k, label]) => html`<li key=${k}><${Switch} label=${label} name=${k} values=${values} set=${set} /></li>`)}
    </ul></fieldset>
    <fieldset><legend>Downloading</legend><div class="form-grid">
      <${Input} id="sw-max_art_tries" name="max_art_tries" type="number" min="1" label="Tries per article and server"
        values=${values} set=${setTries} onBlur=${saveTries} /></div></fieldset></div>`;
}
