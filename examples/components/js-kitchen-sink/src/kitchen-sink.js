// asterai:kitchen-sink@0.1.0 in JavaScript, built into a component with componentize-js
// (examples/components/build.sh) with every WASI feature disabled: the component has no imports.
//
// Values follow jco's JavaScript conventions: records are objects with camelCase fields, enums
// kebab-case strings, flags objects of booleans, variants { tag, val }, options undefined or the
// value (an option of an option is tagged outside), s64/u64 BigInt, lists of numbers typed arrays. A function returning result<T, E> returns
// the ok value and throws the err payload.

const COLORS = ['red', 'green', 'blue', 'dark-violet'];
const FLAGS = ['read', 'write', 'exec', 'adminOnly'];

function wrap32(n) { return n | 0; }

export const values = {
  greet(name) {
    return `Hello, ${name}!`;
  },

  reverse(s) {
    const scalars = Array.from(s);
    const bytes = new TextEncoder().encode(s).length;
    return [scalars.reverse().join(''), scalars.length, bytes];
  },

  birthday(p) {
    return {
      fullName: p.fullName,
      age: (p.age + 1) & 0xff,
      email: p.email === undefined ? undefined : p.email.toLowerCase(),
      tags: [...p.tags, 'seen'],
      home: p.home,
    };
  },

  sum(xs) {
    let total = 0n;
    for (const x of xs) total += BigInt(x);
    return total;
  },

  reverseBytes(b) {
    return Uint8Array.from(b).reverse();
  },

  find(items, needle) {
    const i = items.indexOf(needle);
    return i < 0 ? undefined : i;
  },

  // option<option<u32>>: the outer option is tagged ({ tag: 'none' } or { tag: 'some', val }),
  // the inner one is undefined or the number.
  rotateOption(x) {
    if (x.tag === 'none') return { tag: 'some', val: undefined };
    if (x.val === undefined) return { tag: 'some', val: 0 };
    return { tag: 'none' };
  },

  divide(a, b) {
    if (b === 0) throw 'division by zero';
    if (a === -2147483648 && b === -1) throw 'overflow';
    return Math.trunc(a / b);
  },

  check(ok) {
    if (!ok) throw undefined;
  },

  parseColor(s) {
    if (s.length === 0) throw { tag: 'empty-input' };
    if (s.length > 20) throw { tag: 'too-long', val: s.length };
    if (!COLORS.includes(s)) throw { tag: 'unknown', val: s };
    return s;
  },

  nextColor(c) {
    return COLORS[(COLORS.indexOf(c) + 1) % COLORS.length];
  },

  area(s) {
    switch (s.tag) {
      case 'circle': return Math.PI * s.val * s.val;
      case 'rectangle': {
        const [a, b] = s.val;
        return Math.abs((b.x - a.x) * (b.y - a.y));
      }
      default: return 0;
    }
  },

  scale(s, k) {
    switch (s.tag) {
      case 'circle': return { tag: 'circle', val: s.val * k };
      case 'rectangle': {
        const [a, b] = s.val;
        const p = (q) => ({ x: wrap32(Math.trunc(q.x * k)), y: wrap32(Math.trunc(q.y * k)) });
        return { tag: 'rectangle', val: [p(a), p(b)] };
      }
      case 'label':
        return { tag: 'label', val: Number.isInteger(k) && k >= 0 && k <= 100 ? s.val.repeat(k) : s.val };
      default: return { tag: 'empty' };
    }
  },

  toggle(p, q) {
    const r = {};
    for (const f of FLAGS) r[f] = Boolean(p[f]) !== Boolean(q[f]);
    return r;
  },

  swap(t) {
    return [t[1], t[0]];
  },

  charInfo(c) {
    const cp = c.codePointAt(0);
    const up = c.toUpperCase();
    return [cp, Array.from(up).length === 1 ? up : c];
  },

  bump(s) {
    let next = s.aChar.codePointAt(0) + 1;
    if (next === 0xd800) next = 0xe000;
    if (next > 0x10ffff) next = 0;
    return {
      aU8: (s.aU8 + 1) & 0xff,
      aS8: ((s.aS8 + 1) << 24) >> 24,
      aU16: (s.aU16 + 1) & 0xffff,
      aS16: ((s.aS16 + 1) << 16) >> 16,
      aU32: (s.aU32 + 1) >>> 0,
      aS32: (s.aS32 + 1) | 0,
      aU64: BigInt.asUintN(64, s.aU64 + 1n),
      aS64: BigInt.asIntN(64, s.aS64 + 1n),
      aF32: s.aF32 * 2,
      aF64: s.aF64 * 2,
      aBool: !s.aBool,
      aChar: String.fromCodePoint(next),
    };
  },

  floatOps(a, b) {
    return [a / b, a * b, Math.fround(a / b), Math.fround(a * b)];
  },

  classify(xs) {
    return Array.from(xs, (x) => [
      x,
      x >= 0 ? { tag: 'ok', val: x } : { tag: 'err', val: `negative: ${x}` },
      x === 0 ? undefined : COLORS[Math.abs(x) % COLORS.length],
    ]);
  },
};

let live = 0;
const droppedNames = [];
const DISPOSE = Symbol.dispose || Symbol.for('dispose');

class Counter {
  #name;
  #value;

  constructor(name, start) {
    this.#name = name;
    this.#value = start;
    live++;
  }

  increment(by) {
    this.#value = BigInt.asIntN(64, this.#value + by);
    return this.#value;
  }

  get() {
    return this.#value;
  }

  name() {
    return this.#name;
  }

  merge(other) {
    return new Counter(`${this.#name}+${other.name()}`, BigInt.asIntN(64, this.#value + other.get()));
  }

  static zero() {
    return new Counter('zero', 0n);
  }

  // The destructor: componentize-js calls it when the component's last handle is dropped.
  [DISPOSE]() {
    live--;
    droppedNames.push(this.#name);
  }
}

export const counters = {
  Counter,

  live() {
    return live;
  },

  dropped() {
    return droppedNames.slice();
  },

  total(cs) {
    let t = 0n;
    for (const c of cs) t += c.get();
    return BigInt.asIntN(64, t);
  },
};

export function version() {
  return 'kitchen-sink 0.1.0';
}
