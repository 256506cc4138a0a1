// The same calculator.wasm under Node's V8 (node:wasi), with the canonical ABI done by hand as in
// examples/smoke.mjs: the speed peer for bench/runtime/RuntimeBench.java. Prints "key value unit".
//   node bench/runtime/node-bench.mjs [examples-dir]
import { WASI } from "node:wasi";
import { readFile } from "node:fs/promises";
import { join } from "node:path";

const examples = process.argv[2] ?? "examples";
const FIB_N = 50_000_000n;
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder("utf-8", { fatal: true });

const wasi = new WASI({ version: "preview1", returnOnExit: true });
const module = await WebAssembly.compile(await readFile(join(examples, "calculator/calculator.wasm")));
const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wasi.wasiImport });
wasi.initialize(instance);
const x = instance.exports;
const view = () => new DataView(x.memory.buffer);
const alloc = (align, size) => x.cabi_realloc(0, 0, align, size) >>> 0;
function lowerString(s) {
  const bytes = utf8.encode(s);
  if (bytes.length === 0) return [1, 0];
  const p = alloc(1, bytes.length);
  new Uint8Array(x.memory.buffer, p, bytes.length).set(bytes);
  return [p, bytes.length];
}
const readString = (p, n) => (n === 0 ? "" : fromUtf8.decode(new Uint8Array(x.memory.buffer, p, n)));
const stringAt = (p) => readString(view().getUint32(p, true), view().getUint32(p + 4, true));

function evalExpr(s) {
  const [p, n] = lowerString(s);
  const ret = x["asterai:calculator/calc@0.1.0#eval"](p, n) >>> 0;
  const v = view();
  const r = v.getUint8(ret) === 0 ? { ok: v.getFloat64(ret + 8, true) } : { err: stringAt(ret + 8) };
  x["cabi_post_asterai:calculator/calc@0.1.0#eval"](ret);
  return r;
}

function echoRecords(items) {
  const base = items.length === 0 ? 8 : alloc(8, 24 * items.length);
  items.forEach((it, i) => {
    const rp = base + 24 * i;
    const [kp, kn] = lowerString(it.key);
    const tp = it.tags.length === 0 ? 4 : alloc(4, 8 * it.tags.length);
    it.tags.forEach((t, j) => {
      const [sp, sn] = lowerString(t);
      const v = view();
      v.setUint32(tp + 8 * j, sp, true);
      v.setUint32(tp + 8 * j + 4, sn, true);
    });
    const v = view();
    v.setUint32(rp, kp, true); v.setUint32(rp + 4, kn, true);
    v.setUint32(rp + 8, tp, true); v.setUint32(rp + 12, it.tags.length, true);
    v.setFloat64(rp + 16, it.weight, true);
  });
  const ret = x["asterai:calculator/calc@0.1.0#echo-records"](base, items.length) >>> 0;
  const v = view();
  const lp = v.getUint32(ret, true), ln = v.getUint32(ret + 4, true);
  const out = [];
  for (let i = 0; i < ln; i++) {
    const rp = lp + 24 * i;
    const tp = v.getUint32(rp + 8, true), tn = v.getUint32(rp + 12, true);
    const tags = [];
    for (let j = 0; j < tn; j++) tags.push(stringAt(tp + 8 * j));
    out.push({ key: stringAt(rp), tags, weight: v.getFloat64(rp + 16, true) });
  }
  x["cabi_post_asterai:calculator/calc@0.1.0#echo-records"](ret);
  return out;
}

function expression() {
  let b = "";
  let i = 0;
  while (b.length < 64 * 1024) {
    b += `${i % 97}.${i % 7}${i % 3 === 0 ? "*" : i % 3 === 1 ? "+" : "-"}(${(i % 11) + 1}/${(i % 5) + 1})+`;
    i++;
  }
  return b + "0";
}

function records(n) {
  const items = [];
  for (let i = 0; i < n; i++) {
    items.push({ key: `record-key-number-${i}-ünï`, tags: [0, 1, 2, 3].map((t) => `tag-${t}-of-record-${i}`), weight: i * 0.5 });
  }
  return items;
}

function best(rounds, body) {
  let b = Infinity;
  for (let i = 0; i < rounds; i++) {
    const t = process.hrtime.bigint();
    body();
    b = Math.min(b, Number(process.hrtime.bigint() - t));
  }
  return b;
}

function perCall(warm, n, body) {
  for (let i = 0; i < warm; i++) body();
  const samples = new Float64Array(n);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    body();
    samples[i] = Number(process.hrtime.bigint() - t);
  }
  const total = Number(process.hrtime.bigint() - t0);
  samples.sort();
  return [total / n, samples[n >> 1], samples[Math.floor(n * 0.99)]];
}

const out = (k, v, u) => console.log(`${k} ${v.toFixed(3)} ${u}`);
const fib = x["asterai:calculator/calc@0.1.0#fib"];
if (BigInt.asUintN(64, fib(93)) !== 12200160415121876738n) throw new Error("fib(93) is wrong");
for (let i = 0; i < 3; i++) fib(Number(FIB_N));
const fibNs = best(5, () => fib(Number(FIB_N)));
out("node.fib_n", Number(FIB_N), "iterations");
out("node.fib_total", fibNs / 1e6, "ms");
out("node.fib_per_iteration", fibNs / Number(FIB_N), "ns");

const expr = expression();
if (evalExpr("2*(3+4)").ok !== 14) throw new Error("eval is wrong");
for (let i = 0; i < 200; i++) evalExpr(expr);
out("node.eval_64k_expression", best(50, () => evalExpr(expr)) / 1e6, "ms");

const recs = records(200);
const echoed = echoRecords(recs);
if (JSON.stringify(echoed) !== JSON.stringify(recs)) throw new Error("echo-records is wrong");
for (let i = 0; i < 200; i++) echoRecords(recs);
out("node.echo_records_200x5_strings", best(50, () => echoRecords(recs)) / 1e6, "ms");

const add = x["asterai:calculator/calc@0.1.0#add"];
const a = perCall(200000, 200000, () => add(1, 2));
out("node.call_add_f64_mean", a[0] / 1000, "us");
const s = perCall(200000, 200000, () => evalExpr("1+2"));
out("node.call_eval_short_string_mean", s[0] / 1000, "us");
out("node.call_eval_short_string_p99", s[2] / 1000, "us");

const t0 = process.hrtime.bigint();
const m2 = await WebAssembly.compile(await readFile(join(examples, "calculator/calculator.wasm")));
const w2 = new WASI({ version: "preview1", returnOnExit: true });
const i2 = await WebAssembly.instantiate(m2, { wasi_snapshot_preview1: w2.wasiImport });
w2.initialize(i2);
out("node.cold_compile_instantiate_initialize", Number(process.hrtime.bigint() - t0) / 1e6, "ms");
