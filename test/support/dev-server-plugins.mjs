// Dev-server plugins shared by the test runner and `npm start`, so tests load
// code exactly the way the demo does.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { build } from 'esbuild';

const EVENTS_ESM = '/__devroom/events.js';
let eventsEsm;

/**
 * matrix-widget-api's published lib/ is CommonJS; its TypeScript src/ is ESM and
 * tree-shakes. Types come from lib/ (tsc), code from src/ (rollup, dev server).
 * Its one dependency, `events`, is CommonJS: serve it converted to ESM by esbuild
 * (rollup uses @rollup/plugin-commonjs for the same job).
 */
export const widgetApiSourcePlugin = {
  name: 'matrix-widget-api-source',
  resolveImport({ source }) {
    if (source === 'matrix-widget-api') return '/node_modules/matrix-widget-api/src/index.ts';
    if (source === 'events') return EVENTS_ESM;
    return undefined;
  },
  async serve(context) {
    if (context.path !== EVENTS_ESM) return undefined;
    eventsEsm ??= build({
      stdin: {
        contents: "import E from 'events'; export const EventEmitter = E; export default E;",
        resolveDir: process.cwd(),
      },
      bundle: true,
      format: 'esm',
      write: false,
    }).then((result) => result.outputFiles[0].text);
    return { body: await eventsEsm, type: 'js' };
  },
};

export const devServerPlugins = [
  widgetApiSourcePlugin,
  esbuildPlugin({ ts: true, target: 'es2022', tsconfig: new URL('../../tsconfig.json', import.meta.url).pathname }),
];
