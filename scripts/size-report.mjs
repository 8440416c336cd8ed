// `npm run size`: gzip bytes each widget page and each entry loads first, against the
// budgets below. Fails (exit 1) when a budget is exceeded or an expected output is
// missing. Reads the manifests the build writes (scripts/rollup-plugins.mjs).
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const KB = 1024;
const dist = new URL('../dist/', import.meta.url).pathname;

/** First-load budgets (gzip). The widget page budgets are part of the product contract. */
export const budgets = [
  { group: 'widgets', name: 'talk-player', budget: 25 * KB, html: true },
  { group: 'widgets', name: 'qa-queue', budget: 20 * KB, html: true },
  { group: 'widgets', name: 'stand-booth', budget: 20 * KB, html: true },
  { group: 'widgets', name: 'food-truck-menu', budget: 20 * KB, html: true },
  { group: 'cdn', name: 'devroom', budget: 60 * KB },
  { group: '', name: 'devroom', budget: 45 * KB },
  { group: '', name: 'widget', budget: 20 * KB },
];

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const fmt = (n) => `${(n / KB).toFixed(1)} KB`;

function readManifest(group) {
  const path = join(dist, group, 'manifest.json');
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}

const rows = [];
let failed = false;

for (const { group, name, budget, html } of budgets) {
  const label = `${group ? group + '/' : ''}${name}${html ? '.html' : '.js'}`;
  const manifest = readManifest(group);
  const entry = manifest?.entries[name];
  if (!entry) {
    rows.push({ label, first: '-', lazy: '-', budget: fmt(budget), status: 'MISSING' });
    failed = true;
    continue;
  }
  const dir = join(dist, group);
  let first = entry.firstLoad.reduce((sum, f) => sum + gz(join(dir, f)), 0);
  if (html) first += gz(join(dir, `${name}.html`));
  const lazy = entry.lazy.reduce((sum, f) => sum + gz(join(dir, f)), 0);
  const ok = first <= budget;
  failed ||= !ok;
  rows.push({ label, first: fmt(first), lazy: fmt(lazy), budget: fmt(budget), status: ok ? 'ok' : 'OVER' });
}

// Informational: every other entry in the manifests (devroom/talk-player, devroom/testing, …).
for (const group of ['', 'cdn', 'widgets']) {
  const manifest = readManifest(group);
  for (const [name, entry] of Object.entries(manifest?.entries ?? {})) {
    if (budgets.some((b) => b.group === group && b.name === name)) continue;
    const dir = join(dist, group);
    const first = entry.firstLoad.reduce((sum, f) => sum + gz(join(dir, f)), 0);
    const lazy = entry.lazy.reduce((sum, f) => sum + gz(join(dir, f)), 0);
    rows.push({ label: `${group ? group + '/' : ''}${name}.js`, first: fmt(first), lazy: fmt(lazy), budget: '-', status: 'info' });
  }
}

const headers = { label: 'output', first: 'first load (gz)', lazy: 'lazy on demand (gz)', budget: 'budget', status: '' };
const widths = Object.keys(headers).map((k) => Math.max(headers[k].length, ...rows.map((r) => String(r[k]).length)));
const line = (r) => Object.keys(headers).map((k, i) => String(r[k]).padEnd(widths[i])).join('  ');
console.log(line(headers));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
console.log('\nnpm entries leave lit and hls.js to your bundler; widget pages and the CDN build include everything.');

if (failed) {
  console.error('\nsize: a budget was exceeded or an expected output is missing (see above).');
  process.exit(1);
}
