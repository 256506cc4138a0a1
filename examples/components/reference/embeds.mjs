// Checks that each component embeds a JavaScript source file verbatim (componentize-js keeps the
// source text in the engine's snapshot): the part of a componentize-js build that is reproducible.
//
//   node reference/embeds.mjs SOURCE.js COMPONENT.wasm...
import { readFileSync } from 'node:fs';

const [source, ...components] = process.argv.slice(2);
const text = readFileSync(source);
let ok = true;
for (const c of components) {
  if (readFileSync(c).indexOf(text) < 0) {
    console.error(`${c} does not contain ${source} (${text.length} bytes) verbatim`);
    ok = false;
  }
}
process.exit(ok ? 0 : 1);
