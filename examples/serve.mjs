// `npm start`: serves the demo conference. Two origins, like a real deployment:
// - the Element-like host and the plain-page example on http://localhost:PORT
//   (TypeScript served through the same dev-server plugins the tests use);
// - the built widget pages (dist/widgets, exactly what ships) on http://127.0.0.1:PORT+1,
//   so the widgets' parent-origin checks run for real.
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { startDevServer } from '@web/dev-server';
import { devServerPlugins } from '../test/support/dev-server-plugins.mjs';

const root = new URL('..', import.meta.url).pathname;
const port = Number(process.env.PORT ?? 8000);
const widgetPort = port + 1;

if (!existsSync(join(root, 'dist/widgets'))) {
  console.error('dist/widgets is missing: run `npm run build` first (npm start does it for you).');
  process.exit(1);
}

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.css': 'text/css',
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.ts': 'video/mp2t',
  '.m4s': 'video/iso.segment',
  '.mp4': 'video/mp4',
  '.vtt': 'text/vtt',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

// The demo's fake Jitsi script, beside the widget pages: widgets load a script only from
// https or their own origin (docs/security.md).
const FAKE_JITSI = '/test/fixtures/jitsi/external_api.js';

/** Static server for dist/: what a CDN would do, nothing more (plus the fake Jitsi). */
const widgetServer = createServer((req, res) => {
  const url = new URL(req.url ?? '/', `http://127.0.0.1:${widgetPort}`);
  const distRoot = join(root, 'dist');
  const file = url.pathname === FAKE_JITSI ? join(root, FAKE_JITSI) : normalize(join(distRoot, decodeURIComponent(url.pathname)));
  if ((url.pathname !== FAKE_JITSI && !file.startsWith(distRoot + '/')) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  res.writeHead(200, {
    'content-type': types[extname(file)] ?? 'application/octet-stream',
    'access-control-allow-origin': '*',
    'cache-control': 'no-cache',
  });
  createReadStream(file).pipe(res);
});
widgetServer.listen(widgetPort, '127.0.0.1');

await startDevServer({
  config: {
    rootDir: root,
    port,
    hostname: 'localhost',
    nodeResolve: true,
    plugins: devServerPlugins,
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
