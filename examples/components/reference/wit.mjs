// A small WIT reader for the reference host: enough of the WIT text format to know the type of
// every exported function of a fixture (packages, interfaces, worlds, use, type aliases, records,
// variants, enums, flags, resources with constructors, methods and static functions). It reads
// the WIT the fixture was built from (its wit/ folder with deps/); the reference host checks the
// result against the world `jco wit` prints from the component binary itself.
//
// Not supported (refused with an error): inline interfaces in worlds, include, futures, streams,
// async functions, error-context, fixed-length lists, maps.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const PRIMITIVES = new Set(['bool', 's8', 'u8', 's16', 'u16', 's32', 'u32', 's64', 'u64',
  'f32', 'f64', 'float32', 'float64', 'char', 'string']);

function tokenize(src, file) {
  const toks = [];
  let i = 0;
  const re = {
    space: /\s+/y, lineComment: /\/\/[^\n]*/y, id: /%?[a-zA-Z][a-zA-Z0-9]*(-[a-zA-Z0-9]+)*/y,
    version: /[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?/y, num: /[0-9]+/y,
  };
  const at = (r) => { r.lastIndex = i; const m = r.exec(src); return m ? m[0] : null; };
  while (i < src.length) {
    let m;
    if ((m = at(re.space))) { i += m.length; continue; }
    if ((m = at(re.lineComment))) { i += m.length; continue; }
    if (src.startsWith('/*', i)) {
      let depth = 0;
      do {
        if (src.startsWith('/*', i)) { depth++; i += 2; } else if (src.startsWith('*/', i)) { depth--; i += 2; } else i++;
      } while (depth > 0 && i < src.length);
      continue;
    }
    if (src.startsWith('->', i)) { toks.push({ t: '->', at: i }); i += 2; continue; }
    if (src[i] === '@' && (m = (re.version.lastIndex = i + 1, re.version.exec(src)))) {
      toks.push({ t: 'version', v: m[0], at: i }); i += 1 + m[0].length; continue;
    }
    if ((m = at(re.id))) { toks.push({ t: 'id', v: m.replace(/^%/, ''), at: i }); i += m.length; continue; }
    if ((m = at(re.num))) { toks.push({ t: 'num', v: m, at: i }); i += m.length; continue; }
    if ('{}()<>,:;=./*@_'.includes(src[i])) { toks.push({ t: src[i], at: i }); i++; continue; }
    throw new Error(`${file}: unexpected character ${JSON.stringify(src[i])} at ${i}`);
  }
  return toks;
}

class Parser {
  constructor(src, file) { this.toks = tokenize(src, file); this.p = 0; this.file = file; }
  peek(o = 0) { return this.toks[this.p + o]; }
  is(t, v) { const k = this.peek(); return k && k.t === t && (v === undefined || k.v === v); }
  eat(t, v) { if (this.is(t, v)) return this.toks[this.p++]; return null; }
  expect(t, v) {
    const k = this.eat(t, v);
    if (!k) {
      const got = this.peek();
      throw new Error(`${this.file}: expected ${v ?? t} at ${got ? got.at : 'end'}, got ${got ? (got.v ?? got.t) : 'end of file'}`);
    }
    return k;
  }
  id() { return this.expect('id').v; }
  skipAttributes() {
    while (this.is('@') && this.peek(1)?.t === 'id') { // @since(version = 1.2.3), @unstable(feature = x)
      this.p += 2;
      if (this.eat('(')) { let d = 1; while (d > 0) { const k = this.toks[this.p++]; if (k.t === '(') d++; if (k.t === ')') d--; } }
    }
  }
  // ns:name@1.2.3 (a package name)
  packageName() {
    const ns = this.id(); this.expect(':'); let name = this.id();
    while (this.eat(':')) name += ':' + this.id(); // nested namespaces
    const v = this.eat('version');
    return { ns, name, version: v ? v.v : null, full: `${ns}:${name}${v ? '@' + v.v : ''}` };
  }
  // iface | ns:pkg/iface@v
  usePath() {
    if (this.peek(1)?.t === ':') {
      const ns = this.id(); this.expect(':'); const pkg = this.id(); this.expect('/'); const iface = this.id();
      const v = this.eat('version');
      return { pkg: `${ns}:${pkg}${v ? '@' + v.v : ''}`, iface };
    }
    return { pkg: null, iface: this.id() };
  }
  type() {
    const name = this.eat('_') ? '_' : this.id();
    const generic = (n) => { this.expect('<'); const out = []; do { out.push(this.type()); } while (this.eat(',') && !this.is('>')); this.expect('>'); return out; };
    switch (name) {
      case 'list': {
        this.expect('<'); const elem = this.type();
        if (this.eat(',')) throw new Error(`${this.file}: fixed-length lists are not supported`);
        this.expect('>'); return { kind: 'list', elem };
      }
      case 'option': { const [inner] = generic(); return { kind: 'option', inner }; }
      case 'tuple': return { kind: 'tuple', types: generic() };
      case 'result': {
        if (!this.is('<')) return { kind: 'result', ok: null, err: null };
        this.expect('<');
        const ok = this.eat('_') ? null : this.type();
        const err = this.eat(',') ? this.type() : null;
        this.expect('>');
        return { kind: 'result', ok, err };
      }
      case 'own': case 'borrow': { this.expect('<'); const r = this.id(); this.expect('>'); return { kind: name, ref: r }; }
      case 'future': case 'stream': case 'error-context': case 'map':
        throw new Error(`${this.file}: ${name} is not supported`);
      default:
        if (PRIMITIVES.has(name)) return { kind: 'prim', name: name === 'float32' ? 'f32' : name === 'float64' ? 'f64' : name };
        return { kind: 'ref', name };
    }
  }
  params() {
    this.expect('(');
    const out = [];
    while (!this.is(')')) { const n = this.id(); this.expect(':'); out.push({ name: n, type: this.type() }); if (!this.eat(',')) break; }
    this.expect(')');
    return out;
  }
  funcType() { // func(params) [-> type]
    if (this.is('id', 'async')) throw new Error(`${this.file}: async functions are not supported`);
    this.expect('id', 'func');
    const params = this.params();
    let result = null;
    if (this.eat('->')) {
      if (this.is('(')) throw new Error(`${this.file}: named results are not supported`);
      result = this.type();
    }
    return { params, result };
  }
  names() { const out = []; this.expect('{'); while (!this.is('}')) { this.skipAttributes(); out.push(this.id()); if (!this.eat(',')) break; } this.expect('}'); return out; }
  // One item of an interface body; adds it to iface.
  interfaceItem(iface) {
    this.skipAttributes();
    const kw = this.peek();
    if (kw.t === 'id' && this.peek(1)?.t === ':') { // name: func
      const name = this.id(); this.expect(':');
      iface.funcs.set(name, { name, ...this.funcType() });
      this.expect(';');
      return;
    }
    switch (this.id()) {
      case 'use': {
        const path = this.usePath(); this.expect('.'); this.expect('{');
        while (!this.is('}')) {
          const n = this.id(); const as = this.eat('id', 'as') ? this.id() : n;
          iface.uses.set(as, { ...path, name: n });
          if (!this.eat(',')) break;
        }
        this.expect('}'); this.expect(';'); return;
      }
      case 'type': { const n = this.id(); this.expect('='); iface.types.set(n, { kind: 'alias', name: n, type: this.type() }); this.expect(';'); return; }
      case 'record': {
        const n = this.id(); const fields = []; this.expect('{');
        while (!this.is('}')) { this.skipAttributes(); const f = this.id(); this.expect(':'); fields.push({ name: f, type: this.type() }); if (!this.eat(',')) break; }
        this.expect('}'); iface.types.set(n, { kind: 'record', name: n, fields }); return;
      }
      case 'variant': {
        const n = this.id(); const cases = []; this.expect('{');
        while (!this.is('}')) {
          this.skipAttributes(); const c = this.id(); let t = null;
          if (this.eat('(')) { t = this.type(); this.expect(')'); }
          cases.push({ name: c, type: t }); if (!this.eat(',')) break;
        }
        this.expect('}'); iface.types.set(n, { kind: 'variant', name: n, cases }); return;
      }
      case 'enum': { const n = this.id(); iface.types.set(n, { kind: 'enum', name: n, cases: this.names() }); return; }
      case 'flags': { const n = this.id(); iface.types.set(n, { kind: 'flags', name: n, flags: this.names() }); return; }
      case 'resource': {
        const n = this.id(); const res = { kind: 'resource', name: n, iface, ctor: null, methods: new Map(), statics: new Map() };
        iface.types.set(n, res);
        if (this.eat(';')) return;
        this.expect('{');
        while (!this.is('}')) {
          this.skipAttributes();
          if (this.eat('id', 'constructor')) {
            const params = this.params();
            let result = null;
            if (this.eat('->')) result = this.type(); // constructor(...) -> result<own, E>
            res.ctor = { name: `[constructor]${n}`, params, result: result ?? { kind: 'own', ref: n } };
          } else {
            const m = this.id(); this.expect(':');
            if (this.eat('id', 'static')) {
              res.statics.set(m, { name: `[static]${n}.${m}`, ...this.funcType() });
            } else {
              const f = this.funcType();
              res.methods.set(m, { name: `[method]${n}.${m}`, params: [{ name: 'self', type: { kind: 'borrow', ref: n } }, ...f.params], result: f.result });
            }
          }
          this.expect(';');
        }
        this.expect('}'); return;
      }
      default: throw new Error(`${this.file}: unsupported interface item '${kw.v}' at ${kw.at}`);
    }
  }
  world(pkg) {
    const name = this.id(); const w = { name, pkg, imports: [], exports: [], iface: newInterface(pkg, `(world ${name})`) };
    this.expect('{');
    while (!this.eat('}')) {
      this.skipAttributes();
      const kw = this.id();
      if (kw === 'import' || kw === 'export') {
        const list = kw === 'import' ? w.imports : w.exports;
        if (this.peek(1)?.t === ':' && this.peek(2)?.t === 'id' && this.peek(2)?.v === 'func') {
          const fname = this.id(); this.expect(':'); list.push({ kind: 'func', name: fname, ...this.funcType() });
        } else if (this.peek(1)?.t === ':' && this.peek(2)?.t === 'id' && this.peek(2)?.v === 'interface') {
          throw new Error(`${this.file}: inline interfaces in worlds are not supported`);
        } else {
          list.push({ kind: 'interface', ...this.usePath() });
        }
        this.expect(';');
      } else if (kw === 'use') {
        this.p--; this.interfaceItem(w.iface);
      } else if (['type', 'record', 'variant', 'enum', 'flags', 'resource'].includes(kw)) {
        this.p--; this.interfaceItem(w.iface);
      } else {
        throw new Error(`${this.file}: unsupported world item '${kw}'`);
      }
    }
    return w;
  }
  // Top-level items of a file or of a nested package block.
  items(pkgs, pkg) {
    while (this.peek() && !this.is('}')) {
      this.skipAttributes();
      const kw = this.id();
      if (kw === 'package') {
        const p = this.packageName();
        const nested = pkgOf(pkgs, p.full);
        if (this.eat('{')) { this.items(pkgs, nested); this.expect('}'); } else { this.expect(';'); pkg = nested; }
      } else if (kw === 'interface') {
        const n = this.id(); const iface = newInterface(pkg.name, n);
        this.expect('{'); while (!this.eat('}')) this.interfaceItem(iface);
        pkg.interfaces.set(n, iface);
      } else if (kw === 'world') {
        const w = this.world(pkg.name); pkg.worlds.set(w.name, w);
      } else if (kw === 'use') {
        this.usePath(); if (this.eat('id', 'as')) this.id(); this.expect(';'); // top-level use: only names packages
      } else {
        throw new Error(`${this.file}: unsupported top-level item '${kw}'`);
      }
    }
    return pkg;
  }
}

function newInterface(pkg, name) { return { pkg, name, types: new Map(), uses: new Map(), funcs: new Map() }; }
function pkgOf(pkgs, full) {
  if (!pkgs.has(full)) pkgs.set(full, { name: full, interfaces: new Map(), worlds: new Map() });
  return pkgs.get(full);
}

function witFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...witFiles(p)); else if (e.endsWith('.wit')) out.push(p);
  }
  return out;
}

/** Reads every .wit file under dir (deps/ included) into packages. */
export function readWit(dir) {
  const pkgs = new Map();
  for (const f of witFiles(dir)) {
    const parser = new Parser(readFileSync(f, 'utf8'), f);
    parser.items(pkgs, { name: null, interfaces: new Map(), worlds: new Map() });
  }
  return pkgs;
}

/** The package that holds world `name` (or `ns:pkg/name`). */
export function findWorld(pkgs, name) {
  for (const p of pkgs.values()) {
    for (const w of p.worlds.values()) if (w.name === name || `${p.name.replace(/@.*/, '')}/${w.name}` === name) return w;
  }
  throw new Error(`no world named ${name}`);
}

function lookupInterface(pkgs, fromPkg, path) {
  let pkg = path.pkg ? pkgs.get(path.pkg) : pkgs.get(fromPkg);
  if (!pkg && path.pkg) pkg = [...pkgs.values()].find((p) => p.name.replace(/@.*/, '') === path.pkg);
  const iface = pkg?.interfaces.get(path.iface);
  if (!iface) throw new Error(`unknown interface ${path.pkg ?? fromPkg}/${path.iface}`);
  return iface;
}

/** Resolves a named type in an interface's scope to its definition (aliases followed). */
export function resolveNamed(pkgs, iface, name) {
  if (iface.types.has(name)) return { def: iface.types.get(name), iface };
  const u = iface.uses.get(name);
  if (u) return resolveNamed(pkgs, lookupInterface(pkgs, iface.pkg, u), u.name);
  throw new Error(`unknown type ${name} in ${iface.pkg}/${iface.name}`);
}

/**
 * The exported functions of a world, each as { key, jsPath, params, result, scope } where key is the
 * name calls use: `func` for a world-level function, `ns:pkg/iface@v#func`,
 * `...#[constructor]r`, `...#[method]r.m`, `...#[static]r.f` and `...#[resource-drop]r`.
 */
export function worldExports(pkgs, world) {
  const out = new Map();
  for (const e of world.exports) {
    if (e.kind === 'func') {
      out.set(e.name, { key: e.name, iface: null, name: e.name, params: e.params, result: e.result, scope: world.iface });
      continue;
    }
    const iface = lookupInterface(pkgs, world.pkg, e);
    const full = `${iface.pkg.replace(/@.*/, '')}/${iface.name}${iface.pkg.includes('@') ? '@' + iface.pkg.replace(/.*@/, '') : ''}`;
    for (const f of iface.funcs.values()) out.set(`${full}#${f.name}`, { key: `${full}#${f.name}`, iface: full, name: f.name, params: f.params, result: f.result, scope: iface });
    for (const t of iface.types.values()) {
      if (t.kind !== 'resource') continue;
      const base = { iface: full, scope: iface, resource: t.name };
      if (t.ctor) out.set(`${full}#${t.ctor.name}`, { ...base, key: `${full}#${t.ctor.name}`, kind: 'constructor', name: t.ctor.name, params: t.ctor.params, result: t.ctor.result });
      for (const [m, f] of t.methods) out.set(`${full}#${f.name}`, { ...base, key: `${full}#${f.name}`, kind: 'method', method: m, name: f.name, params: f.params, result: f.result });
      for (const [m, f] of t.statics) out.set(`${full}#${f.name}`, { ...base, key: `${full}#${f.name}`, kind: 'static', method: m, name: f.name, params: f.params, result: f.result });
      const drop = `[resource-drop]${t.name}`;
      out.set(`${full}#${drop}`, { ...base, key: `${full}#${drop}`, kind: 'drop', name: drop, params: [{ name: 'self', type: { kind: 'own', ref: t.name } }], result: null });
    }
  }
  return out;
}
