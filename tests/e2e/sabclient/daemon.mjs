// Starts the real nzbd in a temporary home for one test file, and a tiny
// HTTP server that hands out an NZB (for addurl). Environment:
//   NZBD_BIN            the daemon binary
//   NZBD_NODE_MODULES   folder holding sabnzbd-api and form-data (tests/rig/node_modules)
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnNzbd } from '../lib/nzbd-process.mjs';

const { NZBD_BIN, NZBD_NODE_MODULES } = process.env;
if (!NZBD_BIN || !existsSync(NZBD_BIN)) throw new Error(`NZBD_BIN (${NZBD_BIN}) is not the nzbd binary`);
if (!NZBD_NODE_MODULES || !existsSync(join(NZBD_NODE_MODULES, 'sabnzbd-api')))
  throw new Error(`NZBD_NODE_MODULES (${NZBD_NODE_MODULES}) has no sabnzbd-api (run tests/rig/install.sh)`);

// sabnzbd-api is CommonJS; form-data is its own dependency.
const requireFromClient = createRequire(join(NZBD_NODE_MODULES, 'sabnzbd-api', 'package.json'));
export const sab = requireFromClient('sabnzbd-api');
export const FormData = requireFromClient('form-data');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function startDaemon() {
  const home = mkdtempSync(join(tmpdir(), 'nzbd-sabclient-'));
  const proc = await spawnNzbd(NZBD_BIN, home);
  const url = proc.url;
  const ini = readFileSync(join(home, 'nzbd.ini'), 'utf8');
  const apiKey = /^api_key\s*=\s*(\S+)/m.exec(ini)?.[1];
  if (!apiKey) throw new Error('no api_key in nzbd.ini');
  return {
    home, url, apiKey, output: proc.output,
    client: new sab.Client(url, apiKey),
    // Raw call for what the client library cannot show.
    async api(params) {
      const q = new URLSearchParams({ ...params, apikey: apiKey, output: 'json' });
      const res = await fetch(`${url}/api?${q}`);
      return res.json();
    },
    // Stops the daemon this file started; its exit status (0 = clean, no sanitizer report).
    stop: proc.stop,
  };
}

// A valid NZB with fake message-ids: `files` data files of 2 x 100000 bytes.
export function makeNzb(stem, files = 2, { category = '', date = Math.floor(Date.now() / 1000) } = {}) {
  let x = '<?xml version="1.0" encoding="UTF-8"?>\n<nzb xmlns="http://www.newzbin.com/DTD/2003/nzb">\n<head>';
  if (category) x += `<meta type="category">${category}</meta>`;
  x += '</head>\n';
  for (let i = 1; i <= files; i++) {
    const name = `${stem}.part${String(i).padStart(2, '0')}.rar`;
    x += `<file poster="t@example.test" date="${date}" subject="&quot;${name}&quot; yEnc (1/2)">` +
      '<groups><group>alt.binaries.test</group></groups><segments>' +
      `<segment bytes="100000" number="1">${stem}.${i}.1@fake.example.test</segment>` +
      `<segment bytes="100000" number="2">${stem}.${i}.2@fake.example.test</segment>` +
      '</segments></file>\n';
  }
  return x + '</nzb>\n';
}

// Serves `routes` ({'/path.nzb': body}); anything else is a 404.
export async function serveNzbs(routes) {
  const server = createServer((req, res) => {
    const body = routes[req.url];
    if (body === undefined) { res.writeHead(404); res.end('not here'); return; }
    res.writeHead(200, { 'Content-Type': 'application/x-nzb' });
    res.end(body);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  return { url: (p) => `http://127.0.0.1:${port}${p}`, close: () => new Promise((r) => server.close(r)) };
}

export async function eventually(f, ms = 15000) {
  const until = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > until) return v;
    await sleep(100);
  }
}
