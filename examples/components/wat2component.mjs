// Converts a component written in the text format into a component binary with jco's parse (the
// wasm-tools parser jco bundles). Used for the runtime's hand-written test components:
//   node wat2component.mjs in.wat out.wasm
import { readFile, writeFile } from 'node:fs/promises';
import { parse } from '@bytecodealliance/jco';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node wat2component.mjs in.wat out.wasm');
  process.exit(2);
}
const bytes = await parse(await readFile(input, 'utf8'));
await writeFile(output, bytes);
