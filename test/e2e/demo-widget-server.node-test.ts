import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error a plain ES module of the demo (examples/serve.mjs uses it), no types
import { createWidgetServer } from '../../examples/widget-server.mjs';

/** The demo's second origin (npm start): the built widget pages as a CDN serves them, and a list of them at /widgets/. */
describe('demo widget server (npm start, second origin)', () => {
  let root: string;
  let server: Server;
  let base: string;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'devroom-widget-server-'));
    mkdirSync(join(root, 'dist/widgets/chunks'), { recursive: true });
    for (const page of ['qa-queue', 'talk-player']) writeFileSync(join(root, `dist/widgets/${page}.html`), `<!doctype html><title>${page}</title>`);
    writeFileSync(join(root, 'dist/widgets/qa-queue.js'), 'export {};');
    writeFileSync(join(root, 'secret.txt'), 'outside dist');
    server = createWidgetServer({ root, demoUrl: 'http://localhost:8000/examples/host/' }) as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('lists the widget pages at /widgets/, each a link, with a link back to the demo', async () => {
    const res = await fetch(`${base}/widgets/`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    const html = await res.text();
    assert.match(html, /<h1>devroom widget pages<\/h1>/);
    assert.deepEqual([...html.matchAll(/<li><a href="\.\/([^"]+)">/g)].map((m) => m[1]), ['qa-queue.html', 'talk-player.html']);
    assert.match(html, /href="http:\/\/localhost:8000\/examples\/host\/"/);
  });

  it('sends / and /widgets to the list', async () => {
    for (const path of ['/', '/widgets']) {
      const res = await fetch(`${base}${path}`, { redirect: 'manual' });
      assert.equal(res.status, 302, path);
      assert.equal(res.headers.get('location'), '/widgets/');
    }
  });

  it('serves the pages and their scripts as they are, and nothing outside dist/', async () => {
    const page = await fetch(`${base}/widgets/qa-queue.html`);
    assert.equal(page.status, 200);
    assert.equal(await page.text(), '<!doctype html><title>qa-queue</title>');
    const script = await fetch(`${base}/widgets/qa-queue.js`);
    assert.match(script.headers.get('content-type') ?? '', /^text\/javascript/);
    assert.equal(script.headers.get('access-control-allow-origin'), '*');
    assert.equal((await fetch(`${base}/widgets/missing.html`)).status, 404);
    assert.equal((await fetch(`${base}/%2e%2e/secret.txt`)).status, 404);
  });
});
