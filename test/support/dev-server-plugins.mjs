// Dev-server plugins shared by the test runner and `npm start`, so tests load
// code exactly the way the demo does.
import { existsSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';

/**
 * matrix-widget-api's published lib/ is CommonJS; its TypeScript src/ is ESM and
 * tree-shakes. Types come from lib/ (tsc), code from src/ (rollup, dev server). Its one
 * dependency, the CommonJS `events` package, is replaced by our ES module of the same API
 * (widgets/vendor/event-emitter.ts), exactly as in the build.
 */
export const widgetApiSourcePlugin = {
  name: 'matrix-widget-api-source',
  resolveImport({ source }) {
    if (source === 'matrix-widget-api') return '/node_modules/matrix-widget-api/src/index.ts';
    if (source === 'events') return '/widgets/vendor/event-emitter.ts';
    return undefined;
  },
};

/**
 * `/widgets/<name>.html` from source (the built page's path, dist/widgets/<name>.html), shaped like the built page: one static module
 * script. (A page that imported its module dynamically would let the iframe's `load` event
 * fire first, and a client that starts on `load` — `waitForIframeLoad: true`, what
 * Element's /addwidget creates — would talk to nobody.)
 */
export const widgetPagesFromSourcePlugin = {
  name: 'widget-pages-from-source',
  serve(context) {
    const match = /^\/widgets\/([a-z][a-z-]*)\.html$/.exec(context.path);
    if (!match || !existsSync(new URL(`../../widgets/${match[1]}/page.ts`, import.meta.url))) return undefined;
    return {
      type: 'html',
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>devroom ${match[1]} (source)</title><script type="module" src="./${match[1]}/page.ts"></script></head><body></body></html>`,
    };
  },
};

export const devServerPlugins = [
  widgetApiSourcePlugin,
  widgetPagesFromSourcePlugin,
  esbuildPlugin({ ts: true, target: 'es2022', tsconfig: new URL('../../tsconfig.json', import.meta.url).pathname }),
];
