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

// ---------------------------------------------------------------- calculator releases

async function calculatorReleases() {
  const T = "asterai:agent/tool@0.1.0#";
  const call = (g, args) => g.callRet(T + "call", (p) => g.resultStringString(p), ...g.string(args));
  let g = await Guest.load("calculator-v2/calculator-v2.wasm");
  const r = call(g, '{"expression": "2*(3+4)"}');
  check('calculator 0.2.0 tool call = ok({"result":14,"engine":"v2"})', r.ok === '{"result":14,"engine":"v2"}', r);
  g = await Guest.load("calculator-broken/calculator-broken.wasm");
  const info = g.callRet(T + "describe", (p) => g.stringAt(p));
  check("calculator 0.3.0 instantiates and describes", info === "calculator", info);
  let trapped = null;
  try { call(g, '{"expression": "1"}'); } catch (e) { trapped = e; }
  check("calculator 0.3.0 tool call traps", trapped instanceof WebAssembly.RuntimeError, String(trapped));
}

// ---------------------------------------------------------------- llm-openai

const ROLES = ["system", "user", "assistant", "tool"];
const FINISH = ["stop", "length", "tool-calls", "content-filter", "other"];
const LLM_ERRORS = ["invalid-request", "unauthorized", "rate-limited", "provider", "bad-response"];

// Lowers a chat-request into complete's 10 flat parameters:
// model (ptr, len), messages (ptr, len), tools (ptr, len), max-tokens
// (is_some, u32), temperature (is_some, f32). Memory layouts: message 32
// bytes (role u8 @0, content @4, tool-calls @12, tool-call-id option @20:
// discriminant @20, string @24); tool-call and tool-definition 24 bytes
// (three strings @0, @8, @16).
function lowerChatRequest(g, req) {
  const putString = (at, s) => { const [p, l] = g.string(s); g.setU32(at, p); g.setU32(at + 4, l); };
  const [mp, ml] = g.string(req.model ?? "");
  const msgs = g.alloc(4, 32 * req.messages.length);
  req.messages.forEach((m, i) => {
    const e = msgs + 32 * i;
    g.setU8(e, ROLES.indexOf(m.role));
    putString(e + 4, m.content ?? "");
    const calls = m.toolCalls ?? [];
    const cp = g.alloc(4, 24 * calls.length);
    calls.forEach((c, k) => { putString(cp + 24 * k, c.id); putString(cp + 24 * k + 8, c.name); putString(cp + 24 * k + 16, c.arguments); });
    g.setU32(e + 12, cp); g.setU32(e + 16, calls.length);
    if (m.toolCallId === undefined) g.setU8(e + 20, 0);
    else { g.setU8(e + 20, 1); putString(e + 24, m.toolCallId); }
  });
  const tools = req.tools ?? [];
  const tp = g.alloc(4, 24 * tools.length);
  tools.forEach((t, k) => { putString(tp + 24 * k, t.name); putString(tp + 24 * k + 8, t.description); putString(tp + 24 * k + 16, t.schema); });
  return [mp, ml, msgs, req.messages.length, tp, tools.length,
    req.maxTokens == null ? 0 : 1, req.maxTokens ?? 0, req.temperature == null ? 0 : 1, req.temperature ?? 0];
}

// Reads result<chat-response, error> (40 bytes): discriminant @0; ok:
// role @4, content @8, tool-calls @16 (ptr) / @20 (count), tool-call-id
// discriminant @24, string @28, finish-reason @36; err: case @4, string @8.
function readComplete(g, p) {
  if (g.u8(p) === 1) return { err: { kind: LLM_ERRORS[g.u8(p + 4)], message: g.stringAt(p + 8) } };
  const calls = Array.from({ length: g.u32(p + 20) }, (_, k) => {
    const c = g.u32(p + 16) + 24 * k;
    return { id: g.stringAt(c), name: g.stringAt(c + 8), arguments: g.stringAt(c + 16) };
  });
  return {
    ok: {
      role: ROLES[g.u8(p + 4)], content: g.stringAt(p + 8), toolCalls: calls,
      toolCallId: g.u8(p + 24) ? g.stringAt(p + 28) : null, finishReason: FINISH[g.u8(p + 36)],
    },
  };
}

const completion = (message, finishReason) => JSON.stringify({
  id: "chatcmpl-1", object: "chat.completion", created: 1, model: "gpt-test",
  choices: [{ index: 0, message: { role: "assistant", ...message }, finish_reason: finishReason }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
});

async function llmOpenai() {
  let reply; // what the fake provider answers next: { status, headers, body } or { error, message }
  const requests = [];
  const send = fakeSend((req) => {
    requests.push({ ...req, json: req.body ? JSON.parse(new TextDecoder().decode(req.body)) : null });
    return reply.error ? reply : { status: reply.status ?? 200, headers: reply.headers ?? [["content-type", "application/json"]], body: typeof reply.body === "string" ? utf8.encode(reply.body) : reply.body };
  });
  const llmLog = [];
  const imports = {
    "asterai:http/outgoing@0.1.0": { send },
    "asterai:log/logger@0.1.0": { log: (g, ...a) => { logImport.log(g, ...a); llmLog.push(logged[logged.length - 1]); } },
  };
  const C = "asterai:llm/chat@0.1.0#complete";
  const load = (env) => Guest.load("llm-openai/llm-openai.wasm", { env, imports });
  const complete = (g, req) => g.callRet(C, (p) => readComplete(g, p), ...lowerChatRequest(g, req));

  let g = await load({ ASTERAI_LLM_BASE_URL: "http://127.0.0.1:8080/", ASTERAI_LLM_MODEL: "env-model", OPENAI_API_KEY: "sk-test-123" });
  const tricky = 'quote " backslash \\ newline \n tab \t cr \r ctrl \u0001\u001f del \u007f é ✓ 😀 \u2028 </script>';
  const schema = '{"type":"object","properties":{"expression":{"type":"string"}},"required":["expression"]}';
  const request = {
    model: "gpt-test",
    messages: [
      { role: "system", content: "You are terse." },
      { role: "user", content: tricky },
      { role: "assistant", content: "", toolCalls: [{ id: "call_a", name: "calculator", arguments: '{"expression":"2*(3+4)","opts":{"deep":[1,{"x":"y\\"z"}]}}' }] },
      { role: "tool", content: '{"result":14}', toolCallId: "call_a" },
    ],
    tools: [{ name: "calculator", description: "Arithmetic \"exactly\"", schema }],
    maxTokens: 256, temperature: 0.2,
  };
  reply = { body: completion({ content: null, tool_calls: [{ id: "call_b", type: "function", function: { name: "calculator", arguments: '{"expression":"1+1","nested":{"a":[1,2,{"b":null}]}}' } }] }, "tool_calls") };
  let r = complete(g, request);
  let sent = requests.at(-1);
  check("llm-openai POSTs to {base}/v1/chat/completions with a timeout", sent.method === "POST" && sent.url === "http://127.0.0.1:8080/v1/chat/completions" && sent.timeoutMs === 120000, sent);
  const hdr = Object.fromEntries(sent.headers);
  check("llm-openai sends Bearer key and JSON content type", hdr.authorization === "Bearer sk-test-123" && hdr["content-type"] === "application/json", sent.headers);
  const expected = {
    model: "gpt-test",
    messages: [
      { role: "system", content: "You are terse." },
      { role: "user", content: tricky },
      { role: "assistant", content: null, tool_calls: [{ id: "call_a", type: "function", function: { name: "calculator", arguments: request.messages[2].toolCalls[0].arguments } }] },
      { role: "tool", content: '{"result":14}', tool_call_id: "call_a" },
    ],
    tools: [{ type: "function", function: { name: "calculator", description: 'Arithmetic "exactly"', parameters: JSON.parse(schema) } }],
    max_tokens: 256, temperature: 0.2,
  };
  check("llm-openai request body (escaping, roles, tool calls, tools, options)", JSON.stringify(sent.json) === JSON.stringify(expected), sent.json);
  check("llm-openai reads tool calls and finish reason", JSON.stringify(r) === JSON.stringify({ ok: { role: "assistant", content: "", toolCalls: [{ id: "call_b", name: "calculator", arguments: '{"expression":"1+1","nested":{"a":[1,2,{"b":null}]}}' }], toolCallId: null, finishReason: "tool-calls" } }), r);

  reply = { body: '{"choices":[{"message":{"role":"assistant","content":"Hi \\"there\\" \\u00e9\\ud83d\\ude00\\n\\ud800!"},"finish_reason":"stop"}]}' };
  r = complete(g, { model: "", messages: [{ role: "user", content: "hi" }] });
  sent = requests.at(-1);
  check("llm-openai uses ASTERAI_LLM_MODEL when the request's model is empty; no tools, no options", JSON.stringify(sent.json) === '{"model":"env-model","messages":[{"role":"user","content":"hi"}]}', sent.json);
  check("llm-openai decodes content escapes (lone surrogate -> U+FFFD)", r.ok?.content === 'Hi "there" é😀\n\ufffd!' && r.ok.finishReason === "stop" && r.ok.toolCalls.length === 0, r);

  // Ollama-style: arguments as an object (passed on as raw JSON text), no id, no finish_reason.
  const rawArgs = '{ "expression" : "2*(3+4)", "nested": {"a": [1, 2.5e3, {"b": null}], "s": "\\u00e9"} }';
  reply = { body: `{"choices":[{"message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"calculator","arguments":${rawArgs}}}]}}]}` };
  r = complete(g, { model: "m", messages: [{ role: "user", content: "x" }] });
  check("llm-openai passes object arguments through verbatim, invents a missing id", r.ok?.toolCalls[0]?.arguments === rawArgs && r.ok.toolCalls[0].id === "call_0" && r.ok.finishReason === "tool-calls", r);

  const deep = (n) => "[".repeat(n) + "]".repeat(n);
  reply = { body: `{"choices":[{"message":{"tool_calls":[{"id":"d","function":{"name":"n","arguments":{"a":${deep(120)}}}}]},"finish_reason":"tool_calls"}]}` };
  r = complete(g, { model: "m", messages: [{ role: "user", content: "x" }] });
  check("llm-openai accepts arguments nested 120 deep", r.ok?.toolCalls[0]?.arguments === `{"a":${deep(120)}}`, r);
  reply = { body: `{"choices":[{"message":{"content":${deep(5000)}}}]}` };
  r = complete(g, { model: "m", messages: [{ role: "user", content: "x" }] });
  check("llm-openai refuses JSON nested 5000 deep without trapping", r.err?.kind === "bad-response" && r.err.message.includes("nested too deeply"), r);

  const errorCase = async (label, rep, kind, message) => {
    reply = rep;
    const res = complete(g, { model: "m", messages: [{ role: "user", content: "x" }] });
    const ok = res.err?.kind === kind && (message instanceof RegExp ? message.test(res.err.message) : res.err.message === message);
    check(`llm-openai ${label} -> ${kind}`, ok, res);
  };
  await errorCase("HTTP 400", { status: 400, body: '{"error":{"message":"Unknown model m","type":"invalid_request_error"}}' }, "invalid-request", "HTTP 400: Unknown model m");
  await errorCase("HTTP 401", { status: 401, body: '{"error":{"message":"Incorrect API key"}}' }, "unauthorized", "HTTP 401: Incorrect API key");
  await errorCase("HTTP 429 with retry-after", { status: 429, headers: [["retry-after", "7"]], body: '{"error":{"message":"Rate limit reached"}}' }, "rate-limited", "HTTP 429: Rate limit reached (retry after 7)");
  await errorCase("HTTP 503 with a text body (bad UTF-8)", { status: 503, body: Uint8Array.of(...utf8.encode("upstream "), 0xff, ...utf8.encode(" down")) }, "provider", "HTTP 503: upstream \ufffd down");
  await errorCase("HTTP 404", { status: 404, body: '{"detail":"Not Found"}' }, "invalid-request", "HTTP 404: Not Found");
  await errorCase("HTTP 408", { status: 408, body: '{"message":"too slow"}' }, "provider", "HTTP 408: too slow");
  await errorCase("malformed JSON", { body: '{"choices":[{"message":' }, "bad-response", /^malformed JSON in the response \(HTTP 200\): .* at end of input$/);
  await errorCase("no choices", { body: '{"choices":[]}' }, "bad-response", "the response has no choices[0]");
  await errorCase("error object with HTTP 200", { body: '{"error":{"message":"model overloaded"}}' }, "provider", "HTTP 200 with an error: model overloaded");
  await errorCase("tool call without a name", { body: '{"choices":[{"message":{"tool_calls":[{"id":"x","function":{"arguments":"{}"}}]}}]}' }, "bad-response", "choices[0].message.tool_calls[0].function.name is missing");
  await errorCase("send denied", { error: "denied", message: "http://127.0.0.1:8080 not granted" }, "provider", "request to http://127.0.0.1:8080/v1/chat/completions failed: denied: http://127.0.0.1:8080 not granted");
  await errorCase("send timeout", { error: "timeout" }, "provider", "request to http://127.0.0.1:8080/v1/chat/completions failed: timeout");
  await errorCase("send invalid-url", { error: "invalid-url", message: "bad" }, "invalid-request", /failed: invalid-url: bad$/);

  const before = requests.length;
  r = complete(g, { model: "m", messages: [{ role: "user", content: "x" }], tools: [{ name: "t", description: "", schema: "{not json" }] });
  check("llm-openai refuses a tool schema that is not JSON, without sending", r.err?.kind === "invalid-request" && r.err.message.startsWith("tools[0] (t): parameters-schema is not a JSON object") && requests.length === before, r);
  r = complete(g, { model: "m", messages: [{ role: "user", content: "x" }], temperature: NaN });
  check("llm-openai refuses a NaN temperature", r.err?.kind === "invalid-request", r);
  check("llm-openai never logs the API key", llmLog.length > 0 && !JSON.stringify(llmLog).includes("sk-test"), llmLog);

  // No leaks: many calls with large messages leave the memory size unchanged.
  reply = { body: completion({ content: "y".repeat(20000) }, "stop") };
  const big = { model: "m", messages: [{ role: "user", content: "x".repeat(20000) }], tools: [{ name: "t", description: "d", schema }] };
  for (let i = 0; i < 5; i++) complete(g, big);
  const size = g.x.memory.buffer.byteLength;
  for (let i = 0; i < 200; i++) complete(g, big);
  check("llm-openai frees everything (memory stable over 200 calls)", g.x.memory.buffer.byteLength === size, [size, g.x.memory.buffer.byteLength]);

  // Another endpoint: base ending in /v1, no key, a key variable chosen by name.
  g = await load({ ASTERAI_LLM_BASE_URL: "http://localhost:11434/v1" });
  reply = { status: 401, body: "" };
  r = complete(g, { model: "", messages: [{ role: "user", content: "x" }] });
  sent = requests.at(-1);
  check("llm-openai without a key: no Authorization, default model, base ending in /v1", sent.url === "http://localhost:11434/v1/chat/completions" && !sent.headers.some(([k]) => k === "authorization") && sent.json.model === "gpt-4o-mini", sent);
  check("llm-openai 401 without a key says so", r.err?.kind === "unauthorized" && r.err.message === "HTTP 401: (empty body) (no API key sent: OPENAI_API_KEY is not set)", r);
  g = await load({ ASTERAI_LLM_API_KEY_ENV: "MY_LLM_KEY", MY_LLM_KEY: "local-key", ASTERAI_LLM_TIMEOUT_MS: "5000" });
  reply = { body: completion({ content: "ok" }, "length") };
  r = complete(g, { model: "m", messages: [{ role: "user", content: "x" }] });
  sent = requests.at(-1);
  check("llm-openai reads the key from the variable ASTERAI_LLM_API_KEY_ENV names; default base; timeout", sent.url === "https://api.openai.com/v1/chat/completions" && sent.headers.some(([k, v]) => k === "authorization" && v === "Bearer local-key") && sent.timeoutMs === 5000 && r.ok?.finishReason === "length", [sent.url, sent.headers, r]);
}

// ---------------------------------------------------------------- docs-search

const STOPWORDS = new Set(("a an and are as at be but by can do does for from has have he her his how i if in into is it its no not of on or she so such that the their then there these they this to was were what when where which who will with you your").split(" "));

// BM25 over plain ASCII paragraphs, as a reference for the guest's scores.
function bm25Reference(docs, query) {
  const tok = (s) => (s.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((t) => !STOPWORDS.has(t));
  const passages = [];
  for (const [file, text] of docs) for (const p of text.split(/\n[ \t]*\n/)) if (tok(p).length) passages.push({ file, passage: p.trim(), toks: tok(p) });
  const N = passages.length, avgdl = passages.reduce((s, p) => s + p.toks.length, 0) / N;
  const terms = [...new Set(tok(query))];
  for (const p of passages) {
    p.score = 0;
    for (const t of terms) {
      const n = passages.filter((q) => q.toks.includes(t)).length;
      if (!n) continue;
      const f = p.toks.filter((x) => x === t).length;
      p.score += Math.log(1 + (N - n + 0.5) / (n + 0.5)) * f * 2.2 / (f + 1.2 * (0.25 + 0.75 * p.toks.length / avgdl));
    }
  }
  return passages.filter((p) => p.score > 0).map((p, i) => ({ ...p, i })).sort((a, b) => b.score - a.score || a.i - b.i)
    .map((p) => ({ file: p.file, score: Math.round(p.score * 10000) / 10000, passage: p.passage }));
}

async function docsSearch(base) {
  const T = "asterai:agent/tool@0.1.0#";
  const call = (g, args) => g.callRet(T + "call", (p) => g.resultStringString(p), ...g.string(args));
  const search = (g, args) => { const r = call(g, JSON.stringify(args)); return r.ok !== undefined ? JSON.parse(r.ok).results : r; };

  // 1. Scores against a reference implementation, on plain paragraphs.
  const plain = join(base, "plain");
  await mkdir(join(plain, "sub"), { recursive: true });
  const docs = [
    ["a.md", "Backups of the PostgreSQL database run nightly.\n\nThe registry stores packages in S3 buckets.\n  \nRestore a backup with pg_restore and the backup file."],
    ["b.txt", "Nightly jobs: backup, vacuum, reindex.\n\nNothing about databases here, only buckets and buckets."],
    ["sub/c.md", "The agent calls tools. Tools are WebAssembly components.\n\nA database backup is a tool too, in theory."],
  ];
  for (const [f, t] of docs) await writeFile(join(plain, f), t);
  let g = await Guest.load("docs-search/docs-search.wasm", { preopens: { "/docs": plain }, imports: { "asterai:log/logger@0.1.0": logImport } });
  const info = g.callRet(T + "describe", (p) => ({ name: g.stringAt(p), schema: g.stringAt(p + 16) }));
  check("docs-search describe", info.name === "docs-search" && info.schema === '{"type":"object","properties":{"query":{"type":"string"},"limit":{"type":"integer"}},"required":["query"]}', info);
  for (const [query, limit] of [["database backup", 10], ["buckets", 10], ["PostgreSQL backup restore", 2], ["tools WebAssembly", undefined]]) {
    const got = search(g, limit === undefined ? { query } : { query, limit });
    const want = bm25Reference(docs, query).slice(0, limit ?? 3);
    check(`docs-search "${query}" matches the BM25 reference (${want.length} results)`, JSON.stringify(got) === JSON.stringify(want), { got, want });
  }
  check("docs-search logged the index", logged.some((l) => l.message === "docs-search: indexed /docs" && l.fields[0][1] === "3"), logged.at(-1));
  check("docs-search: only stopwords or unknown words give no results", JSON.stringify(search(g, { query: "the of zzzz" })) === "[]");

  // 2. Files, headings, long paragraphs, UTF-8.
  const rich = join(base, "rich");
  await mkdir(join(rich, "deep", "er"), { recursive: true });
  await writeFile(join(rich, "guide.MD"), "# Installation\n\nRun the installer and follow the prompts.\n\n## Upgrading\nUse the upgrade command.\n");
  await writeFile(join(rich, "deep", "er", "long.txt"), Array.from({ length: 60 }, (_, i) => `sentence number ${i} talks about zebras${i}`).join(" "));
  await writeFile(join(rich, "latin.txt"), Buffer.concat([Buffer.from("Le café est servi. Bad byte: "), Buffer.from([0xff, 0xfe]), Buffer.from(" end.")]));
  await writeFile(join(rich, "skip.bin"), "unicorn");
  await writeFile(join(rich, ".hidden.md"), "unicorn");
  await symlink(join(rich, "guide.MD"), join(rich, "link.md"));
  g = await Guest.load("docs-search/docs-search.wasm", { preopens: { "/docs": rich }, imports: { "asterai:log/logger@0.1.0": logImport } });
  let res = search(g, { query: "installation" });
  check("docs-search joins a heading to the paragraph after it", res.length === 1 && res[0].file === "guide.MD" && res[0].passage === "# Installation\n\nRun the installer and follow the prompts.", res);
  res = search(g, { query: "zebras59 zebras0" });
  check("docs-search cuts long paragraphs into ~500-byte windows", res.length === 2 && res.every((x) => x.file === "deep/er/long.txt" && x.passage.length <= 600) && res.some((x) => x.passage.endsWith("zebras59")), res);
  res = search(g, { query: "CAFÉ café", limit: 5 });
  check("docs-search keeps non-ASCII words, decodes bad bytes as U+FFFD", res.length === 1 && res[0].passage === "Le café est servi. Bad byte: \ufffd\ufffd end.", res);
  check("docs-search skips other extensions, hidden files and symbolic links", JSON.stringify(search(g, { query: "unicorn" })) === "[]" && search(g, { query: "upgrade" }).length === 1);
  res = search(g, { query: "sentence number", limit: 100 });
  check("docs-search limit is capped at 20 and results are sorted", res.length > 3 && res.length <= 20 && res.every((x, i) => i === 0 || res[i - 1].score >= x.score), res.length);
  for (const [args, want] of [
    ['{"limit":2}', 'invalid arguments: missing string member "query"'],
    ['{"query":"x","limit":"2"}', 'invalid arguments: "limit" must be a positive integer'],
    ['{"query":"x","limit":0}', 'invalid arguments: "limit" must be a positive integer'],
    ['{"query":"x","limit":1.5}', 'invalid arguments: "limit" must be a positive integer'],
    ['["query"]', "invalid arguments: arguments must be a JSON object"],
    ['{"query":', "invalid arguments: expected a value at end of input"],
  ]) {
    const r = call(g, args);
    check(`docs-search rejects ${args}`, r.err === want, r);
  }
  g = await Guest.load("docs-search/docs-search.wasm", { imports: { "asterai:log/logger@0.1.0": logImport } });
  const r = call(g, '{"query":"x"}');
  check("docs-search without /docs gives err", r.err?.startsWith("cannot read /docs: "), r);
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
    await calculatorReleases();
    await llmOpenai();
    await mkdir(join(base, "docs"));
    await docsSearch(join(base, "docs"));
    await mkdir(join(base, "hostile"));
    await hostile(join(base, "hostile"));
  } finally {
    await rm(base, { recursive: true, force: true });
  }
  console.log(failures ? `${failures} check(s) FAILED` : "all checks passed");
  process.exit(failures ? 1 : 0);
}
