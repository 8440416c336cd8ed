// `npm run lazy-chains` (scripts/lazy-chains.mjs) fails the build on a lazy chunk that statically
// imports a chunk loaded with import() elsewhere, and only then: here on small hand-made builds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../node/repo.js';

/** A widget-page build of `files` (name → code) whose first load is page.js; the gate's exit code and output. */
function gate(files: Record<string, string>): { status: number | null; out: string } {
  const dist = mkdtempSync(join(tmpdir(), 'devroom-lazy-chains-'));
  try {
    const dir = join(dist, 'widgets');
    mkdirSync(dir, { recursive: true });
    for (const [name, code] of Object.entries(files)) writeFileSync(join(dir, name), code);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ entries: { page: { file: 'page.js', firstLoad: ['page.js'], lazy: [] } } }));
    const run = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'lazy-chains.mjs'), dist], { encoding: 'utf8', cwd: repoRoot });
    return { status: run.status, out: run.stdout + run.stderr };
  } finally {
    rmSync(dist, { recursive: true, force: true });
  }
}

test('a lazy chunk that statically imports a chunk the page also loads on demand fails, saying how to fix it', () => {
  const { status, out } = gate({
    'page.js': `export const a = () => __devroomImport("./a.js"); export const b = () => import("./b.js");`,
    'a.js': `import { b } from "./b.js"; export const a = b;`,
    'b.js': `export const b = 1;`,
  });
  assert.equal(status, 1, out);
  assert.match(out, /1 chain\(s\) not allowed/);
  assert.match(out, /a\.js → b\.js {2}\[on-demand\]/);
  assert.match(out, /widgets\/page: a\.js\n {4}imports b\.js/);
  assert.match(out, /never a static import/);
});

test('a part its own importer loads, and a chunk only lazy chunks share, pass', () => {
  const { status, out } = gate({
    // b loads a, which needs b: a is never asked for before b has loaded.
    'page.js': `export const b = () => import("./b.js"); export const c = () => import("./c.js");`,
    'b.js': `export const b = 1; export const a = () => import("./a.js");`,
    'a.js': `import { b } from "./b.js"; import { s } from "./shared.js"; export const a = b + s;`,
    'c.js': `import { s } from "./shared.js"; export const c = s;`,
    'shared.js': `export const s = 1;`,
  });
  assert.equal(status, 0, out);
  assert.match(out, /0 chain\(s\) not allowed, 0 allowed; 1 after their importer, 2 through shared chunks/);
});
