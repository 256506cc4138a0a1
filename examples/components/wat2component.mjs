// Converts components written in the text format into component binaries with jco's parse (the
// wasm-tools parser jco bundles). Used for the runtime's hand-written test components and its
// conformance harness.
//   node wat2component.mjs in.wat out.wasm
//   node wat2component.mjs --batch < texts.json > results.json
// In batch mode the input is a JSON array of texts and the output an array of
// {"wasm": base64} or {"error": message}, one per text, in order.
import { readFile, writeFile } from 'node:fs/promises';
import { parse } from '@bytecodealliance/jco';

const args = process.argv.slice(2);
if (args[0] === '--batch') {
  const chunks = [];
  for await (const c of process.stdin) chunks.push(c);
  const texts = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const out = [];
  for (const t of texts) {
    try {
      out.push({ wasm: Buffer.from(await parse(t)).toString('base64') });
    } catch (e) {
      out.push({ error: String(e && e.message || e).split('\n')[0] });
    }
  }
  process.stdout.write(JSON.stringify(out));
} else {
  const [input, output] = args;
  if (!input || !output) {
    console.error('usage: node wat2component.mjs in.wat out.wasm | --batch < texts.json');
    process.exit(2);
  }
  await writeFile(output, await parse(await readFile(input, 'utf8')));
}
