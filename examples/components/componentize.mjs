// Builds one JavaScript component with componentize-js's API (its command line failed here with
// "failed to get path metadata"; the API does not).
//
//   node componentize.mjs SOURCE.js WIT_DIR WORLD OUT.wasm [--wasi | --http]
//
// Without a flag every WASI feature of the engine is disabled, so the component has no imports;
// with --wasi the defaults stay (stdio, random, clocks: imports of wasi:cli, wasi:io, wasi:clocks,
// wasi:filesystem, wasi:random), and http/fetch-event stay disabled; --http also keeps `http`
// (fetch() through wasi:http/outgoing-handler and wasi:http/types), fetch-event stays disabled.
import { componentize } from '@bytecodealliance/componentize-js';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';

const args = process.argv.slice(2);
const wasi = args.includes('--wasi');
const http = args.includes('--http');
const [sourcePath, witPath, worldName, out] = args.filter((a) => a !== '--wasi' && a !== '--http');
if (!out) {
  console.error('usage: node componentize.mjs SOURCE.js WIT_DIR WORLD OUT.wasm [--wasi | --http]');
  process.exit(2);
}
const disableFeatures = http ? ['fetch-event'] : wasi ? ['http', 'fetch-event'] : ['random', 'stdio', 'clocks', 'http', 'fetch-event'];
const started = process.hrtime.bigint();
const { component } = await componentize({
  sourcePath: resolve(sourcePath),
  witPath: resolve(witPath),
  worldName,
  disableFeatures,
});
await writeFile(out, component);
const ms = Number(process.hrtime.bigint() - started) / 1e6;
console.error(`componentize ${sourcePath}: ${component.length} bytes in ${(ms / 1000).toFixed(1)} s`);
