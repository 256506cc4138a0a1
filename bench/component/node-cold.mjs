// One cold start of the transpiled kitchen-sink under Node (run.sh starts a fresh process per round):
// import of jco's JS, WebAssembly.compile + instantiate of its core modules, the first greet, then
// warm greet("x") calls. Prints "key value unit" lines like ComponentBench. Usage: node node-cold.mjs DIR
const t0 = process.hrtime.bigint();
const dir = process.argv[2];
const { readFile } = await import('node:fs/promises');
const { instantiate } = await import(`${dir}/component.js`);
const t1 = process.hrtime.bigint();
const m = await instantiate((p) => readFile(`${dir}/${p}`).then((b) => WebAssembly.compile(b)), {});
const t2 = process.hrtime.bigint();
const r = m.values.greet('cold');
const t3 = process.hrtime.bigint();
if (r !== 'Hello, cold!') throw new Error(`greet gave ${r}`);
const ms = (a, b) => Number(b - a) / 1e6;
const say = (k, v, u) => console.log(`node.${k} ${v.toFixed(3)} ${u}`);
say('import_js', ms(t0, t1), 'ms');
say('compile_instantiate', ms(t1, t2), 'ms');
say('first_call_greet', ms(t2, t3), 'ms');
say('total_to_first_result', ms(t0, t3), 'ms');
say('process_start_to_first_result', performance.now(), 'ms');
// a second instance in the same process: V8 has the compiled modules (jco's instantiate compiles again
// unless given them; here compile() is called again, which V8 serves from its in-process cache)
const s0 = process.hrtime.bigint();
await instantiate((p) => readFile(`${dir}/${p}`).then((b) => WebAssembly.compile(b)), {});
say('second_instance', ms(s0, process.hrtime.bigint()), 'ms');
const samples = (n) => {
  const s = new Array(n);
  for (let i = 0; i < n; i++) {
    const a = process.hrtime.bigint();
    m.values.greet('x');
    s[i] = Number(process.hrtime.bigint() - a) / 1e3;
  }
  return s.sort((a, b) => a - b);
};
samples(20000); samples(20000);
const g = samples(20000);
say('warm_greet_short_string_p50', g[10000], 'us');
say('warm_greet_short_string_p99', g[19800], 'us');
