// The demo's second origin: the built widget pages (dist/), served as a CDN would serve them,
// nothing more — plus the demo's fake Jitsi script beside them and a list of the pages.
import { createServer } from 'node:http';
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';

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

const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * `/widgets/`: the widget pages, listed. A CDN lists no directory, but a person trying the
 * demo's second origin should not meet a 404; each page opened by itself says how to add it.
 */
function widgetIndex(distRoot, demoUrl) {
  const pages = readdirSync(join(distRoot, 'widgets')).filter((name) => name.endsWith('.html')).sort();
  const items = pages.map((name) => `<li><a href="./${escapeHtml(name)}">${escapeHtml(name)}</a></li>`).join('\n');
  const demo = demoUrl ? ` (the <a href="${escapeHtml(demoUrl)}">demo conference</a> has all four)` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,"><title>devroom widget pages</title>
<style>body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color-scheme: light dark; line-height: 1.45; }</style></head>
<body>
<h1>devroom widget pages</h1>
<p>The built widget pages (<code>dist/widgets/</code>), exactly as they ship. Each is a Matrix widget: add it to a room${demo},
or open it here to see how.</p>
<ul>
${items}
</ul>
</body></html>
`;
}

/**
 * A static server for `root`/dist. `demoUrl`: the demo conference, linked from the page list.
 * Returns the (not yet listening) http.Server.
 */
export function createWidgetServer({ root, demoUrl }) {
  const distRoot = join(root, 'dist');
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://widgets.invalid');
    if (url.pathname === '/' || url.pathname === '/widgets') {
      res.writeHead(302, { location: '/widgets/' }).end();
      return;
    }
    if (url.pathname === '/widgets/') {
      res.writeHead(200, { 'content-type': types['.html'], 'cache-control': 'no-cache' }).end(widgetIndex(distRoot, demoUrl));
      return;
    }
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
}
