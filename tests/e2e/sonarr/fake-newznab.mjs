// A local Newznab indexer for the end-to-end tests (plain node:http, no npm).
//
// Usage: node fake-newznab.mjs <port-file> <config.json>
//   Listens on 127.0.0.1:<ephemeral> and writes the port to <port-file>
//   (atomically; without a port file the port is printed).
//
// <config.json> is re-read on every request, so a test can change the feed
// (add a better release, switch a fault on) while the server runs:
//   {
//     "apikey": "NZBKEY",              // required key; "" or absent = none
//     "fail": "",                      // "", "html", "503", "429", "limit" (code 500 "Request limit reached")
//     "items": [{
//       "title": "The.Test.Show.S01E01.1080p.WEB-DL.DD5.1.H.264-GRP",
//       "guid": "s01e01-webdl",        // unique; also the NZB's id
//       "size": 1500000000,            // bytes
//       "pubDate": "2026-06-01T12:00:00Z",   // ISO or RFC 822; default: now minus 1 h per position
//       "tvdbid": 300101, "tvmazeid": 101,   // optional ids (id searches match on them)
//       "category": 5040,              // default 5040 (TV > HD)
//       "season": 1, "episode": 1,     // optional; else read from SxxEyy in the title
//       "nzbFile": "nzbs/s01e01.nzb"   // relative to the config file's folder, or absolute
//     }]
//   }
// An array instead of an object is taken as the items list (no key).
//
// Endpoints:
//   /api?t=caps                        caps (limits 100, tv-search q,tvdbid,tvmazeid,rid,season,ep)
//   /api?t=tvsearch|search[&q=|&title=][&tvdbid=&tvmazeid=&season=&ep=]&cat=&offset=&limit=
//                                      items, newest first, filtered and paged
//   /getnzb?id=GUID  or  /getnzb/GUID.nzb  the item's nzbFile (404 when unknown or missing)
//   /__requests                        JSON list of request targets served so far (for assertions)
// A wrong or missing apikey gets <error code="100" description="Incorrect user credentials"/>.
import { createServer } from 'node:http';
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

const [portFile, configFile] = process.argv.slice(2);
if (!configFile) {
  console.error('usage: node fake-newznab.mjs <port-file> <config.json>');
  process.exit(2);
}
const configDir = dirname(resolve(configFile));
const requests = [];

function loadConfig() {
  let raw;
  try {
    raw = JSON.parse(readFileSync(configFile, 'utf8'));
  } catch (e) {
    return { error: String(e), items: [] };
  }
  const cfg = Array.isArray(raw) ? { items: raw } : raw;
  cfg.items = Array.isArray(cfg.items) ? cfg.items : [];
  const now = Date.now();
  cfg.items = cfg.items.map((item, i) => {
    const m = /\bS(\d{1,2})E(\d{1,3})/i.exec(item.title || '') || [];
    const pack = /\bS(\d{1,2})(?![\dE])/i.exec(item.title || '') || [];
    const date = item.pubDate ? new Date(item.pubDate) : new Date(now - (i + 1) * 3600 * 1000);
    return {
      ...item,
      guid: String(item.guid ?? `item-${i}`),
      category: Number(item.category ?? 5040),
      size: Number(item.size ?? 1000000),
      season: item.season ?? (m[1] !== undefined ? Number(m[1]) : pack[1] !== undefined ? Number(pack[1]) : undefined),
      episode: item.episode ?? (m[2] !== undefined ? Number(m[2]) : undefined),
      date: Number.isNaN(date.getTime()) ? new Date(now) : date,
    };
  });
  cfg.items.sort((a, b) => b.date - a.date);  // newest first: Sonarr's RSS paging relies on it
  return cfg;
}

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const words = (s) => String(s).toLowerCase().replace(/['`]/g, '').split(/[^a-z0-9]+/).filter(Boolean);

function matches(item, q) {
  const cats = (q.get('cat') || '').split(',').filter(Boolean).map(Number);
  if (cats.length && !cats.includes(item.category) && !cats.includes(Math.floor(item.category / 1000) * 1000)) return false;
  for (const [param, field] of [['tvdbid', 'tvdbid'], ['tvmazeid', 'tvmazeid'], ['rid', 'rageid'], ['imdbid', 'imdbid']]) {
    if (q.has(param) && String(item[field] ?? '') !== q.get(param)) return false;
  }
  const season = q.get('season');
  const ep = q.get('ep');
  if (ep && ep.includes('/')) {  // daily: season=yyyy&ep=MM/dd
    const [mm, dd] = ep.split('/');
    const daily = new RegExp(`${season}[. _-]${mm}[. _-]${dd}`);
    if (!daily.test(item.title)) return false;
  } else {
    if (season !== null && season !== '' && item.season !== Number(season)) return false;
    if (ep !== null && ep !== '' && item.episode !== Number(ep)) return false;
  }
  const text = q.get('q') ?? q.get('title');
  if (text) {
    const have = new Set(words(item.title));
    if (!words(text).every((w) => have.has(w))) return false;
  }
  return true;
}

function itemXml(item, base, key) {
  const keyParam = key ? `&apikey=${encodeURIComponent(key)}` : '';
  const link = `${base}/getnzb?id=${encodeURIComponent(item.guid)}${keyParam}`;
  const attrs = [['category', Math.floor(item.category / 1000) * 1000], ['category', item.category], ['size', item.size],
    ['guid', item.guid]];
  for (const [name, field] of [['tvdbid', 'tvdbid'], ['tvmazeid', 'tvmazeid'], ['rageid', 'rageid'], ['imdb', 'imdb']]) {
    if (item[field] !== undefined) attrs.push([name, item[field]]);
  }
  if (item.season !== undefined) attrs.push(['season', `S${String(item.season).padStart(2, '0')}`]);
  if (item.episode !== undefined) attrs.push(['episode', `E${String(item.episode).padStart(2, '0')}`]);
  attrs.push(['usenetdate', item.date.toUTCString()]);
  return `  <item>
   <title>${esc(item.title)}</title>
   <guid isPermaLink="false">${esc(item.guid)}</guid>
   <link>${esc(link)}</link>
   <comments>${esc(`${base}/details/${encodeURIComponent(item.guid)}#comments`)}</comments>
   <pubDate>${item.date.toUTCString()}</pubDate>
   <category>TV &gt; HD</category>
   <enclosure url="${esc(link)}" length="${item.size}" type="application/x-nzb"/>
${attrs.map(([n, v]) => `   <newznab:attr name="${n}" value="${esc(v)}"/>`).join('\n')}
  </item>`;
}

const CAPS = `<?xml version="1.0" encoding="UTF-8"?>
<caps>
  <server version="1.0" title="nzbd-fake-newznab"/>
  <limits max="100" default="100"/>
  <searching>
    <search available="yes" supportedParams="q"/>
    <tv-search available="yes" supportedParams="q,tvdbid,tvmazeid,rid,season,ep"/>
  </searching>
  <categories>
    <category id="5000" name="TV">
      <subcat id="5030" name="SD"/><subcat id="5040" name="HD"/><subcat id="5045" name="UHD"/><subcat id="5070" name="Anime"/>
    </category>
  </categories>
</caps>`;

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  const q = url.searchParams;
  if (url.pathname === '/__requests') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    return res.end(JSON.stringify(requests));
  }
  requests.push(req.url);
  const base = `http://127.0.0.1:${server.address().port}`;
  const cfg = loadConfig();
  const send = (status, body, type = 'application/xml; charset=utf-8', headers = {}) => {
    res.writeHead(status, { 'Content-Type': type, ...headers });
    res.end(body);
  };
  const error = (code, description) =>
    send(200, `<?xml version="1.0" encoding="UTF-8"?>\n<error code="${code}" description="${esc(description)}"/>`);
  const key = cfg.apikey || '';

  if (cfg.fail === 'html') return send(200, '<!DOCTYPE html><html><body>Please log in</body></html>', 'text/html');
  if (cfg.fail === '503') return send(503, 'Service Unavailable', 'text/plain');
  if (cfg.fail === '429') return send(429, 'Too Many Requests', 'text/plain', { 'Retry-After': '3600' });

  const nzbId = url.pathname === '/getnzb' ? q.get('id') : (/^\/getnzb\/(.+?)(\.nzb)?$/.exec(url.pathname) || [])[1];
  if (nzbId !== undefined && nzbId !== null) {
    const item = cfg.items.find((i) => i.guid === decodeURIComponent(nzbId));
    if (!item || !item.nzbFile) return send(404, 'Not Found', 'text/plain');
    try {
      const file = isAbsolute(item.nzbFile) ? item.nzbFile : join(configDir, item.nzbFile);
      return send(200, readFileSync(file), 'application/x-nzb', {
        'Content-Disposition': `attachment; filename="${item.title.replace(/"/g, '')}.nzb"`,
      });
    } catch {
      return send(404, 'Not Found', 'text/plain');
    }
  }
  if (url.pathname !== '/api') return send(404, 'Not Found', 'text/plain');
  if (key && !q.has('apikey')) return error(200, 'Missing parameter (apikey)');
  if (key && q.get('apikey') !== key) return error(100, 'Incorrect user credentials');
  if (cfg.fail === 'limit') return error(500, 'Request limit reached');

  const t = q.get('t');
  if (t === 'caps') return send(200, CAPS);
  if (t !== 'tvsearch' && t !== 'search') return error(202, `No such function (${t})`);
  const offset = Math.max(0, Number(q.get('offset') || 0) | 0);
  const limit = Math.min(100, Math.max(1, Number(q.get('limit') || 100) | 0));
  const found = cfg.items.filter((item) => matches(item, q));
  const page = found.slice(offset, offset + limit);
  return send(200, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:newznab="http://www.newznab.com/DTD/2010/feeds/attributes/">
 <channel>
  <title>nzbd-fake-newznab</title>
  <newznab:response offset="${offset}" total="${found.length}"/>
${page.map((item) => itemXml(item, base, key)).join('\n')}
 </channel>
</rss>`);
});

server.listen(0, '127.0.0.1', () => {
  const port = String(server.address().port);
  if (portFile) {
    writeFileSync(portFile + '.tmp', port);
    renameSync(portFile + '.tmp', portFile);  // readers never see a partial file
  } else {
    console.log(port);
  }
});
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => server.close(() => process.exit(0)));
