// The reference side of bench/wasi-http: the js-fetch component transpiled by `jco transpile` (its
// wasi:http imports served by @bytecodealliance/preview2-shim), driven over stdin by WasiHttpBench:
// a line "N URL" makes N calls of fetcher.get(URL) and answers one line of JSON with each call's
// time in microseconds; EOF ends the process.
//   node node-fetch.mjs TRANSPILED_DIR
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = process.argv[2];
const { fetcher } = await import(pathToFileURL(join(dir, 'component.js')).href);
const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
for await (const line of lines) {
  const [n, url] = line.trim().split(' ');
  const us = [];
  let last;
  for (let i = 0; i < Number(n); i++) {
    const t0 = process.hrtime.bigint();
    last = fetcher.get(url);
    us.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  process.stdout.write(JSON.stringify({ us, last }) + '\n');
}
