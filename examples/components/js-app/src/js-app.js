// asterai:js-app@0.1.0 in JavaScript, built with componentize-js with its WASI features on
// (stdio, clocks, random, http; examples/components/build.sh): console.log, Date.now(),
// Math.random() and fetch reach the host through WASI 0.2 imports; files through
// wasi:filesystem, imported by the world (componentize-js gives JavaScript no file API).
import { getDirectories } from 'wasi:filesystem/preopens@0.2.12';

const decoder = new TextDecoder();

function message(e) {
  if (e && typeof e === 'object' && 'payload' in e) return `${e.payload}`;
  return `${e?.message ?? e}`;
}

/** The preopen whose name is the longest prefix of `path`, and the rest of the path. */
function resolve(path) {
  let best = null;
  for (const [descriptor, name] of getDirectories()) {
    const prefix = name.endsWith('/') ? name : `${name}/`;
    if (path.startsWith(prefix) && (!best || prefix.length > best.prefix.length)) best = { descriptor, prefix };
  }
  if (!best) throw new Error(`${path} is not under a preopened directory`);
  return { descriptor: best.descriptor, rest: path.slice(best.prefix.length) };
}

export const app = {
  log(text) {
    console.log(text);
    return text;
  },

  readFile(path) {
    let file;
    try {
      const { descriptor, rest } = resolve(path);
      file = descriptor.openAt({}, rest, {}, { read: true });
      const size = Number(file.stat().size);
      const chunks = [];
      let offset = 0n;
      for (;;) {
        const [bytes, end] = file.read(65536n, offset);
        if (bytes.length) chunks.push(decoder.decode(bytes, { stream: true }));
        offset += BigInt(bytes.length);
        if (end || bytes.length === 0) break;
      }
      chunks.push(decoder.decode());
      const text = chunks.join('');
      if (BigInt(offset) !== BigInt(size)) throw new Error(`read ${offset} of ${size} bytes`);
      return text;
    } catch (e) {
      throw `read ${path}: ${message(e)}`;
    } finally {
      file?.[Symbol.dispose]?.();
    }
  },

  async fetchText(url) {
    try {
      const response = await fetch(url);
      const body = await response.text();
      return `${response.status} ${body}`;
    } catch (e) {
      throw `fetch ${url}: ${message(e)}`;
    }
  },

  clockSane(n) {
    let last = Date.now();
    if (!(last >= 946684800000)) return false;
    for (let i = 0; i < n; i++) {
      const now = Date.now();
      if (!(now >= last)) return false;
      last = now;
    }
    return true;
  },

  randomSane(n) {
    const seen = new Set();
    for (let i = 0; i < n; i++) {
      const x = Math.random();
      if (!(x >= 0 && x < 1)) return false;
      seen.add(x);
    }
    return n < 2 || seen.size > 1;
  },

  preopens() {
    return getDirectories().map(([, name]) => name).sort();
  },
};
