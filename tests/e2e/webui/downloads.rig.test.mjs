// The Downloads page against the INN2 rig: a real download shows rising
// progress and the title's speed, then lands in History as Completed; a job
// whose articles were cancelled fails with its fail_message and stage lines,
// and Retry requeues it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { addRigServer, cancelOnRig, goto, launchBrowser, openPage, postToRig, screenshot, sleep, startDaemon, until } from './harness.mjs';

let daemon, browser;
before(async () => {
  daemon = await startDaemon();
  browser = await launchBrowser();
  await addRigServer(daemon);
});
after(async () => { await browser?.close(); assert.equal(await daemon?.stop(), 0, 'nzbd exited cleanly'); });

const slots = async () => (await daemon.api({ mode: 'queue', limit: 0 })).queue.slots;
const removePost = (post) => rmSync(post.dir, { recursive: true, force: true });
const historySlots = async () => (await daemon.api({ mode: 'history', limit: 0 })).history.slots;
const histRow = (page, name) => page.locator('.history-row', { has: page.getByText(name, { exact: true }) });

async function addThroughPicker(page, nzbPath) {
  await page.getByRole('button', { name: 'Add NZB' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add NZB' });
  await dialog.getByLabel('NZB files').setInputFiles(nzbPath);
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
}

test('a download under a 2 MB/s limit shows rising progress and the title, then Completed in History', async () => {
  const post = await postToRig('Rig.Slow.Job', { files: 2, bytes: 16_000_000 });
  // An absolute limit ("2M" = bytes/s) keeps the download several seconds long.
  assert.equal((await daemon.api({ mode: 'config', name: 'speedlimit', value: '2M' })).status, true);
  const page = await openPage(browser, daemon);
  try {
    await goto(page, daemon, '/downloads');
    await addThroughPicker(page, post.nzbPath);
    const bar = page.getByRole('progressbar', { name: 'Progress of Rig.Slow.Job' });
    await bar.waitFor({ timeout: 10000 });
    const seen = [];
    const end = Date.now() + 60000;
    while (Date.now() < end && seen.filter((v) => v > 0 && v < 100).length < 3) {
      const v = Number(await bar.getAttribute('aria-valuenow').catch(() => NaN));
      if (Number.isFinite(v) && v > 0 && v < 100 && v !== seen[seen.length - 1]) seen.push(v);
      await sleep(700);
    }
    assert.ok(seen.length >= 2 && seen[seen.length - 1] > seen[0], `progress rose while downloading: ${seen.join(', ')}`);
    const title = await until(async () => { const t = await page.title(); return /\/s – .* left – nzbd$/.test(t) && t; }, 5000, 'title with speed and time left');
    assert.match(title, /^[\d.]+ [KMG]?B\/s – \d+:\d\d:\d\d left – nzbd$/);
    assert.ok(await page.locator('.sparkline-line').count() === 1, 'the sparkline draws');
    await screenshot(page, 'downloads-rig-downloading');
    await daemon.api({ mode: 'config', name: 'speedlimit', value: '0' });

    await until(async () => (await historySlots()).find((s) => s.name === 'Rig.Slow.Job')?.status === 'Completed', 90000, 'job Completed in history');
    const r = histRow(page, 'Rig.Slow.Job');
    await r.getByText('✓ Completed').waitFor({ timeout: 10000 });
    await until(async () => (await slots()).length === 0, 5000, 'queue empty');
    // The server's card counts what it delivered today (mode=server_stats,
    // which the daemon brings up to date every 5 s).
    const server = await until(async () => {
      const stats = (await daemon.api({ mode: 'server_stats' })).servers;
      return Object.keys(stats).find((name) => stats[name].day > 30_000_000);
    }, 15000, 'server_stats day above the 32 MB downloaded');
    await page.goto(`${daemon.url}/#/config/servers`);
    const today = page.getByLabel(`Downloaded from ${server}`).locator('div', { hasText: 'Today' }).locator('dd');
    await today.waitFor();
    assert.match(await today.textContent(), /^[1-9][\d.]* MB$/, 'today above 0 on the server card');
    await page.assertClean();
  } finally {
    await daemon.api({ mode: 'config', name: 'speedlimit', value: '0' });
    await page.context().close();
    removePost(post);
  }
});

test('a job whose articles were cancelled fails with its fail_message and stage lines; Retry requeues it', async () => {
  const post = await postToRig('Rig.Gone.Job', { files: 1, bytes: 1_500_000 });
  await cancelOnRig(post.messageIds);
  const page = await openPage(browser, daemon);
  try {
    await goto(page, daemon, '/downloads');
    await addThroughPicker(page, post.nzbPath);
    const failed = await until(async () => { const s = (await historySlots()).find((x) => x.name === 'Rig.Gone.Job'); return s?.status === 'Failed' && s; },
      60000, 'Rig.Gone.Job failed');
    assert.ok(failed.fail_message, 'the API gives a fail_message');
    const r = histRow(page, 'Rig.Gone.Job');
    await r.getByText(failed.fail_message, { exact: true }).waitFor({ timeout: 5000 });
    await r.getByRole('button', { name: 'Details of Rig.Gone.Job' }).click();
    assert.ok(failed.stage_log.length > 0, 'stage_log has stages');
    for (const stage of failed.stage_log) for (const line of stage.actions) await r.getByText(line, { exact: true }).first().waitFor();
    await screenshot(page, 'downloads-rig-failed');

    await r.getByRole('button', { name: 'Retry Rig.Gone.Job' }).click();
    await page.getByRole('dialog', { name: 'Retry Rig.Gone.Job' }).getByRole('button', { name: 'Retry', exact: true }).click();
    // Retry takes the entry out of History and queues the job again (it may fail again at once: its articles are gone).
    await until(async () => (await slots()).some((s) => s.filename === 'Rig.Gone.Job')
      || (await historySlots()).some((s) => s.name === 'Rig.Gone.Job' && s.nzo_id !== failed.nzo_id), 10000, 'requeued');
    await page.assertClean();
  } finally {
    await page.context().close();
    removePost(post);
  }
});
