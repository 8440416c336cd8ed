// Usage: node scripts/lazy-chains.mjs [dist-dir] [--json]   (after `npm run build`)
//
// Lists, per build that retries its lazy chunks (dist/widgets, dist/cdn, dist/public), every
// chunk loaded on demand whose STATIC import closure holds another chunk outside the first
// load. Why it matters: a failed module fetch stays in Chromium's module map for the page's
// life. The build's import retry (rollup-plugins.mjs: importRetry) asks for the lazy chunk
// again on a fresh URL, but the chunk's own `import … from './y.js'` still resolves to y's
// original URL: if y failed once (while loading this chunk, or another one that needs it),
// this part can never load again until the page reloads. Chunks of the first load are safe
// (the page has them). Each finding says what y is:
//   on-demand  y is itself loaded with import() elsewhere (its retry works; ours never does)
//   shared     y only exists as a static dependency of lazy chunks (rollup split it out)
// and which source modules it carries (from the source maps), so a hashed name can be read.
// Exit code 0 always: this is an audit, not a gate.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { init, parse } from 'es-module-lexer';

const args = process.argv.slice(2);
const root = resolve(args.find((a) => !a.startsWith('--')) ?? 'dist');
const asJson = args.includes('--json');
const BUILDS = ['widgets', 'cdn', 'public'];
const repo = fileURLToPath(new URL('..', import.meta.url));

await init;

function jsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.js'))
    .map((d) => join(d.parentPath ?? d.path, d.name));
}

/** Static and dynamic imports of one built file, as paths relative to the build folder. */
function importsOf(dir, file) {
  const code = readFileSync(file, 'utf8');
  const to = (spec) => relative(dir, resolve(dirname(file), spec.split('?')[0]));
  const local = (spec) => typeof spec === 'string' && /^\.\.?\//.test(spec);
  const [imports] = parse(code);
  const statics = imports.filter((i) => i.d === -1 && local(i.n)).map((i) => to(i.n));
  const dynamics = imports.filter((i) => i.d > -1 && local(i.n)).map((i) => to(i.n));
  // The retry wrapper: `__devroomImport("./chunks/x.js")` (the lexer sees only the helper's import(u)).
  for (const m of code.matchAll(/__devroomImport\(\s*(["'`])([^"'`]+)\1\s*\)/g)) if (local(m[2])) dynamics.push(to(m[2]));
  return { statics: [...new Set(statics)], dynamics: [...new Set(dynamics)] };
}

/** Source modules in a chunk (its source map's sources), shortened to the repo path. */
function modulesOf(dir, file) {
  const map = join(dir, `${file}.map`);
  if (!existsSync(map)) return [];
  const { sources = [] } = JSON.parse(readFileSync(map, 'utf8'));
  return sources
    .map((s) => resolve(dirname(join(dir, file)), s))
    .map((s) => s.replace(/^.*?\/node_modules\//, 'node_modules/').replace(repo, ''))
    .filter((s) => !s.endsWith('index.bundled.js'));
}

function auditBuild(name) {
  const dir = join(root, name);
  const manifest = join(dir, 'manifest.json');
  if (!existsSync(manifest)) return undefined;
  const graph = new Map(jsFiles(dir).map((f) => [relative(dir, f), importsOf(dir, f)]));
  const { entries } = JSON.parse(readFileSync(manifest, 'utf8'));
  const result = {};
  for (const [entry, { firstLoad }] of Object.entries(entries)) {
    const first = new Set(firstLoad);
    // Every chunk the entry may ever load, and which of them something loads with import().
    const reachable = new Set();
    const onDemand = new Map(); // chunk -> importers that import() it
    const walk = (f) => {
      if (reachable.has(f) || !graph.has(f)) return;
      reachable.add(f);
      const { statics, dynamics } = graph.get(f);
      for (const d of dynamics) onDemand.set(d, [...(onDemand.get(d) ?? []), f]);
      for (const s of [...statics, ...dynamics]) walk(s);
    };
    for (const f of first) walk(f);
    const chains = [];
    for (const lazy of [...onDemand.keys()].filter((f) => !first.has(f)).sort()) {
      // Its static closure outside the first load, with the path that reaches each.
      const via = new Map([[lazy, [lazy]]]);
      const queue = [lazy];
      while (queue.length) {
        const f = queue.shift();
        for (const s of graph.get(f)?.statics ?? []) {
          if (first.has(s) || via.has(s)) continue;
          via.set(s, [...via.get(f), s]);
          queue.push(s);
        }
      }
      for (const [dep, path] of via) {
        if (dep === lazy) continue;
        chains.push({
          chunk: lazy,
          imports: dep,
          kind: onDemand.has(dep) ? 'on-demand' : 'shared',
          path,
          ...(onDemand.has(dep) ? { loadedBy: onDemand.get(dep).filter((f) => f !== lazy) } : {}),
          modules: modulesOf(dir, dep),
        });
      }
    }
    result[entry] = chains;
  }
  return result;
}

const report = {};
for (const build of BUILDS) {
  const audited = auditBuild(build);
  if (audited) report[build] = audited;
}
if (!Object.keys(report).length) {
  console.error(`no manifests under ${root}/{${BUILDS.join(',')}}: run npm run build first`);
  process.exit(1);
}

if (asJson) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const short = (f) => f.replace(/^chunks\/([^/]+\/)?/, '').replace(/-[\w-]{8}\.js$/, '');
  let total = 0;
  for (const [build, entries] of Object.entries(report)) {
    for (const [entry, chains] of Object.entries(entries)) {
      console.log(`\n${build}/${entry}: ${chains.length ? `${chains.length} chain(s)` : 'none'}`);
      total += chains.length;
      for (const c of chains) {
        const mods = c.modules.filter((m) => !m.startsWith('node_modules/')).map((m) => m.replace(/^components\//, ''));
        const npm = c.modules.length - mods.length;
        console.log(`  ${c.path.map(short).join(' → ')}  [${c.kind}]  ${mods.join(', ')}${npm ? ` (+${npm} from node_modules)` : ''}`);
      }
    }
  }
  console.log(`\n${total} chain(s): a lazy chunk that cannot load again (without a page reload) once the chunk it imports failed.`);
}
