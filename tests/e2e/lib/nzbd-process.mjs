// The real nzbd binary as a child process in a home folder, for the node
// end-to-end tests: start on an ephemeral port, wait for listen.addr, stop
// with SIGTERM (SIGKILL as a last resort) and report how it exited.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Lines of home/logs that hold the API key, the NZB key or a password of
// nzbd.ini: nzbd redacts them, and every test that stops a daemon checks.
export function leakedSecrets(home) {
  const ini = existsSync(join(home, 'nzbd.ini')) ? readFileSync(join(home, 'nzbd.ini'), 'utf8') : '';
  const secrets = [...ini.matchAll(/^\s*(?:api_key|nzb_key|password) = (.+)$/gm)].map((m) => m[1].trim())
    .filter((v) => v.length >= 3);
  const logs = join(home, 'logs');
  if (!existsSync(logs)) return [];
  const leaks = [];
  for (const name of readdirSync(logs)) {
    const text = readFileSync(join(logs, name), 'utf8');
    for (const line of text.split('\n'))
      if (secrets.some((s) => line.includes(s))) leaks.push(`${name}: ${line}`);
  }
  return leaks;
}

// Resolves to {url, output(), stop()} once nzbd listens; stop() removes home
// and resolves to the exit status (0 = clean, no sanitizer report) — or to a
// message naming the log lines that leaked a secret.
export async function spawnNzbd(bin, home, env = {}) {
  const child = spawn(bin, ['--home', home, '--listen', '127.0.0.1:0'],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  let exited = false, exitCode = null;
  child.on('exit', (code, signal) => { exited = true; exitCode = signal ? `signal ${signal}` : code; });
  const addrFile = join(home, 'listen.addr');
  for (let i = 0; i < 600 && !exited; i++) {  // sanitizer builds start slowly
    if (existsSync(addrFile) && readFileSync(addrFile, 'utf8').trim()) break;
    await sleep(100);
  }
  if (exited || !existsSync(addrFile)) throw new Error(`nzbd did not start:\n${output}`);
  const url = 'http://' + readFileSync(addrFile, 'utf8').trim().replace(/^http:\/\//, '');
  return {
    url,
    output: () => output,
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        for (let i = 0; i < 300 && !exited; i++) await sleep(100);
        if (!exited) child.kill('SIGKILL');
        for (let i = 0; i < 50 && !exited; i++) await sleep(100);
      }
      const leaks = leakedSecrets(home);
      rmSync(home, { recursive: true, force: true });
      return leaks.length ? `exit ${exitCode}, but the log holds secrets:\n${leaks.join('\n')}` : exitCode;
    },
  };
}
