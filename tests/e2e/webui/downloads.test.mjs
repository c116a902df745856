// The Downloads page without the news server: adding (picker, drop, URL),
// the row controls and their API effects, reorder, selection, rename, files,
// search, history actions on jobs that fail, and clicks during refresh ticks.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axeViolations, fakeNzb, goto, launchBrowser, openPage, screenshot, sleep, startDaemon, until } from './harness.mjs';

let daemon, browser;
const tmp = mkdtempSync(join(tmpdir(), 'nzbd-dl-test-'));
before(async () => {
  // One post-processing script, so the row's Script select has a choice.
  mkdirSync(join(tmp, 'scripts'));
  writeFileSync(join(tmp, 'scripts', 'notify.sh'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  daemon = await startDaemon({ misc: `script_dir = ${join(tmp, 'scripts')}` });
  browser = await launchBrowser();
  await daemon.api({ mode: 'pause' });
});
after(async () => {
  await browser?.close();
  assert.equal(await daemon?.stop(), 0, 'nzbd exited cleanly');
  rmSync(tmp, { recursive: true, force: true });
});

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
  assert.deepEqual(await axeViolations(page), []);
  await page.assertClean();
  await page.context().close();
});

test('Add dialog: category, priority and password show on the row and in mode=queue', async () => {
  await clearQueue();
  const page = await openPage(browser, daemon);
  await goto(page, daemon, '/downloads');
  await page.getByRole('button', { name: 'Add NZB' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add NZB' });
  await dialog.getByLabel('NZB files').setInputFiles(nzbFile('With.Options'));
  await dialog.getByLabel('Password').fill('s3cret');
  await dialog.getByLabel('Category').selectOption('tv');
  await dialog.getByLabel('Priority').selectOption('1');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  const r = row(page, 'With.Options');
  await r.waitFor({ timeout: 3000 });
  const s = await slotOf('With.Options');
  assert.equal(s.cat, 'tv');
  assert.equal(s.priority, 'High');
  assert.equal(s.password, 's3cret');
  assert.equal(await r.getByLabel('Category of With.Options').inputValue(), 'tv');
  assert.equal(await r.getByLabel('Priority of With.Options').inputValue(), '1');
  assert.match(await r.textContent(), /s3cret/);
  await page.assertClean();
  await page.context().close();
});

// Drags with the mouse (Sortable's fallback mode follows mouse events).
async function drag(page, from, to) {
  const a = await from.boundingBox(), b = await to.boundingBox();
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  const steps = 12;
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2 + ((b.y + 4) - (a.y + a.height / 2)) * i / steps);
    await sleep(30);
  }
  // While the row is in the air the poll is held: no mode=queue request.
  let polls = 0;
  const count = (r) => { if (r.url().includes('mode=queue')) polls++; };
  page.on('request', count);
  await sleep(1500);
  page.off('request', count);
  await page.mouse.up();
  return polls;
}
const apiOrder = async () => (await slots()).sort((x, y) => x.index - y.index).map((s) => s.filename);

test('Reorder: drag C above A, Bottom, and Alt+↑ on a focused handle', async () => {
  await clearQueue();
  for (const n of ['Job.A', 'Job.B', 'Job.C']) await addByApi(n);
  const page = await openPage(browser, daemon);
  await goto(page, daemon, '/downloads');
  await row(page, 'Job.C').waitFor();
  const polls = await drag(page, page.getByRole('button', { name: 'Move Job.C' }), page.getByRole('button', { name: 'Move Job.A' }));
  assert.equal(polls, 0, 'no queue poll while dragging');
  await until(async () => (await apiOrder()).join() === 'Job.C,Job.A,Job.B', 5000, 'C,A,B in mode=queue');
  await until(async () => (await rowNames(page)).join() === 'Job.C,Job.A,Job.B', 3000, 'C,A,B in the DOM');

  await page.getByRole('button', { name: 'More for Job.C' }).click();
  await page.getByRole('menuitem', { name: 'Move to bottom' }).click();
  await until(async () => (await apiOrder()).join() === 'Job.A,Job.B,Job.C', 5000, 'A,B,C after Bottom');
  await until(async () => (await rowNames(page)).join() === 'Job.A,Job.B,Job.C', 3000, 'A,B,C in the DOM');

  await page.getByRole('button', { name: 'Move Job.C' }).focus();
  await page.keyboard.press('Alt+ArrowUp');
  await until(async () => (await apiOrder()).join() === 'Job.A,Job.C,Job.B', 5000, 'A,C,B after Alt+Up');
  await until(async () => (await rowNames(page)).join() === 'Job.A,Job.C,Job.B', 3000, 'A,C,B in the DOM');
  await until(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label') === 'Move Job.C'), 3000, 'focus stays on the handle');
  await page.assertClean();
  await page.context().close();
});

test('Pause: a row pauses only its job; global pause, 5 min and a 50% limit reach the API', async () => {
  await clearQueue();
  for (const n of ['Pause.A', 'Pause.B']) await addByApi(n);
  const page = await openPage(browser, daemon);
  await goto(page, daemon, '/downloads');
  await page.getByRole('button', { name: 'Pause Pause.A' }).click();
  await until(async () => (await slotOf('Pause.A')).status === 'Paused', 5000, 'A paused');
  assert.notEqual((await slotOf('Pause.B')).status, 'Paused', 'B untouched');
  await page.getByRole('button', { name: 'Resume Pause.A' }).click();
  await until(async () => (await slotOf('Pause.A')).status !== 'Paused', 5000, 'A resumed');

  await page.getByRole('button', { name: 'Resume downloads' }).click();
  await until(async () => (await daemon.api({ mode: 'queue' })).queue.paused === false, 5000, 'resumed');
  await page.getByRole('button', { name: 'Pause downloads' }).click();
  await until(async () => (await daemon.api({ mode: 'queue' })).queue.paused === true, 5000, 'paused');
  await page.getByRole('button', { name: 'Pause for a while' }).click();
  await page.getByRole('menuitem', { name: '5 min', exact: true }).click();
  // pause_int is SABnzbd's "m:ss" countdown string, "0" when not timed.
  await until(async () => /^[1-9]\d*:\d\d$|^0:(?!00)\d\d$/.test((await daemon.api({ mode: 'queue' })).queue.pause_int), 5000, 'pause_int > 0');
  await page.getByRole('button', { name: /^Resume downloads/ }).waitFor();
  await until(async () => /Resume downloads\s*\d+:\d\d/.test(await page.locator('.btn-pause').textContent()), 5000,
    'countdown on the button');
  await page.getByLabel('Speed limit').selectOption('50');
  await until(async () => (await daemon.api({ mode: 'queue' })).queue.speedlimit === '50', 5000, 'speedlimit 50');
  await daemon.api({ mode: 'config', name: 'speedlimit', value: '0' });
  await daemon.api({ mode: 'pause' });
  await page.assertClean();
  await page.context().close();
});

test('Row edits: category, priority, processing and script; category on 2 selected rows; shift-range; bulk delete confirms', async () => {
  await clearQueue();
  for (const n of ['Edit.A', 'Edit.B', 'Edit.C', 'Edit.D']) await addByApi(n);
  const page = await openPage(browser, daemon);
  await goto(page, daemon, '/downloads');
  await row(page, 'Edit.D').waitFor();
  await page.getByLabel('Category of Edit.A').selectOption('movies');
  await until(async () => (await slotOf('Edit.A')).cat === 'movies', 5000, 'A category');
  await page.getByLabel('Priority of Edit.A').selectOption('-1');
  await until(async () => (await slotOf('Edit.A')).priority === 'Low', 5000, 'A priority Low');
  await page.getByRole('button', { name: 'More for Edit.B' }).click();
  await page.getByRole('menu', { name: 'Actions for Edit.B' }).getByLabel('Post-processing').selectOption('1');
  await until(async () => (await slotOf('Edit.B')).unpackopts === '1', 5000, 'B processing +Repair');
  await page.getByRole('menu', { name: 'Actions for Edit.B' }).getByLabel('Script').selectOption('notify.sh');
  await until(async () => (await slotOf('Edit.B')).script === 'notify.sh', 5000, 'B script notify.sh');
  await page.keyboard.press('Escape');

  await page.getByLabel('Select Edit.C').check();
  await page.getByLabel('Select Edit.D').check();
  await page.getByLabel('Category for selected').selectOption('audio');
  await until(async () => (await slotOf('Edit.C')).cat === 'audio' && (await slotOf('Edit.D')).cat === 'audio', 5000, 'C and D audio');
  assert.notEqual((await slotOf('Edit.B')).cat, 'audio', 'B not selected, not changed');
  await page.getByRole('button', { name: 'Clear selection' }).click();

  const order = await rowNames(page);
  await page.getByLabel('Select ' + order[0]).check();
  await page.getByLabel('Select ' + order[2]).click({ modifiers: ['Shift'] });
  await page.getByText('3 selected').waitFor({ timeout: 2000 });
  await page.getByRole('button', { name: 'Delete selected' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete jobs' });
  await confirm.waitFor();
  assert.equal((await slots()).length, 4, 'nothing deleted before the confirm');
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await until(async () => (await slots()).map((s) => s.filename).join() === order[3], 5000, 'three deleted in mode=queue');
  await until(async () => (await rowNames(page)).join() === order[3], 3000, 'rows gone');
  await page.assertClean();
  await page.context().close();
});

test('Rename saves on Enter and cancels on Esc; a deleted file leaves get_files; search and cat: filter', async () => {
  await clearQueue();
  const id = await addByApi('Old.Name', 3);
  await addByApi('Other.Show', 1, { cat: 'tv' });
  const page = await openPage(browser, daemon);
  await goto(page, daemon, '/downloads');
  await page.getByRole('button', { name: 'More for Old.Name' }).click();
  await page.getByRole('menuitem', { name: 'Rename' }).click();
  await page.getByLabel('New name for Old.Name').fill('New.Name');
  // The edit holds the poll: no queue request (after one already on its way
  // when the box opened) and the typed text survives.
  await sleep(300);
  let polls = 0;
  const count = (r) => { if (r.url().includes('mode=queue')) polls++; };
  page.on('request', count);
  await sleep(1500);
  page.off('request', count);
  assert.equal(polls, 0, 'no queue poll while renaming');
  assert.equal(await page.getByLabel('New name for Old.Name').inputValue(), 'New.Name');
  await page.keyboard.press('Enter');
  await until(async () => (await slots()).some((s) => s.nzo_id === id && s.filename === 'New.Name'), 5000, 'renamed in API');
  await row(page, 'New.Name').waitFor({ timeout: 3000 });

  await page.getByRole('button', { name: 'More for New.Name' }).click();
  await page.getByRole('menuitem', { name: 'Rename' }).click();
  await page.getByLabel('New name for New.Name').fill('Never.Saved');
  await page.keyboard.press('Escape');
  await row(page, 'New.Name').locator('.job-name').waitFor();
  await sleep(500);
  assert.equal((await slots()).find((s) => s.nzo_id === id).filename, 'New.Name', 'Esc saved nothing');

  await page.getByRole('button', { name: 'More for New.Name' }).click();
  await page.getByRole('menuitem', { name: 'Files' }).click();
  const files = page.getByRole('dialog', { name: 'Files of New.Name' });
  await files.getByRole('button', { name: 'Delete file Old.Name.part02.rar' }).click();
  await page.getByRole('dialog', { name: 'Delete file' }).getByRole('button', { name: 'Delete' }).click();
  await until(async () => (await daemon.api({ mode: 'get_files', value: id })).files.length === 2, 5000, 'two files left');
  const left = (await daemon.api({ mode: 'get_files', value: id })).files.map((f) => f.filename);
  assert.ok(!left.includes('Old.Name.part02.rar'));
  await files.getByRole('button', { name: 'Delete file Old.Name.part02.rar' }).waitFor({ state: 'detached', timeout: 3000 });
  await files.getByRole('button', { name: 'Close' }).click();

  const search = page.getByRole('searchbox', { name: 'Search the queue' });
  await search.fill('Other');
  await until(async () => (await rowNames(page)).join() === 'Other.Show', 5000, 'text filter');
  await search.fill('cat:tv');
  await until(async () => (await rowNames(page)).join() === 'Other.Show', 5000, 'cat:tv filter');
  assert.ok(await page.getByRole('button', { name: 'Move Other.Show' }).isDisabled(), 'no reorder on a filtered list');
  await search.fill('cat:movies');
  await page.getByText('No job matches the search.').waitFor({ timeout: 5000 });
  await search.fill('');
  await until(async () => (await rowNames(page)).length === 2, 5000, 'both rows back');
  await page.assertClean();
  await page.context().close();
});

// A news server that has no article at all: every BODY gets 430, so jobs
// fail quickly without the INN rig.
async function emptyNewsServer() {
  const server = createTcpServer((sock) => {
    sock.on('error', () => {});
    sock.write('200 empty news server\r\n');
    let buf = '';
    sock.on('data', (d) => {
      buf += d;
      for (let i = buf.indexOf('\r\n'); i >= 0; i = buf.indexOf('\r\n')) {
        const cmd = buf.slice(0, i).split(' ')[0].toUpperCase();
        buf = buf.slice(i + 2);
        if (['BODY', 'ARTICLE', 'HEAD', 'STAT'].includes(cmd)) sock.write('430 No such article\r\n');
        else if (cmd === 'QUIT') sock.end('205 bye\r\n');
        else if (cmd === 'MODE' || cmd === 'AUTHINFO') sock.write(cmd === 'MODE' ? '200 reader\r\n' : '281 ok\r\n');
        else sock.write('500 unknown\r\n');
      }
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return server;
}
const historySlots = async (extra = {}) => (await daemon.api({ mode: 'history', limit: 0, ...extra })).history.slots;
const histRow = (page, name) => page.locator('.history-row', { has: page.getByText(name, { exact: true }) });

test('History: failed jobs show the fail_message and stage lines; Retry with a password or a new NZB, mark completed, failed-only, delete, purge', async () => {
  await clearQueue();
  const news = await emptyNewsServer();
  await daemon.api({ mode: 'set_config', section: 'servers', name: 'empty', host: '127.0.0.1', port: String(news.address().port),
    connections: '2', ssl: '0', enable: '1' });
  const page = await openPage(browser, daemon);
  try {
    for (const n of ['Fail.One', 'Fail.Two', 'Fail.Three', 'Fail.Four']) await addByApi(n);
    await goto(page, daemon, '/downloads');
    await page.getByRole('button', { name: 'Resume downloads' }).click();
    await until(async () => (await historySlots()).filter((s) => s.status === 'Failed').length === 4, 30000, 'four failed jobs');
    await page.getByRole('button', { name: 'Pause downloads' }).click();
    await until(async () => (await daemon.api({ mode: 'queue' })).queue.paused === true, 5000, 'paused again');

    await goto(page, daemon, '/downloads/history');
    const one = (await historySlots()).find((s) => s.name === 'Fail.One');
    assert.ok(one.fail_message, 'the API gives a fail_message');
    const r = histRow(page, 'Fail.One');
    await r.getByText(one.fail_message, { exact: true }).waitFor({ timeout: 5000 });
    await r.getByRole('button', { name: 'Details of Fail.One' }).click();
    for (const stage of one.stage_log) {
      await r.locator('summary', { hasText: stage.name }).waitFor();
      for (const line of stage.actions) await r.getByText(line, { exact: true }).waitFor();
    }
    const totals = (await daemon.api({ mode: 'history' })).history;
    const withB = (v) => (/[KMGTP]$/.test(v) ? `${v}B` : `${v} B`);
    await page.getByText(`Downloaded today ${withB(totals.day_size)} · this week ${withB(totals.week_size)} · this month ${withB(totals.month_size)} · total ${withB(totals.total_size)}`).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, 'downloads-history');

    await r.getByRole('button', { name: 'Retry Fail.One' }).click();
    const retry = page.getByRole('dialog', { name: 'Retry Fail.One' });
    await retry.getByLabel('Password').fill('retry-pw');
    await retry.getByRole('button', { name: 'Retry', exact: true }).click();
    const requeued = await until(async () => (await slots()).find((s) => s.filename === 'Fail.One'), 5000, 'Fail.One back in the queue');
    assert.equal(requeued.password, 'retry-pw', 'the retry password reached the job');
    await r.waitFor({ state: 'detached', timeout: 5000 });

    await histRow(page, 'Fail.Two').getByRole('button', { name: 'Mark completed Fail.Two' }).click();
    await until(async () => (await historySlots()).find((s) => s.name === 'Fail.Two')?.status === 'Completed', 5000, 'Two completed');
    await histRow(page, 'Fail.Two').getByText('✓ Completed').waitFor({ timeout: 5000 });

    await page.getByRole('switch', { name: 'Failed only' }).click({ force: true });
    await histRow(page, 'Fail.Two').waitFor({ state: 'detached', timeout: 5000 });
    await histRow(page, 'Fail.Three').waitFor();
    await histRow(page, 'Fail.Four').waitFor();
    await page.getByRole('switch', { name: 'Failed only' }).click({ force: true });
    await histRow(page, 'Fail.Two').waitFor({ timeout: 5000 });

    await histRow(page, 'Fail.Two').getByRole('button', { name: 'Delete from history Fail.Two' }).click();
    await page.getByRole('dialog', { name: 'Delete from history' }).getByRole('button', { name: 'Delete' }).click();
    await until(async () => !(await historySlots()).some((s) => s.name === 'Fail.Two'), 5000, 'Two deleted');
    await histRow(page, 'Fail.Two').waitFor({ state: 'detached', timeout: 5000 });

    // Retry with an additional NZB: SABnzbd adds its files to the job's own.
    const three = (await historySlots()).find((s) => s.name === 'Fail.Three');
    await histRow(page, 'Fail.Three').getByRole('button', { name: 'Retry Fail.Three' }).click();
    await page.getByRole('dialog', { name: 'Retry Fail.Three' }).getByLabel('Additional NZB').setInputFiles(nzbFile('Fail.Three', 3));
    await page.getByRole('dialog', { name: 'Retry Fail.Three' }).getByRole('button', { name: 'Retry', exact: true }).click();
    const again = await until(async () => (await slots()).find((s) => s.filename === 'Fail.Three'), 5000, 'Fail.Three requeued');
    const names = (await daemon.api({ mode: 'get_files', value: again.nzo_id })).files.map((f) => f.filename).sort();
    for (const f of ['Fail.Three.part02.rar', 'Fail.Three.part03.rar']) assert.ok(names.includes(f), `${f} from the additional NZB is in the job (${names})`);
    // The retry call adds the job before it drops the history row, so a poll of the queue can see
    // the new job a moment before the answer to the click (and the row's removal) arrives.
    await until(async () => !(await historySlots()).some((s) => s.nzo_id === three.nzo_id), 5000, 'the failed entry left History');

    await page.getByRole('button', { name: 'Purge failed' }).click();
    await page.getByRole('dialog', { name: 'Purge failed' }).getByRole('button', { name: 'Purge' }).click();
    await until(async () => (await historySlots({ failed_only: 1 })).length === 0, 5000, 'no failed left');
    await histRow(page, 'Fail.Four').waitFor({ state: 'detached', timeout: 5000 });
    await page.assertClean();
  } finally {
    await page.context().close();
    await daemon.api({ mode: 'del_config', section: 'servers', keyword: 'empty' });
    news.close();
  }
});

test('Warnings: the list shows mode=warnings and Clear empties it and the badge', async () => {
  // A percent limit without bandwidth_max logs a warning (as SABnzbd does).
  await daemon.api({ mode: 'config', name: 'speedlimit', value: '40' });
  await daemon.api({ mode: 'config', name: 'speedlimit', value: '0' });
  const warnings = await until(async () => { const w = (await daemon.api({ mode: 'warnings' })).warnings; return w.length && w; }, 5000, 'a warning');
  const page = await openPage(browser, daemon);
  await goto(page, daemon, '/downloads/warnings');
  await page.locator('.warning-row').first().waitFor();
  assert.equal(await page.locator('.warning-row').count(), warnings.length);
  await page.getByText(warnings[0].text).first().waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'downloads-warnings');
  await page.getByRole('button', { name: 'Clear' }).click();
  await until(async () => (await daemon.api({ mode: 'warnings' })).warnings.length === 0, 5000, 'warnings cleared');
  await until(async () => (await daemon.api({ mode: 'queue' })).queue.have_warnings === '0', 5000, 'have_warnings 0');
  await page.getByText('No warnings.').waitFor();
  await page.getByRole('link', { name: 'Warnings: 0' }).waitFor({ timeout: 3000 });
  await page.assertClean();
  await page.context().close();
});

test('With 200 jobs, a row menu and a checkbox clicked during refresh ticks work 10 times out of 10', async () => {
  await clearQueue();
  for (let i = 0; i < 200; i += 20) {
    await Promise.all(Array.from({ length: 20 }, (_, j) => addByApi(`Many.${String(i + j).padStart(3, '0')}`)));
  }
  const page = await openPage(browser, daemon);
  let ticks = 0;
  page.on('request', (r) => { if (r.url().includes('mode=queue')) ticks++; });
  await goto(page, daemon, '/downloads');
  await page.locator('.queue-row').nth(49).waitFor();
  const names = await rowNames(page);
  const before = ticks;
  for (let i = 0; i < 10; i++) {
    const name = names[i * 4];
    await sleep(150 + (i * 97) % 900);  // land at different points of the 1 s tick
    await page.getByRole('button', { name: `More for ${name}` }).click();
    await page.getByRole('menu', { name: `Actions for ${name}` }).waitFor({ timeout: 1000 });
    await sleep(1100);  // a tick or more passes with the menu open: it stays open
    assert.ok(await page.getByRole('menu', { name: `Actions for ${name}` }).isVisible(), `menu ${i} still open after a tick`);
    await page.keyboard.press('Escape');
    await page.getByRole('menu', { name: `Actions for ${name}` }).waitFor({ state: 'detached', timeout: 1000 });
    await page.getByLabel(`Select ${name}`).click();
    assert.ok(await page.getByLabel(`Select ${name}`).isChecked(), `checkbox ${i} checked`);
  }
  assert.ok(ticks - before >= 10, `the queue was refreshed during the clicks (${ticks - before} polls)`);
  await page.getByText('10 selected').waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  const fifty = (await daemon.api({ mode: 'queue', start: 50, limit: 1 })).queue.slots[0].filename;
  await until(async () => (await rowNames(page))[0] === fifty, 5000, 'page 2 from the server');
  await page.getByLabel('Queue rows per page').selectOption('100');
  await until(async () => (await rowNames(page)).length === 100, 5000, '100 rows per page');
  const asked = await page.waitForRequest((r) => r.url().includes('mode=queue') && r.url().includes('limit=100'), { timeout: 3000 });
  assert.ok(asked, 'the shared poll asks for 100 rows');
  await page.assertClean();
  await page.context().close();
});

test('Screenshots light, dark and phone; at 375 px no sideways scroll and the row controls are ≥ 40 px', async () => {
  await clearQueue();
  await addByApi('Shot.Alpha.S01E01', 2, { cat: 'tv', password: 'pw' });
  await addByApi('Shot.Beta', 1);
  for (const [name, opts] of [['downloads-page-light', {}], ['downloads-page-dark', { colorScheme: 'dark' }]]) {
    const page = await openPage(browser, daemon, opts);
    await goto(page, daemon, '/downloads');
    await row(page, 'Shot.Beta').waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, name);
    await page.assertClean();
    await page.context().close();
  }
  const phone = await openPage(browser, daemon, { viewport: { width: 375, height: 667 }, hasTouch: true });
  await goto(phone, daemon, '/downloads');
  await row(phone, 'Shot.Beta').waitFor();
  assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth) <= 375, 'no sideways scroll');
  for (const label of ['Move Shot.Beta', 'Pause Shot.Beta', 'Delete Shot.Beta', 'More for Shot.Beta', 'Select Shot.Beta']) {
    const box = await phone.getByLabel(label, { exact: true }).evaluate((el) => (el.closest('label') || el).getBoundingClientRect().toJSON());
    assert.ok(box.width >= 40 && box.height >= 40, `${label} is ${box.width}x${box.height}`);
  }
  await phone.getByRole('button', { name: 'More for Shot.Beta' }).tap();
  await phone.getByRole('menuitem', { name: 'Move to top' }).tap();
  await until(async () => (await apiOrder()).join() === 'Shot.Beta,Shot.Alpha.S01E01', 5000, 'moved to top from the phone menu');
  assert.deepEqual(await axeViolations(phone), []);
  await screenshot(phone, 'downloads-page-phone');
  await goto(phone, daemon, '/downloads/history');
  assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth) <= 375, 'history: no sideways scroll');
  await phone.assertClean();
  await phone.context().close();
});
