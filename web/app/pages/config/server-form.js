// The news-server form (Servers tab and wizard) with its Test button, which
// posts the form to mode=config&name=test_server and shows the answer.
import { sab } from '../../lib/api.js';
import { html, useState } from '../../lib/html.js';
import { ActionButton } from '../../lib/ui.js';
import { Input, Switch } from './form.js';

export const newServer = () => ({ host: '', port: 119, ssl: 0, ssl_verify: 2, username: '', password: '',
  connections: 8, enable: 1, priority: 0, retention: 0, timeout: 60, optional: 0, notes: '', displayname: '' });

// The parameters test_server and set_config take from a form's values.
export function serverParams(v) {
  const keys = ['host', 'port', 'ssl', 'ssl_verify', 'username', 'password', 'connections', 'enable', 'priority',
    'retention', 'timeout', 'optional', 'notes', 'displayname'];
  const p = {};
  for (const k of keys) if (v[k] !== undefined) p[k] = String(v[k]);
  return p;
}

export async function testServer(values, name) {
  const params = serverParams(values);
  // The daemon's probe waits up to twice the timeout: keep the wait short.
  params.timeout = String(Math.min(Number(values.timeout) || 10, 10));
  if (name) params.server = name;
  const body = await sab('config', { name: 'test_server', ...params });
  return body.value ?? { result: false, message: 'No answer from the test' };
}

// Test button plus its answer. onResult({result, message}) after each test.
export function TestButton({ values, name, onResult, id }) {
  const [answer, setAnswer] = useState(null);
  const run = async () => {
    setAnswer({ pending: true, message: 'Testing…' });
    let r;
    try { r = await testServer(values, name); } catch (e) { r = { result: false, message: e.message }; }
    setAnswer(r);
    onResult?.(r);
  };
  const cls = answer?.pending ? 'muted' : answer?.result ? 'test-ok' : 'test-bad';
  return html`<div class="server-test">
    <${ActionButton} icon="activity" onClick=${run} busyLabel="Testing…">Test server</${ActionButton}>
    <p id=${id} class=${'test-answer ' + (answer ? cls : '')} role="status">${answer?.message ?? ''}</p></div>`;
}

// Fields of a server. full: also the fields a first setup does not need.
export function ServerFields({ values, set, idPrefix, full }) {
  const f = (name, label, extra = {}) => html`<${Input} id=${`${idPrefix}-${name}`} name=${name} label=${label}
    values=${values} set=${set} ...${extra} />`;
  const num = { type: 'number', min: 0, inputmode: 'numeric' };
  return html`<div class="form-grid">
    ${f('host', 'Host', { required: true, placeholder: 'news.example.com' })}
    ${f('port', 'Port', { ...num, max: 65535 })}
    ${f('username', 'Username')}
    ${f('password', 'Password', { type: 'password' })}
    ${f('connections', 'Connections', { ...num, min: 1 })}
    ${full && f('priority', 'Priority', { ...num, hint: '0 is tried first' })}
    ${full && f('retention', 'Retention (days)', { ...num, hint: '0: unlimited' })}
    ${full && f('timeout', 'Timeout (seconds)', { ...num, min: 1 })}
  </div>
  <div class="switch-row">
    <${Switch} label="SSL" name="ssl" values=${values} set=${set} />
    ${Number(values.ssl) === 1 && html`<label class="inline-select">Certificate check
      <select value=${String(values.ssl_verify ?? 2)} onChange=${(e) => set('ssl_verify', e.currentTarget.value)}>
        <option value="0">None</option><option value="1">Chain only</option>
        <option value="2">Chain and host name</option><option value="3">Strict</option></select></label>`}
    ${full && html`<${Switch} label="Enabled" name="enable" values=${values} set=${set} />
      <${Switch} label="Optional" name="optional" values=${values} set=${set} />`}
  </div>
  ${full && f('notes', 'Notes')}`;
}
