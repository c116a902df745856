// End-to-end: the real nzbd binary driven by tsarr (a Sonarr SDK generated
// from Sonarr's OpenAPI spec). run.sh starts the fake TVMaze and nzbd and sets
// NZBD_URL, NZBD_APIKEY, NZBD_TV_ROOT (an existing empty folder) and
// NZBD_RIG_DIR (where node_modules/tsarr lives).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const { NZBD_URL, NZBD_APIKEY, NZBD_TV_ROOT, NZBD_RIG_DIR } = process.env;
for (const [k, v] of Object.entries({ NZBD_URL, NZBD_APIKEY, NZBD_TV_ROOT, NZBD_RIG_DIR }))
  if (!v) throw new Error(`${k} is not set (run tests/e2e/sonarr/run.sh)`);
const tsarr = await import(pathToFileURL(join(NZBD_RIG_DIR, 'node_modules', 'tsarr', 'dist', 'index.js')).href);
const sonarr = new tsarr.SonarrClient({ baseUrl: NZBD_URL, apiKey: NZBD_APIKEY });
const { Sonarr } = tsarr;  // the generated per-endpoint functions share the client's config

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function waitCommand(id, timeoutMs = 30000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const { data, error } = await sonarr.getCommand(id);
    assert.equal(error, undefined);
    if (data.status !== 'queued' && data.status !== 'started') return data;
    await sleep(100);
  }
  throw new Error(`command ${id} did not finish in ${timeoutMs} ms`);
}

let series;

test('system status reports a Sonarr v4', async () => {
  const { data, error, response } = await sonarr.getSystemStatus();
  assert.equal(error, undefined);
  assert.equal(response.status, 200);
  assert.equal(data.appName, 'Sonarr');
  assert.match(data.version, /^4\./);
  const api = await sonarr.getApi();
  assert.deepEqual(api.data, { current: 'v3', deprecated: [] });
});

test('a wrong key is refused with 401', async () => {
  const res = await fetch(`${NZBD_URL}/api/v3/series`, { headers: { 'X-Api-Key': 'wrong' } });
  assert.equal(res.status, 401);
  const ping = await fetch(`${NZBD_URL}/ping`);
  assert.deepEqual(await ping.json(), { status: 'OK' });
});

test('add a series found on TVMaze', async () => {
  const root = await sonarr.addRootFolder(NZBD_TV_ROOT);
  assert.equal(root.response.status, 201, JSON.stringify(root.error));
  assert.equal(root.data.path, NZBD_TV_ROOT);

  const lookup = await sonarr.searchSeries('test show');
  assert.equal(lookup.error, undefined);
  const found = lookup.data.find((s) => s.tvdbId === 300101);
  assert.ok(found, 'The Test Show is in the lookup');
  assert.equal(found.title, 'The Test Show');
  assert.equal(found.id, undefined);

  const profiles = await sonarr.getQualityProfiles();
  assert.ok(profiles.data.length > 0);

  const added = await sonarr.addSeries({
    ...found,
    qualityProfileId: profiles.data[0].id,
    rootFolderPath: NZBD_TV_ROOT,
    monitored: true,
    seasonFolder: true,
    addOptions: { monitor: 'all', searchForMissingEpisodes: false },
  });
  assert.equal(added.response.status, 201, JSON.stringify(added.error));
  series = added.data;
  assert.ok(series.id > 0);
  assert.equal(series.path, join(NZBD_TV_ROOT, 'The Test Show'));

  const again = await sonarr.addSeries({ ...found, qualityProfileId: 1, rootFolderPath: NZBD_TV_ROOT });
  assert.equal(again.response.status, 400, 'a duplicate add is a 400');
  assert.equal(again.error[0].propertyName, 'TvdbId');

  const list = await sonarr.getSeries();
  assert.deepEqual(list.data.map((s) => s.tvdbId), [300101]);
});

test('episodes carry the local air date and the UTC instant', async () => {
  const { data } = await sonarr.getEpisodes(series.id);
  assert.equal(data.length, 6);
  const pilot = data.find((e) => e.seasonNumber === 1 && e.episodeNumber === 1);
  assert.equal(pilot.title, 'Pilot');
  assert.equal(pilot.airDate, '2020-01-06');
  assert.equal(pilot.airDateUtc, '2020-01-07T02:00:00Z');
  assert.equal(pilot.hasFile, false);
  const one = await sonarr.getEpisode(pilot.id);
  assert.equal(one.data.id, pilot.id);
});

test('calendar and wanted/missing', async () => {
  const cal = await sonarr.getCalendar('2020-01-01T00:00:00Z', '2020-02-01T00:00:00Z');
  assert.equal(cal.error, undefined);
  assert.deepEqual(cal.data.map((e) => e.episodeNumber), [1, 2, 3]);
  assert.equal(cal.data[0].series.title, 'The Test Show');
  const missing = await sonarr.getWantedMissing(1, 2, 'episodes.airDateUtc', 'descending');
  assert.equal(missing.data.totalRecords, 5);  // the 2099 finale has not aired
  assert.equal(missing.data.records.length, 2);
  assert.equal(missing.data.records[0].title, 'Middle');
  assert.equal(missing.data.page, 1);
  assert.equal(missing.data.pageSize, 2);
});

test('episode monitoring toggles through PUT /episode/{id}', async () => {
  const eps = (await sonarr.getEpisodes(series.id)).data;
  const pilot = eps.find((e) => e.seasonNumber === 1 && e.episodeNumber === 1);
  const off = await sonarr.updateEpisode(pilot.id, { ...pilot, monitored: false });
  assert.equal(off.response.status, 202);
  assert.equal(off.data.monitored, false);
  assert.equal((await sonarr.getWantedMissing(1, 10)).data.totalRecords, 4);
  const on = await sonarr.updateEpisode(pilot.id, { ...pilot, monitored: true });
  assert.equal(on.data.monitored, true);
  const parsed = await sonarr.parseEpisodeInfo('The.Test.Show.S01E02.720p.HDTV.x264-GRP');
  assert.equal(parsed.data.series.id, series.id);
  assert.equal(parsed.data.episodes[0].title, 'The Second One');
  assert.equal(parsed.data.parsedEpisodeInfo.quality.quality.name, 'HDTV-720p');
});

test('RescanSeries imports files named as releases are', async () => {
  const folder = series.path;
  const files = [
    'Season 1/The.Test.Show.S01E01.1080p.WEB-DL.DD5.1.H.264-NZBD.mkv',
    'Season 1/The.Test.Show.S01E02E03.720p.HDTV.x264-NZBD.mkv',
    'Season 2/The Test Show - S02E01 - Second Season Start Bluray-1080p.mkv',
    'Season 2/not-an-episode.nfo',
  ];
  for (const f of files) {
    mkdirSync(join(folder, f, '..'), { recursive: true });
    writeFileSync(join(folder, f), Buffer.alloc(4096, 7));
  }
  const cmd = await sonarr.runCommand({ name: 'RescanSeries', seriesId: series.id });
  assert.equal(cmd.response.status, 201, JSON.stringify(cmd.error));
  assert.equal(cmd.data.name, 'RescanSeries');
  const done = await waitCommand(cmd.data.id);
  assert.equal(done.status, 'completed', done.message);
  assert.equal(done.result, 'successful');

  const eps = (await sonarr.getEpisodes(series.id)).data;
  const has = (s, e) => eps.find((x) => x.seasonNumber === s && x.episodeNumber === e).hasFile;
  assert.ok(has(1, 1) && has(1, 2) && has(1, 3) && has(2, 1));
  assert.ok(!has(2, 2));
  const fileList = await Sonarr.getApiV3Episodefile({ query: { seriesId: series.id } });
  assert.equal(fileList.data.length, 3);
  const web = fileList.data.find((f) => f.relativePath.includes('WEB-DL'));
  assert.equal(web.quality.quality.name, 'WEBDL-1080p');
  assert.equal(web.size, 4096);
  const missing = await sonarr.getWantedMissing(1, 10);
  assert.equal(missing.data.totalRecords, 1);
});

test('MissingEpisodeSearch fails honestly without indexers', async () => {
  const cmd = await sonarr.runCommand({ name: 'missingEpisodeSearch' });
  assert.equal(cmd.response.status, 201);
  assert.equal(cmd.data.name, 'MissingEpisodeSearch');
  const done = await waitCommand(cmd.data.id);
  assert.equal(done.status, 'failed');
  assert.match(done.message, /No indexers/);
  const bad = await sonarr.runCommand({ name: 'NoSuchCommand' });
  assert.equal(bad.response.status, 400);
});

test('indexer, interactive search, grab, queue, history and blocklist through tsarr', async () => {
  const added = await sonarr.addIndexer({
    name: 'fake-newznab', implementation: 'Newznab', configContract: 'NewznabSettings', protocol: 'usenet',
    enableRss: true, enableAutomaticSearch: true, enableInteractiveSearch: true, priority: 25,
    fields: [{ name: 'baseUrl', value: process.env.NZBD_NEWZNAB_URL }, { name: 'apiPath', value: '/api' },
             { name: 'apiKey', value: 'NZBKEY' }, { name: 'categories', value: [5030, 5040] }],
  });
  assert.equal(added.response.status, 201, JSON.stringify(added.error));
  assert.equal((await sonarr.getIndexers()).data.length, 1);
  const tested = await sonarr.testAllIndexers();
  assert.equal(tested.response.status, 200, JSON.stringify(tested.error));
  assert.equal(tested.data[0].isValid, true, JSON.stringify(tested.data));

  const ep = (await sonarr.getEpisodes(series.id)).data.find((x) => x.seasonNumber === 2 && x.episodeNumber === 2);
  const found = await Sonarr.getApiV3Release({ query: { episodeId: ep.id } });
  assert.equal(found.response.status, 200, JSON.stringify(found.error));
  assert.equal(found.data.length, 2);
  const best = found.data[0];
  assert.equal(best.title, 'The.Test.Show.S02E02.1080p.WEB-DL.DD5.1.H.264-GRP');
  assert.equal(best.approved, true, JSON.stringify(best.rejections));
  assert.equal(best.quality.quality.name, 'WEBDL-1080p');
  assert.deepEqual(best.episodeNumbers, [2]);

  const grab = await Sonarr.postApiV3Release({ body: { guid: best.guid, indexerId: best.indexerId } });
  assert.equal(grab.response.status, 200, JSON.stringify(grab.error));
  let queue;
  for (let i = 0; i < 100; i++) {  // the tracker looks at the client about 5 s after a grab
    queue = await sonarr.getQueue(1, 20);
    if (queue.data.totalRecords > 0) break;
    await sleep(200);
  }
  assert.equal(queue.data.totalRecords, 1, JSON.stringify(queue.data));
  assert.equal(queue.data.records[0].title, best.title);
  const history = await sonarr.getHistory(1, 20);
  assert.ok(history.data.records.some((r) => r.eventType === 'grabbed' && r.sourceTitle === best.title));

  const removed = await sonarr.removeQueueItem(queue.data.records[0].id, true, true);
  assert.equal(removed.response.status, 200, JSON.stringify(removed.error));
  const blocked = await sonarr.getBlocklist(1, 20);
  assert.equal(blocked.data.totalRecords, 1, JSON.stringify(blocked.data));
  assert.equal(blocked.data.records[0].sourceTitle, best.title);
  const tasks = await Sonarr.getApiV3SystemTask();
  assert.ok(tasks.data.some((t) => t.taskName === 'RssSync' && t.interval === 15));
});

test('delay profiles through tsarr: the global one, a tagged one, reorder and delete', async () => {
  const all = await Sonarr.getApiV3Delayprofile();
  assert.equal(all.response.status, 200);
  assert.equal(all.data.length, 1);
  assert.equal(all.data[0].id, 1);
  assert.equal(all.data[0].order, 2147483647);
  const tags = await Promise.all(['slow', 'slower'].map((label) => Sonarr.postApiV3Tag({ body: { label } })));
  const made = [];
  for (const [i, tag] of tags.entries()) {
    const res = await Sonarr.postApiV3Delayprofile({ body: { enableUsenet: true, enableTorrent: false,
      preferredProtocol: 'usenet', usenetDelay: 60 * (i + 1), torrentDelay: 0, tags: [tag.data.id] } });
    assert.equal(res.response.status, 201, JSON.stringify(res.error));
    made.push(res.data);
  }
  const moved = await Sonarr.putApiV3DelayprofileReorderById({ path: { id: made[1].id } });
  assert.equal(moved.response.status, 200, JSON.stringify(moved.error));
  assert.deepEqual(moved.data.map((p) => p.id), [made[1].id, made[0].id, 1]);
  const edited = await Sonarr.putApiV3DelayprofileById({ path: { id: String(made[0].id) },
    body: { ...made[0], usenetDelay: 240 } });
  assert.equal(edited.response.status, 202, JSON.stringify(edited.error));
  assert.equal((await Sonarr.getApiV3DelayprofileById({ path: { id: made[0].id } })).data.usenetDelay, 240);
  const refused = await Sonarr.deleteApiV3DelayprofileById({ path: { id: 1 } });
  assert.equal(refused.response.status, 405);
  for (const p of made) assert.equal((await Sonarr.deleteApiV3DelayprofileById({ path: { id: p.id } })).response.status, 200);
  assert.equal((await Sonarr.getApiV3Delayprofile()).data.length, 1);
});

test('deleting the series with its files', async () => {
  const res = await sonarr.deleteSeries(series.id, { deleteFiles: true });
  assert.equal(res.response.status, 200);
  assert.equal(existsSync(series.path), false);
  assert.equal((await sonarr.getSeries()).data.length, 0);
});
