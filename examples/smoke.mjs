// Smoke test of the example core modules, calling their exports by hand
// through the canonical ABI with Node's own WASI preview 1 (node >= 20):
//
//   node examples/smoke.mjs
//
// It is also a small reference for a host: how arguments are lowered into
// guest memory with cabi_realloc, how results are read from the return area
// and released with cabi_post_*, and how an import such as
// asterai:http/outgoing#send writes its result into a guest return area.
// Exits with status 1 if any check fails.
import { WASI } from "node:wasi";
import { readFile, mkdtemp, mkdir, writeFile, symlink, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker, isMainThread, workerData, parentPort } from "node:worker_threads";

const here = dirname(fileURLToPath(import.meta.url));
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder("utf-8", { fatal: true });

// ---------------------------------------------------------------- ABI helpers

class Guest {
  static async load(path, { preopens = {}, env = {}, imports = {} } = {}) {
    const wasi = new WASI({ version: "preview1", preopens, env, returnOnExit: true });
    const module = await WebAssembly.compile(await readFile(join(here, path)));
    const g = new Guest();
    const hostImports = {};
    for (const [mod, fns] of Object.entries(imports)) {
      hostImports[mod] = {};
      for (const [name, fn] of Object.entries(fns)) hostImports[mod][name] = (...args) => fn(g, ...args);
    }
    g.instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wasi.wasiImport, ...hostImports });
    g.x = g.instance.exports;
    wasi.initialize(g.instance); // calls _initialize once, before any other export
    return g;
  }
  get view() { return new DataView(this.x.memory.buffer); }
  u8(p) { return this.view.getUint8(p); }
  u16(p) { return this.view.getUint16(p, true); }
  u32(p) { return this.view.getUint32(p, true); }
  f64(p) { return this.view.getFloat64(p, true); }
  setU8(p, v) { this.view.setUint8(p, v); }
  setU16(p, v) { this.view.setUint16(p, v, true); }
  setU32(p, v) { this.view.setUint32(p, v, true); }
  setF64(p, v) { this.view.setFloat64(p, v, true); }
  alloc(align, size) { return this.x.cabi_realloc(0, 0, align, size) >>> 0; }
  // Lowers a string: the guest owns the buffer afterwards.
  string(s) {
    const bytes = utf8.encode(s);
    const ptr = this.alloc(1, bytes.length);
    new Uint8Array(this.x.memory.buffer, ptr, bytes.length).set(bytes);
    return [ptr, bytes.length];
  }
  readString(ptr, len) { return fromUtf8.decode(new Uint8Array(this.x.memory.buffer, ptr, len)); }
  bytes(ptr, len) { return new Uint8Array(this.x.memory.buffer, ptr, len); }
  // string at p: ptr at p, len at p + 4
  stringAt(p) { return this.readString(this.u32(p), this.u32(p + 4)); }
  // result<string, string> at p: discriminant at 0, string at 4
  resultStringString(p) { return this.u8(p) === 0 ? { ok: this.stringAt(p + 4) } : { err: this.stringAt(p + 4) }; }
  // Calls an export with a return area, reads it, then calls its cabi_post_.
  callRet(name, read, ...args) {
    const ret = this.x[name](...args) >>> 0;
    const value = read(ret);
    const post = this.x["cabi_post_" + name];
    if (post) post(ret);
    return value;
  }
}

let failures = 0;
function check(label, cond, got) {
  console.log(`${cond ? "ok  " : "FAIL"} ${label}${cond ? "" : "  got: " + JSON.stringify(got)}`);
  if (!cond) failures++;
}

// ---------------------------------------------------------------- calculator

async function calculator() {
  const g = await Guest.load("calculator/calculator.wasm");
  const C = "asterai:calculator/calc@0.1.0#";
  check("calc add(1.5, 2.25) = 3.75", g.x[C + "add"](1.5, 2.25) === 3.75);

  // eval: (ptr, len) -> ptr to result<f64, string> (discriminant at 0, payload at 8)
  const evalExpr = (s) => g.callRet(C + "eval",
    (p) => (g.u8(p) === 0 ? { ok: g.f64(p + 8) } : { err: g.stringAt(p + 8) }), ...g.string(s));
  check('calc eval("2*(3+4)") = ok(14)', evalExpr("2*(3+4)").ok === 14, evalExpr("2*(3+4)"));
  check('calc eval("-(1.5 + .5) / 4") = ok(-0.5)', evalExpr("-(1.5 + .5) / 4").ok === -0.5);
  const div = evalExpr("1/0");
  check('calc eval("1/0") = err(division by zero ...)', div.err?.startsWith("division by zero"), div);
  const syn = evalExpr("2*(3+");
  check('calc eval("2*(3+") = err(...)', typeof syn.err === "string", syn);

  check("calc fib(90) = 2880067194370816120", g.x[C + "fib"](90) === 2880067194370816120n);

  // echo-records: list<entry>, entry = { key: string @0, tags: list<string> @8, weight: f64 @16 }, size 24 align 8
  const items = [{ key: "a", tags: ["x", "ÿ"], weight: 1.25 }, { key: "", tags: [], weight: -3 }];
  const list = g.alloc(8, 24 * items.length);
  items.forEach((it, i) => {
    const e = list + 24 * i;
    const [kp, kl] = g.string(it.key);
    const tags = g.alloc(4, 8 * it.tags.length);
    it.tags.forEach((t, j) => { const [tp, tl] = g.string(t); g.setU32(tags + 8 * j, tp); g.setU32(tags + 8 * j + 4, tl); });
    g.setU32(e, kp); g.setU32(e + 4, kl); g.setU32(e + 8, tags); g.setU32(e + 12, it.tags.length); g.setF64(e + 16, it.weight);
  });
  const echoed = g.callRet(C + "echo-records", (p) => {
    const [ptr, len] = [g.u32(p), g.u32(p + 4)];
    return Array.from({ length: len }, (_, i) => {
      const e = ptr + 24 * i;
      const tags = Array.from({ length: g.u32(e + 12) }, (_, j) => g.stringAt(g.u32(e + 8) + 8 * j));
      return { key: g.stringAt(e), tags, weight: g.f64(e + 16) };
    });
  }, list, items.length);
  check("calc echo-records round trip", JSON.stringify(echoed) === JSON.stringify(items), echoed);

  const T = "asterai:agent/tool@0.1.0#";
  const info = g.callRet(T + "describe", (p) => ({ name: g.stringAt(p), description: g.stringAt(p + 8), schema: g.stringAt(p + 16) }));
  check("calc tool describe", info.name === "calculator" && JSON.parse(info.schema).required[0] === "expression", info);
  const call = g.callRet(T + "call", (p) => g.resultStringString(p), ...g.string('{"expression": "2*(3+4)"}'));
  check('calc tool call {"expression":"2*(3+4)"} = ok({"result":14})', call.ok === '{"result":14}', call);
}

// ---------------------------------------------------------------- memory

const logLevels = ["trace", "debug", "info", "warn", "error"];
const logged = [];
const logImport = {
  // log(level, msg ptr, msg len, fields ptr, fields len); fields: list<tuple<string, string>>, 16 bytes each
  log: (g, level, mp, ml, fp, fl) => {
    const fields = Array.from({ length: fl }, (_, i) => [g.stringAt(fp + 16 * i), g.stringAt(fp + 16 * i + 8)]);
    logged.push({ level: logLevels[level], message: g.readString(mp, ml), fields });
  },
};

async function memory(dir) {
  const g = await Guest.load("memory/memory.wasm", { preopens: { "/data": dir }, imports: { "asterai:log/logger@0.1.0": logImport } });
  const M = "asterai:agent/memory@0.1.0#";
  // store: (key, value) -> ptr to result<_, string>
  const store = (k, v) => g.callRet(M + "store", (p) => (g.u8(p) === 0 ? { ok: null } : { err: g.stringAt(p + 4) }), ...g.string(k), ...g.string(v));
  // recall: key -> ptr to option<string> (0 none, 1 some; string at 4)
  const recall = (k) => g.callRet(M + "recall", (p) => (g.u8(p) === 0 ? null : g.stringAt(p + 4)), ...g.string(k));
  const listKeys = () => g.callRet(M + "list-keys", (p) => Array.from({ length: g.u32(p + 4) }, (_, i) => g.stringAt(g.u32(p) + 8 * i)));
  const forget = (k) => g.x[M + "forget"](...g.string(k)) === 1;

  check("memory store", store("greeting", "hello ✓").ok === null);
  check("memory file in /data", (await readFile(join(dir, "greeting"), "utf8")) === "hello ✓");
  check("memory recall", recall("greeting") === "hello ✓");
  check("memory recall missing = none", recall("missing") === null);
  const bad = store("../escape", "x");
  check("memory store rejects ../escape", typeof bad.err === "string", bad);
  check("memory store rejects a/b", typeof store("a/b", "x").err === "string");
  store("another", "2");
  check("memory list-keys", JSON.stringify(listKeys()) === '["another","greeting"]', listKeys());
  check("memory forget", forget("another") === true && forget("another") === false);
  check("memory logged the store", logged.some((l) => l.level === "debug" && l.message === "memory: stored" && l.fields[0][1] === "greeting"), logged);
  const T = "asterai:agent/tool@0.1.0#";
  const r = g.callRet(T + "call", (p) => g.resultStringString(p), ...g.string('{"op":"recall","key":"greeting"}'));
  check("memory tool recall", r.ok === '{"found":true,"value":"hello ✓"}', r);
}

// ---------------------------------------------------------------- web-fetch

// A fake asterai:http/outgoing#send: reads the flattened request and writes
// result<response, error> into the guest's return area (the last parameter):
// discriminant at 0; ok: status u16 at 4, headers list at 8/12, body at 16/20;
// err: error discriminant at 4, string at 8/12. Buffers come from cabi_realloc.
function fakeSend(respond) {
  return (g, mp, ml, up, ul, hp, hl, bodySome, bp, bl, tSome, t, ret) => {
    const req = {
      method: g.readString(mp, ml), url: g.readString(up, ul),
      headers: Array.from({ length: hl }, (_, i) => [g.stringAt(hp + 16 * i), g.stringAt(hp + 16 * i + 8)]),
      body: bodySome ? g.bytes(bp, bl).slice() : null, timeoutMs: tSome ? t >>> 0 : null,
    };
    const res = respond(req);
    if (res.error) {
      g.setU8(ret, 1);
      g.setU8(ret + 4, ["denied", "invalid-url", "timeout", "too-large", "failed"].indexOf(res.error));
      if (res.message !== undefined) { const [p, l] = g.string(res.message); g.setU32(ret + 8, p); g.setU32(ret + 12, l); }
      return;
    }
    const headers = g.alloc(4, 16 * res.headers.length);
    res.headers.forEach(([k, v], i) => {
      const [kp, kl] = g.string(k); const [vp, vl] = g.string(v);
      g.setU32(headers + 16 * i, kp); g.setU32(headers + 16 * i + 4, kl); g.setU32(headers + 16 * i + 8, vp); g.setU32(headers + 16 * i + 12, vl);
    });
    const body = g.alloc(1, res.body.length);
    g.bytes(body, res.body.length).set(res.body);
    g.setU8(ret, 0); g.setU16(ret + 4, res.status);
    g.setU32(ret + 8, headers); g.setU32(ret + 12, res.headers.length); g.setU32(ret + 16, body); g.setU32(ret + 20, res.body.length);
  };
}

async function webFetch() {
  let seen;
  const send = fakeSend((req) => {
    seen = req;
    if (req.url.includes("denied")) return { error: "denied", message: "host not granted" };
    return { status: 200, headers: [["content-type", "text/plain"]], body: utf8.encode("x".repeat(5000)) };
  });
  const g = await Guest.load("web-fetch/web-fetch.wasm", { imports: { "asterai:http/outgoing@0.1.0": { send }, "asterai:log/logger@0.1.0": logImport } });
  const T = "asterai:agent/tool@0.1.0#";
  const call = (args) => g.callRet(T + "call", (p) => g.resultStringString(p), ...g.string(args));
  const r = call('{"url":"https://example.com/"}');
  const j = JSON.parse(r.ok);
  check("web-fetch sends GET with timeout", seen.method === "GET" && seen.url === "https://example.com/" && seen.timeoutMs === 10000 && seen.body === null, seen);
  check("web-fetch returns status and 4 KiB", j.status === 200 && j.body.length === 4096 && j.truncated === true && j.bytes === 5000, j);
  const d = call('{"url":"https://denied.example/"}');
  check("web-fetch reports denial", d.err === "request failed: denied: host not granted", d);
}

// ---------------------------------------------------------------- hostile

const PROBE = "asterai:test/probe@0.1.0#";
const run = (g, arg) => (arg === undefined
  ? g.callRet(PROBE + "run", (p) => g.resultStringString(p))
  : g.callRet(PROBE + "run-with", (p) => g.resultStringString(p), ...g.string(arg)));

async function hostile(base) {
  const data = join(base, "data");
  await mkdir(data);
  await writeFile(join(base, "secret.txt"), "TOP SECRET\n");
  await symlink(join(base, "secret.txt"), join(data, "link"));
  for (const name of ["read-passwd", "write-outside", "symlink-escape"]) {
    const g = await Guest.load(`hostile/${name}/${name}.wasm`, { preopens: { "/data": data } });
    const r = run(g);
    check(`${name}: node:wasi refuses every attempt`, r.ok !== undefined, r.err);
  }
  const outside = (await readdir(base)).sort();
  check("nothing written outside /data", JSON.stringify(outside) === '["data","secret.txt"]', outside);

  let g = await Guest.load("hostile/read-env/read-env.wasm", { env: { SECRET_TOKEN: "s3cret" } });
  let r = run(g);
  check("read-env: a visible SECRET_TOKEN is reported as err", r.err?.includes("SECRET_TOKEN=s3cret"), r);
  g = await Guest.load("hostile/read-env/read-env.wasm");
  check("read-env: no SECRET_TOKEN gives ok", run(g).ok !== undefined);

  g = await Guest.load("hostile/grow-memory/grow-memory.wasm");
  r = run(g, "64");
  check("grow-memory run-with(64) grows 64 pages", r.ok?.includes("grown=64"), r);

  const send = fakeSend(() => ({ error: "denied", message: "no hosts granted" }));
  g = await Guest.load("hostile/http-denied/http-denied.wasm", { imports: { "asterai:http/outgoing@0.1.0": { send } } });
  check("http-denied: denied(...) gives ok", run(g).ok !== undefined);

  // call(component, function, args, retptr): write err("not declared") to the return area
  const components = {
    call: (g, cp, cl, fp, fl, ap, al, ret) => { g.setU8(ret, 1); const [p, l] = g.string("not declared"); g.setU32(ret + 4, p); g.setU32(ret + 8, l); },
    list: (g, ret) => { g.setU32(ret, 4); g.setU32(ret + 4, 0); },
  };
  g = await Guest.load("hostile/call-undeclared/call-undeclared.wasm", { imports: { "asterai:host/components@0.1.0": components } });
  check("call-undeclared: refusal gives ok", run(g).ok !== undefined);

  // loop-forever never returns: run it in a worker and terminate it.
  const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { loop: true } });
  const returned = await Promise.race([
    new Promise((res) => worker.once("message", () => res(true))),
    new Promise((res) => setTimeout(() => res(false), 500)),
  ]);
  await worker.terminate();
  check("loop-forever: still running after 500 ms, then terminated", returned === false);
}

if (!isMainThread && workerData?.loop) {
  const g = await Guest.load("hostile/loop-forever/loop-forever.wasm");
  run(g);
  parentPort.postMessage("returned");
} else {
  const base = await mkdtemp(join(tmpdir(), "asterai-smoke-"));
  try {
    await calculator();
    await mkdir(join(base, "memory"));
    await memory(join(base, "memory"));
    await webFetch();
    await mkdir(join(base, "hostile"));
    await hostile(join(base, "hostile"));
  } finally {
    await rm(base, { recursive: true, force: true });
  }
  console.log(failures ? `${failures} check(s) FAILED` : "all checks passed");
  process.exit(failures ? 1 : 0);
}
