// Imports a TypeScript module from Node 20 (which cannot strip types): esbuild bundles it,
// with its TypeScript imports, into one temporary .mjs (node built-ins and packages stay
// external), which is then imported. The file goes under node_modules/.cache so packages
// still resolve from the repository.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cache = fileURLToPath(new URL('../../node_modules/.cache/', import.meta.url));

export async function importTs(url) {
  mkdirSync(cache, { recursive: true });
  const outdir = mkdtempSync(join(cache, 'devroom-ts-'));
  const outfile = join(outdir, 'module.mjs');
  try {
    await build({
      entryPoints: [fileURLToPath(url)],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: 'inline',
      logLevel: 'warning',
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
