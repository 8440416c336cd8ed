// Runs a TypeScript entry point on Node 20 (which cannot strip types), the way
// scripts/node-test.mjs runs tests: esbuild bundles it (platform node, built-ins external)
// into a temp .mjs, which is then imported. Arguments after the entry reach it in
// process.argv as usual. Usage:
//   node scripts/run-ts.mjs test/homeserver/main.ts --port 8008
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <entry.ts> [args…]');
  process.exit(2);
}
// The entry sees its own arguments after argv[1], as if run directly.
process.argv = [process.argv[0], resolve(entry), ...rest];

const outdir = mkdtempSync(join(tmpdir(), 'devroom-run-ts-'));
const outfile = join(outdir, 'entry.mjs');
try {
  await build({
    entryPoints: [resolve(entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
    // CommonJS dependencies bundled into ESM may call require() for built-ins.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  await import(pathToFileURL(outfile).href);
} finally {
  // The module is loaded; its file is no longer needed even while it runs.
  rmSync(outdir, { recursive: true, force: true });
}
