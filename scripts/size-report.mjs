// `npm run size`: gzip bytes each widget page and each entry loads first, against the
// budgets below. Reads the manifests the build writes (scripts/rollup-plugins.mjs).
//
// Every widget page's first load is budgeted at 25 KB gzip (the product decision of
// 2026-12: the earlier 20 KB target for the Q&A, stand and food-truck pages is withdrawn, and
// code clarity is not traded for bytes below 25 KB). Over a budget, or missing, fails (exit 1).
//
// The measuring functions are exported (the benchmark table, test/support/bench-report-plugin.mjs,
// reads the same figures); the report runs only when this file is the script node started.
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const KB = 1024;
export const dist = new URL('../dist/', import.meta.url).pathname;

/** First-load budgets (gzip). The widget page budgets are part of the product contract. */
export const budgets = [
  { group: 'widgets', name: 'talk-player', budget: 25 * KB, html: true },
  { group: 'widgets', name: 'qa-queue', budget: 25 * KB, html: true },
  { group: 'widgets', name: 'stand-booth', budget: 25 * KB, html: true },
  { group: 'widgets', name: 'food-truck-menu', budget: 25 * KB, html: true },
  { group: 'cdn', name: 'devroom', budget: 60 * KB },
  { group: '', name: 'devroom', budget: 45 * KB },
];

export const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
export const fmt = (n) => `${(n / KB).toFixed(1)} KB`;

/** The build's manifest for `group` ('' = npm entries, 'cdn', 'widgets', 'public'); undefined before a build. */
export function readManifest(group) {
  const path = join(dist, group, 'manifest.json');
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}

/**
 * gzip bytes of one output: what it loads first (a widget page: its HTML too) and what it may
 * load on demand. undefined when the build has no such entry (or there is no build).
 */
export function entrySizes(group, name, html = false) {
  const entry = readManifest(group)?.entries[name];
  if (!entry) return undefined;
  const dir = join(dist, group);
  let first = entry.firstLoad.reduce((sum, f) => sum + gz(join(dir, f)), 0);
  if (html) first += gz(join(dir, `${name}.html`));
  const lazy = entry.lazy.reduce((sum, f) => sum + gz(join(dir, f)), 0);
  return { first, lazy };
}

/** Every manifest entry without a budget row (devroom/talk-player, devroom/testing, …), measured. */
export function otherEntries() {
  const others = [];
  for (const group of ['', 'cdn', 'widgets', 'public']) {
    for (const name of Object.keys(readManifest(group)?.entries ?? {})) {
      if (budgets.some((b) => b.group === group && b.name === name)) continue;
      others.push({ group, name, ...entrySizes(group, name) });
    }
  }
  return others;
}

/** `widgets/qa-queue.html`, `cdn/devroom.js`: how the report names an output. */
export const outputLabel = (group, name, html = false) => `${group ? group + '/' : ''}${name}${html ? '.html' : '.js'}`;

function report() {
  const rows = [];
  let failed = false;

  const gaps = [];

  for (const { group, name, budget, html } of budgets) {
    const label = outputLabel(group, name, html);
    const sizes = entrySizes(group, name, html);
    if (!sizes) {
      rows.push({ label, first: '-', lazy: '-', budget: fmt(budget), status: 'MISSING' });
      failed = true;
      continue;
    }
    const { first, lazy } = sizes;
    let status = 'ok';
    if (first > budget) {
      status = 'FAIL';
      failed = true;
      gaps.push(`${label}: ${fmt(first - budget)} over the ${fmt(budget)} budget`);
    }
    rows.push({ label, first: fmt(first), lazy: fmt(lazy), budget: fmt(budget), status });
  }

  // Informational: every other entry in the manifests (devroom/talk-player, devroom/testing, …).
  for (const { group, name, first, lazy } of otherEntries()) {
    rows.push({ label: outputLabel(group, name), first: fmt(first), lazy: fmt(lazy), budget: '-', status: 'info' });
  }

  const headers = { label: 'output', first: 'first load (gz)', lazy: 'lazy on demand (gz)', budget: 'budget', status: '' };
  const widths = Object.keys(headers).map((k) => Math.max(headers[k].length, ...rows.map((r) => String(r[k]).length)));
  const line = (r) => Object.keys(headers).map((k, i) => String(r[k]).padEnd(widths[i])).join('  ');
  console.log(line(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  console.log('\nnpm entries leave lit and hls.js to your bundler; widget pages and the CDN build include everything.');
  console.log('Widget pages: first load = what the page needs before its first render (its own imports, dynamic or not).');
  if (gaps.length) console.log(`\nOver budget:\n  ${gaps.join('\n  ')}`);

  if (failed) {
    console.error('\nsize: a budget was exceeded or an expected output is missing (see above).');
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) report();
