// The frame every page shares: how the UI is served (CSP, gzip, ETag/304),
// the bootstrap, the theme, phone width, the keyboard and the title.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, fakeNzb, goto, launchBrowser, openPage, screenshot, startDaemon, until } from './harness.mjs';

let daemon, browser;
before(async () => { daemon = await startDaemon(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); assert.equal(await daemon?.stop(), 0, 'nzbd exited cleanly'); });

test('/ and /sabnzbd/ serve the page with a CSP; vendor files are gzip with an ETag and revalidate to 304', async () => {
  for (const path of ['/', '/sabnzbd/']) {
    const res = await fetch(daemon.url + path, { headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /text\/html/);
    assert.match(res.headers.get('content-security-policy'), /script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    assert.match(await res.text(), /<script type="importmap">/);
  }
  const vendor = await fetch(daemon.url + '/vendor/preact.module.js', { headers: { 'Accept-Encoding': 'gzip' } });
  assert.equal(vendor.status, 200);
  assert.equal(vendor.headers.get('content-encoding'), 'gzip');
  await vendor.arrayBuffer();
  assert.match(vendor.headers.get('cache-control'), /immutable/);
  const etag = vendor.headers.get('etag');
  assert.ok(etag);
  const again = await fetch(daemon.url + '/vendor/preact.module.js', { headers: { 'If-None-Match': etag } });
  assert.equal(again.status, 304);
  assert.equal((await fetch(daemon.url + '/app/../../etc/passwd')).status, 404);
  assert.equal((await fetch(daemon.url + '/licenses.txt')).status, 200);
});

test('the first load stays small (gzip bytes of the page and what it loads)', async () => {
  const page = await openPage(browser, daemon);
  let bytes = 0;
  page.on('response', async (r) => {
    const len = Number(r.headers()['content-length'] || 0);
    bytes += len;
  });
  await goto(page, daemon, '/downloads');
  await page.waitForLoadState('networkidle');
  console.log(`first load: ${bytes} bytes on the wire`);
  assert.ok(bytes > 5000 && bytes < 150 * 1024, `first load ${bytes} bytes`);
  await page.assertClean();
  await page.context().close();
});

test('dark mode follows the system with Auto, and a manual choice survives a reload', async () => {
  const lum = (page) => page.evaluate(() => {
    const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  });
  const dark = await openPage(browser, daemon, { colorScheme: 'dark' });
  await goto(dark, daemon);
  assert.ok(await lum(dark) < 0.2, 'dark body');
  await screenshot(dark, 'downloads-dark');
  await dark.assertClean();
  await dark.context().close();

  const light = await openPage(browser, daemon, { colorScheme: 'light' });
  await goto(light, daemon);
  assert.ok(await lum(light) > 0.8, 'light body');
  await light.getByLabel('Theme').selectOption('dark');
  await light.reload();
  const atLoad = await light.evaluate(() => new Promise((resolve) => {
    resolve(document.documentElement.dataset.theme);
  }));
  assert.equal(atLoad, 'dark');
  await light.locator('#page-title').waitFor();
  assert.ok(await lum(light) < 0.2, 'manual dark after reload');
  await light.assertClean();
  await light.context().close();
});

test('at 375 px the page does not scroll sideways and the nav sits behind a menu', async () => {
  const page = await openPage(browser, daemon, { viewport: { width: 375, height: 667 }, hasTouch: true });
  await goto(page, daemon);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 375);
  assert.equal(await page.getByRole('link', { name: 'Calendar' }).isVisible(), false);
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('link', { name: 'Calendar' }).click();
  await until(() => page.url().includes('#/calendar'), 5000, 'calendar route');
  await page.locator('#sidebar').waitFor({ state: 'hidden' });  // the menu closes after a choice
  for (const name of ['Pause downloads', 'Add NZB']) {
    const box = await page.getByRole('button', { name }).boundingBox();
    assert.ok(box.width >= 40 && box.height >= 40, `${name} is ${box.width}x${box.height}`);
  }
  await screenshot(page, 'downloads-phone');
  await page.assertClean();
  await page.context().close();
});

test('keyboard: the skip link comes first, ? lists the shortcuts, p pauses but not inside an input, the switch turns them off', async () => {
  const page = await openPage(browser, daemon);
  await goto(page, daemon);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Skip to content');
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await sheet.waitFor();
  await page.keyboard.press('Escape');
  // Shortcuts rest while any dialog is open; the element closes a moment after its content goes.
  await until(async () => (await page.locator('dialog[open]').count()) === 0, 3000, 'sheet closed');

  await page.keyboard.press('p');
  await until(async () => (await daemon.api({ mode: 'queue' })).queue.paused === true, 5000, 'paused by p');
  await until(async () => (await page.getByRole('button', { name: 'Resume downloads' }).count()) === 1, 5000, 'resume button');
  await page.keyboard.press('p');
  await until(async () => (await daemon.api({ mode: 'queue' })).queue.paused === false, 5000, 'resumed by p');

  await page.getByRole('button', { name: 'Add NZB' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add NZB' });
  await dialog.waitFor();
  await dialog.getByLabel('Name').fill('press p here');
  assert.equal((await daemon.api({ mode: 'queue' })).queue.paused, false, 'p inside an input types');
  await page.keyboard.press('Escape');
  await until(async () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') === 'Add NZB'), 3000, 'focus back on Add');

  await page.keyboard.press('?');
  await sheet.getByRole('switch', { name: 'Keyboard shortcuts on' }).click({ force: true });
  await page.keyboard.press('Escape');
  await page.keyboard.press('p');
  await new Promise((r) => setTimeout(r, 800));
  assert.equal((await daemon.api({ mode: 'queue' })).queue.paused, false, 'shortcuts off');
  await page.assertClean();
  await page.context().close();
});

test('a dropped NZB lands in the queue, and the title shows Paused while paused', async () => {
  const page = await openPage(browser, daemon);
  await goto(page, daemon);
  await daemon.api({ mode: 'pause' });
  const nzb = fakeNzb('Dropped.Show.S01E01');
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'Dropped.Show.S01E01.nzb', { type: 'application/x-nzb' }));
    document.body.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true }));
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, nzb);
  await page.getByText('Dropped.Show.S01E01').first().waitFor({ timeout: 3000 });
  const q = await daemon.api({ mode: 'queue' });
  assert.ok(q.queue.slots.some((s) => s.filename.includes('Dropped.Show.S01E01')));
  await until(async () => (await page.title()).startsWith('Paused'), 5000, 'Paused title');
  await daemon.api({ mode: 'resume' });
  await page.assertClean();
  await page.context().close();
});

test('axe finds no serious or critical problems on Downloads', async () => {
  const page = await openPage(browser, daemon);
  await goto(page, daemon);
  assert.deepEqual(await axeViolations(page), []);
  await page.assertClean();
  await page.context().close();
});

test('outage: with the API unreachable the disconnected chip appears, polling slows to ≤1 request/s, and the page recovers by itself', async () => {
  const page = await openPage(browser, daemon);
  await goto(page, daemon);
  await page.waitForLoadState('networkidle');
  let calls = 0;
  const abort = (route) => { calls++; return route.abort('connectionrefused'); };
  await page.route('**/api?**', abort);
  const start = Date.now();
  const chip = page.getByText(/Disconnected/);
  await chip.waitFor({ timeout: 5000 });
  assert.ok(Date.now() - start < 5000);
  await new Promise((r) => setTimeout(r, 10000 - (Date.now() - start)));
  const seconds = (Date.now() - start) / 1000;
  assert.ok(calls <= seconds, `${calls} calls in ${seconds.toFixed(1)} s`);
  await page.unroute('**/api?**', abort);
  await chip.waitFor({ state: 'detached', timeout: 35000 });
  assert.ok(await page.locator('#page-title').isVisible(), 'still the same page, no reload needed');
  // Failed requests were expected here; nothing else may have gone wrong.
  page.problems.splice(0, page.problems.length, ...page.problems.filter((p) =>
    !p.startsWith('request failed:') && !p.includes('Failed to load resource: net::ERR_CONNECTION_REFUSED')));
  await page.assertClean();
  await page.context().close();
});

test('keyboard only: Tab reaches the nav, pause and Add; Enter and Space act; the focus ring is visible', async () => {
  const page = await openPage(browser, daemon);
  await goto(page, daemon);
  const focused = () => page.evaluate(() => {
    const el = document.activeElement;
    return { name: el?.getAttribute('aria-label') || el?.textContent?.trim() || '', outline: getComputedStyle(el).outlineStyle };
  });
  const tabTo = async (name, max = 60) => {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      const f = await focused();
      if (f.name === name || f.name.startsWith(name)) return f;
    }
    throw new Error(`Tab never reached ${name}`);
  };
  let f = await tabTo('Pause downloads');
  assert.notEqual(f.outline, 'none', 'focus ring on the pause button');
  await page.keyboard.press('Enter');
  await until(async () => (await daemon.api({ mode: 'queue' })).queue.paused === true, 5000, 'paused by Enter');
  await page.getByRole('button', { name: 'Resume downloads' }).waitFor();  // the page knows it is paused
  assert.equal((await focused()).name.startsWith('Resume downloads'), true, 'focus stays on the button');
  await page.keyboard.press('Space');
  await until(async () => (await daemon.api({ mode: 'queue' })).queue.paused === false, 5000, 'resumed by Space');
  f = await tabTo('Add NZB');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Add NZB' });
  await dialog.waitFor();
  // Focus stays inside the open dialog however far one tabs.
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab');
    assert.ok(await page.evaluate(() => !!document.activeElement?.closest('dialog[open]')), 'focus inside the dialog');
  }
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  await page.keyboard.press('Shift+Tab');
  await tabTo('Series');
  await page.keyboard.press('Enter');
  await until(() => page.url().includes('#/series'), 5000, 'series route by keyboard');
  await page.assertClean();
  await page.context().close();
});

test('with 1,000 jobs the queue opens, the Add dialog works and the DOM holds at most 300 rows', async () => {
  await daemon.api({ mode: 'pause' });
  const before = Number((await daemon.api({ mode: 'queue', limit: 1 })).queue.noofslots_total);
  const nzb = fakeNzb('Budget.Job');
  const add = async (i) => {
    const form = new FormData();
    form.append('name', new Blob([nzb], { type: 'application/x-nzb' }), `Budget.Job.${i}.nzb`);
    const q = new URLSearchParams({ mode: 'addfile', apikey: daemon.apiKey, output: 'json' });
    const res = await fetch(`${daemon.url}/api?${q}`, { method: 'POST', body: form });
    assert.equal((await res.json()).status, true);
  };
  for (let i = 0; i < 1000; i += 20) await Promise.all(Array.from({ length: 20 }, (_, k) => add(i + k)));
  assert.equal(Number((await daemon.api({ mode: 'queue', limit: 1 })).queue.noofslots_total), before + 1000);
  const page = await openPage(browser, daemon);
  const start = Date.now();
  await goto(page, daemon);
  await page.locator('.queue-row').first().waitFor();
  await page.getByRole('button', { name: 'Add NZB' }).click();
  await page.getByRole('dialog', { name: 'Add NZB' }).waitFor();
  const ms = Date.now() - start;
  // Reported, not asserted: times belong to benchmarks on shared machines (733–2,445 ms seen under ctest -j2).
  console.log(`1,000 jobs: queue interactive after ${ms} ms`);
  const rows = await page.locator('.queue-row').count();
  assert.ok(rows > 0 && rows <= 300, `${rows} rows in the DOM`);
  await page.keyboard.press('Escape');
  await page.assertClean();
  await page.context().close();
  await daemon.api({ mode: 'queue', name: 'delete', value: 'all' });
  await daemon.api({ mode: 'resume' });
});

test('with a username and password the UI asks to log in, works after it, and logs out', async () => {
  const setMisc = (keyword, value) => daemon.api({ mode: 'set_config', section: 'misc', keyword, value });
  await setMisc('username', 'me');
  await setMisc('password', 's3cret');
  try {
    const page = await openPage(browser, daemon);
    await page.goto(`${daemon.url}/#/downloads`);
    await page.waitForURL(/\/login(\?[^#]*)?(#.*)?$/);
    assert.deepEqual(await axeViolations(page), []);
    await page.getByLabel('Username').fill('me');
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong username or password' }).waitFor();
    await screenshot(page, 'login');
    await page.getByLabel('Username').fill('me');
    await page.getByLabel('Password').fill('s3cret');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.locator('#page-title').first().waitFor({ timeout: 15000 });
    const [cookie] = await page.context().cookies();
    assert.equal(cookie.name, 'nzbd_session');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');
    await page.getByRole('link', { name: 'Log out' }).click();
    await page.waitForURL(/\/login(\?[^#]*)?(#.*)?$/);
    assert.equal((await fetch(`${daemon.url}/initialize.json`)).status, 401);
    await page.assertClean();
    await page.context().close();
  } finally {
    await setMisc('username', '');
  }
  assert.equal((await fetch(`${daemon.url}/initialize.json`)).status, 200);
});
