// A local stand-in for api.tvmaze.com: answers /search/shows, /lookup/shows,
// /shows/:id[?embed=episodes] and /shows?page= in TVMaze's exact JSON shape
// from tests/data/tvmaze. Usage: node fake-tvmaze.mjs <port-file>
// It listens on 127.0.0.1:<ephemeral> and writes the port to <port-file>.
import { createServer } from 'node:http';
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dataDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'tvmaze');
const tvdbToShow = { 300101: 101, 300303: 303 };

function data(name) {
  try {
    return readFileSync(join(dataDir, name), 'utf8');
  } catch {
    return null;
  }
}

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  const send = (status, body, headers = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8', ...headers });
    res.end(body);
  };
  const notFound = () => send(404, JSON.stringify({ name: 'Not Found', message: '', code: 0, status: 404 }));
  if (url.pathname === '/search/shows') {
    return send(200, (url.searchParams.get('q') || '').includes('nothing') ? '[]' : data('search-test.json'));
  }
  if (url.pathname === '/lookup/shows') {
    const show = tvdbToShow[url.searchParams.get('thetvdb')];
    if (!show) return notFound();
    const port = server.address().port;
    return send(301, '', { Location: `http://127.0.0.1:${port}/shows/${show}` });
  }
  if (url.pathname === '/shows') {
    const page = url.searchParams.get('page') || '0';
    return page === '0' ? send(200, data('shows-page-0.json')) : notFound();
  }
  const m = url.pathname.match(/^\/shows\/(\d+)$/);
  if (m) {
    const body = data(`show-${m[1]}.json`);
    return body ? send(200, body) : notFound();
  }
  return notFound();
});

server.listen(0, '127.0.0.1', () => {
  const portFile = process.argv[2];
  const port = String(server.address().port);
  if (portFile) {
    writeFileSync(portFile + '.tmp', port);
    renameSync(portFile + '.tmp', portFile);  // readers never see a partial file
  } else {
    console.log(port);
  }
});
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => server.close(() => process.exit(0)));
