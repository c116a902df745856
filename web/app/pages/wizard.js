// First-run wizard (#/wizard): a news server (its Test must pass before
// Next), the download and complete folders, optionally the TV side's root
// folder, then Done saves them and opens Downloads. main.js sends a fresh
// install (no server) here once.
import { sab, sonarr } from '../lib/api.js';
import { html, useEffect, useState } from '../lib/html.js';
import { navigate } from '../lib/router.js';
import { toastError } from '../lib/toast.js';
import { ActionButton, Page } from '../lib/ui.js';
import { Input, loadSection, saveMisc } from './config/form.js';
import { newServer, serverParams, ServerFields, TestButton } from './config/server-form.js';
import { serverSetter } from './config/servers.js';

const steps = ['News server', 'Folders', 'TV shows', 'Done'];
const testedKeys = ['host', 'port', 'ssl', 'ssl_verify', 'username', 'password'];

function finish() {
  try { localStorage.setItem('nzbd.wizardDone', 'true'); } catch { /* private mode */ }
  navigate('/downloads');
}

function StepList({ step }) {
  return html`<ol class="wizard-steps">${steps.map((s, i) => html`<li key=${s}
    class=${i === step ? 'current' : i < step ? 'done' : ''} aria-current=${i === step ? 'step' : undefined}>${s}</li>`)}</ol>`;
}

function ServerStep({ server, set, passed, setPassed, onNext }) {
  const ok = passed && testedKeys.every((k) => String(passed[k]) === String(server[k]));
  return html`<section class="card wizard-card" aria-labelledby="wiz-server-h">
    <h2 id="wiz-server-h">Your news server</h2>
    <p class="hint">Your Usenet provider's address and login. Test it before going on.</p>
    <${ServerFields} values=${server} set=${set} idPrefix="wiz" full=${false} />
    <${TestButton} values=${server} id="wiz-test-answer" onResult=${(r) => setPassed(r.result ? { ...server } : null)} />
    <div class="form-actions"><button type="button" class="btn btn-primary" disabled=${!ok} onClick=${onNext}>Next</button>
      ${!ok && html`<span class="hint">Next is available once the test passed.</span>`}</div></section>`;
}

function FolderStep({ folders, set, onBack, onNext }) {
  return html`<section class="card wizard-card" aria-labelledby="wiz-folders-h">
    <h2 id="wiz-folders-h">Folders</h2>
    <p class="hint">Relative paths are inside nzbd's home folder.</p>
    <div class="form-grid">
      <${Input} id="wiz-download_dir" name="download_dir" label="Temporary download folder" values=${folders} set=${set} />
      <${Input} id="wiz-complete_dir" name="complete_dir" label="Completed download folder" values=${folders} set=${set} />
    </div>
    <div class="form-actions"><button type="button" class="btn" onClick=${onBack}>Back</button>
      <button type="button" class="btn btn-primary" disabled=${!folders.download_dir || !folders.complete_dir}
        onClick=${onNext}>Next</button></div></section>`;
}

// nzbd's own step: where the TV side keeps series (a Sonarr root folder).
function TvStep({ folders, set, onBack, onNext }) {
  return html`<section class="card wizard-card" aria-labelledby="wiz-tv-h">
    <h2 id="wiz-tv-h">TV shows</h2>
    <p class="hint">Where nzbd keeps the series it manages (one folder per series). Optional: you can add it later
      under TV settings → Media management.</p>
    <div class="form-grid">
      <${Input} id="wiz-tv_root" name="tv_root" label="TV shows folder (absolute path)" values=${folders} set=${set} />
    </div>
    <div class="form-actions"><button type="button" class="btn" onClick=${onBack}>Back</button>
      <button type="button" class="btn btn-primary" onClick=${onNext}>Next</button></div></section>`;
}

function DoneStep({ server, folders, onBack, onDone }) {
  return html`<section class="card wizard-card" aria-labelledby="wiz-done-h">
    <h2 id="wiz-done-h">Ready</h2>
    <dl class="wizard-summary"><dt>Server</dt><dd>${server.host}:${server.port}${Number(server.ssl) ? ' (SSL)' : ''}</dd>
      <dt>Downloads</dt><dd>${folders.download_dir}</dd><dt>Completed</dt><dd>${folders.complete_dir}</dd>
      <dt>TV shows</dt><dd>${folders.tv_root || 'not yet'}</dd></dl>
    <div class="form-actions"><button type="button" class="btn" onClick=${onBack}>Back</button>
      <${ActionButton} class="btn-primary" icon="check" onClick=${onDone}>Done</${ActionButton}></div></section>`;
}

export default function Wizard() {
  const [step, setStep] = useState(0);
  const [server, setServer] = useState({ ...newServer(), connections: 8 });
  const [passed, setPassed] = useState(null);
  const [folders, setFolders] = useState({ download_dir: '', complete_dir: '', tv_root: '' });
  useEffect(() => {
    loadSection('misc').then((m) => setFolders((f) => ({ ...f, download_dir: m.download_dir, complete_dir: m.complete_dir })))
      .catch(toastError);
  }, []);
  const save = async () => {
    try {
      await sab('set_config', { section: 'servers', name: server.host.trim(), ...serverParams(server) });
      await saveMisc(folders, ['download_dir', 'complete_dir']);
      if (folders.tv_root.trim()) await sonarr('rootfolder', { method: 'POST', body: { path: folders.tv_root.trim() } });
      finish();
    } catch (e) { toastError(e); }
  };
  const setFolder = (k, v) => setFolders((old) => ({ ...old, [k]: v }));
  return html`<${Page} title="Set up nzbd" actions=${html`<a href="#/downloads" class="btn wizard-skip"
      onClick=${(e) => { e.preventDefault(); finish(); }}>Skip set-up</a>`}>
    <${StepList} step=${step} />
    ${step === 0 && html`<${ServerStep} server=${server} set=${serverSetter(setServer)} passed=${passed}
      setPassed=${setPassed} onNext=${() => setStep(1)} />`}
    ${step === 1 && html`<${FolderStep} folders=${folders} set=${setFolder} onBack=${() => setStep(0)}
      onNext=${() => setStep(2)} />`}
    ${step === 2 && html`<${TvStep} folders=${folders} set=${setFolder} onBack=${() => setStep(1)}
      onNext=${() => setStep(3)} />`}
    ${step === 3 && html`<${DoneStep} server=${server} folders=${folders} onBack=${() => setStep(2)} onDone=${save} />`}
  </${Page}>`;
}
