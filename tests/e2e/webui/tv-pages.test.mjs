// The TV side's Calendar, Wanted, Activity, TV settings and System pages,
// against the real daemon with a dated fake TVMaze (episodes yesterday,
// tomorrow and next week) and the fake Newznab (one S01E01 release whose
// articles exist nowhere, so a grab sits in the queue). The browser runs in
// America/New_York so "local day" is not UTC.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axeViolations, goto, launchBrowser, openPage, screenshot, sleep, startDaemon, until } from './harness.mjs';
import { startFakeTvmaze, zone } from './fake-tvmaze-dated.mjs';

let daemon, browser, tvmaze, newznab, work, series;

async function startNewznab() {
  mkdirSync(join(work, 'nzbs'));
  writeFileSync(join(work, 'nzbs', 'e.nzb'), `<?xml version="1.0" encoding="utf-8"?>
<nzb xmlns="http://www.newzbin.com/DTD/2003/nzb"><file poster="t@nzbd.test" date="1796500000" subject="&quot;ep.mkv&quot; yEnc (1/1)">
<groups><group>alt.binaries.test</group></groups><segments><segment bytes="1000" number="1">webui-tv-missing@nzbd.test</segment></segments></file></nzb>\n`);
  writeFileSync(join(work, 'newznab.json'), JSON.stringify({ apikey: 'NZBKEY', items: [
    // Fixed publish dates, as a real indexer has: the blocklist matches on them.
    { title: 'The.Test.Show.S01E01.1080p.WEB-DL.DD5.1.H.264-GRP', guid: 's01e01-web', size: 1500000000,
      tvdbid: 300101, category: 5040, nzbFile: 'nzbs/e.nzb', pubDate: new Date(Date.now() - 3600e3).toISOString() },
    // The next best, grabbed after the first is marked as failed.
    { title: 'The.Test.Show.S01E01.720p.HDTV.x264-OTHER', guid: 's01e01-hdtv', size: 900000000,
      tvdbid: 300101, category: 5040, nzbFile: 'nzbs/e.nzb', pubDate: new Date(Date.now() - 7200e3).toISOString() }] }));
  const portFile = join(work, 'newznab.port');
  const child = spawn(process.execPath, [new URL('../sonarr/fake-newznab.mjs', import.meta.url).pathname, portFile,
    join(work, 'newznab.json')], { stdio: 'ignore' });
  await until(() => existsSync(portFile) && readFileSync(portFile, 'utf8').trim(), 10000, 'fake newznab');
  return { child, url: `http://127.0.0.1:${readFileSync(portFile, 'utf8').trim()}` };
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'nzbd-webui-tv-'));
  tvmaze = await startFakeTvmaze();
  newznab = await startNewznab();
  daemon = await startDaemon({ misc: `tvmaze_url = ${tvmaze.url}` });
  process.env.TZ = zone;  // chromium inherits it: the browser's local zone is the show's
  browser = await launchBrowser();
  const root = join(work, 'tv');
  mkdirSync(root);
  await daemon.sonarr('rootfolder', { method: 'POST', body: { path: root } });
  const [found] = await daemon.sonarr('series/lookup?term=test');
  series = await daemon.sonarr('series', { method: 'POST', body: { ...found, qualityProfileId: 1, rootFolderPath: root,
    monitored: true, seasonFolder: true, addOptions: { monitor: 'all', searchForMissingEpisodes: false } } });
});
after(async () => {
  await browser?.close();
  newznab?.child.kill();
  await tvmaze?.stop();
  assert.equal(await daemon?.stop(), 0, 'nzbd exited cleanly');
  rmSync(work, { recursive: true, force: true });
});

// Toggles are a hidden role=switch input under a drawn track: click the label, as a person does.
const flip = (scope, name) => scope.locator('label.toggle', { hasText: name }).click();
const episodes = () => daemon.sonarr(`episode?seriesId=${series.id}`);
const episodeNamed = async (title) => (await episodes()).find((e) => e.title === title);
// The local "YYYY-MM-DD" the browser gives an instant.
const localDay = (page, iso) => page.evaluate((t) => {
  const d = new Date(t);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}, iso);

// Dark and phone screenshots (and axe in dark) of a page; `ready` is a locator text to wait for.
async function darkAndPhone(hash, name, ready) {
  for (const [suffix, opts] of [['dark', { colorScheme: 'dark' }],
    ['phone', { viewport: { width: 375, height: 667 }, hasTouch: true }]]) {
    const page = await openPage(browser, daemon, opts);
    await goto(page, daemon, hash);
    if (ready) await page.getByText(ready).first().waitFor();
    await screenshot(page, `${name}-${suffix}`);
    if (suffix === 'dark') assert.deepEqual(await axeViolations(page), [], `${name} dark axe`);
    else assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 375, `${name}: no sideways scroll`);
    await page.assertClean();
    await page.context().close();
  }
}

test('calendar week view puts tomorrow\'s episode on tomorrow\'s local column; Previous/Today/Next move the range', async () => {
  const tomorrow = await episodeNamed('Tomorrow Episode');
  const page = await openPage(browser, daemon);
  await goto(page, daemon, '/calendar');
  assert.equal(await page.getByRole('button', { name: 'Week', exact: true }).getAttribute('aria-pressed'), 'true', 'week by default');
  const day = await localDay(page, tomorrow.airDateUtc);
  const todayKey = await localDay(page, new Date().toISOString());
  assert.notEqual(day, todayKey);
  const range = page.locator('.cal-range');
  const start0 = await range.getAttribute('data-start');
  if (day > (await range.getAttribute('data-end'))) await page.getByRole('button', { name: 'Next', exact: true }).click();
  const column = page.locator(`.cal-day[data-day="${day}"]`);
  await column.getByText('S01E02 · Tomorrow Episode').waitFor();
  assert.equal(await column.getByRole('link', { name: 'The Test Show' }).getAttribute('href'), `#/series/${series.id}`);
  assert.match(await column.locator('.cal-event').getAttribute('class'), /state-unaired/);
  // the missing one (yesterday) is red and has a search button
  const yesterday = await episodeNamed('Yesterday Episode');
  await page.getByRole('button', { name: 'Today', exact: true }).click();
  assert.equal(await range.getAttribute('data-start'), start0);
  const yDay = await localDay(page, yesterday.airDateUtc);
  if (yDay < start0) await page.getByRole('button', { name: 'Previous', exact: true }).click();
  const yEvent = page.locator(`.cal-day[data-day="${yDay}"] .cal-event`);
  assert.match(await yEvent.getAttribute('class'), /state-missing/);
  // Search (before any indexer exists: the command runs and fails honestly, as a toast)
  await yEvent.getByRole('button', { name: 'Search for The Test Show S01E01' }).click();
  const searched = await until(async () => (await daemon.sonarr('command')).find((c) => c.name === 'EpisodeSearch'),
    10000, 'EpisodeSearch from the calendar');
  assert.deepEqual(searched.body.episodeIds, [yesterday.id]);
  await page.locator('.toast').filter({ hasText: /indexer/i }).waitFor();

  await page.getByRole('button', { name: 'Today', exact: true }).click();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  const next = await range.getAttribute('data-start');
  assert.equal((Date.parse(next) - Date.parse(start0)) / 86400000, 7, 'Next moves a week');
  await page.getByRole('button', { name: 'Previous', exact: true }).click();
  await page.getByRole('button', { name: 'Previous', exact: true }).click();
  assert.equal((Date.parse(start0) - Date.parse(await range.getAttribute('data-start'))) / 86400000, 7, 'Previous moves back');
  await page.getByRole('button', { name: 'Today', exact: true }).click();
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'tv-calendar-week');

  await page.getByRole('button', { name: 'Month', exact: true }).click();
  await until(async () => (await page.locator('.cal-view-month .cal-day').count()) >= 28, 5000, 'month grid');
  await page.locator(`.cal-day[data-day="${todayKey}"]`).waitFor();
  await screenshot(page, 'tv-calendar-month');
  await page.getByRole('button', { name: 'Day', exact: true }).click();
  await until(async () => (await page.locator('.cal-day').count()) === 1, 5000, 'day view shows one day');
  assert.equal(await page.locator('.cal-day').getAttribute('data-day'), todayKey);
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.locator(`.cal-day[data-day="${day}"]`).getByText('Tomorrow Episode').waitFor();
  await page.getByRole('button', { name: 'Agenda', exact: true }).click();
  await page.locator('.cal-agenda').getByText('Next Week Episode').waitFor();
  await screenshot(page, 'tv-calendar-agenda');
  await page.getByRole('button', { name: 'Week', exact: true }).click();
  await page.assertClean();
  await page.context().close();
});

test('calendar on a 375 px phone opens in agenda view without sideways scroll; dark renders', async () => {
  const page = await openPage(browser, daemon, { viewport: { width: 375, height: 667 }, hasTouch: true });
  await goto(page, daemon, '/calendar');
  assert.equal(await page.getByRole('button', { name: 'Agenda', exact: true }).getAttribute('aria-pressed'), 'true');
  await page.getByText('Tomorrow Episode').waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 375);
  await page.getByRole('button', { name: 'Month', exact: true }).click();
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 375, 'month fits too');
  await page.getByRole('button', { name: 'Agenda', exact: true }).click();
  await screenshot(page, 'tv-calendar-phone');
  await page.assertClean();
  await page.context().close();
  await darkAndPhone('/calendar', 'tv-calendar', 'Unmonitored');
});

test('TV settings: add a root folder and an indexer through the UI (Test passes), save naming, guard a dirty form', async () => {
  const page = await openPage(browser, daemon);
  await goto(page, daemon, '/settings/media');
  const extra = join(work, 'tv2');
  mkdirSync(extra);
  await page.getByLabel('New root folder').fill(extra);
  await page.getByRole('button', { name: 'Add root folder' }).click();
  await until(async () => (await daemon.sonarr('rootfolder')).some((f) => f.path === extra), 5000, 'root folder');
  await page.locator(`[data-root="${extra}"]`).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'tv-settings-media');

  await page.getByRole('link', { name: 'Indexers' }).click();
  await page.getByRole('button', { name: 'Add indexer' }).click();
  await page.getByRole('button', { name: 'Newznab' }).click();
  const dialog = page.getByRole('dialog', { name: /Add indexer/ });
  await dialog.getByLabel('Name', { exact: true }).fill('fake newznab');
  await dialog.getByLabel('URL', { exact: true }).fill(newznab.url);
  await dialog.getByLabel('API Key', { exact: true }).fill('WRONG');
  await dialog.getByRole('button', { name: 'Test' }).click();
  await dialog.getByRole('alert').getByText('Test failed').waitFor();
  await dialog.getByText(/Incorrect user credentials|apikey|API key/i).first().waitFor();
  // the failed test is a 400 from /indexer/test, which chromium logs as a console error: expected, once
  const expected = page.problems.findIndex((x) => /status of 400/.test(x));
  assert.ok(expected >= 0, 'the failing test answered 400');
  page.problems.splice(expected, 1);
  await dialog.getByLabel('API Key', { exact: true }).fill('NZBKEY');
  await dialog.getByRole('button', { name: 'Test' }).click();
  await dialog.getByText('Test passed').waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'tv-settings-indexer-form');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page.locator('[data-provider="fake newznab"]').waitFor();
  const indexers = await daemon.sonarr('indexer');
  assert.equal(indexers.length, 1);
  assert.equal(indexers[0].fields.find((f) => f.name === 'baseUrl').value, newznab.url);

  await page.getByRole('link', { name: 'Download clients' }).click();
  await page.locator('[data-provider="nzbd"]').getByText(/built-in/).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Delete nzbd' }).count(), 0, 'the built-in client cannot be deleted here');

  await page.getByRole('link', { name: 'Naming' }).click();
  const before = await daemon.sonarr('config/naming');
  await flip(page, 'Rename episodes');
  await page.getByText(/Example: The Series Title/).first().waitFor();
  // a dirty form asks before a link leaves it
  await page.getByRole('link', { name: 'Profiles' }).click();
  const ask = page.getByRole('dialog', { name: 'Unsaved changes' });
  await ask.waitFor();
  await ask.getByRole('button', { name: 'Cancel' }).click();
  assert.match(page.url(), /#\/settings\/naming$/);
  await page.goBack();  // to Download clients: asks too, and Cancel keeps the edit
  await page.getByRole('dialog', { name: 'Unsaved changes' }).getByRole('button', { name: 'Cancel' }).click();
  assert.match(page.url(), /#\/settings\/naming$/);
  assert.equal(await page.getByRole('switch', { name: 'Rename episodes' }).isChecked(), !before.renameEpisodes);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await until(async () => (await daemon.sonarr('config/naming')).renameEpisodes === !before.renameEpisodes, 5000, 'naming saved');
  await screenshot(page, 'tv-settings-naming');

  await page.getByRole('link', { name: 'Profiles' }).click();
  const [profile] = await daemon.sonarr('qualityprofile');
  await page.getByRole('button', { name: `Edit profile ${profile.name}` }).click();
  const edit = page.getByRole('dialog', { name: `Edit profile ${profile.name}` });
  await edit.getByRole('checkbox', { name: 'SDTV' }).uncheck();
  await edit.getByLabel('Upgrade until (cutoff)').selectOption({ label: 'HDTV-720p' });
  await edit.getByRole('button', { name: 'Save' }).click();
  await until(async () => {
    const p = await daemon.sonarr(`qualityprofile/${profile.id}`);
    return p.cutoff === 4 && p.items.find((it) => it.quality?.id === 1).allowed === false;
  }, 5000, 'profile saved');
  // A delay profile for tagged series, added, moved and deleted in the page.
  const tag = await daemon.sonarr('tag', { method: 'POST', body: { label: 'slow' } });
  await page.reload();
  await page.getByRole('heading', { name: 'Delay profiles' }).waitFor();
  await page.getByRole('button', { name: 'Add delay profile' }).click();
  const add = page.getByRole('dialog', { name: 'Add delay profile' });
  await add.getByLabel('Usenet delay (minutes)').fill('120');
  await add.getByRole('checkbox', { name: 'slow' }).check();
  await add.getByRole('button', { name: 'Save' }).click();
  const added = await until(async () => (await daemon.sonarr('delayprofile')).find((p) => p.tags.includes(tag.id)),
    5000, 'delay profile added');
  assert.equal(added.usenetDelay, 120);
  await page.locator(`[data-delay-profile="${added.id}"]`).getByText('Usenet: 2 h').waitFor();
  await screenshot(page, 'tv-settings-profiles');
  await page.getByRole('button', { name: `Delete delay profile ${added.id}` }).click();
  await page.getByRole('dialog', { name: 'Delete delay profile' }).getByRole('button', { name: 'Delete' }).click();
  await until(async () => (await daemon.sonarr('delayprofile')).length === 1, 5000, 'delay profile deleted');

  await page.getByRole('link', { name: 'UI' }).click();
  await page.getByLabel('First day of the week').selectOption('0');
  await page.getByRole('radio', { name: 'Dark' }).check();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await flip(page, 'Keyboard shortcuts');
  assert.equal(await page.evaluate(() => localStorage.getItem('nzbd.shortcuts')), 'false');
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'tv-settings-ui-dark');
  // the calendar now starts its week on Sunday
  await page.getByRole('link', { name: 'Calendar' }).click();
  const start = await page.locator('.cal-range').getAttribute('data-start');
  assert.equal(new Date(start + 'T12:00:00Z').getUTCDay(), 0, 'week starts on Sunday');
  await page.assertClean();
  await page.context().close();
  await darkAndPhone('/settings/indexers', 'tv-settings', 'fake newznab');
});

test('wanted: missing lists yesterday\'s episode; Search selected posts EpisodeSearch with its id; cutoff unmet loads; Unmonitor selected', async () => {
  const yesterday = await episodeNamed('Yesterday Episode');
  const page = await openPage(browser, daemon);
  await goto(page, daemon, '/wanted/missing');
  const row = page.locator(`tr[data-episode-id="${yesterday.id}"]`);
  await row.getByText('Yesterday Episode').waitFor();
  assert.equal(await page.getByText('Tomorrow Episode').count(), 0, 'an unaired episode is not missing');
  assert.equal(await page.getByRole('button', { name: 'Search selected' }).isDisabled(), true);
  await row.getByRole('checkbox', { name: 'Select The Test Show S01E01' }).check();
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'tv-wanted-missing');
  const earlier = Math.max(0, ...(await daemon.sonarr('command')).map((c) => c.id));
  await page.getByRole('button', { name: 'Search selected' }).click();
  const cmd = await until(async () => (await daemon.sonarr('command')).find((c) => c.name === 'EpisodeSearch' && c.id > earlier),
    10000, 'EpisodeSearch');
  assert.deepEqual(cmd.body.episodeIds, [yesterday.id]);
  await until(async () => (await daemon.sonarr(`command/${cmd.id}`)).status === 'completed', 20000, 'search done');
  assert.match((await daemon.sonarr(`command/${cmd.id}`)).message, /1 grabbed/);

  await page.getByRole('link', { name: 'Cutoff unmet' }).click();
  await page.getByText('Every episode meets its cutoff.').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Search all cutoff unmet' }).isDisabled(), true);
  await darkAndPhone('/wanted/missing', 'tv-wanted', 'Yesterday Episode');

  await page.getByRole('link', { name: 'Missing' }).click();
  await page.getByRole('checkbox', { name: 'Select all episodes on this page' }).check();
  await page.getByRole('button', { name: 'Unmonitor selected' }).click();
  await until(async () => (await daemon.sonarr(`episode/${yesterday.id}`)).monitored === false, 5000, 'unmonitored');
  await page.getByText('No missing episodes.').waitFor();
  await page.assertClean();
  await page.context().close();
});

test('activity history: Mark as failed blocklists the grab and the next best release is grabbed', async () => {
  const first = await until(async () => (await daemon.sonarr('queue?page=1&pageSize=20')).records[0], 20000, 'the grab');
  assert.match(first.title, /WEB-DL/);
  // The wanted test unmonitored it; Sonarr searches again only for monitored episodes.
  await daemon.sonarr('episode/monitor', { method: 'PUT', body: { episodeIds: [first.episodeId], monitored: true } });
  const page = await openPage(browser, daemon);
  await goto(page, daemon, '/activity/history');
  await page.getByRole('button', { name: `Mark ${first.title} as failed` }).click();
  await page.getByRole('dialog', { name: 'Mark as failed' }).getByRole('button', { name: 'Mark as failed' }).click();
  await page.getByText(`${first.title} marked as failed`).waitFor();
  await until(async () => (await daemon.sonarr('blocklist')).records.some((b) => b.sourceTitle === first.title),
    10000, 'the failed grab blocklisted');
  const failed = await daemon.sonarr('history?eventType=downloadFailed');
  assert.equal(failed.records[0].sourceTitle, first.title);
  assert.equal(failed.records[0].data.message, 'Manually marked as failed');
  await until(async () => !(await daemon.api({ mode: 'queue' })).queue.slots.some((q) => q.filename === first.title),
    10000, 'the failed job left the SAB queue');
  await until(async () => (await daemon.sonarr('queue?page=1&pageSize=20')).records.some((q) => /HDTV/.test(q.title)),
    30000, 'the next best release grabbed by the automatic search');
  await page.getByLabel('Event').selectOption('downloadFailed');
  await page.locator('tr[data-event="downloadFailed"]').getByText(first.title).waitFor();
  await page.assertClean();
  await page.context().close();
});

test('activity: the grab is queued and in history; remove with blocklist; the blocklist entry can be removed', async () => {
  const queue = await until(async () => {
    const q = await daemon.sonarr('queue?page=1&pageSize=20');
    return q.totalRecords === 1 && q;
  }, 20000, 'a TV entry in the queue');
  const item = queue.records[0];
  const page = await openPage(browser, daemon);
  await goto(page, daemon, '/activity/queue');
  const row = page.locator(`tr[data-queue-id="${item.id}"]`);
  await row.getByText('S01E01 · Yesterday Episode').waitFor();
  await row.getByRole('progressbar').waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'tv-activity-queue');
  await darkAndPhone('/activity/queue', 'tv-activity-queue', 'Yesterday Episode');

  await page.getByRole('link', { name: 'History' }).click();
  await page.locator('tr[data-event="grabbed"]').getByText(item.title).waitFor();
  await page.getByLabel('Event').selectOption('episodeFileDeleted');
  await page.getByText('No history for this event yet.').waitFor();
  await page.getByLabel('Event').selectOption('grabbed');
  await page.locator('tr[data-event="grabbed"]').first().waitFor();
  await screenshot(page, 'tv-activity-history');

  await page.getByRole('link', { name: 'Queue' }).click();
  await page.getByRole('button', { name: `Remove ${item.title}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove from queue' });
  assert.equal(await dialog.getByRole('switch', { name: 'Remove from download client' }).isChecked(), true);
  await flip(dialog, 'Add release to blocklist');
  assert.equal(await dialog.getByRole('switch', { name: 'Add release to blocklist' }).isChecked(), true);
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await until(async () => (await daemon.sonarr('queue')).totalRecords === 0, 10000, 'queue empty');
  await until(async () => (await daemon.api({ mode: 'queue' })).queue.noofslots_total === 0, 10000, 'SAB queue empty too');
  const blocked = await until(async () => (await daemon.sonarr('blocklist')).records.find((b) => b.sourceTitle === item.title),
    5000, 'blocklisted');
  assert.equal(blocked.sourceTitle, item.title);

  await page.getByRole('link', { name: 'Blocklist' }).click();
  await page.locator(`tr[data-blocklist-id="${blocked.id}"]`).waitFor();
  await screenshot(page, 'tv-activity-blocklist');
  await page.getByRole('button', { name: `Remove ${item.title} from the blocklist` }).click();
  await page.getByRole('dialog', { name: 'Remove from blocklist' }).getByRole('button', { name: 'Remove' }).click();
  await until(async () => !(await daemon.sonarr('blocklist')).records.some((b) => b.id === blocked.id), 5000,
    'the entry left the blocklist');
  await page.locator(`tr[data-blocklist-id="${blocked.id}"]`).waitFor({ state: 'detached' });
  await page.assertClean();
  await page.context().close();
});

test('system: status shows version, disks and health; a task\'s Run button runs it; logs show the redacted log and warnings', async () => {
  const status = await daemon.sonarr('system/status');
  const page = await openPage(browser, daemon);
  await goto(page, daemon, '/system/status');
  await until(async () => (await page.locator('[data-fact="Version"]').textContent()) === status.version, 5000,
    'the version from /system/status');
  const disks = await daemon.sonarr('diskspace');
  await page.locator('.sys-path', { hasText: disks[0].path }).first().waitFor();
  const health = await daemon.sonarr('health');
  if (health.length) await page.getByText(health[0].message).waitFor();
  else await page.getByText('No problems found.').waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'tv-system-status');
  await darkAndPhone('/system/status', 'tv-system', 'Disk space');

  await page.getByRole('link', { name: 'Tasks' }).click();
  const run = page.getByRole('button', { name: 'Run Housekeeping' });
  await run.click();
  await until(async () => (await daemon.sonarr('command')).some((c) => c.name === 'Housekeeping'), 10000, 'Housekeeping posted');
  await until(async () => (await run.getAttribute('aria-busy')) === 'false', 20000, 'the button stops spinning');
  await page.locator('tr[data-command="Housekeeping"]').waitFor();
  await screenshot(page, 'tv-system-tasks');

  await page.getByRole('link', { name: 'Logs' }).click();
  await page.getByRole('button', { name: 'Show the last 200 lines' }).click();
  const log = page.getByLabel('Log file, last lines');
  await log.waitFor();
  const text = await log.textContent();
  assert.match(text, /started, data folder/, 'the daemon\'s own start line is in the log');
  assert.ok(!text.includes(daemon.apiKey), 'the API key is redacted');
  assert.match(await page.getByRole('link', { name: 'Download the log' }).getAttribute('href'), /mode=showlog/);
  await screenshot(page, 'tv-system-logs');
  await page.assertClean();
  await page.context().close();
});
