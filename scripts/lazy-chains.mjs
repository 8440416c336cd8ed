// Usage: node scripts/lazy-chains.mjs [dist-dir] [--all] [--json]   (after rollup; `npm run build` runs it)
//
// The build's gate for the module-map hazard. Some browsers keep a failed module fetch in the
// page's module map for the page's life (whatwg/html#10327 changed that; see
// retryDynamicImports in rollup-plugins.mjs for which of devroom's users still have it). The
// build's import retry asks for a lazy chunk again on a fresh URL, but the chunk's own
// `import … from './y.js'` still resolves to y's original URL. So, per build that retries its
// lazy chunks (dist/widgets, dist/cdn, dist/public), every chunk loaded on demand is checked
// for a STATIC import (direct or through other chunks outside the first load) of a chunk that
// is also loaded with import() elsewhere:
//   on-demand  y is itself loaded with import() elsewhere: once y failed there (its own retry
//              recovers y on a fresh URL), this chunk can never load again without a reload.
//              FAILS the build (exit 1) unless the pair is in ALLOWED below, with its reason.
//   after      y is also loaded with import() elsewhere, but nothing asks for this chunk before
//              y has loaded (y, or code that needs y, is what imports it: an element's chunk
//              and its lazy parts in the public reader). Listed with --all, never a failure.
//   shared     y only exists as a static dependency of lazy chunks (rollup split it out): it is
//              requested only with one of them. If y alone fails while that chunk arrived, the
//              chunk needs a reload: the retry's known limit, rare (a dropped connection usually
//              fails the first request). Listed with --all, never a failure.
// Chunks of the first load are safe (the page has them). Chains are named by the source
// modules the chunks carry (their source maps), so hashed and renamed chunks read alike.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { init, parse } from 'es-module-lexer';

/**
 * On-demand chains the build accepts, by purpose: `lazy` and `imports` are source modules
 * (repo paths) in the lazy chunk and in the chunk it imports. Each needs a reason it is safe,
 * or the issue that removes it. Keep it short: the fix is almost always to not import it.
 */
const ALLOWED = [];

const args = process.argv.slice(2);
const root = resolve(args.find((a) => !a.startsWith('--')) ?? 'dist');
const asJson = args.includes('--json');
const all = args.includes('--all');
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
    const staticClosure = (f, seen = new Set()) => {
      if (seen.has(f) || !graph.has(f)) return seen;
      seen.add(f);
      for (const s of graph.get(f).statics) staticClosure(s, seen);
      return seen;
    };
    /**
     * Whether `lazy` can be asked for while `dep` has failed: some chunk that runs without dep
     * (dep is not in its static closure) import()s it. When not, dep is loaded before anything
     * can ask for `lazy` (dep, or code that needs it, is what loads it): no failed dep to meet.
     */
    const askedWithout = (lazy, dep) => {
      const runs = new Set();
      const queue = [...first];
      while (queue.length) {
        const f = queue.shift();
        if (runs.has(f) || !graph.has(f) || staticClosure(f).has(dep)) continue;
        runs.add(f);
        if (graph.get(f).dynamics.includes(lazy)) return true;
        queue.push(...graph.get(f).statics, ...graph.get(f).dynamics);
      }
      return false;
    };
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
          kind: !onDemand.has(dep) ? 'shared' : askedWithout(lazy, dep) ? 'on-demand' : 'after',
          path,
          ...(onDemand.has(dep) ? { loadedBy: onDemand.get(dep).filter((f) => f !== lazy) } : {}),
          modules: modulesOf(dir, dep),
          lazyModules: modulesOf(dir, lazy),
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

const allowedBy = (chain) => ALLOWED.find((a) => chain.lazyModules.includes(a.lazy) && chain.modules.includes(a.imports));
const findings = Object.entries(report).flatMap(([build, entries]) =>
  Object.entries(entries).flatMap(([entry, chains]) => chains.map((chain) => ({ build, entry, ...chain }))),
);
const onDemand = findings.filter((c) => c.kind === 'on-demand');
const refused = onDemand.filter((c) => !allowedBy(c));
const stale = ALLOWED.filter((a) => !onDemand.some((c) => allowedBy(c) === a));

if (asJson) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const short = (f) => f.replace(/^chunks\/([^/]+\/)?/, '').replace(/-[\w-]{8}\.js$/, '');
  const ours = (modules) => modules.filter((m) => !m.startsWith('node_modules/'));
  const line = (c) => {
    const mods = ours(c.modules);
    const npm = c.modules.length - mods.length;
    return `  ${c.build}/${c.entry}: ${c.path.map(short).join(' → ')}  [${c.kind}]  ${mods.join(', ')}${npm ? ` (+${npm} from node_modules)` : ''}`;
  };
  for (const c of onDemand) console.log(`${line(c)}${allowedBy(c) ? `\n    allowed: ${allowedBy(c).why}` : ''}`);
  if (all) for (const c of findings.filter((f) => f.kind !== 'on-demand')) console.log(line(c));
  const count = (kind) => findings.filter((f) => f.kind === kind).length;
  console.log(
    `lazy-chains: ${refused.length} chain(s) not allowed, ${onDemand.length - refused.length} allowed; ${count('after')} after their importer, ${count('shared')} through shared chunks (${all ? 'listed above' : '--all lists them'}; not failures).`,
  );
  for (const a of stale) console.log(`lazy-chains: ALLOWED entry ${a.lazy} → ${a.imports} matches no chain any more: remove it from scripts/lazy-chains.mjs.`);
}
/** A chunk by the source modules of ours it carries (its file name when it has no source map). */
const named = (modules, file) => modules.filter((m) => !m.startsWith('node_modules/')).join(', ') || file;
if (refused.length) {
  console.error(`
lazy-chains: a lazy chunk statically imports a chunk that is also loaded with import() elsewhere:
${refused.map((c) => `  ${c.build}/${c.entry}: ${named(c.lazyModules, c.chunk)}\n    imports ${named(c.modules, c.imports)}`).join('\n')}
Once that import() failed (and its retry recovered it), these parts can never load again in
browsers that keep failed module fetches. Fix it in the lazy module: take what it needs from a
module of the first load, or move the shared code into a module with no import() of its own;
load the other part with import() (LazyPart / loadOnce in components/shared/lazy-part.ts),
never a static import. Only if it is safe, add {lazy, imports, why} to ALLOWED in
scripts/lazy-chains.mjs.`);
  process.exit(1);
}
