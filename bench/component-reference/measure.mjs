// Called by run.sh from examples/components: prints the measurements as text.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const runs = Number(process.argv[2] ?? 5);
const build = process.argv[3] !== '0';
const jco = 'node_modules/.bin/jco';
const lines = [];
const say = (s = '') => { lines.push(s); console.log(s); };
const ms = (a, b) => Number(b - a) / 1e6;
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return `mean ${mean.toFixed(0)} ms, min ${s[0].toFixed(0)}, max ${s[s.length - 1].toFixed(0)} (n=${xs.length})`;
};
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const work = mkdtempSync(join(tmpdir(), 'cm-bench-'));

say(`component reference host (jco + Node) — ${new Date().toISOString()}`);
say(`node ${process.version}, ${cpus().length} cores (${cpus()[0].model}), load average at start ${load()}`);
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
say(`toolchain: ${Object.entries(pkg.dependencies).map(([k, v]) => `${k}@${v}`).join(', ')}`);
say();

if (build) {
  const t0 = process.hrtime.bigint();
  execFileSync('node', ['componentize.mjs', 'js-kitchen-sink/src/kitchen-sink.js', 'js-kitchen-sink/wit', 'kitchen-sink',
    join(work, 'ks.wasm')], { stdio: ['ignore', 'ignore', 'ignore'] });
  const t1 = process.hrtime.bigint();
  say(`componentize-js build of js-kitchen-sink: ${(ms(t0, t1) / 1000).toFixed(1)} s wall, ${statSync(join(work, 'ks.wasm')).size} bytes (load average after ${load()})`);
  say();
}

say('fixture sizes (bytes):');
for (const f of ['js-kitchen-sink/kitchen-sink.wasm', 'js-wasi/wasi-clock.wasm', 'c-calculator/calculator.wasm',
  'c-calculator/calculator-wasi.wasm', 'c-calculator/calculator-core.wasm']) {
  say(`  ${f.padEnd(40)} ${String(statSync(f).size).padStart(10)}`);
}
say();

for (const [name, f] of [['kitchen-sink', 'js-kitchen-sink/kitchen-sink.wasm'], ['calculator', 'c-calculator/calculator.wasm']]) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const dir = join(work, `${name}-${i}`);
    const t0 = process.hrtime.bigint();
    execFileSync(jco, ['transpile', f, '-o', dir, '--name', 'component', '--instantiation', 'async', '--no-typescript', '--quiet']);
    times.push(ms(t0, process.hrtime.bigint()));
  }
  say(`jco transpile ${f} (CLI, includes its own Node start): ${stats(times)}`);
}
say();

// Cold start: a fresh node process per run on the transpiled kitchen-sink.
const dir = join(work, 'kitchen-sink-0');
const child = `
const t0 = process.hrtime.bigint();
const { readFile } = await import('node:fs/promises');
const { instantiate } = await import(${JSON.stringify(join(dir, 'component.js'))});
const t1 = process.hrtime.bigint();
const compiled = [];
const get = (p) => { const c = readFile(${JSON.stringify(dir)} + '/' + p).then((b) => WebAssembly.compile(b)); compiled.push(c); return c; };
const m = await instantiate(get, {});
const t2 = process.hrtime.bigint();
const r = m.values.greet('cold');
const t3 = process.hrtime.bigint();
if (r !== 'Hello, cold!') throw new Error(r);
const d = (a, b) => Number(b - a) / 1e6;
console.log(JSON.stringify({ import: d(t0, t1), instantiate: d(t1, t2), call: d(t2, t3), total: d(t0, t3), sinceStart: performance.now() }));
`;
const rows = [];
for (let i = 0; i < runs; i++) {
  const t0 = process.hrtime.bigint();
  const p = spawnSync('node', ['--input-type=module', '-e', child], { encoding: 'utf8' });
  const wall = ms(t0, process.hrtime.bigint());
  if (p.status !== 0) throw new Error(p.stderr);
  rows.push({ ...JSON.parse(p.stdout), wall });
}
say(`Node cold start of the transpiled js-kitchen-sink (${runs} fresh processes; transpile excluded):`);
for (const k of ['import', 'instantiate', 'call', 'total', 'sinceStart', 'wall']) {
  const label = { import: 'import of the transpiled JS', instantiate: 'compile 3 core modules + instantiate', call: 'first call (greet)',
    total: 'import + instantiate + first call', sinceStart: 'process start to first result (performance.now())', wall: 'whole process (spawn to exit)' }[k];
  say(`  ${label.padEnd(52)} ${stats(rows.map((r) => r[k]))}`);
}
say(`load average at end ${load()}`);
rmSync(work, { recursive: true, force: true });
