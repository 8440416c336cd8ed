// Dev-server plugins shared by the test runner and `npm start`, so tests load
// code exactly the way the demo does.
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

export const devServerPlugins = [
  widgetApiSourcePlugin,
  esbuildPlugin({ ts: true, target: 'es2022', tsconfig: new URL('../../tsconfig.json', import.meta.url).pathname }),
];
