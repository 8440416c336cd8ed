import { chromeLauncher } from '@web/test-runner-chrome';
import { findChrome, chromeArgs } from './test/support/find-chrome.mjs';
import { devServerPlugins } from './test/support/dev-server-plugins.mjs';
import { hlsLivePlugin } from './test/support/hls-live-plugin.mjs';
import { matrixCsPlugin } from './test/support/matrix-cs-plugin.mjs';
import { chunkFaults } from './test/support/chunk-faults.mjs';
import { importRetryPlugin } from './test/support/import-retry-plugin.mjs';
import { cspPolicy } from './test/support/csp.mjs';

export default {
  files: ['components/**/*.test.ts', 'widgets/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts'],
  nodeResolve: true,
  // One page at a time: Chromium does not keep media playing in two test pages at once
  // (the talk player's stream/Jitsi hand-over tests time out in parallel).
  concurrency: 1,
  // matrix-widget-api logs every message it passes; keep test output to what matters.
  filterBrowserLogs: ({ args }) => {
    const first = String(args[0] ?? '');
    return !first.includes('[PostmessageTransport]') && !first.startsWith('Lit is in dev mode') && !first.includes('is allowed capabilities') && !first.includes('waitForIframeLoad is false');
  },
  testFramework: { config: { timeout: 10000 } },
  browsers: [chromeLauncher({ launchOptions: { executablePath: findChrome(), headless: true, args: chromeArgs } })],
  // POST /__chunk_faults makes chosen module requests fail (parts that cannot load); a page
  // asked for with ?csp=<run> is served under the strict Content-Security-Policy (csp.mjs).
  middleware: [chunkFaults(), cspPolicy()],
  // importRetryPlugin after devServerPlugins (it reads the JavaScript esbuild made of the .ts):
  // the fault tests (`*faults.test.ts`) and what they load retry a failed import() on a fresh
  // URL, as the built pages do; every other test runs the source untransformed.
  plugins: [...devServerPlugins, importRetryPlugin(), hlsLivePlugin(), matrixCsPlugin()],
};
