// `npm run bench`: benchmarks in Chromium. They print figures (console.log) and assert
// only generous sanity bounds; budgets are read from their output, not from test timing.
// Each bench also reports its figures (test/bench/report.ts) to benchReportPlugin, which
// prints them with the sizes from dist/ as one table at the end and writes test/bench/results.json.
import base from './web-test-runner.config.mjs';
import { chromeLauncher } from '@web/test-runner-chrome';
import { findChrome, chromeArgs } from './test/support/find-chrome.mjs';
import { homeserverPlugin, sdkChatter } from './test/support/homeserver-plugin.mjs';
import { benchReportPlugin } from './test/support/bench-report-plugin.mjs';

export default {
  ...base,
  files: ['test/bench/**/*.bench.ts'],
  // Lit's production build: dev-mode checks would distort the figures.
  nodeResolve: { exportConditions: ['production'] },
  concurrency: 1,
  // element-widgets.bench.ts and public-reader.bench.ts meet a homeserver, as the homeserver suite does.
  plugins: [...base.plugins, homeserverPlugin(), benchReportPlugin()],
  filterBrowserLogs: (log) => base.filterBrowserLogs(log) && !sdkChatter(log),
  testFramework: { config: { timeout: 120000 } },
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: findChrome(), headless: true, args: [...chromeArgs, '--enable-precise-memory-info'] },
    }),
  ],
};
