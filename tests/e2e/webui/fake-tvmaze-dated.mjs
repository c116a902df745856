// A local TVMaze for the calendar/wanted tests: one show (id 101, tvdb 300101,
// "The Test Show") whose episodes air relative to today in the network's zone
// (America/New_York): S01E01 yesterday (aired, so missing), S01E02 tomorrow and
// S01E03 in a week, each at 20:00 there. Same JSON shapes as api.tvmaze.com
// (see tests/data/tvmaze/show-101.json), no images (nothing from other hosts).
// startFakeTvmaze() → {port, url, episodes, stop()}; runnable alone too.
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

export const zone = 'America/New_York';
const airtime = '20:00';

// "YYYY-MM-DD" of `date` as seen in `tz`.
function dayIn(tz, date) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(date);
}
function addDays(ymd, n) {
  const d = new Date(ymd + 'T12:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
// The UTC instant of local wall time ymd hh:mm in tz (two passes settle DST).
function utcOf(ymd, hhmm, tz) {
  const wanted = Date.parse(`${ymd}T${hhmm}:00Z`);
  let guess = wanted;
  for (let i = 0; i < 2; i++) {
    const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(new Date(guess)).map((p) => [p.type, p.value]));
    const seen = Date.parse(`${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:00Z`);
    guess += wanted - seen;
  }
  return new Date(guess);
}

export function datedEpisodes(now = new Date()) {
  const today = dayIn(zone, now);
  return [[1, -1, 'Yesterday Episode'], [2, 1, 'Tomorrow Episode'], [3, 7, 'Next Week Episode']]
    .map(([number, offset, name]) => {
      const airdate = addDays(today, offset);
      return {
        id: 5000 + number, url: `https://www.tvmaze.com/episodes/${5000 + number}/x`, name, season: 1, number,
        type: 'regular', airdate, airtime, airstamp: utcOf(airdate, airtime, zone).toISOString().replace('.000Z', '+00:00'),
        runtime: 60, rating: { average: null }, image: null, summary: `<p>${name} summary.</p>`,
        _links: { self: { href: `https://api.tvmaze.com/episodes/${5000 + number}` } },
      };
    });
}

function show(withEpisodes) {
  const episodes = datedEpisodes();
  const s = {
    id: 101, url: 'https://www.tvmaze.com/shows/101/the-test-show', name: 'The Test Show', type: 'Scripted',
    language: 'English', genres: ['Drama'], status: 'Running', runtime: 60, averageRuntime: 60,
    premiered: episodes[0].airdate, ended: null, officialSite: null,
    schedule: { time: airtime, days: [] }, rating: { average: 8.1 }, weight: 90,
    network: { id: 3, name: 'ABC', country: { name: 'United States', code: 'US', timezone: zone }, officialSite: null },
    webChannel: null, dvdCountry: null, externals: { tvrage: null, thetvdb: 300101, imdb: 'tt0000101' },
    image: null, summary: '<p>The Test Show, with dated episodes.</p>', updated: Math.floor(Date.now() / 1000),
    _links: { self: { href: 'https://api.tvmaze.com/shows/101' } },
  };
  if (withEpisodes) s._embedded = { episodes };
  return s;
}

export function startFakeTvmaze() {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const send = (status, body, headers = {}) => {
      res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8', ...headers });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const notFound = () => send(404, { name: 'Not Found', message: '', code: 0, status: 404 });
    if (url.pathname === '/search/shows') return send(200, [{ score: 0.9, show: show(false) }]);
    if (url.pathname === '/lookup/shows') {
      if (url.searchParams.get('thetvdb') !== '300101') return notFound();
      return send(301, '', { Location: `http://127.0.0.1:${server.address().port}/shows/101` });
    }
    if (url.pathname === '/shows') return (url.searchParams.get('page') || '0') === '0' ? send(200, [show(false)]) : notFound();
    if (url.pathname === '/shows/101') return send(200, show(url.searchParams.get('embed') === 'episodes'));
    if (url.pathname === '/shows/101/episodes') return send(200, datedEpisodes());
    return notFound();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const port = server.address().port;
    resolve({ port, url: `http://127.0.0.1:${port}`, stop: () => new Promise((r) => server.close(r)) });
  }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  startFakeTvmaze().then((f) => console.log(f.port));
}
