// Runs the Node-side tests (`*.node-test.ts`: schedule importers, host tooling, CLI) with
// node's built-in runner. Node 20 cannot run TypeScript, so esbuild bundles each test into
// a temp dir first (node built-ins stay external). Usage:
//   node scripts/node-test.mjs                 # every *.node-test.ts under widgets/ and test/
//   node scripts/node-test.mjs host-tools/schedule # only files under these paths
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

function collect(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path, out);
    else if (name.endsWith('.node-test.ts')) out.push(path);
  }
  return out;
}

const args = process.argv.slice(2);
const roots = args.length ? args.map((a) => resolve(a)) : [join(root, 'widgets'), join(root, 'host-tools'), join(root, 'test')];
const files = roots.flatMap((p) => (statSync(p).isDirectory() ? collect(p, []) : [p])).sort();
if (!files.length) {
  console.error('node-test: no *.node-test.ts files found');
  process.exit(1);
}

const outdir = mkdtempSync(join(tmpdir(), 'devroom-node-test-'));
try {
  const entryPoints = Object.fromEntries(
    files.map((f) => [relative(root, f).replace(/\.ts$/, '').replace(/[\\/]/g, '__'), f]),
  );
  await build({
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'inline',
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
    // CommonJS dependencies bundled into ESM may call require() for built-ins.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  const outputs = Object.keys(entryPoints).map((name) => join(outdir, `${name}.mjs`));
  const result = spawnSync(process.execPath, ['--enable-source-maps', '--test', ...outputs], {
    stdio: 'inherit',
    // Bundled tests live in a temp dir: tell them where the repository is.
    env: { ...process.env, DEVROOM_REPO_ROOT: root },
  });
  process.exitCode = result.status ?? 1;
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
