// JSON with exact numbers: numbers are read as their text (Raw) so that u64 and s64 keep every
// digit, and written back from Raw text; everything else is plain JSON.

/** A JSON number kept as its text. */
export class Raw {
  constructor(text) { this.text = text; }
}

export function parseJson(src) {
  let i = 0;
  const ws = () => { while (i < src.length && ' \t\n\r'.includes(src[i])) i++; };
  const err = (m) => { throw new Error(`JSON: ${m} at offset ${i}`); };
  function value() {
    ws();
    const c = src[i];
    if (c === '{') {
      i++; const o = {}; ws();
      if (src[i] === '}') { i++; return o; }
      for (;;) {
        ws(); if (src[i] !== '"') err('expected a key');
        const k = string(); ws(); if (src[i++] !== ':') err("expected ':'");
        if (Object.prototype.hasOwnProperty.call(o, k)) err(`duplicate key ${k}`);
        o[k] = value(); ws();
        if (src[i] === ',') { i++; continue; }
        if (src[i] === '}') { i++; return o; }
        err("expected ',' or '}'");
      }
    }
    if (c === '[') {
      i++; const a = []; ws();
      if (src[i] === ']') { i++; return a; }
      for (;;) {
        a.push(value()); ws();
        if (src[i] === ',') { i++; continue; }
        if (src[i] === ']') { i++; return a; }
        err("expected ',' or ']'");
      }
    }
    if (c === '"') return string();
    for (const [w, v] of [['true', true], ['false', false], ['null', null]]) {
      if (src.startsWith(w, i)) { i += w.length; return v; }
    }
    const m = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
    m.lastIndex = i;
    const r = m.exec(src);
    if (!r || r[0].length === 0) err('unexpected character');
    i += r[0].length;
    return new Raw(r[0]);
  }
  function string() {
    const m = /"(?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"/y;
    m.lastIndex = i;
    const r = m.exec(src);
    if (!r) err('bad string');
    i += r[0].length;
    return JSON.parse(r[0]);
  }
  const v = value(); ws();
  if (i !== src.length) err('trailing characters');
  return v;
}

function write(v) {
  if (v instanceof Raw) return v.text;
  if (v === null || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(write).join(', ')}]`;
  if (typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${write(x)}`).join(', ')}}`;
  throw new Error(`cannot write ${typeof v} as JSON`);
}

/** An array with one element per line; each element on one line. */
export function writeJson(items) {
  return `[\n${items.map((x) => `  ${write(x)}`).join(',\n')}\n]\n`;
}
