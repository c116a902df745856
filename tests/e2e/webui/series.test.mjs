// The TV series pages: add by search, the series page (seasons, episodes,
// monitor toggles, commands, interactive search) and the index (views, sort,
// filter, bulk monitor). A fake TVMaze and a fake Newznab stand in for the
// internet; every check reads the effect back through the Sonarr/SAB API.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axeViolations, goto, launchBrowser, openPage, screenshot, startDaemon, until } from './harness.mjs';

const fakes = [];
let daemon, browser, work, tvRoot, seriesId;

// Starts one of the fake servers and returns its port (it writes it to a file).
async function startFake(script, args) {
  const portFile = join(work, script + '.port');
  const child = spawn('node', [join('tests/e2e/sonarr', script), portFile, ...args], { stdio: 'ignore' });
  fakes.push(child);
  await until(() => existsSync(portFile) && readFileSync(portFile, 'utf8').trim(), 15000, script);
  return readFileSync(portFile, 'utf8').trim();
}

// Two releases of S01E01 the 1080p profile takes or rejects, and one too small.
function newznabConfig() {
  mkdirSync(join(work, 'nzbs'));
  writeFileSync(join(work, 'nzbs', 'e.nzb'), `<?xml version="1.0" encoding="utf-8"?>
<nzb xmlns="http://www.newzbin.com/DTD/2003/nzb">
 <file poster="t@nzbd.test" date="1796500000" subject="&quot;ep.mkv&quot; yEnc (1/1)">
  <groups><group>alt.binaries.test</group></groups>
  <segments><segment bytes="1000" number="1">webui-series-missing@nzbd.test</segment></segments>
 </file>
</nzb>
`);
  const item = (title, guid, size, category) => ({ title, guid, size, tvdbid: 300101, category, nzbFile: 'nzbs/e.nzb' });
  const config = join(work, 'newznab.json');
  writeFileSync(config, JSON.stringify({ apikey: 'NZBKEY', items: [
    item('The.Test.Show.S01E01.1080p.WEB-DL.DD5.1.H.264-GRP', 's01e01-web', 1_500_000_000, 5040),
    item('The.Test.Show.S01E01.HDTV.x264-GRP', 's01e01-sd', 400_000_000, 5030)] }));
  return config;
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'nzbd-webui-series-'));
  tvRoot = join(work, 'tv');
  mkdirSync(tvRoot);
  const tvmazePort = await startFake('fake-tvmaze.mjs', []);
  const newznabPort = await startFake('fake-newznab.mjs', [newznabConfig()]);
  daemon = await startDaemon({ misc: `tvmaze_url = http://127.0.0.1:${tvmazePort}` });
  await daemon.sonarr('indexer', { method: 'POST', body: {
    name: 'fake-newznab', implementation: 'Newznab', configContract: 'NewznabSettings', protocol: 'usenet',
    enableRss: true, enableAutomaticSearch: true, enableInteractiveSearch: true, priority: 25,
    fields: [{ name: 'baseUrl', value: `http://127.0.0.1:${newznabPort}` }, { name: 'apiPath', value: '/api' },
      { name: 'apiKey', value: 'NZBKEY' }, { name: 'categories', value: [5030, 5040] }] } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  const code = await daemon?.stop();
  for (const f of fakes) f.kill();
  rmSync(work, { recursive: true, force: true });
  assert.equal(code, 0, 'nzbd exited cleanly');
});

const light = () => openPage(browser, daemon);
const dark = () => openPage(browser, daemon, { colorScheme: 'dark' });
const phone = () => openPage(browser, daemon, { viewport: { width: 375, height: 667 }, hasTouch: true });

async function noSideScroll(page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 375, `page is ${width}px wide at 375`);
}

// A light, dark and phone picture of a route, after `prepare` (e.g. expand a season).
async function pictures(route, name, prepare = async () => {}) {
  for (const [open, suffix] of [[light, 'light'], [dark, 'dark'], [phone, 'phone']]) {
    const page = await open();
    await goto(page, daemon, route);
    await prepare(page);
    if (suffix === 'phone') await noSideScroll(page);
    if (suffix === 'dark') assert.deepEqual(await axeViolations(page), [], `${name} in dark`);
    await screenshot(page, `${name}-${suffix}`);
    await page.assertClean();
    await page.context().close();
  }
}

test('add a series: search "Test", choose The Test Show, add a root folder inline, pick profile and monitor', async () => {
  const tag = await daemon.sonarr('tag', { method: 'POST', body: { label: 'weekly' } });
  const page = await light();
  await goto(page, daemon, '/series/add');
  await page.getByLabel('Search for a series').fill('Test');
  await page.getByRole('button', { name: 'Add The Test Show' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add The Test Show' });
  await dialog.waitFor();
  assert.deepEqual(await daemon.sonarr('rootfolder'), [], 'no root folder yet');
  await dialog.getByLabel('New root folder').fill(tvRoot);
  await dialog.getByRole('button', { name: 'Add folder' }).click();
  await dialog.getByLabel('Root folder', { exact: true }).waitFor();
  assert.equal(await dialog.getByLabel('Root folder', { exact: true }).inputValue(), tvRoot);
  assert.equal((await daemon.sonarr('rootfolder'))[0].path, tvRoot);
  await dialog.getByLabel('Quality profile').selectOption({ label: 'HD-1080p' });
  await dialog.getByLabel('Monitor').selectOption('all');
  await dialog.getByRole('checkbox', { name: 'weekly' }).check();
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'series-add-form-light');
  await dialog.getByRole('button', { name: 'Add The Test Show' }).click();

  await until(() => /#\/series\/\d+$/.test(page.url()), 10000, 'the series page');
  await page.getByRole('heading', { level: 1, name: 'The Test Show' }).waitFor();
  const all = await daemon.sonarr('series');
  assert.equal(all.length, 1);
  const s = all[0];
  seriesId = s.id;
  assert.ok(page.url().endsWith('#/series/' + s.id));
  assert.equal(s.tvdbId, 300101);
  assert.equal(s.rootFolderPath, tvRoot);
  assert.equal(s.qualityProfileId, 4);
  assert.equal(s.monitored, true);
  assert.deepEqual(s.tags, [tag.id]);
  assert.ok((await daemon.sonarr(`episode?seriesId=${s.id}`)).every((e) => e.monitored), 'monitor all');
  await page.assertClean();
  await page.context().close();
});

test('axe and pictures of Add series with results', async () => {
  const page = await light();
  await goto(page, daemon, '/series/add');
  await page.getByLabel('Search for a series').fill('Test');
  await page.getByRole('link', { name: /Already added/ }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.assertClean();
  await page.context().close();
  await pictures('/series/add?term=Test', 'series-add', (p) => p.getByRole('button', { name: 'Add Ended Show' }).waitFor());
});

test('seasons show counts, newest first; expanding lists episodes with number, title and local air date', async () => {
  const page = await light();
  await goto(page, daemon, `/series/${seriesId}`);
  await page.locator('.season h2').first().waitFor();
  const headings = await page.locator('.season h2').allTextContents();
  assert.deepEqual(headings, ['Season 2', 'Season 1']);
  const s = await daemon.sonarr(`series/${seriesId}`);
  const s1 = s.seasons.find((x) => x.seasonNumber === 1).statistics;
  const season1 = page.getByRole('region', { name: 'Season 1' });
  assert.match(await season1.locator('.season-count').textContent(), new RegExp(`^${s1.episodeFileCount}/${s1.episodeCount}`));
  await season1.getByRole('button', { name: 'Show episodes of Season 1' }).click();
  const rows = season1.locator('tbody tr');
  const episodes = (await daemon.sonarr(`episode?seriesId=${seriesId}`)).filter((e) => e.seasonNumber === 1);
  assert.equal(await rows.count(), episodes.length);
  const pilot = episodes.find((e) => e.episodeNumber === 1);
  const local = await page.evaluate((utc) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(utc)), pilot.airDateUtc);
  const row = rows.filter({ hasText: pilot.title });
  assert.equal((await row.locator('td').nth(1).textContent()).trim(), '1');
  assert.equal((await row.locator('td[data-label="Air date"]').textContent()).trim(), local);
  assert.match(await row.locator('td[data-label="Status"]').textContent(), /Missing/);
  await page.assertClean();
  await page.context().close();
});

test('an episode toggle, the season toggle and the series toggle change the API, and survive a reload', async () => {
  const page = await light();
  await goto(page, daemon, `/series/${seriesId}`);
  const episodes = await daemon.sonarr(`episode?seriesId=${seriesId}`);
  const e2 = episodes.find((e) => e.seasonNumber === 1 && e.episodeNumber === 2);
  const season1 = page.getByRole('region', { name: 'Season 1' });
  await season1.getByRole('button', { name: 'Show episodes of Season 1' }).click();
  const toggle = season1.getByRole('switch', { name: 'Monitor S01E02' });
  assert.equal(await toggle.isChecked(), true);
  await toggle.click({ force: true });
  await until(async () => (await daemon.sonarr(`episode/${e2.id}`)).monitored === false, 5000, 'episode unmonitored');
  await page.reload();
  await page.locator('#page-title').waitFor();
  await season1.getByRole('button', { name: 'Show episodes of Season 1' }).click();
  await until(async () => !(await season1.getByRole('switch', { name: 'Monitor S01E02' }).isChecked()), 5000, 'unchecked after reload');
  assert.match(await season1.locator('tbody tr').filter({ hasText: e2.title }).textContent(), /Unmonitored/);

  // A shift-click sets every episode from the last toggled one to this one.
  const season1Monitored = async () => (await daemon.sonarr(`episode?seriesId=${seriesId}`))
    .filter((e) => e.seasonNumber === 1).sort((x, y) => x.episodeNumber - y.episodeNumber).map((e) => e.monitored);
  await season1.getByRole('switch', { name: 'Monitor S01E01' }).click({ force: true });
  await until(async () => String(await season1Monitored()) === 'false,false,true', 5000, 'S01E01 unmonitored');
  await season1.getByRole('switch', { name: 'Monitor S01E03' }).click({ force: true, modifiers: ['Shift'] });
  await until(async () => String(await season1Monitored()) === 'false,false,false', 5000, 'E01–E03 unmonitored by a range');
  await season1.getByRole('switch', { name: 'Monitor S01E01' }).click({ force: true, modifiers: ['Shift'] });
  await until(async () => String(await season1Monitored()) === 'true,true,true', 5000, 'E03–E01 monitored by a range');
  await season1.getByRole('switch', { name: 'Monitor S01E02' }).click({ force: true });
  await until(async () => String(await season1Monitored()) === 'true,false,true', 5000, 'S01E02 alone unmonitored');

  await page.getByRole('switch', { name: 'Monitor Season 2' }).click({ force: true });
  await until(async () => (await daemon.sonarr(`series/${seriesId}`)).seasons.find((x) => x.seasonNumber === 2).monitored === false,
    5000, 'season 2 unmonitored');
  await page.getByRole('switch', { name: 'Monitor Season 2' }).click({ force: true });
  await until(async () => (await daemon.sonarr(`series/${seriesId}`)).seasons.find((x) => x.seasonNumber === 2).monitored === true,
    5000, 'season 2 monitored again');

  await page.getByRole('switch', { name: 'Monitored' }).click({ force: true });
  await until(async () => (await daemon.sonarr(`series/${seriesId}`)).monitored === false, 5000, 'series unmonitored');
  await page.reload();
  await page.locator('#page-title').waitFor();
  await until(async () => !(await page.getByRole('switch', { name: 'Monitored' }).isChecked()), 5000, 'series switch after reload');
  await page.getByRole('switch', { name: 'Monitored' }).click({ force: true });
  await until(async () => (await daemon.sonarr(`series/${seriesId}`)).monitored === true, 5000, 'series monitored again');
  await page.assertClean();
  await page.context().close();
});

test('interactive search lists accepted and rejected releases; Grab sends one to the queue', async () => {
  const page = await light();
  await goto(page, daemon, `/series/${seriesId}`);
  const season1 = page.getByRole('region', { name: 'Season 1' });
  await season1.getByRole('button', { name: 'Show episodes of Season 1' }).click();
  await season1.getByRole('button', { name: 'Interactive search S01E01' }).click();
  const dialog = page.getByRole('dialog', { name: 'Interactive search: The Test Show S01E01' });
  const rows = dialog.locator('tbody tr');
  await until(async () => (await rows.count()) === 2, 15000, 'two releases');
  const sd = rows.filter({ hasText: 'The.Test.Show.S01E01.HDTV.x264-GRP' });
  assert.match(await sd.textContent(), /SDTV is not wanted in profile/);
  const web = rows.filter({ hasText: 'The.Test.Show.S01E01.1080p.WEB-DL' });
  assert.match(await web.textContent(), /WEBDL-1080p/);
  assert.match(await web.textContent(), /fake-newznab/);
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'series-interactive-search-light');
  await web.getByRole('button', { name: /^Grab / }).click();
  await web.getByText('Grabbed').waitFor({ timeout: 10000 });
  const q = await daemon.api({ mode: 'queue' });
  assert.ok(q.queue.slots.some((x) => x.filename === 'The.Test.Show.S01E01.1080p.WEB-DL.DD5.1.H.264-GRP'), JSON.stringify(q.queue.slots));
  await page.keyboard.press('Escape');
  // The tracker links the download to the episode a few seconds later; the row then says so.
  await until(async () => /Downloading/.test(await season1.locator('tbody tr').filter({ hasText: 'Pilot' }).textContent()),
    20000, 'S01E01 downloading');
  await page.assertClean();
  await page.context().close();
});

test('Search monitored spins until the command ends, then a status toast; GET /command has a SeriesSearch', async () => {
  const page = await light();
  await goto(page, daemon, `/series/${seriesId}`);
  const button = page.getByRole('button', { name: 'Search monitored' });
  await button.click();
  await until(async () => (await button.getAttribute('aria-busy')) === 'true', 3000, 'spinning');
  // The button spins as soon as it is clicked, before the POST is answered:
  // the command is looked for until it is stored, not once.
  let cmds = [];
  const cmd = await until(async () => {
    cmds = await daemon.sonarr('command');
    return cmds.find((c) => c.name === 'SeriesSearch' && c.body?.seriesId === seriesId);
  }, 5000, 'the SeriesSearch command').catch(() => undefined);
  assert.ok(cmd, JSON.stringify(cmds));
  await page.getByRole('status').getByText('Search for The Test Show finished').waitFor({ timeout: 60000 });
  assert.equal(await button.getAttribute('aria-busy'), 'false');
  assert.equal((await daemon.sonarr(`command/${cmd.id}`)).status, 'completed');
  await page.assertClean();
  await page.context().close();
});

test('the episode and season search buttons post EpisodeSearch and SeasonSearch and toast when they end', async () => {
  const page = await light();
  await goto(page, daemon, `/series/${seriesId}`);
  const e3 = (await daemon.sonarr(`episode?seriesId=${seriesId}`)).find((e) => e.seasonNumber === 1 && e.episodeNumber === 3);
  const season1 = page.getByRole('region', { name: 'Season 1' });
  await season1.getByRole('button', { name: 'Show episodes of Season 1' }).click();
  await season1.getByRole('button', { name: 'Search S01E03', exact: true }).click();
  await page.getByRole('status').getByText('S01E03: search finished').waitFor({ timeout: 30000 });
  assert.ok((await daemon.sonarr('command')).some((c) => c.name === 'EpisodeSearch' && c.body?.episodeIds?.includes(e3.id)));
  await season1.getByRole('button', { name: 'Search Season 1' }).click();
  await page.getByRole('status').getByText('Season 1: search finished').waitFor({ timeout: 30000 });
  assert.ok((await daemon.sonarr('command')).some((c) => c.name === 'SeasonSearch' && c.body?.seasonNumber === 1 && c.body?.seriesId === seriesId));
  await page.assertClean();
  await page.context().close();
});

test('axe and pictures of the series page with a season open', async () => {
  const open = (p) => p.getByRole('button', { name: 'Show episodes of Season 1' }).click();
  const page = await light();
  await goto(page, daemon, `/series/${seriesId}`);
  await open(page);
  assert.deepEqual(await axeViolations(page), []);
  await page.getByRole('button', { name: 'Preview rename' }).click();
  await page.getByRole('dialog', { name: 'Rename files of The Test Show' }).getByText(/already has the name/).waitFor();
  await page.keyboard.press('Escape');
  await page.assertClean();
  await page.context().close();
  await pictures(`/series/${seriesId}`, 'series-detail', open);
});

test('index: view choice persists, sort and the monitored filter work, bulk Unmonitor puts each series', async () => {
  const [daily] = await daemon.sonarr('series/lookup?term=tvdb:300303');
  await daemon.sonarr('series', { method: 'POST', body: { ...daily, rootFolderPath: tvRoot, qualityProfileId: 1,
    monitored: false, addOptions: { monitor: 'none', searchForMissingEpisodes: false } } });
  const page = await light();
  await goto(page, daemon, '/series');
  const titles = () => page.locator('.series-card-title, .series-table tbody td[data-label="Title"]').allTextContents();
  // The list re-renders a moment after a control changes: wait for the order.
  const expectTitles = (want, what) => until(async () => String(await titles()) === String(want), 5000, what);
  await until(async () => (await titles()).length === 2, 5000, 'two series');
  await expectTitles(['Daily Talk Tonight', 'The Test Show'], 'by title');
  assert.match(await page.locator('.series-totals').textContent(), /2 series · 1 monitored/);

  await page.getByRole('button', { name: 'Table' }).click();
  await page.locator('table.series-table').waitFor();
  await page.reload();
  await page.locator('table.series-table').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Table' }).getAttribute('aria-pressed'), 'true');
  // The profile names arrive with their own request, a moment after the rows.
  const tableRow = page.locator('.series-table tbody tr').filter({ hasText: 'The Test Show' });
  await until(async () => /HD-1080p.*weekly/.test(await tableRow.textContent()), 5000, 'profile and tag in the table row');

  await page.getByLabel('Sort').selectOption({ label: 'Added (newest)' });
  await expectTitles(['Daily Talk Tonight', 'The Test Show'], 'newest first');
  await page.getByLabel('Sort').selectOption({ label: 'Network' });
  await expectTitles(['The Test Show', 'Daily Talk Tonight'], 'ABC before Channel 4');
  await page.getByLabel('Show', { exact: true }).selectOption({ label: 'Unmonitored only' });
  await expectTitles(['Daily Talk Tonight'], 'unmonitored only');
  await page.getByLabel('Show', { exact: true }).selectOption({ label: 'Monitored only' });
  await expectTitles(['The Test Show'], 'monitored only');
  await page.getByLabel('Show', { exact: true }).selectOption({ label: 'All' });

  await page.getByRole('button', { name: 'Select', exact: true }).click();
  await page.getByRole('checkbox', { name: 'Select The Test Show' }).check();
  await page.getByRole('button', { name: 'Unmonitor' }).click();
  await until(async () => (await daemon.sonarr('series')).every((s) => !s.monitored), 5000, 'all unmonitored');
  await until(async () => /0 monitored/.test(await page.locator('.series-totals').textContent()), 5000, 'totals follow');
  await page.getByRole('button', { name: 'Select all' }).click();
  await page.getByRole('button', { name: 'Monitor', exact: true }).click();
  await until(async () => (await daemon.sonarr('series')).every((s) => s.monitored), 5000, 'all monitored');
  await page.assertClean();
  await page.context().close();
});

test('Edit saves profile and season folders; Delete asks, removes the series and goes back to the index', async () => {
  const daily = (await daemon.sonarr('series')).find((s) => s.title === 'Daily Talk Tonight');
  const page = await light();
  await goto(page, daemon, `/series/${daily.id}`);
  await page.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Daily Talk Tonight' });
  await edit.getByLabel('Quality profile').selectOption({ label: 'SD' });
  await edit.getByRole('switch', { name: 'Season folders' }).click({ force: true });
  await edit.getByRole('button', { name: 'Save' }).click();
  await until(async () => (await daemon.sonarr(`series/${daily.id}`)).qualityProfileId === 2, 5000, 'profile saved');
  assert.equal((await daemon.sonarr(`series/${daily.id}`)).seasonFolder, !daily.seasonFolder);
  await page.getByText('SD', { exact: true }).waitFor();

  await page.getByRole('button', { name: 'Delete' }).click();
  const del = page.getByRole('dialog', { name: 'Delete Daily Talk Tonight' });
  await del.getByRole('button', { name: 'Cancel' }).click();
  assert.equal((await daemon.sonarr('series')).length, 2, 'Cancel keeps it');
  await page.getByRole('button', { name: 'Delete' }).click();
  await del.getByRole('button', { name: 'Delete' }).click();
  await until(() => page.url().endsWith('#/series'), 5000, 'back on the index');
  assert.deepEqual((await daemon.sonarr('series')).map((s) => s.title), ['The Test Show']);
  await page.assertClean();
  await page.context().close();
});

test('index: Update all and RSS sync spin until their commands end, then toast', async () => {
  const page = await light();
  await goto(page, daemon, '/series');
  for (const [name, text, cmd] of [['Update all', 'All series updated', 'RefreshSeries'], ['RSS sync', 'RSS sync finished', 'RssSync']]) {
    await page.getByRole('button', { name }).click();
    await page.getByRole('status').getByText(text).waitFor({ timeout: 30000 });
    assert.ok((await daemon.sonarr('command')).some((c) => c.name === cmd), cmd);
  }
  await page.assertClean();
  await page.context().close();
});

test('posters from TVMaze are opt-in: off, no image loads; on, a lazy <img> with the remoteUrl', async () => {
  const page = await light();
  const poster = (await daemon.sonarr('series'))[0].images.find((i) => i.coverType === 'poster').remoteUrl;
  const served = [];
  const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
  // Answer the poster host here, so the test never leaves the machine.
  await page.route('https://static.tvmaze.com/**', (r) => { served.push(r.request().url()); return r.fulfill({ contentType: 'image/gif', body: gif }); });
  await goto(page, daemon, '/series');
  await page.locator('.series-posters').waitFor();
  assert.equal(await page.locator('.series-posters img').count(), 0, 'placeholders only');
  assert.ok(await page.locator('.poster-empty').first().isVisible());
  await page.getByRole('switch', { name: 'Posters from TVMaze' }).click({ force: true });
  const img = page.locator('.series-posters img').first();
  await img.waitFor();
  assert.equal(await img.getAttribute('src'), poster);
  assert.equal(await img.getAttribute('loading'), 'lazy');
  await until(() => served.includes(poster), 5000, 'the poster fetched');
  // The one outside request allowed is the poster the user asked for.
  const wanted = `outside request: ${poster}`;
  page.problems.splice(0, page.problems.length, ...page.problems.filter((p) => p !== wanted));
  await page.assertClean();
  await page.context().close();
});

test('axe and pictures of the index in both views', async () => {
  for (const v of ['posters', 'table']) {
    const page = await light();
    await page.context().addInitScript((v) => localStorage.setItem('nzbd.series.view', JSON.stringify(v)), v);
    await goto(page, daemon, '/series');
    await page.locator(v === 'table' ? 'table.series-table' : '.series-posters').waitFor();
    assert.deepEqual(await axeViolations(page), [], v);
    await screenshot(page, `series-index-${v}-light`);
    await page.assertClean();
    await page.context().close();
  }
  await pictures('/series', 'series-index', (p) => p.locator('.series-posters, table.series-table').first().waitFor());
});
