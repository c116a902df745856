// What every browser test needs: the real nzbd in a temporary home, Debian's
// chromium driven by playwright-core, and a page that fails the test on any
// script error, console error, failed request or request to another host.
// Environment (set by tests.cmake):
//   NZBD_BIN            the daemon binary
//   NZBD_NODE_MODULES   tests/rig/node_modules (playwright-core, axe-core)
//   NZBD_SCREENSHOT_DIR where screenshots go (a person looks at them)
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import assert from 'node:assert/strict';
import { spawnNzbd } from '../lib/nzbd-process.mjs';

const { NZBD_BIN, NZBD_NODE_MODULES } = process.env;
if (!NZBD_BIN || !existsSync(NZBD_BIN)) throw new Error(`NZBD_BIN (${NZBD_BIN}) is not the nzbd binary`);
if (!NZBD_NODE_MODULES || !existsSync(join(NZBD_NODE_MODULES, 'playwright-core')))
  throw new Error(`NZBD_NODE_MODULES (${NZBD_NODE_MODULES}) has no playwright-core (run tests/rig/install.sh)`);
const requireFromRig = createRequire(resolve(NZBD_NODE_MODULES, 'playwright-core', 'package.json'));
const { chromium } = requireFromRig('playwright-core');
export const axeSource = readFileSync(join(NZBD_NODE_MODULES, 'axe-core', 'axe.min.js'), 'utf8');
export const screenshotDir = process.env.NZBD_SCREENSHOT_DIR || join(tmpdir(), 'nzbd-webui-screenshots');

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Starts nzbd. ini: extra lines for nzbd.ini's [misc] (e.g. "tvmaze_url = http://…").
export async function startDaemon({ misc = '', env = {} } = {}) {
  const home = mkdtempSync(join(tmpdir(), 'nzbd-webui-'));
  if (misc) writeFileSync(join(home, 'nzbd.ini'), `[misc]\n${misc}\n`);
  const proc = await spawnNzbd(NZBD_BIN, home, env);
  const url = proc.url;
  const apiKey = (await (await fetch(url + '/initialize.json')).json()).apiKey;
  const d = {
    home, url, apiKey, output: proc.output,
    // SABnzbd call, parsed JSON.
    async api(params) {
      const q = new URLSearchParams({ ...params, apikey: d.apiKey, output: 'json' });
      return (await fetch(`${url}/api?${q}`)).json();
    },
    // Sonarr v3 call, parsed JSON (or null).
    async sonarr(path, { method = 'GET', body } = {}) {
      const res = await fetch(`${url}/api/v3/${path}`, { method,
        headers: { 'X-Api-Key': d.apiKey, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return text ? JSON.parse(text) : null;
    },
    stop: proc.stop,
  };
  return d;
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: process.env.NZBD_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}

// A page on the daemon with the guards on. Options: viewport, colorScheme,
// hasTouch, wizardDone (default true: skip the first-run wizard), theme.
// Call `await p.assertClean()` at the end of each test.
export async function openPage(browser, daemon, { viewport = { width: 1280, height: 800 }, colorScheme = 'light',
  hasTouch = false, wizardDone = true, theme } = {}) {
  const context = await browser.newContext({ viewport, colorScheme, hasTouch, isMobile: hasTouch });
  await context.addInitScript(({ wizardDone, theme }) => {
    if (wizardDone) localStorage.setItem('nzbd.wizardDone', 'true');
    if (theme) localStorage.setItem('nzbd.theme', theme);
  }, { wizardDone, theme });
  const page = await context.newPage();
  const problems = [];
  const origin = new URL(daemon.url).origin;
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText || '';
    // A reload or a route change cancels the poll in flight (ERR_ABORTED): that is the browser, not a fault.
    if (!why.includes('ERR_ABORTED')) problems.push(`request failed: ${r.url()} ${why}`);
  });
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) problems.push(`outside request: ${u}`);
  });
  page.problems = problems;
  page.assertClean = async () => assert.deepEqual(problems, [], 'the page had problems');
  return page;
}

// Opens a hash route and waits until the page's heading is there.
export async function goto(page, daemon, hash = '/downloads') {
  await page.goto(`${daemon.url}/#${hash}`);
  await page.locator('#page-title').first().waitFor({ timeout: 15000 });
}

export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

// Runs axe-core on the page; returns the serious and critical violations.
export async function axeViolations(page) {
  // evaluate() runs outside the page's CSP, which (rightly) forbids inline scripts.
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(axeSource);
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

// Polls fn until it returns a truthy value (or throws after ms).
export async function until(fn, ms = 10000, what = 'condition') {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    try { last = await fn(); if (last) return last; } catch (e) { last = e; }
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
}

// A valid NZB whose articles no server has (for queue tests that need no download).
export function fakeNzb(stem, files = 1) {
  let x = '<?xml version="1.0" encoding="UTF-8"?>\n<nzb xmlns="http://www.newzbin.com/DTD/2003/nzb">\n';
  for (let i = 1; i <= files; i++) {
    const name = `${stem}.part${String(i).padStart(2, '0')}.rar`;
    x += `<file poster="t@example.test" date="1700000000" subject="&quot;${name}&quot; yEnc (1/1)">` +
      `<groups><group>alt.binaries.test</group></groups><segments><segment bytes="100000" number="1">${stem}.${i}@fake.test</segment></segments></file>\n`;
  }
  return x + '</nzb>\n';
}

// ---- the test INN2 (only in *.rig.test.mjs, which hold the rig lock) ----
export const rig = {
  port: Number(process.env.NZBD_RIG_PORT || 11919),
  authPort: Number(process.env.NZBD_RIG_AUTH_PORT || 11920),
  scripts: process.env.NZBD_RIG_SCRIPTS || join(process.cwd(), 'tests/rig'),
  user: 'nzbd', password: 'secret',
};

// Posts `files` random files of `bytes` each to INN with nyuu; returns the NZB's
// text, its path and the segment message-ids (for cancel.sh).
export async function postToRig(stem, { files = 1, bytes = 2_000_000, articleSize = 500_000 } = {}) {
  const { execFileSync } = await import('node:child_process');
  const { randomBytes } = await import('node:crypto');
  const dir = mkdtempSync(join(tmpdir(), 'nzbd-webui-post-'));
  const paths = [];
  for (let i = 1; i <= files; i++) {
    const p = join(dir, `${stem}.part${String(i).padStart(2, '0')}.bin`);
    writeFileSync(p, randomBytes(bytes));
    paths.push(p);
  }
  const nzbPath = join(dir, `${stem}.nzb`);
  execFileSync('bash', [join(rig.scripts, 'post.sh'), String(rig.port), nzbPath, ...paths],
    { env: { ...process.env, ARTICLE_SIZE: String(articleSize) }, stdio: ['ignore', 'ignore', 'inherit'] });
  const nzbText = readFileSync(nzbPath, 'utf8');
  const messageIds = [...nzbText.matchAll(/<segment[^>]*>([^<]+)<\/segment>/g)].map((m) => m[1]);
  return { dir, nzbPath, nzbText, messageIds };
}

// Removes articles from INN at once, so a download finds them missing.
export async function cancelOnRig(messageIds) {
  const { execFileSync } = await import('node:child_process');
  execFileSync('bash', [join(rig.scripts, 'cancel.sh'), ...messageIds], { stdio: ['ignore', 'ignore', 'inherit'] });
}

// Adds INN as the daemon's news server through the API (not the UI).
export async function addRigServer(daemon, { name = 'rig', auth = false, password = rig.password, connections = 4 } = {}) {
  const params = { mode: 'set_config', section: 'servers', name, host: '127.0.0.1',
    port: String(auth ? rig.authPort : rig.port), connections: String(connections), ssl: '0', enable: '1' };
  if (auth) Object.assign(params, { username: rig.user, password });
  return daemon.api(params);
}
