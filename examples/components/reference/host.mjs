// The reference host: runs a component under Node through `jco transpile` and records what a list
// of calls returns, as JSON in the runtime's WitJson encoding (docs/runtime.md, "JSON value
// mapping"), so the Java runtime can run the same calls and compare value by value.
//
//   node reference/host.mjs --component X.wasm --wit WIT_DIR --world WORLD --calls calls.json
//        [--out expected.json] [--work DIR] [--check] [--wasi] [--preopen GUEST=HOST]... [--serve]
//
// --work is where the transpiled JavaScript goes (default: target/reference/<component name>
// under examples/components, never committed). --check compares with --out instead of writing it
// and exits 1 on a difference. --wasi gives a component that imports WASI 0.2 interfaces those of
// @bytecodealliance/preview2-shim (Node's console, clocks, random, file system); without it a
// component with imports is refused. --preopen (repeatable; with --wasi) gives the component exactly
// those directories (GUEST=HOST, HOST relative to the current directory) instead of the shim's
// default; --serve starts reference/test-server.mjs on 127.0.0.1 and replaces `${server}` in the
// calls' string arguments with its base URL (expected.json keeps `${server}`, so it does not depend
// on the port). The encoding is described in docs/examples.md ("Reference host").
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findWorld, readWit, resolveNamed, worldExports } from './wit.mjs';
import { parseJson, Raw, writeJson } from './json.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const toolDir = resolve(here, '..');
const jcoBin = join(toolDir, 'node_modules', '.bin', 'jco');

function options(argv) {
  const o = { check: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--check') o.check = true;
    else if (a === '--wasi') o.wasi = true;
    else if (a === '--serve') o.serve = true;
    else if (a === '--preopen') (o.preopens ??= []).push(argv[++i]);
    else if (a.startsWith('--')) o[a.slice(2)] = argv[++i];
    else throw new Error(`unknown argument ${a}`);
  }
  for (const k of ['component', 'wit', 'world', 'calls']) if (!o[k]) throw new Error(`--${k} is required`);
  o.out ??= join(dirname(o.calls), 'expected.json');
  o.work ??= join(toolDir, 'target', 'reference', basename(o.component, '.wasm'));
  return o;
}

const camel = (s) => s.replace(/-([a-zA-Z0-9])/g, (_, c) => c.toUpperCase());
const upperCamel = (s) => { const c = camel(s); return c[0].toUpperCase() + c.slice(1); };

// ------------------------------------------------------------------ types

function resolveType(ctx, type, scope) {
  let t = type; let s = scope;
  while (t.kind === 'ref') {
    const { def, iface } = resolveNamed(ctx.pkgs, s, t.name);
    if (def.kind === 'alias') { t = def.type; s = iface; continue; }
    if (def.kind === 'resource') return { t: { kind: 'own', ref: def.name, def }, s: iface };
    return { t: def, s: iface };
  }
  if ((t.kind === 'own' || t.kind === 'borrow') && !t.def) {
    const { def, iface } = resolveNamed(ctx.pkgs, s, t.ref);
    return { t: { ...t, def }, s: iface };
  }
  return { t, s };
}

const isOption = (ctx, type, scope) => resolveType(ctx, type, scope).t.kind === 'option';

const TYPED_ARRAYS = { u8: Uint8Array, s8: Int8Array, u16: Uint16Array, s16: Int16Array, u32: Uint32Array,
  s32: Int32Array, u64: BigUint64Array, s64: BigInt64Array, f32: Float32Array, f64: Float64Array };
const INT_RANGES = { u8: [0, 255], s8: [-128, 127], u16: [0, 65535], s16: [-32768, 32767],
  u32: [0, 4294967295], s32: [-2147483648, 2147483647] };

function fail(path, msg) { throw new Error(`calls: ${path || 'value'}: ${msg}`); }

function floatIn(j, path) {
  if (j instanceof Raw) return Number(j.text);
  if (j === 'NaN') return NaN;
  if (j === 'Infinity') return Infinity;
  if (j === '-Infinity') return -Infinity;
  return fail(path, `expected a number, got ${JSON.stringify(j)}`);
}

/** JSON (WitJson form) -> the JavaScript value jco's bindings take. */
function toJs(ctx, type, scope, j, path) {
  const { t, s } = resolveType(ctx, type, scope);
  switch (t.kind) {
    case 'prim':
      switch (t.name) {
        case 'bool': if (typeof j !== 'boolean') fail(path, 'expected true or false'); return j;
        case 'u64': case 's64': if (!(j instanceof Raw)) fail(path, 'expected an integer'); return BigInt(j.text);
        case 'f32': case 'f64': return floatIn(j, path);
        case 'char': case 'string': if (typeof j !== 'string') fail(path, 'expected a string'); return j;
        default: {
          if (!(j instanceof Raw) || !/^-?[0-9]+$/.test(j.text)) fail(path, `expected an integer (${t.name})`);
          const n = Number(j.text); const [lo, hi] = INT_RANGES[t.name];
          if (n < lo || n > hi) fail(path, `${j.text} is out of range for ${t.name}`);
          return n;
        }
      }
    case 'list': {
      if (!Array.isArray(j)) fail(path, 'expected an array');
      const items = j.map((x, i) => toJs(ctx, t.elem, s, x, `${path}[${i}]`));
      const e = resolveType(ctx, t.elem, s).t;
      return e.kind === 'prim' && TYPED_ARRAYS[e.name] ? TYPED_ARRAYS[e.name].from(items) : items;
    }
    case 'tuple':
      if (!Array.isArray(j) || j.length !== t.types.length) fail(path, `expected an array of ${t.types.length}`);
      return t.types.map((x, i) => toJs(ctx, x, s, j[i], `${path}[${i}]`));
    case 'option':
      if (isOption(ctx, t.inner, s)) { // outer option of a nested option: tagged both ways
        if (j === null) return { tag: 'none' };
        if (typeof j !== 'object' || !('some' in j)) fail(path, 'a nested option is null or {"some": value}');
        return { tag: 'some', val: toJs(ctx, t.inner, s, j.some, `${path}.some`) };
      }
      return j === null ? undefined : toJs(ctx, t.inner, s, j, path);
    case 'result': {
      if (j === null || typeof j !== 'object' || Object.keys(j).length !== 1) fail(path, 'a result is {"ok": v} or {"err": e}');
      const ok = 'ok' in j; const pt = ok ? t.ok : t.err;
      return { tag: ok ? 'ok' : 'err', val: pt ? toJs(ctx, pt, s, ok ? j.ok : j.err, `${path}.${ok ? 'ok' : 'err'}`) : undefined };
    }
    case 'record': {
      if (j === null || typeof j !== 'object' || Array.isArray(j)) fail(path, `expected an object for record ${t.name}`);
      const out = {};
      for (const f of t.fields) {
        if (!(f.name in j) && isOption(ctx, f.type, s)) { out[camel(f.name)] = undefined; continue; }
        if (!(f.name in j)) fail(`${path}.${f.name}`, `missing field of record ${t.name}`);
        out[camel(f.name)] = toJs(ctx, f.type, s, j[f.name], `${path}.${f.name}`);
      }
      for (const k of Object.keys(j)) if (!t.fields.some((f) => f.name === k)) fail(`${path}.${k}`, `record ${t.name} has no such field`);
      return out;
    }
    case 'variant': {
      const tag = typeof j === 'string' ? j : j?.tag;
      const c = t.cases.find((x) => x.name === tag);
      if (!c) fail(path, `'${tag}' is not a case of ${t.name}`);
      if (!c.type) return { tag };
      if (typeof j !== 'object' || !('value' in j)) fail(path, `case ${tag} needs a value`);
      return { tag, val: toJs(ctx, c.type, s, j.value, `${path}.value`) };
    }
    case 'enum': if (!t.cases.includes(j)) fail(path, `'${j}' is not a case of ${t.name}`); return j;
    case 'flags': {
      if (!Array.isArray(j)) fail(path, 'expected an array of flag names');
      for (const f of j) if (!t.flags.includes(f)) fail(path, `'${f}' is not a flag of ${t.name}`);
      const out = {};
      for (const f of t.flags) out[camel(f)] = j.includes(f);
      return out;
    }
    case 'own': case 'borrow': {
      if (j === null || typeof j !== 'object' || typeof j.handle !== 'string') fail(path, 'a resource is {"handle": "name#n"}');
      const h = ctx.handles.get(j.handle);
      if (!h) fail(path, `no handle ${j.handle} was received`);
      return h.obj;
    }
    default: throw new Error(`unsupported type ${t.kind}`);
  }
}

function shortestF32(x) {
  for (let p = 1; p <= 9; p++) {
    const v = Number(x.toPrecision(p));
    if (Math.fround(v) === x) return v;
  }
  return x;
}

function floatOut(x, f32) {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (Object.is(x, -0)) return new Raw('-0.0');
  return new Raw(String(f32 ? shortestF32(x) : x));
}

/** What jco's bindings return -> JSON (WitJson form). */
function fromJs(ctx, type, scope, v) {
  const { t, s } = resolveType(ctx, type, scope);
  switch (t.kind) {
    case 'prim':
      switch (t.name) {
        case 'bool': case 'char': case 'string': return v;
        case 'f32': return floatOut(v, true);
        case 'f64': return floatOut(v, false);
        default: return new Raw(BigInt(v).toString());
      }
    case 'list': return Array.from(v, (x) => fromJs(ctx, t.elem, s, x));
    case 'tuple': return t.types.map((x, i) => fromJs(ctx, x, s, v[i]));
    case 'option':
      if (isOption(ctx, t.inner, s)) return v.tag === 'none' ? null : { some: fromJs(ctx, t.inner, s, v.val) };
      return v === undefined || v === null ? null : fromJs(ctx, t.inner, s, v);
    case 'result': {
      const pt = v.tag === 'ok' ? t.ok : t.err;
      return { [v.tag]: pt ? fromJs(ctx, pt, s, v.val) : null };
    }
    case 'record': {
      const out = {};
      for (const f of t.fields) out[f.name] = fromJs(ctx, f.type, s, v[camel(f.name)]);
      return out;
    }
    case 'variant': {
      const c = t.cases.find((x) => x.name === v.tag);
      return c.type ? { tag: v.tag, value: fromJs(ctx, c.type, s, v.val) } : { tag: v.tag };
    }
    case 'enum': return v;
    case 'flags': return t.flags.filter((f) => v[camel(f)]);
    case 'own': {
      const n = (ctx.counts.get(t.ref) ?? 0) + 1;
      ctx.counts.set(t.ref, n);
      const name = `${t.ref}#${n}`;
      ctx.handles.set(name, { obj: v, resource: t.ref });
      return { handle: name };
    }
    default: throw new Error(`cannot return ${t.kind}`);
  }
}

// ------------------------------------------------------------------ running

function transpile(o) {
  rmSync(o.work, { recursive: true, force: true });
  mkdirSync(o.work, { recursive: true });
  const started = process.hrtime.bigint();
  execFileSync(jcoBin, ['transpile', resolve(o.component), '-o', o.work, '--name', 'component',
    '--instantiation', 'async', '--no-typescript', '--quiet'], { stdio: ['ignore', 'ignore', 'inherit'] });
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** The world's exports as `jco wit` prints them from the binary: interface names and function names. */
function binaryExports(o) {
  const wit = execFileSync(jcoBin, ['wit', resolve(o.component)], { encoding: 'utf8' });
  const exports = []; const imports = [];
  for (const line of wit.split('\n')) {
    let m;
    if ((m = /^\s*export ([^:;\s]+): func/.exec(line))) exports.push(m[1]);
    else if ((m = /^\s*export ([^;\s]+);/.exec(line))) exports.push(m[1]);
    else if ((m = /^\s*import ([^;\s]+);/.exec(line)) || (m = /^\s*import ([^:;\s]+): func/.exec(line))) imports.push(m[1]);
  }
  return { exports: exports.sort(), imports: imports.sort(), wit };
}

function witExports(pkgs, world) {
  return world.exports.map((e) => {
    if (e.kind === 'func') return e.name;
    const pkg = e.pkg ?? world.pkg;
    const [base, version] = pkg.split('@');
    return `${base}/${e.iface}${version ? '@' + version : ''}`;
  }).sort();
}

/** `wasi:pkg/iface@v` -> preview2-shim's pkg.iface, keyed as jco's instantiate() asks (no version). */
async function wasiImports(names) {
  const shim = await import('@bytecodealliance/preview2-shim');
  const out = {};
  for (const n of names) {
    const [, pkg, iface] = /^wasi:([^/]+)\/([^@]+)/.exec(n);
    const m = shim[camel(pkg)]?.[camel(iface)];
    if (!m) throw new Error(`preview2-shim has no ${n}`);
    out[`wasi:${pkg}/${iface}`] = m;
  }
  return out;
}

async function main() {
  const o = options(process.argv.slice(2));
  const pkgs = readWit(o.wit);
  const world = findWorld(pkgs, o.world);
  const exports = worldExports(pkgs, world);

  const bin = binaryExports(o);
  const declared = witExports(pkgs, world);
  if (JSON.stringify(bin.exports) !== JSON.stringify(declared)) {
    throw new Error(`the component's exports (${bin.exports.join(', ')}) differ from world ${o.world} in ${o.wit} (${declared.join(', ')})`);
  }
  let imports = {};
  if (bin.imports.length) {
    const other = bin.imports.filter((i) => !i.startsWith('wasi:'));
    if (!o.wasi || other.length) {
      throw new Error(`the component imports ${(o.wasi ? other : bin.imports).join(', ')}: the reference host gives `
        + 'components no imports, or with --wasi the WASI 0.2 interfaces of @bytecodealliance/preview2-shim');
    }
    imports = await wasiImports(bin.imports);
  }
  if (o.preopens) {
    const shim = await import('@bytecodealliance/preview2-shim');
    const map = {};
    for (const p of o.preopens) {
      const eq = p.indexOf('=');
      if (eq <= 0) throw new Error(`--preopen ${p}: expected GUEST=HOST`);
      map[p.slice(0, eq)] = resolve(p.slice(eq + 1));
    }
    shim.filesystem._setPreopens(map);
  }
  const server = o.serve ? await (await import('./test-server.mjs')).startTestServer() : null;
  const served = (j) => {
    if (!server) return j;
    if (typeof j === 'string') return j.replaceAll('${server}', server.url);
    if (Array.isArray(j)) return j.map(served);
    return j;
  };

  const transpileMs = transpile(o);
  const { instantiate } = await import(pathToFileURL(join(o.work, 'component.js')).href);
  const cores = new Map();
  const getCoreModule = (p) => {
    if (!cores.has(p)) cores.set(p, WebAssembly.compile(readFileSync(join(o.work, p))));
    return cores.get(p);
  };

  const calls = parseJson(readFileSync(o.calls, 'utf8'));
  if (!Array.isArray(calls)) throw new Error('calls: expected an array of calls');
  const ctx = { pkgs, handles: new Map(), counts: new Map() };
  let instance = null;
  const results = [];
  for (const [i, call] of calls.entries()) {
    const f = exports.get(call.export);
    if (!f) throw new Error(`calls[${i}]: no export ${call.export} (exports: ${[...exports.keys()].join(', ')})`);
    if (call.fresh === true || !instance) instance = await instantiate(getCoreModule, imports);
    const args = call.args ?? [];
    if (args.length !== f.params.length) throw new Error(`calls[${i}]: ${call.export} takes ${f.params.length} arguments, got ${args.length}`);
    const jsArgs = f.params.map((p, k) => toJs(ctx, p.type, f.scope, served(args[k]), `calls[${i}].args[${k}]`));
    const entry = { export: call.export, args };
    if (call.fresh === true) entry.fresh = true;
    const resultType = f.result ? resolveType(ctx, f.result, f.scope).t : null;
    try {
      let v;
      const ns = f.iface ? instance[f.iface] : instance;
      if (!ns) throw new Error(`the transpiled component has no export ${f.iface}`);
      switch (f.kind) {
        case 'constructor': v = new ns[upperCamel(f.resource)](...jsArgs); break;
        case 'static': v = ns[upperCamel(f.resource)][camel(f.method)](...jsArgs); break;
        case 'method': v = jsArgs[0][camel(f.method)](...jsArgs.slice(1)); break;
        case 'drop': jsArgs[0][Symbol.dispose](); v = undefined; break;
        default: v = ns[camel(f.name)](...jsArgs);
      }
      // jco returns a top-level result's ok value and throws its err payload (ComponentError).
      if (!resultType) entry.result = null;
      else if (resultType.kind === 'result') entry.result = { ok: resultType.ok ? fromJs(ctx, resultType.ok, f.scope, v) : null };
      else entry.result = fromJs(ctx, f.result, f.scope, v);
    } catch (e) {
      if (resultType?.kind === 'result' && e?.constructor?.name === 'ComponentError' && 'payload' in e) {
        entry.result = { err: resultType.err ? fromJs(ctx, resultType.err, f.scope, e.payload) : null };
      } else {
        entry.trap = String(e?.message ?? e);
      }
    }
    results.push(entry);
  }
  await server?.stop();
  const text = writeJson(results);
  const summary = `${basename(o.component)}: ${results.length} calls (${results.filter((r) => 'trap' in r).length} traps), transpile ${(transpileMs / 1000).toFixed(1)} s`;
  if (o.check) {
    let old = null;
    try { old = readFileSync(o.out, 'utf8'); } catch { /* missing */ }
    if (old !== text) {
      writeFileSync(`${o.work}/expected.json`, text);
      console.error(`DIFFERS  ${o.out} (the reference host now gives ${o.work}/expected.json)`);
      process.exit(1);
    }
    console.error(`same     ${o.out} (${summary})`);
  } else {
    writeFileSync(o.out, text);
    console.error(`wrote ${o.out} (${summary})`);
  }
}

main().catch((e) => { console.error(`reference host: ${e.message}`); process.exit(1); });
