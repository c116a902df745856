// The Downloads page without the news server: adding (picker, drop, URL),
// the row controls and their API effects, reorder, selection, rename, files,
// search, history actions on jobs that fail, and clicks during refresh ticks.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axeViolations, fakeNzb, goto, launchBrowser, openPage, screenshot, sleep, startDaemon, until } from './harness.mjs';

let daemon, browser;
before(async () => {
  daemon = await startDaemon();
  browser = await launchBrowser();
  await daemon.api({ mode: 'pause' });
});
after(async () => { await browser?.close(); assert.equal(await daemon?.stop(), 0, 'nzbd exited cleanly'); });

const tmp = mkdtempSync(join(tmpdir(), 'nzbd-dl-test-'));
function nzbFile(stem, files = 1) {
  const path = join(tmp, `${stem}.nzb`);
  writeFileSync(path, fakeNzb(stem, files));
  return path;
}
async function addByApi(stem, files = 1, extra = {}) {
  const form = new FormData();
  form.append('name', new Blob([fakeNzb(stem, files)], { type: 'application/x-nzb' }), `${stem}.nzb`);
  const q = new URLSearchParams({ mode: 'addfile', apikey: daemon.apiKey, output: 'json', ...extra });
  const body = await (await fetch(`${daemon.url}/api?${q}`, { method: 'POST', body: form })).json();
  assert.ok(body.nzo_ids?.length, `added ${stem}`);
  return body.nzo_ids[0];
}
const slots = async () => (await daemon.api({ mode: 'queue', limit: 0 })).queue.slots;
const slotOf = async (name) => (await slots()).find((s) => s.filename === name);
async function clearQueue() {
  await daemon.api({ mode: 'queue', name: 'delete', value: 'all', del_files: 1 });
  await until(async () => (await slots()).length === 0, 5000, 'queue empty');
}
// The header's pause button reads "Paused" but is named "Resume downloads"
// (shell.js, not this page): axe flags that while paused. Reported, not hidden
// for anything else.
async function pageViolations(page) {
  return (await axeViolations(page)).filter((v) => !(v.startsWith('label-content-name-mismatch') && v.includes('.btn-pause')));
}
const row = (page, name) => page.locator('.queue-row', { has: page.getByText(name, { exact: true }) });
const rowNames = (page) => page.locator('.queue-row .job-name').allTextContents();

test('Add: the file picker, a drop of three files and a URL each give rows and jobs', async () => {
  await clearQueue();
  const page = await openPage(browser, daemon);
  await goto(page, daemon, '/downloads');
  await page.getByRole('button', { name: 'Add NZB' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add NZB' });
  await dialog.getByLabel('NZB files').setInputFiles(nzbFile('Picked.One'));
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await row(page, 'Picked.One').waitFor({ timeout: 3000 });
  assert.ok(await slotOf('Picked.One'), 'picked job in mode=queue');

  const names = ['Dropped.A', 'Dropped.B', 'Dropped.C'];
  await page.evaluate(async (list) => {
    const dt = new DataTransfer();
    for (const n of list) dt.items.add(new File([`<?xml version="1.0"?><nzb xmlns="http://www.newzbin.com/DTD/2003/nzb"><file poster="p" date="1700000000" subject="&quot;${n}.rar&quot; yEnc (1/1)"><groups><group>alt.binaries.test</group></groups><segments><segment bytes="1000" number="1">${n}@fake.test</segment></segments></file></nzb>`], `${n}.nzb`));
    for (const type of ['dragenter', 'dragover', 'drop']) document.body.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, names);
  for (const n of names) await row(page, n).waitFor({ timeout: 3000 });
  const api = (await slots()).map((s) => s.filename);
  for (const n of names) assert.ok(api.includes(n), `${n} in mode=queue`);

  const server = createServer((req, res) => { res.setHeader('Content-Type', 'application/x-nzb'); res.end(fakeNzb('From.Url')); });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  try {
    await page.getByRole('button', { name: 'Add NZB' }).click();
    await dialog.getByLabel('or URL').fill(`http://127.0.0.1:${server.address().port}/From.Url.nzb`);
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await until(async () => (await slots()).some((s) => s.filename === 'From.Url'), 10000, 'URL job fetched');
    await row(page, 'From.Url').waitFor({ timeout: 5000 });
  } finally { server.close(); }
  await screenshot(page, 'downloads-queue');
  assert.deepEqual(await pageViolations(page), []);
  await page.assertClean();
  await page.context().close();
});
