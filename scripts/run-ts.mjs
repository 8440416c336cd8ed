// Runs a TypeScript entry point on Node 20 (which cannot strip types): esbuild bundles it
// (test/support/import-ts.mjs) and it is imported. Arguments after the entry reach it in
// process.argv as usual. Usage:
//   node scripts/run-ts.mjs test/homeserver/main.ts --port 8008
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { importTs } from '../test/support/import-ts.mjs';

const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <entry.ts> [args…]');
  process.exit(2);
}
// The entry sees its own arguments after argv[1], as if run directly.
process.argv = [process.argv[0], resolve(entry), ...rest];
await importTs(pathToFileURL(resolve(entry)));
