// The real nzbd binary as a child process in a home folder, for the node
// end-to-end tests: start on an ephemeral port, wait for listen.addr, stop
// with SIGTERM (SIGKILL as a last resort) and report how it exited.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Resolves to {url, output(), stop()} once nzbd listens; stop() removes home
// and resolves to the exit status (0 = clean, no sanitizer report).
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
      rmSync(home, { recursive: true, force: true });
      return exitCode;
    },
  };
}
