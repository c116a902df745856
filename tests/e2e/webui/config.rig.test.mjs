// Downloader settings and the first-run wizard against the rig's INN2
// (11919 open reader, 11920 login-required reader, user nzbd / secret).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axeViolations, goto, launchBrowser, openPage, postToRig, rig, screenshot, startDaemon, until } from './harness.mjs';

let daemon, browser;
before(async () => { daemon = await startDaemon(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); assert.equal(await daemon?.stop(), 0, 'nzbd exited cleanly'); });

const servers = async () => (await daemon.api({ mode: 'get_config', section: 'servers' })).config?.servers ?? [];
const misc = async (keyword) => (await daemon.api({ mode: 'get_config', section: 'misc', keyword })).config.misc[keyword];
const phone = { viewport: { width: 375, height: 667 }, hasTouch: true };

async function noSidewaysScroll(page) {
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 375, 'no sideways scroll at 375 px');
}

test('a fresh install opens the wizard; Next waits for a passing Test; Done saves the server and folders', async () => {
  assert.deepEqual(await servers(), []);
  const page = await openPage(browser, daemon, { wizardDone: false });
  await page.goto(daemon.url + '/');
  await page.getByRole('heading', { name: 'Set up nzbd', level: 1 }).waitFor();
  const next = page.getByRole('button', { name: 'Next' });
  assert.equal(await next.isDisabled(), true, 'Next before any test');
  await page.getByLabel('Host').fill('127.0.0.1');
  await page.getByLabel('Port').fill('1');  // nothing listens there
  await page.getByLabel('Connections').fill('2');
  await page.getByRole('button', { name: 'Test server' }).click();
  await page.getByRole('status').filter({ hasText: /refused/i }).waitFor();
  assert.equal(await next.isDisabled(), true, 'Next after a failed test');
  await page.getByLabel('Port').fill(String(rig.port));
  await page.getByRole('button', { name: 'Test server' }).click();
  await page.getByRole('status').filter({ hasText: 'Connection Successful!' }).waitFor();
  assert.equal(await next.isDisabled(), false, 'Next after the test passed');
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'wizard-server');
  await next.click();
  await page.getByLabel('Temporary download folder').fill('dl/incomplete');
  await page.getByLabel('Completed download folder').fill('dl/complete');
  await page.getByRole('button', { name: 'Next' }).click();
  const tvRoot = mkdtempSync(join(tmpdir(), 'nzbd-wizard-tv-'));
  await page.getByLabel('TV shows folder (absolute path)').fill(tvRoot);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('heading', { name: 'Downloads', level: 1 }).waitFor();
  const list = await servers();
  assert.equal(list.length, 1);
  assert.equal(list[0].host, '127.0.0.1');
  assert.equal(list[0].port, rig.port);
  assert.equal(list[0].connections, 2);
  assert.equal(await misc('download_dir'), 'dl/incomplete');
  assert.equal(await misc('complete_dir'), 'dl/complete');
  assert.deepEqual((await daemon.sonarr('rootfolder')).map((r) => r.path.replace(/\/$/, '')), [tvRoot]);
  rmSync(tvRoot, { recursive: true, force: true });
  assert.equal(await page.evaluate(() => localStorage.getItem('nzbd.wizardDone')), 'true');
  await page.assertClean();
  await page.context().close();

  for (const [name, opts] of [['wizard-dark', { colorScheme: 'dark' }], ['wizard-phone', phone]]) {
    const p = await openPage(browser, daemon, { wizardDone: false, ...opts });
    await goto(p, daemon, '/wizard');
    await p.getByRole('button', { name: 'Test server' }).waitFor();
    if (opts.viewport) await noSidewaysScroll(p);
    await screenshot(p, name);
    // Skip also ends the wizard for good.
    await p.getByRole('link', { name: 'Skip set-up' }).click();
    await p.getByRole('heading', { name: 'Downloads', level: 1 }).waitFor();
    assert.equal(await p.evaluate(() => localStorage.getItem('nzbd.wizardDone')), 'true');
    await p.assertClean();
    await p.context().close();
  }
});

test('Servers: edit host, port and connections; Test passes, a wrong password fails; add and delete with a confirm', async () => {
  const page = await openPage(browser, daemon);
  await goto(page, daemon, '/config/servers');
  await page.getByRole('button', { name: 'Edit 127.0.0.1' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit server 127.0.0.1' });
  await dialog.getByLabel('Host').fill('localhost');
  await dialog.getByLabel('Connections').fill('3');
  await dialog.getByLabel('Timeout (seconds)').fill('30');
  await dialog.getByRole('button', { name: 'Test server' }).click();
  await dialog.getByRole('status').filter({ hasText: 'Connection Successful!' }).waitFor();
  await dialog.getByRole('button', { name: 'Save server' }).click();
  await until(async () => (await servers())[0]?.host === 'localhost', 5000, 'host saved');
  let s = (await servers())[0];
  assert.equal(s.connections, 3);
  assert.equal(s.timeout, 30);
  assert.equal(s.port, rig.port);

  // A new server on the login-required reader: Save waits for a passing test.
  await page.getByRole('button', { name: 'Add server' }).click();
  const add = page.getByRole('dialog', { name: 'Add server' });
  await add.getByLabel('Name', { exact: true }).fill('authrig');
  await add.getByLabel('Host').fill('127.0.0.1');
  await add.getByLabel('Port').fill(String(rig.authPort));
  await add.getByLabel('Username').fill(rig.user);
  await add.getByLabel('Password').fill('wrong');
  await add.getByLabel('Connections').fill('1');
  const save = add.getByRole('button', { name: 'Save server' });
  assert.equal(await save.isDisabled(), true, 'Save before a test');
  await add.getByRole('button', { name: 'Test server' }).click();
  await add.getByRole('status').filter({ hasText: 'Authentication failed, check username/password.' }).waitFor();
  assert.equal(await save.isDisabled(), true, 'Save after a failed test');
  await add.getByLabel('Password').fill(rig.password);
  await add.getByRole('button', { name: 'Test server' }).click();
  await add.getByRole('status').filter({ hasText: 'Connection Successful!' }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'config-server-dialog');
  await save.click();
  await page.getByRole('button', { name: 'Edit authrig' }).waitFor();
  s = (await servers()).find((x) => x.name === 'authrig');
  assert.equal(s.port, rig.authPort);
  assert.equal(s.username, rig.user);

  // The stored password stands behind the mask: Test in Edit still passes.
  await page.getByRole('button', { name: 'Edit authrig' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit server authrig' });
  await edit.getByRole('button', { name: 'Test server' }).click();
  await edit.getByRole('status').filter({ hasText: 'Connection Successful!' }).waitFor();
  await edit.getByRole('button', { name: 'Cancel' }).click();

  // Delete asks first; Cancel keeps it, Delete removes it.
  await page.getByRole('button', { name: 'Delete authrig' }).click();
  await page.getByRole('dialog', { name: 'Delete server' }).getByRole('button', { name: 'Cancel' }).click();
  assert.ok((await servers()).some((x) => x.name === 'authrig'), 'kept after Cancel');
  await page.getByRole('button', { name: 'Delete authrig' }).click();
  await page.getByRole('dialog', { name: 'Delete server' }).getByRole('button', { name: 'Delete' }).click();
  await until(async () => !(await servers()).some((x) => x.name === 'authrig'), 5000, 'server deleted');
  await page.getByRole('button', { name: 'Edit authrig' }).waitFor({ state: 'detached' });
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'config-servers');
  await page.assertClean();
  await page.context().close();
});

test('a server with a bad password raises the warnings badge once a download tries it', async () => {
  const page = await openPage(browser, daemon);
  await goto(page, daemon, '/config/servers');
  // Added with its good password (a new server must pass its test), then the password is changed in Edit.
  await page.getByRole('button', { name: 'Add server' }).click();
  const add = page.getByRole('dialog', { name: 'Add server' });
  await add.getByLabel('Name', { exact: true }).fill('badpass');
  await add.getByLabel('Host').fill('127.0.0.1');
  await add.getByLabel('Port').fill(String(rig.authPort));
  await add.getByLabel('Username').fill(rig.user);
  await add.getByLabel('Password').fill(rig.password);
  await add.getByRole('button', { name: 'Test server' }).click();
  await add.getByRole('status').filter({ hasText: 'Connection Successful!' }).waitFor();
  await add.getByRole('button', { name: 'Save server' }).click();
  await page.getByRole('button', { name: 'Edit badpass' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit server badpass' });
  await edit.getByLabel('Password').fill('not-the-password');
  await edit.getByRole('button', { name: 'Save server' }).click();
  await edit.waitFor({ state: 'detached' });
  // Only the bad server is left.
  await page.getByRole('button', { name: 'Delete 127.0.0.1' }).click();
  await page.getByRole('dialog', { name: 'Delete server' }).getByRole('button', { name: 'Delete' }).click();
  await until(async () => (await servers()).map((x) => x.name).join() === 'badpass', 5000, 'only badpass left');

  const before = Number((await daemon.api({ mode: 'queue' })).queue.have_warnings);
  const { nzbText } = await postToRig('badpass-job', { files: 1, bytes: 200_000, articleSize: 100_000 });
  const form = new FormData();
  form.append('name', new Blob([nzbText], { type: 'application/x-nzb' }), 'badpass-job.nzb');
  const res = await fetch(`${daemon.url}/api?mode=addfile&output=json&apikey=${daemon.apiKey}`, { method: 'POST', body: form });
  assert.equal((await res.json()).status, true);
  const n = await until(async () => {
    const w = Number((await daemon.api({ mode: 'queue' })).queue.have_warnings);
    return w > before && w;
  }, 20000, 'have_warnings > 0');
  await until(async () => {
    const label = await page.locator('a[href="#/downloads/warnings"]').getAttribute('aria-label');
    return /^Warnings: [1-9]/.test(label) && label;
  }, 5000, 'badge label');
  assert.ok(n > 0);
  await daemon.api({ mode: 'queue', name: 'delete', value: 'all', del_files: '1' });
  await page.assertClean();
  await page.context().close();
});

test('Categories: a new category shows in the Add dialog; edit and delete it', async () => {
  const page = await openPage(browser, daemon);
  await goto(page, daemon, '/config/categories');
  await page.getByRole('button', { name: 'Add category' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add category' });
  await dialog.getByLabel('Name', { exact: true }).fill('docs');
  await dialog.getByLabel('Priority').selectOption('1');
  await dialog.getByLabel('Folder').fill('documents');
  await dialog.getByRole('button', { name: 'Save category' }).click();
  await page.getByRole('button', { name: 'Edit docs' }).waitFor();
  const cat = async () => (await daemon.api({ mode: 'get_config', section: 'categories' })).config.categories
    .find((c) => c.name === 'docs');
  assert.equal((await cat()).priority, 1);
  assert.equal((await cat()).dir, 'documents');
  assert.ok((await daemon.api({ mode: 'get_cats' })).categories.includes('docs'));

  await page.getByRole('button', { name: 'Add NZB' }).click();
  const addDialog = page.getByRole('dialog', { name: 'Add NZB' });
  await until(async () => (await addDialog.getByLabel('Category').locator('option').allTextContents()).includes('docs'),
    5000, 'docs in the Add dialog');
  await addDialog.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: 'Edit docs' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit category docs' });
  await edit.getByLabel('Processing').selectOption('2');
  await edit.getByRole('button', { name: 'Save category' }).click();
  await until(async () => (await cat())?.pp === '2', 5000, 'pp saved');
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'config-categories');
  await page.getByRole('button', { name: 'Delete docs' }).click();
  await page.getByRole('dialog', { name: 'Delete category' }).getByRole('button', { name: 'Delete' }).click();
  await until(async () => !(await cat()), 5000, 'category deleted');
  await page.assertClean();
  await page.context().close();
});

test('General: a dirty form asks before leaving; Save writes misc; Switches save at once', async () => {
  const page = await openPage(browser, daemon);
  await goto(page, daemon, '/config/servers');
  await page.getByRole('link', { name: 'General' }).click();  // a history entry to go back from
  const field = page.getByLabel('Completed download folder');
  await field.fill('elsewhere');
  await page.getByRole('link', { name: 'Servers' }).click();
  const ask = page.getByRole('dialog', { name: 'Leave without saving?' });
  await ask.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await field.inputValue(), 'elsewhere', 'the edit is still there');
  assert.match(page.url(), /#\/config\/general$/);
  // The back button asks too.
  await page.goBack();
  await ask.waitFor();
  await ask.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await field.inputValue(), 'elsewhere');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await until(async () => (await misc('complete_dir')) === 'elsewhere', 5000, 'complete_dir saved');
  // The form is clean once the browser has the answer, a moment after the daemon stored it.
  await until(async () => !(await page.getByRole('button', { name: 'Save changes' }).isEnabled()), 5000, 'form clean');
  // Saved: leaving no longer asks.
  await page.getByRole('link', { name: 'Switches' }).click();
  await page.getByRole('switch', { name: 'Unpack archives found inside archives' }).waitFor();
  assert.equal(await misc('enable_recursive'), 1);
  await page.getByRole('switch', { name: 'Unpack archives found inside archives' }).uncheck({ force: true });
  await until(async () => (await misc('enable_recursive')) === 0, 5000, 'enable_recursive off');
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'config-switches');

  // Leave after all: the edit is dropped, misc unchanged.
  await page.getByRole('link', { name: 'General' }).click();
  await field.fill('dropped');
  await page.getByRole('link', { name: 'Categories' }).click();
  await ask.getByRole('button', { name: 'Leave' }).click();
  await page.getByRole('button', { name: 'Add category' }).waitFor();
  assert.equal(await misc('complete_dir'), 'elsewhere');
  // Closing the tab with unsaved edits asks too (beforeunload).
  await page.getByRole('link', { name: 'General' }).click();
  await field.fill('unsaved');
  await until(() => page.getByRole('button', { name: 'Save changes' }).isEnabled(), 5000, 'form dirty');
  await page.assertClean();
  const asked = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const dialog = await asked;
  assert.equal(dialog.type(), 'beforeunload');
  await dialog.accept();
  await page.context().close();
});

test('regenerating the API key: the UI keeps working and the old key gets 403', async () => {
  const page = await openPage(browser, daemon);
  await goto(page, daemon, '/config/general');
  const old = daemon.apiKey;
  assert.equal(await page.getByLabel('API key', { exact: true }).inputValue(), old);
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'config-general');
  await page.getByRole('button', { name: 'Regenerate API key' }).click();
  await page.getByRole('dialog', { name: 'Regenerate API key' }).getByRole('button', { name: 'Regenerate' }).click();
  const fresh = await until(async () => {
    const v = await page.getByLabel('API key', { exact: true }).inputValue();
    return v !== old && v;
  }, 5000, 'new key shown');
  assert.match(fresh, /^[0-9a-f]{32}$/);
  const res = await fetch(`${daemon.url}/api?mode=queue&output=json&apikey=${old}`);
  assert.equal(res.status, 403);
  await res.arrayBuffer();
  daemon.apiKey = fresh;
  assert.equal((await daemon.api({ mode: 'queue' })).queue !== undefined, true);
  // The page still talks to nzbd: another tab loads, a setting saves.
  await page.getByRole('link', { name: 'Servers' }).click();
  await page.getByRole('button', { name: 'Edit badpass' }).waitFor();
  await page.getByRole('link', { name: 'Switches' }).click();
  await page.getByRole('switch', { name: 'A failing post-processing script fails the job' }).check({ force: true });
  await until(async () => (await misc('script_can_fail')) === 1, 5000, 'script_can_fail on');
  await page.assertClean();
  await page.context().close();
});

test('settings pages in dark and on a phone', async () => {
  for (const [suffix, opts] of [['dark', { colorScheme: 'dark' }], ['phone', phone]]) {
    const page = await openPage(browser, daemon, opts);
    for (const tab of ['general', 'servers', 'categories', 'switches']) {
      await goto(page, daemon, '/config/' + tab);
      await page.locator('.config-section').waitFor();
      await page.waitForLoadState('networkidle');
      if (opts.viewport) await noSidewaysScroll(page);
      assert.deepEqual(await axeViolations(page), [], `axe on ${tab} (${suffix})`);
      if (tab === 'general' || tab === 'servers') await screenshot(page, `config-${tab}-${suffix}`);
    }
    await page.assertClean();
    await page.context().close();
  }
});
