// Decode (NNTP raw mode: dot-unstuffing) and decode+CRC32 throughput of npm
// yencode on the article file written by bench_yenc, in raw input bytes per
// wall-clock second. Best single call (as bench_yenc's best_GBps),
// since this machine is shared and noisy.
// usage: node yencode_bench.js ARTICLE [seconds]
'use strict';
const fs = require('fs');
const y = require('yencode');

const article = fs.readFileSync(process.argv[2]);
const seconds = Number(process.argv[3] || 2);
const start = article.indexOf('\n') + 1;             // after =ybegin
const end = article.lastIndexOf('\n=yend') + 1;
const lines = article.subarray(start, end);
const out = Buffer.alloc(lines.length);

function measure(label, fn) {
  const callsPerRound = 1;                           // best single call, like bench_yenc's best_GBps
  for (let i = 0; i < 20; i++) fn();                  // warm up
  let best = Infinity;
  const deadline = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
  while (process.hrtime.bigint() < deadline) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < callsPerRound; i++) fn();
    const perCall = Number(process.hrtime.bigint() - t0) / 1e9 / callsPerRound;
    if (perCall < best) best = perCall;
  }
  const gbps = lines.length / best / 1e9;
  console.log(`yencode ${label}: ${gbps.toFixed(3)} GB/s (best call)`);
  return gbps;
}

let n = y.decodeTo(lines, out, true);
const crc = y.crc32(out.subarray(0, n)).toString('hex');
console.log(`yencode decoded ${n} bytes, crc32 ${crc}, input ${lines.length} bytes`);
const result = {
  decode: measure('decode', () => { n = y.decodeTo(lines, out, true); }),
  decode_crc: measure('decode+crc', () => { n = y.decodeTo(lines, out, true); y.crc32(out.subarray(0, n)); }),
};
console.log('JSON ' + JSON.stringify(result));
