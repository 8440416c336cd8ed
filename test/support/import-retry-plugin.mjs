// The build's import retry (scripts/rollup-plugins.mjs: importRetry) for the fault tests only.
// The browser tests run our source as the build leaves it otherwise; a fault test needs the
// retry to show what a component does when a part it loads on demand fails and comes back
// (test/support/chunk-faults.mjs makes it fail): the test Chromium keeps a failed module fetch
// in the module map (test/support/find-chrome.mjs), so without the retry no Retry could work.
//
// Which modules get it: a fault test file (its name ends in `faults.test.ts`), and every module
// of ours it loads, which it asks for under the `?import-retry` flag: each flagged module hands
// the flag on to its own imports, so the whole page uses one copy of each module, transformed.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { init, parse } from 'es-module-lexer';
import { importRetry } from '../../scripts/rollup-plugins.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));

const FLAG = 'import-retry';
const FAULT_TEST = /faults\.test\.[jt]s$/;
/** Modules of ours (not node_modules: a package's import() is not a chunk of ours). */
const OURS = /^(\.\.?\/|\/(components|widgets|examples|test)\/)/;

/** Whether this response is served with the import retry: a fault test, or a module one loaded. */
const withRetry = (context) => FAULT_TEST.test(context.path) || hasFlag(context.url);

/** The retry appends `?retry=<random>` to a flagged URL (`x.ts?import-retry?retry=…`): still flagged. */
const hasFlag = (url) => new RegExp(`[?&]${FLAG}(?=$|[=&?])`).test(url);

const flagged = (specifier) => (hasFlag(specifier) ? specifier : `${specifier}${specifier.includes('?') ? '&' : '?'}${FLAG}`);

export function importRetryPlugin() {
  return {
    name: 'devroom:import-retry',
    /**
     * Wraps each `import('./relative.js')` in `__devroomImport(…)` and appends the helper, as
     * rollup does for every import() of a lazy chunk. Only relative string specifiers: those are
     * our chunks (a bare `import('hls.js')` is a package).
     */
    async transform(context) {
      if (!withRetry(context) || !context.response.is('js') || typeof context.body !== 'string') return undefined;
      const code = context.body;
      if (!code.includes('import(')) return undefined;
      await init;
      const [imports] = parse(code, context.path);
      let out = '';
      let at = 0;
      for (const imp of imports) {
        // Dynamic (d > -1), a plain string literal, relative.
        if (imp.d < 0 || typeof imp.n !== 'string' || !/^\.\.?\//.test(imp.n)) continue;
        if (!/^import\s*\($/.test(code.slice(imp.ss, imp.d + 1))) continue;
        const close = code.slice(imp.e, imp.se);
        if (!/^\s*\)$/.test(close)) continue; // import(x, options): leave it
        // The dev server resolves imports after this plugin and no longer sees these: map
        // `./part.js` to the `./part.ts` on disk here, as @web/dev-server-esbuild does.
        out += code.slice(at, imp.ss) + importRetry.wrap.left + JSON.stringify(flagged(servedPath(context.path, imp.n))) + importRetry.wrap.right;
        at = imp.se;
      }
      if (at === 0) return undefined;
      return { body: importRetry.addHelper(out + code.slice(at)) };
    },
    /** A flagged module's static imports (and import()s the transform left) of our modules carry the flag. */
    transformImport({ source, context }) {
      if (!withRetry(context) || !OURS.test(source)) return undefined;
      return flagged(source);
    },
  };
}

function servedPath(importer, specifier) {
  if (!specifier.endsWith('.js')) return specifier;
  const onDisk = join(root, dirname(importer), specifier);
  if (existsSync(onDisk)) return specifier;
  const ts = `${specifier.slice(0, -3)}.ts`;
  return existsSync(join(root, dirname(importer), ts)) ? ts : specifier;
}
