// The test dev server's import retry (test/support/import-retry-plugin.mjs) reaches only the
// fault tests and what they load: every other test runs the source as it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../node/repo.js';

interface Context {
  path: string;
  url: string;
  body: string;
  response: { is(type: string): boolean };
}
interface Plugin {
  transform(context: Context): Promise<{ body: string } | undefined>;
  transformImport(args: { source: string; context: Context }): string | undefined;
}

const { importRetryPlugin } = (await import(pathToFileURL(join(repoRoot, 'test', 'support', 'import-retry-plugin.mjs')).href)) as {
  importRetryPlugin(): Plugin;
};
const plugin = importRetryPlugin();

/** A served module: `url` is what the browser asked for. */
const served = (url: string, body = ''): Context => ({ path: url.split('?')[0] ?? url, url, body, response: { is: (type) => type === 'js' } });
const code = `import { a } from './a.ts';\nexport const load = () => import('./lazy-part.ts');\n`;

test('an ordinary test and the modules it loads are served as they are', async () => {
  for (const url of ['/components/shared/lazy-part.test.ts?wtr-session-id=1', '/components/shared/lazy-part.ts']) {
    assert.equal(await plugin.transform(served(url, code)), undefined, url);
    assert.equal(plugin.transformImport({ source: './a.ts', context: served(url) }), undefined, url);
  }
});

test('a fault test hands the flag to the modules it loads, and their import() retries on a fresh URL, flag kept', async () => {
  const faultTest = served('/components/qa-queue/qa-queue.lazy-faults.test.ts?wtr-session-id=1', code);
  assert.equal(plugin.transformImport({ source: './register.ts', context: faultTest }), './register.ts?import-retry');
  assert.equal(plugin.transformImport({ source: '../../test/support/lazy-faults.ts', context: faultTest }), '../../test/support/lazy-faults.ts?import-retry');
  assert.equal(plugin.transformImport({ source: '/node_modules/lit/index.js', context: faultTest }), undefined, 'packages stay shared');

  for (const url of ['/components/qa-queue/qa-queue.ts?import-retry', '/components/qa-queue/virtual.ts?import-retry?retry=0.5', '/test/fixtures/lazy/part.ts?host=1&import-retry']) {
    const module = served(url, code);
    assert.equal(plugin.transformImport({ source: './a.ts', context: module }), './a.ts?import-retry', url);
    assert.equal(plugin.transformImport({ source: './b.ts?x=1', context: module }), './b.ts?x=1&import-retry', url);
    const out = (await plugin.transform(module))?.body ?? '';
    assert.match(out, /__devroomImport\("\.\/lazy-part\.ts\?import-retry"\)/, url);
    assert.match(out, /function __devroomImport\(u\)/, url);
  }
});
