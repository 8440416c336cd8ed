// The build's import retry (scripts/rollup-plugins.mjs: importRetry) applied to the source
// modules the test dev server serves, so a source test can show what a component does when a
// part it loads on demand fails and then comes back (test/support/chunk-faults.mjs makes it
// fail). Without it a failed import() stays failed in Chromium's module map for the page's
// life: no retry button could ever work in a test, though it does in the built widget.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { init, parse } from 'es-module-lexer';
import { importRetry } from '../../scripts/rollup-plugins.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Wraps each `import('./relative.js')` of our own served modules in `__devroomImport(…)` and
 * appends the helper, as rollup does for every import() of a lazy chunk. Only relative
 * string specifiers: those are our chunks (a bare `import('hls.js')` is a package the build
 * leaves to the consumer, and node_modules is not ours to change).
 */
export function importRetryPlugin() {
  return {
    name: 'devroom:import-retry',
    async transform(context) {
      if (!context.response.is('js') || typeof context.body !== 'string') return undefined;
      if (!/^\/(components|widgets|examples)\//.test(context.path)) return undefined;
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
        // This plugin runs before the dev server resolves imports, and it would no longer see
        // these: map `./part.js` to the `./part.ts` on disk itself, as @web/dev-server-esbuild
        // does for a .ts importer.
        out += code.slice(at, imp.ss) + importRetry.wrap.left + JSON.stringify(servedPath(context.path, imp.n)) + importRetry.wrap.right;
        at = imp.se;
      }
      if (at === 0) return undefined;
      return { body: importRetry.addHelper(out + code.slice(at)) };
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
