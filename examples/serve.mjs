// `npm start`: serves the demo conference. Two origins, like a real deployment:
// - the Element-like host and the plain-page example on http://localhost:PORT
//   (TypeScript served through the same dev-server plugins the tests use);
// - the built widget pages (dist/widgets, exactly what ships) on http://127.0.0.1:PORT+1,
//   so the widgets' parent-origin checks run for real.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startDevServer } from '@web/dev-server';
import { devServerPlugins } from '../test/support/dev-server-plugins.mjs';
import { hlsLivePlugin } from '../test/support/hls-live-plugin.mjs';
import { createWidgetServer } from './widget-server.mjs';

const root = new URL('..', import.meta.url).pathname;
const port = Number(process.env.PORT ?? 8000);
const widgetPort = port + 1;

if (!existsSync(join(root, 'dist/widgets'))) {
  console.error('dist/widgets is missing: run `npm run build` first (npm start does it for you).');
  process.exit(1);
}

const widgetServer = createWidgetServer({ root, demoUrl: `http://localhost:${port}/examples/host/` });
widgetServer.listen(widgetPort, '127.0.0.1');

await startDevServer({
  config: {
    rootDir: root,
    port,
    hostname: 'localhost',
    nodeResolve: true,
    // The demo talk's stream: committed segments looped as a live stream (/__hls-live/demo/).
    plugins: [...devServerPlugins, hlsLivePlugin()],
    // The widget pages (other origin) fetch the demo's local HLS stream and fake Jitsi from here.
    middleware: [
      (ctx, next) => {
        ctx.set('Access-Control-Allow-Origin', '*');
        return next();
      },
    ],
  },
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
});

const widgetBase = `http://127.0.0.1:${widgetPort}/widgets/`;
console.log(`
devroom demo is running:

  Demo conference (Element-like host): http://localhost:${port}/examples/host/?widgets=${encodeURIComponent(widgetBase)}
  Plain-page example (no Matrix):      http://localhost:${port}/examples/plain/
  Widget configurator (URL, state):    http://localhost:${port}/examples/configurator/?widgets=${encodeURIComponent(widgetBase)}
  Widget pages (built, as shipped):    ${widgetBase}

Ctrl+C to stop.
`);
