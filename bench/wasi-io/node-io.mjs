// The reference side of bench/wasi-io: the io-roundtrip component under jco transpile + Node
// (preview2-shim's wasi:filesystem and wasi:io), in a fresh node process per round.
//
//   node node-io.mjs TRANSPILED_DIR DATA_DIR BYTES CHUNK CALLS SHIM
//
// SHIM is preview2-shim's Node entry (examples/components/node_modules/@bytecodealliance/
// preview2-shim/dist/nodejs/index.js, the version pinned there).
//
// Prints "key value unit" lines: instantiate (import of the transpiled JS, compile and instantiate
// of its core modules), the first call, and the median and minimum of CALLS warm calls; the hash
// the guest returned, so run.sh can check both hosts read back the same bytes.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [dir, data, bytes, chunk, calls, shimPath] = process.argv.slice(2);
const t0 = process.hrtime.bigint();
const shim = await import(pathToFileURL(shimPath).href);
shim.filesystem._setPreopens({ '/data': data });
const { instantiate } = await import(pathToFileURL(join(dir, 'component.js')).href);
const imports = {};
for (const [pkg, ifaces] of Object.entries({ cli: ['exit', 'stdin', 'stdout', 'stderr', 'terminal-input', 'terminal-output',
  'terminal-stdin', 'terminal-stdout', 'terminal-stderr'], io: ['error', 'streams'], clocks: ['wall-clock'],
  filesystem: ['types', 'preopens'] })) {
  for (const i of ifaces) imports[`wasi:${pkg}/${i}`] = shim[pkg][i.replace(/-([a-z])/g, (_, c) => c.toUpperCase())];
}
const instance = await instantiate((p) => readFile(join(dir, p)).then((b) => WebAssembly.compile(b)), imports);
const t1 = process.hrtime.bigint();
const ms = (a, b) => Number(b - a) / 1e6;
console.log(`node.instantiate ${ms(t0, t1).toFixed(3)} ms`);
const hash = instance.roundtrip(Number(bytes), Number(chunk));
const t2 = process.hrtime.bigint();
console.log(`node.first_call ${ms(t1, t2).toFixed(3)} ms`);
const times = [];
for (let i = 0; i < Number(calls); i++) {
  const a = process.hrtime.bigint();
  const h = instance.roundtrip(Number(bytes), Number(chunk));
  times.push(ms(a, process.hrtime.bigint()));
  if (h !== hash) throw new Error(`the result changed between calls: ${hash} then ${h}`);
}
times.sort((a, b) => a - b);
console.log(`node.warm_call_median ${times[Math.floor(times.length / 2)].toFixed(3)} ms`);
console.log(`node.warm_call_min ${times[0].toFixed(3)} ms`);
console.log(`node.result ${hash} -`);
