// Small rollup plugins for devroom's build: matrix-widget-api from its ESM source,
// static widget HTML pages, and a manifest the size report reads.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * matrix-widget-api's lib/ is Babel CommonJS that cannot be tree-shaken (~24 KB gz for
 * WidgetApi alone). Its shipped src/ is ESM TypeScript: bundle that instead, pre-bundled
 * by esbuild into one ES module. Bundling lets esbuild inline its TypeScript enums across
 * files (WidgetApiFromWidgetAction.SendEvent → "send_event"), so rollup drops the enum
 * objects nobody reads any more (file by file, as rollup transforms, they all stayed).
 */
export function widgetApiFromSource({ stripUnused = false, entry } = {}) {
  const srcDir = join(dirname(require.resolve('matrix-widget-api/package.json')), 'src');
  // Not a file on disk: load() builds it. It lives in src/ so the source map's paths resolve.
  const bundled = join(srcDir, 'index.bundled.js');
  const emitter = new URL('../widgets/vendor/event-emitter.ts', import.meta.url).pathname;
  let strip;
  return {
    name: 'devroom:matrix-widget-api-source',
    resolveId(source) {
      if (source === 'matrix-widget-api') return bundled;
      // Its one dependency, the CommonJS `events` package: our ES module of the same API.
      if (source === 'events') return emitter;
      return null;
    },
    async transform(code, id) {
      // The guard for stripUnused: none of our modules may call a member the build removed.
      if (!stripUnused || id.includes('node_modules') || !/\.[jt]s$/.test(id)) return null;
      const called = (strip ??= await membersToStrip(entry)).find((name) => new RegExp(`\\.${name}\\s*\\(`).test(code));
      if (called) this.error(`${id} calls WidgetApi.${called}(), which the widget-page build strips: remove it from UNUSED_WIDGET_API_MEMBERS`);
      return null;
    },
    async load(id) {
      if (id !== bundled) return null;
      const { build } = await import('esbuild');
      const result = await build({
        entryPoints: [join(srcDir, 'index.ts')],
        outfile: bundled,
        bundle: true,
        write: false,
        format: 'esm',
        target: 'es2022',
        // Our class-field semantics (useDefineForClassFields: false), as when rollup-plugin-esbuild transformed it.
        tsconfig: new URL('../tsconfig.json', import.meta.url).pathname,
        external: ['events'],
        legalComments: 'none',
        sourcemap: 'external',
        plugins: stripUnused ? [stripWidgetApiMembers(await membersToStrip(entry))] : [],
        // The widget pages drop the transport's console.log of every message it sends (its
        // warnings stay): noise in the browser console of everyone using a widget.
        pure: stripUnused ? ['console.log'] : [],
      });
      const file = (ext) => result.outputFiles.find((f) => f.path.endsWith(ext)).text;
      return { code: file('.js'), map: file('.js.map') };
    },
  };
}

/**
 * WidgetApi methods devroom never calls (and WidgetApi never calls itself). A class method
 * is never tree-shaken: these cost ~1.9 KB gz in every widget page (measured) and pull in
 * WidgetEventCapability. Only the widget pages strip them; `devroom/widget` users keep the
 * whole class. A build error names any of our modules that starts calling one.
 */
export const UNUSED_WIDGET_API_MEMBERS = [
  'requestCapabilityForRoomTimeline',
  'requestCapabilityToSendState',
  'requestCapabilityToReceiveState',
  'requestCapabilityToSendToDevice',
  'requestCapabilityToReceiveToDevice',
  'requestCapabilityToSendEvent',
  'requestCapabilityToReceiveEvent',
  'requestCapabilityToSendMessage',
  'requestCapabilityToReceiveMessage',
  'requestCapabilityToReceiveRoomAccountData',
  'requestCapabilityToGetRtcLivekitToken',
  'requestCapabilityToDelegateRtcLivekitDelayedLeave',
  'sendSticker',
  'openModalWidget',
  'closeModalWidget',
  'cancelScheduledDelayedEvent',
  'restartScheduledDelayedEvent',
  'sendScheduledDelayedEvent',
  'sendToDevice',
  'readRoomAccountData',
  'readRoomEvents',
  'setModalButtonEnabled',
  'navigateTo',
  'getTurnServers',
  'searchUserDirectory',
  'getMediaConfig',
  'getRtcTransports',
  'uploadFile',
  'getRtcLivekitToken',
  'delegateRtcLivekitDelayedLeave',
];

/**
 * WidgetApi methods only some pages call (the talk player's Jitsi JWT asks for an OpenID
 * token, the stand booth downloads its logo): kept only where a module of the page, lazy ones
 * included, mentions them (~0.3 KB gz for the others, measured).
 */
const PAGE_SPECIFIC_WIDGET_API_MEMBERS = ['requestOpenIDConnectToken', 'downloadFile'];

/** UNUSED_WIDGET_API_MEMBERS plus the page-specific ones no module reachable from `entry` mentions. */
async function membersToStrip(entry) {
  if (!entry) return UNUSED_WIDGET_API_MEMBERS;
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    format: 'esm',
    write: false,
    outdir: '/tmp/devroom-scan',
    metafile: true,
    packages: 'external',
    logLevel: 'silent',
  });
  const sources = Object.keys(result.metafile.inputs).map((file) => readFileSync(file, 'utf8'));
  const mentioned = (name) => sources.some((code) => new RegExp(`\\.${name}\\b`).test(code));
  return [...UNUSED_WIDGET_API_MEMBERS, ...PAGE_SPECIFIC_WIDGET_API_MEMBERS.filter((name) => !mentioned(name))];
}

/** esbuild plugin: WidgetApi.ts without the `members` named (cut with the TypeScript parser). */
function stripWidgetApiMembers(members) {
  return {
    name: 'devroom:strip-widget-api-members',
    setup(build) {
      build.onLoad({ filter: /[\\/]WidgetApi\.ts$/ }, async (args) => {
        const ts = (await import('typescript')).default;
        const text = readFileSync(args.path, 'utf8');
        const file = ts.createSourceFile(args.path, text, ts.ScriptTarget.Latest, true);
        const cut = [];
        const removed = new Set();
        const visit = (node) => {
          if (ts.isClassDeclaration(node) && node.name?.text === 'WidgetApi') {
            for (const member of node.members) {
              const name = member.name && ts.isIdentifier(member.name) ? member.name.text : undefined;
              if (name && members.includes(name)) {
                cut.push([member.getFullStart(), member.getEnd()]);
                removed.add(name);
              }
            }
          }
          ts.forEachChild(node, visit);
        };
        visit(file);
        const missing = members.filter((name) => !removed.has(name));
        // matrix-widget-api renamed or dropped one: update the list rather than guess.
        if (missing.length) throw new Error(`WidgetApi has no member(s) ${missing.join(', ')}`);
        let contents = text;
        for (const [start, end] of cut.sort((a, b) => b[0] - a[0])) contents = contents.slice(0, start) + contents.slice(end);
        return { contents, loader: 'ts' };
      });
    },
  };
}

/**
 * Emits `widgets/<name>.html` for each widget page entry. The page is static: it can be
 * hosted on any web server or CDN. The module script is the entry chunk; its static
 * imports are preloaded so the first load is one round trip deep. Nothing inline (no
 * <style>, no script text, no style attribute): the page works under a strict
 * Content-Security-Policy (docs/security.md); its CSS comes from widgets/pages/page-style.ts.
 */
export function widgetPages(pages) {
  return {
    name: 'devroom:widget-pages',
    generateBundle(_options, bundle) {
      for (const page of pages) {
        const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry && c.name === page.name);
        if (!entry) this.error(`widget page entry "${page.name}" not found in bundle`);
        // Preload the whole first load: the static closure and what the page module
        // imports itself (its render path), so neither costs an extra round trip.
        let first = collectStaticImports(bundle, entry.fileName);
        for (const d of pageOwnDynamicImports(this, bundle, entry)) first = collectStaticImports(bundle, d, new Set(first));
        const preloads = first
          .filter((f) => f !== entry.fileName)
          .map((f) => `    <link rel="modulepreload" href="./${relative(entry.fileName, f)}">`)
          .join('\n');
        const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="referrer" content="no-referrer">
    <link rel="icon" href="data:,">
    <title>${page.title}</title>
${preloads}
    <script type="module" src="./${entry.fileName.split('/').pop()}"></script>
  </head>
  <body>
    <noscript>This devroom widget needs JavaScript.</noscript>
  </body>
</html>
`;
        // Indentation and line breaks are bytes of the first load too.
        const minified = html.replace(/\n\s*/g, '') + '\n';
        this.emitFile({ type: 'asset', fileName: `${page.name}.html`, source: minified });
      }
    },
  };
}

function relative(fromFile, toFile) {
  const fromDir = fromFile.split('/').slice(0, -1);
  const to = toFile.split('/');
  while (fromDir.length && to.length && fromDir[0] === to[0]) {
    fromDir.shift();
    to.shift();
  }
  return [...fromDir.map(() => '..'), ...to].join('/');
}

/**
 * Chunks the page module itself imports with import() — not those its components import
 * on demand, even when rollup folds the components into the page's entry chunk.
 */
function pageOwnDynamicImports(context, bundle, entry) {
  const ids = context.getModuleInfo(entry.facadeModuleId)?.dynamicallyImportedIds ?? [];
  const chunks = new Set();
  for (const id of ids) {
    const chunk = Object.values(bundle).find((c) => c.type === 'chunk' && (c.facadeModuleId === id || c.moduleIds?.includes(id)));
    if (chunk && chunk.fileName !== entry.fileName) chunks.add(chunk.fileName);
  }
  return [...chunks];
}

export function collectStaticImports(bundle, fileName, seen = new Set()) {
  // External modules (lit, hls.js in the npm build) are not files of ours.
  if (seen.has(fileName) || !bundle[fileName]) return [...seen];
  seen.add(fileName);
  const chunk = bundle[fileName];
  for (const imported of chunk?.imports ?? []) collectStaticImports(bundle, imported, seen);
  return [...seen];
}

/**
 * Writes `manifest.json` beside the output: for each entry, what it loads first
 * (static import closure) and what it may load later (dynamic imports).
 */
export function sizeManifest(label, options = {}) {
  return {
    name: 'devroom:size-manifest',
    generateBundle(_options, bundle) {
      const entries = {};
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !chunk.isEntry) continue;
        const lazy = new Set();
        let first = collectStaticImports(bundle, chunk.fileName);
        // A widget page is boot glue: whatever it imports itself is on the way to its first
        // render, dynamic import or not. Lazy parts are those the components load on demand.
        if (options.pageImportsAreFirstLoad) {
          for (const d of pageOwnDynamicImports(this, bundle, chunk)) first = collectStaticImports(bundle, d, new Set(first));
        }
        for (const f of first) for (const d of bundle[f]?.dynamicImports ?? []) if (bundle[d]) lazy.add(d);
        entries[chunk.name] = { file: chunk.fileName, firstLoad: first, lazy: [...lazy].filter((f) => !first.includes(f)) };
      }
      if (!options.merge) {
        this.emitFile({ type: 'asset', fileName: 'manifest.json', source: JSON.stringify({ label, entries }, null, 2) });
        return;
      }
      // Several builds write into one directory (one per widget page): add to what the
      // earlier builds of this run wrote (scripts/clean.mjs empties dist/ first).
      const path = join(_options.dir, 'manifest.json');
      const previous = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : { entries: {} };
      mkdirSync(_options.dir, { recursive: true });
      writeFileSync(path, JSON.stringify({ label, entries: { ...previous.entries, ...entries } }, null, 2));
    },
  };
}

/**
 * `output.manualChunks` that puts the entry module and its static import graph into one
 * chunk named `name` (the entry's own file when the entry has no exports to keep). Edges
 * that only re-export (`export { x } from './y.js'` in an element's define.ts) are not
 * followed: the page uses none of those exports, and following them would pull modules
 * that tree-shaking drops (or that only a lazy chunk needs) into the first load.
 */
export function firstLoadInOneFile(entry, name) {
  const entryId = resolve(entry);
  let graph;
  return (id, { getModuleInfo }) => {
    if (!graph) {
      graph = new Set();
      const walk = (moduleId) => {
        if (graph.has(moduleId)) return;
        graph.add(moduleId);
        const info = getModuleInfo(moduleId);
        for (const imported of info?.importedIds ?? []) {
          if (!onlyReExported(info.code ?? '', imported)) walk(imported);
        }
      };
      walk(entryId);
    }
    return graph.has(id) ? name : undefined;
  };
}

/** Whether `code` mentions the module `id` only in `export … from` statements. */
function onlyReExported(code, id) {
  const file = id.split('/').pop().replace(/\.[jt]s$/, '');
  const statements = [...code.matchAll(/(^|[;\n])\s*(import|export)\b[^;]*?from\s*["']([^"']+)["']/g)].filter(
    (m) => m[3].split('/').pop().replace(/\.[jt]s$/, '') === file,
  );
  return statements.length > 0 && statements.every((m) => m[2] === 'export');
}

/**
 * Every `import()` of a lazy chunk retries with a fresh URL when it fails. Browsers released
 * before whatwg/html#10327 (adopted in 2026: Chromium 156, recent Firefox and WebKit re-fetch
 * by themselves) keep a failed module fetch in the page's module map: importing the same URL
 * again fails at once without a request, so a part that could not load during a dropped
 * connection would stay missing until the page reloads, whatever the component does. A query string makes a new
 * module-map entry (the chunk's own imports still resolve to the modules already loaded).
 * Limit: when the chunk arrived but a chunk IT imports failed, that URL stays failed in the
 * module map and only a reload recovers (a dropped connection usually fails the first request).
 * Only for outputs that run as they are (widget pages, CDN): a bundler consuming the npm
 * build could not follow an import() of a variable.
 */
export function retryDynamicImports() {
  return {
    name: 'devroom:retry-dynamic-imports',
    renderDynamicImport({ targetChunk }) {
      if (!targetChunk) return null;
      return importRetry.wrap;
    },
    renderChunk(code) {
      const withHelper = importRetry.addHelper(code);
      return withHelper === code ? null : { code: withHelper, map: null };
    },
  };
}

/**
 * The import-retry transform itself, shared by the build (retryDynamicImports) and the test
 * dev server (test/support/import-retry-plugin.mjs), so source tests exercise the same code.
 * `wrap` replaces `import(` … `)` of a lazy chunk; `addHelper` appends the helper to a
 * module that has a wrapped call.
 */
export const importRetry = {
  wrap: { left: '__devroomImport(', right: ')' },
  // One helper per module that imports others, appended (a hoisted function declaration:
  // appending keeps the source map's positions). It lives in the module whose import() it
  // replaces, so relative paths resolve as before. The retry URL is random, not a time: two
  // retries in one millisecond (or under a test's frozen clock) got the same URL, and a URL
  // that failed once stays failed in browsers that keep failed module fetches.
  addHelper(code) {
    if (!code.includes('__devroomImport(')) return code;
    return `${code}\n;function __devroomImport(u){return import(u).catch(()=>import(u+"?retry="+Math.random()))}`;
  },
};

/** Copies a file from node_modules into the output unchanged (e.g. hls.js's worker). */
export function copyAsset(from, fileName) {
  return {
    name: `devroom:copy-${fileName}`,
    generateBundle() {
      this.emitFile({ type: 'asset', fileName, source: readFileSync(require.resolve(from)) });
    },
  };
}
