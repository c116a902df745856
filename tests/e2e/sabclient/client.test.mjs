// End-to-end: the npm client `sabnzbd-api` (what third-party tools use)
// against the real nzbd binary. No news server: jobs stay queued.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDaemon, sab, FormData, makeNzb, serveNzbs, eventually } from './daemon.mjs';

let nzbd, client, web;

before(async () => {
  nzbd = await startDaemon();
  client = nzbd.client;
  web = await serveNzbs({ '/Url.Job.nzb': makeNzb('urljob', 3) });
});

after(async () => {
  await web?.close();
  if (nzbd) {
    const code = await nzbd.stop();
    if (process.exitCode || code !== 0) console.error(nzbd.output().split('\n').slice(-60).join('\n'));
    assert.equal(code, 0, 'nzbd exits cleanly');
  }
});

async function addFile(name, nzb, ...rest) {
  const form = new FormData();
  form.append('name', Buffer.from(nzb), { filename: name, contentType: 'application/x-nzb' });
  return client.addFile(form, ...rest);
}
const slotOf = async (id) => (await client.queue(0, 0, undefined, [id])).slots[0];

test('version and auth', async () => {
  assert.equal(await client.version(), '4.5.1');
  assert.equal(await client.auth(), 'apikey');  // auth reports on key=, which the client never sends
  const bad = new sab.Client(nzbd.url, 'wrongkey');
  await assert.rejects(bad.queue(), /Error accessing SABnzbd host.*403/);
});

test('empty queue through the client', async () => {
  await nzbd.api({ mode: 'warnings', name: 'clear' });  // the 403 above left one
  const q = await client.queue();
  assert.equal(q.version, '4.5.1');
  assert.equal(q.paused, false);
  assert.equal(q.status, 'Idle');
  assert.equal(q.timeleft, '0:00:00');
  assert.equal(q.noofslots, 0);
  assert.equal(q.have_warnings, '0');
  assert.deepEqual(q.slots, []);
});

test('addFile puts mode, apikey and output in the form', async () => {
  const r = await addFile('Client.Upload.S01E01.nzb', makeNzb('up'), undefined, undefined, 'tv',
    undefined, sab.Priority.High, sab.PostProcessing.Repair);
  assert.equal(r.status, true);
  assert.equal(r.nzo_ids.length, 1);
  const s = await slotOf(r.nzo_ids[0]);
  assert.equal(s.filename, 'Client.Upload.S01E01');
  assert.equal(s.cat, 'tv');
  assert.equal(s.priority, 'High');
  assert.equal(s.unpackopts, '1');
  assert.equal(s.mb, '0.38');
  const named = await addFile('x.nzb', makeNzb('named'), 'Given.Name', 'pw1');
  const n = await slotOf(named.nzo_ids[0]);
  assert.equal(n.filename, 'Given.Name');
  assert.equal(n.password, 'pw1');
  const broken = await addFile('Broken.nzb', '<nzb><file>');
  assert.deepEqual(broken, { status: false, nzo_ids: [] });
  await client.jobDelete([r.nzo_ids[0], named.nzo_ids[0]]);
});

test('addUrl fetches the NZB and addPath reads a local file', async () => {
  const r = await client.addUrl(web.url('/Url.Job.nzb'), undefined, undefined, 'movies');
  assert.equal(r.status, true);
  const id = r.nzo_ids[0];
  const s = await eventually(async () => { const s = await slotOf(id); return s?.status === 'Queued' && s; });
  assert.ok(s, 'the fetched job is queued');
  assert.equal(s.filename, 'Url.Job');
  assert.equal(s.cat, 'movies');
  const path = join(nzbd.home, 'Local.Path.Job.nzb');
  writeFileSync(path, makeNzb('local', 1));
  const p = await client.addPath(path, undefined, undefined, undefined, undefined, sab.Priority.Paused);
  assert.equal(p.status, true);
  const ps = await slotOf(p.nzo_ids[0]);
  assert.equal(ps.filename, 'Local.Path.Job');
  assert.equal(ps.status, 'Paused');
  assert.equal(ps.priority, 'Normal');
  const missing = await client.addPath(join(nzbd.home, 'nope.nzb'));
  assert.deepEqual(missing, { status: false, error: 'file does not exist' });
  await client.jobDeleteAll();
  assert.equal((await client.queue()).noofslots, 0);
});

test('queue pause/resume and job pause/resume/delete/move', async () => {
  const ids = [];
  for (const n of ['One', 'Two', 'Three']) ids.push((await addFile(`${n}.nzb`, makeNzb(n))).nzo_ids[0]);
  assert.deepEqual(await client.queuePause(), { status: true });
  let q = await client.queue();
  assert.equal(q.paused, true);
  assert.equal(q.status, 'Paused');
  assert.deepEqual(await client.queueResume(), { status: true });
  assert.equal((await client.queue()).paused, false);

  assert.deepEqual(await client.jobPause(ids[1]), { status: true, nzo_ids: [ids[1]] });
  assert.equal((await slotOf(ids[1])).status, 'Paused');
  assert.deepEqual(await client.jobResume(ids[1]), { status: true, nzo_ids: [ids[1]] });
  assert.equal((await slotOf(ids[1])).status, 'Queued');

  const moved = await client.jobMove(ids[2], ids[0]);
  assert.deepEqual(moved, { result: { position: 0, priority: 0 } });
  q = await client.queue();
  assert.deepEqual(q.slots.map((s) => s.nzo_id), [ids[2], ids[0], ids[1]]);
  assert.deepEqual(q.slots.map((s) => s.index), [0, 1, 2]);

  const paged = await client.queue(1, 1);
  assert.equal(paged.slots.length, 1);
  assert.equal(paged.slots[0].index, 1);
  assert.equal((await client.queue(0, 0, 'two')).noofslots, 1);

  const del = await client.jobDelete(ids[0]);
  assert.deepEqual(del, { status: true, nzo_ids: [ids[0]] });
  assert.deepEqual(await client.jobDelete('SABnzbd_nzo_unknown'), { status: false, nzo_ids: [] });
  const purge = await client.queuePurge('three');
  assert.deepEqual(purge, { status: true, nzo_ids: [ids[2]] });
  await client.jobDeleteAll();
});

test('changeCat, changePriority, changePostProcessing, rename, getFiles', async () => {
  const id = (await addFile('Changes.nzb', makeNzb('chg', 2))).nzo_ids[0];
  assert.deepEqual(await client.changeCat(id, 'tv'), { status: true });
  assert.equal((await slotOf(id)).cat, 'tv');
  assert.deepEqual(await client.changeCat(id, 'None'), { status: true });
  assert.equal((await slotOf(id)).cat, '*');

  // The client sends name=<priority> instead of name=priority; like real
  // SABnzbd, nzbd answers that with the queue listing and changes nothing.
  const reply = await client.changePriority(id, sab.Priority.High);
  assert.ok(reply.queue, 'an unknown name lists the queue');
  assert.equal((await slotOf(id)).priority, 'Normal');

  assert.deepEqual(await client.changePostProcessing(id, sab.PostProcessing.None), { status: true });
  assert.equal((await slotOf(id)).unpackopts, '0');
  assert.deepEqual(await client.jobChangeName(id, 'Renamed.Job', 'sekret'), { status: true });
  const s = await slotOf(id);
  assert.equal(s.filename, 'Renamed.Job');
  assert.equal(s.password, 'sekret');

  const files = await client.getFiles(id);
  assert.equal(files.length, 2);
  for (const f of files) {
    assert.match(f.nzf_id, /^SABnzbd_nzf_/);
    assert.equal(f.status, 'active');
    assert.equal(f.mb, '0.19');
    assert.equal(f.bytes, '200000.00');
  }
  assert.deepEqual(await client.getFiles('SABnzbd_nzo_unknown'), []);
  assert.deepEqual(await client.changeScript(id, 'missing.sh'), { status: false });
  await client.jobDelete(id);
});

test('queueSort and changeCompleteAction', async () => {
  const z = (await addFile('Zulu.nzb', makeNzb('z', 1))).nzo_ids[0];
  const a = (await addFile('Alpha.nzb', makeNzb('a', 3))).nzo_ids[0];
  assert.deepEqual(await client.queueSort(sab.SortOptions.Name, true), { status: true });
  assert.deepEqual((await client.queue()).slots.map((s) => s.nzo_id), [a, z]);
  await client.queueSort(sab.SortOptions.Size, true);
  assert.deepEqual((await client.queue()).slots.map((s) => s.nzo_id), [z, a]);
  await client.queueSort(sab.SortOptions.Size, false);
  assert.deepEqual((await client.queue()).slots.map((s) => s.nzo_id), [a, z]);
  await client.jobDeleteAll();
  // The client sends mode=change_complete_action, which SABnzbd does not know.
  const r = await client.changeCompleteAction(sab.CompleteAction.StandbyPC);
  assert.deepEqual(r, { status: false, error: 'not implemented' });
  const raw = await nzbd.api({ mode: 'queue', name: 'change_complete_action', value: 'standby_pc' });
  assert.deepEqual(raw, { status: true });
  assert.equal((await client.queue()).finishaction, 'standby_pc');
  await nzbd.api({ mode: 'queue', name: 'change_complete_action', value: '' });
});

test('queueSpeedLimit', async () => {
  await client.setConfig({ section: 'misc', keyword: 'bandwidth_max', value: '10M' });
  assert.deepEqual(await client.queueSpeedLimit('40'), { status: true });
  let q = await client.queue();
  assert.equal(q.speedlimit, '40');
  assert.equal(q.speedlimit_abs, '4194304');
  await client.queueSpeedLimit('400K');
  q = await client.queue();
  assert.equal(q.speedlimit_abs, '409600');
  await client.queueSpeedLimit('0');
  q = await client.queue();
  assert.equal(q.speedlimit, '0');
  assert.equal(q.speedlimit_abs, '0');
});

test('history and historyDelete', async () => {
  const r = await client.addUrl(web.url('/missing.nzb'));
  const id = r.nzo_ids[0];
  const slot = await eventually(async () => (await client.history(0, 0, undefined, undefined, [id])).slots[0]);
  assert.ok(slot, 'the failed fetch is in the history');
  assert.equal(slot.status, 'Failed');
  assert.match(slot.fail_message, /^URL Fetching failed/);
  const h = await client.history();
  for (const k of ['total_size', 'month_size', 'week_size', 'day_size']) assert.equal(typeof h[k], 'string');
  assert.equal(typeof h.noofslots, 'number');
  const failedOnly = await client.history(0, 0, undefined, undefined, undefined, true);
  assert.ok(failedOnly.slots.every((s) => s.status === 'Failed'));
  assert.deepEqual(await client.historyDelete(id), { status: true });
  assert.equal((await client.history(0, 0, undefined, undefined, [id])).slots.length, 0);
});

test('getCats, getScripts, getConfig, setConfig', async () => {
  const cats = await client.getCats();
  assert.equal(cats[0], '*');
  assert.ok(cats.includes('tv'));
  assert.ok(Array.isArray(await client.getScripts()));
  const cfg = await client.getConfig();
  assert.equal(typeof cfg.config.misc, 'object');
  assert.ok(Array.isArray(cfg.config.categories));
  const set = await client.setConfig({ section: 'misc', keyword: 'history_limit', value: '25' });
  assert.deepEqual(set, { config: { misc: { history_limit: 25 } } });
  const one = await client.getConfig('misc', 'history_limit');
  assert.deepEqual(one, { config: { misc: { history_limit: 25 } } });
});

test('warnings: the client expects a bare array, nzbd sends SABnzbd\'s object', async () => {
  await new sab.Client(nzbd.url, 'wrongkey').version();  // version needs no key: no warning
  await assert.rejects(new sab.Client(nzbd.url, 'wrongkey').getCats());  // adds a warning
  const raw = await nzbd.api({ mode: 'warnings' });
  assert.ok(raw.warnings.length >= 1);
  assert.match(raw.warnings.at(-1).text, /API Key incorrect/i);
  // Against real SABnzbd this client method fails the same way (it iterates the object).
  await assert.rejects(client.warnings(), TypeError);
  assert.deepEqual(await client.warningsClear(), { status: true });
  assert.equal((await client.queue()).have_warnings, '0');
});

test('serverStats, status, fullStatus, statusUnblockServer', async () => {
  const stats = await client.serverStats();
  for (const k of ['day', 'week', 'month', 'total']) assert.equal(typeof stats[k], 'number');
  assert.ok(stats.servers instanceof Map);
  const st = await client.status(true);
  assert.equal(typeof st.pid, 'number');
  assert.equal(st.apikey, nzbd.apiKey);
  assert.equal(st.loglevel, '1');
  assert.ok(Array.isArray(st.servers));
  assert.equal(typeof st.completedir, 'string');
  // skip_dashboard=true arrives as the string "true", which SABnzbd's int_conv reads as 0.
  assert.equal(typeof st.localipv4, 'string');
  const skipped = await nzbd.api({ mode: 'status', skip_dashboard: '1' });
  assert.equal(skipped.status.localipv4, undefined);
  const full = await client.fullStatus();
  assert.equal(typeof full.localipv4, 'string');
  assert.equal(full.version, '4.5.1');
  assert.deepEqual(await client.statusUnblockServer('nope'), { status: true });
});
