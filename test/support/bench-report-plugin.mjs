// A @web/test-runner plugin for `npm run bench`: one table of every benchmark's figures.
// - Benches report through test/bench/report.ts: `record(section, name, value, unit, note?)`
//   runs the server command `bench-record`, collected here in Node.
// - Sizes come from dist/ through scripts/size-report.mjs's own functions (first load per
//   widget page and the CDN entry); without a build those rows say so instead of failing.
// - When the run ends (serverStop: after the runner's own report, also after a failure or
//   Ctrl-C) it prints the table as Markdown and writes it with the machine's load during the
//   run (test/support/bench-load.mjs) to JSON: test/bench/results.json, or DEVROOM_BENCH_JSON.
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { budgets, dist, entrySizes, KB, outputLabel, readManifest } from '../../scripts/size-report.mjs';
import { watchLoad } from './bench-load.mjs';

const root = new URL('../../', import.meta.url).pathname;

/** Section ids (test/bench/report.ts `BenchSection`) → title, in table order. */
const SECTIONS = {
  sizes: 'Sizes: first load, gzip (dist/, scripts/size-report.mjs)',
  'qa-fold': 'Q&A fold (qa-tally.bench.ts)',
  'qa-render': 'Q&A render (qa-render.bench.ts)',
  startup: 'Widgets in the Element-like host on the test homeserver, built pages (element-widgets.bench.ts)',
  talk: 'Talk player hand-over, local fixtures (talk-player.bench.ts)',
  public: 'Public reader, one page with four tags on the test homeserver (public-reader.bench.ts)',
  scale: 'Q&A at scale: one attendee joins a busy Q&A, Element-like host on the test homeserver (qa-scale.bench.ts)',
};

const BUILD_FIRST = 'run npm run build first';

/** Newest modification time under `dir` of shipped sources (tests excluded), in ms. */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|css|html)$/.test(entry.name) && !/test/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** The size rows, from the same functions `npm run size` uses. */
function sizeRows() {
  const pages = budgets.filter((b) => b.group === 'widgets' || b.group === 'cdn');
  const manifest = join(dist, 'widgets', 'manifest.json');
  if (!existsSync(manifest)) {
    return { built: undefined, rows: pages.map((b) => ({ section: 'sizes', name: outputLabel(b.group, b.name, b.html), value: BUILD_FIRST, unit: '' })) };
  }
  const builtAt = statSync(manifest).mtimeMs;
  const stale = Math.max(newestSource(join(root, 'components')), newestSource(join(root, 'widgets'))) > builtAt;
  const rows = pages.map(({ group, name, html, budget }) => {
    const label = outputLabel(group, name, html);
    let sizes;
    try {
      sizes = entrySizes(group, name, html);
    } catch {
      sizes = undefined; // a manifest naming files that are gone: a half-cleaned dist/
    }
    if (!sizes) return { section: 'sizes', name: label, value: BUILD_FIRST, unit: '' };
    const over = sizes.first > budget ? `, over by ${((sizes.first - budget) / KB).toFixed(1)} KB` : '';
    return {
      section: 'sizes',
      name: label,
      value: sizes.first / KB,
      unit: 'KB',
      note: `budget ${budget / KB} KB${over}; ${(sizes.lazy / KB).toFixed(1)} KB on demand`,
    };
  });
  // The public reader's entry, for the same page as the idle figure (no budget).
  try {
    const auto = readManifest('public')?.entries.auto ? entrySizes('public', 'auto') : undefined;
    if (auto) rows.push({ section: 'sizes', name: 'public/auto.js', value: auto.first / KB, unit: 'KB', note: `no budget; ${(auto.lazy / KB).toFixed(1)} KB on demand (each tag's element and binding)` });
  } catch {
    // as above
  }
  return { built: { at: new Date(builtAt).toISOString(), sourcesNewer: stale }, rows };
}

/** 912.3 ms → "912 ms", 13.42 → "13.4", 6.512 µs → "6.51"; KB with one decimal; words as they are. */
function figure({ value, unit }) {
  if (typeof value === 'string') return value;
  let text;
  if (unit === 'KB' || unit === 'MB') text = value.toFixed(1);
  else if (Number.isInteger(value)) text = String(value);
  else text = value.toFixed(Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2);
  return unit ? `${text} ${unit}` : text;
}

const cell = (text) => String(text ?? '').replace(/\|/g, '\\|');

/** The table as aligned Markdown (a bold row per section): readable in a terminal, pasteable into docs/benchmarks.md. */
function markdown(rows) {
  const lines = [];
  let section;
  for (const row of rows) {
    if (row.section !== section) lines.push([`**${SECTIONS[row.section] ?? row.section}**`, '', '']);
    section = row.section;
    lines.push([row.name, figure(row), row.note ?? ''].map(cell));
  }
  const header = ['measure', 'figure', 'note'];
  // A section title spans the row: it does not widen the first column.
  const widths = header.map((h, i) => Math.max(h.length, ...lines.filter((l) => !l[0].startsWith('**') || i > 0).map((l) => l[i].length)));
  // The note column is not padded: one long note would pad every line.
  const line = (cells) => `| ${cells.map((c, i) => (i < cells.length - 1 ? c.padEnd(widths[i]) : c)).join(' | ')} |`;
  return [line(header), `|${widths.slice(0, -1).map((w) => '-'.repeat(w + 2)).join('|')}|------|`, ...lines.map(line)].join('\n');
}

/** "Chromium 156.0.7560.0" from a user agent string. */
function browserName(userAgent) {
  const match = /(HeadlessChrome|Chrome|Chromium)\/([\d.]+)/.exec(userAgent ?? '');
  return match ? `Chromium ${match[2]}` : (userAgent ?? 'unknown browser');
}

export function benchReportPlugin({ output = process.env.DEVROOM_BENCH_JSON ?? join(root, 'test/bench/results.json') } = {}) {
  const rows = [];
  let load;
  let userAgent;
  let startedAt;
  let done = false;
  return {
    name: 'devroom-bench-report',
    serverStart() {
      startedAt = new Date();
      load = watchLoad();
    },
    executeCommand({ command, payload, session }) {
      if (command !== 'bench-record') return undefined;
      const { section, name, value, unit, note } = payload ?? {};
      if (typeof section !== 'string' || typeof name !== 'string' || !['number', 'string'].includes(typeof value)) {
        throw new Error(`bench-record: needs {section, name, value: number|string, unit}, got ${JSON.stringify(payload)}`);
      }
      userAgent ??= payload.userAgent;
      rows.push({ section, name, value, unit: unit ?? '', ...(note ? { note } : {}), file: relative(root, session.testFile) });
      return true;
    },
    serverStop() {
      if (done) return;
      done = true;
      const machine = load.stop();
      const sizes = sizeRows();
      // Sections in table order, each section's rows in the order they were recorded.
      const order = Object.keys(SECTIONS);
      const rank = (s) => (order.includes(s) ? order.indexOf(s) : order.length);
      const all = [...sizes.rows, ...rows].map((row, i) => ({ row, i })).sort((a, b) => rank(a.row.section) - rank(b.row.section) || a.i - b.i).map(({ row }) => row);
      const table = markdown(all);
      const others = machine.others.top.filter((o) => o.cpuSeconds >= 1).map((o) => `${o.command} ${o.cpuSeconds} s`);
      const heading = [
        `Benchmarks, ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${machine.cores} × ${machine.cpuModel}, ${browserName(userAgent)}, ${machine.wallSeconds} s.`,
        `Load: 1-min average ${machine.loadavg.start} at the start, ${machine.loadavg.max} at most, ${machine.loadavg.end} at the end; this run used ≥ ${Math.round(machine.thisRun.share * 100)}% of the cores, other processes ≥ ${Math.round(machine.others.share * 100)}%${others.length ? ` (${others.join(', ')})` : ''}.`,
        sizes.built ? `dist/ built ${sizes.built.at.slice(0, 16).replace('T', ' ')} UTC${sizes.built.sourcesNewer ? ', OLDER than components/ or widgets/ sources: sizes and built-page figures may be stale (npm run build)' : ''}.` : `dist/ missing: ${BUILD_FIRST} for the sizes and the built-page figures.`,
      ];
      console.log(`\n${heading.join('\n')}\n\n${table}\n`);
      const json = { date: startedAt.toISOString(), browser: browserName(userAgent), machine, dist: sizes.built ?? null, sections: SECTIONS, rows: all, markdown: `${heading.join('\n')}\n\n${table}\n` };
      try {
        mkdirSync(dirname(output), { recursive: true });
        writeFileSync(output, `${JSON.stringify(json, null, 2)}\n`);
        console.log(`bench table written to ${relative(process.cwd(), output) || output}`);
      } catch (error) {
        console.error(`bench table not written to ${output}: ${error.message}`);
      }
    },
  };
}
