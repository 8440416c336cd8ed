import { chromeLauncher } from '@web/test-runner-chrome';
import { findChrome, chromeArgs } from './test/support/find-chrome.mjs';
import { devServerPlugins } from './test/support/dev-server-plugins.mjs';
import { hlsLivePlugin } from './test/support/hls-live-plugin.mjs';

export default {
  files: ['components/**/*.test.ts', 'widgets/**/*.test.ts', 'test/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 2,
  testFramework: { config: { timeout: 10000 } },
  browsers: [chromeLauncher({ launchOptions: { executablePath: findChrome(), headless: true, args: chromeArgs } })],
  plugins: [...devServerPlugins, hlsLivePlugin()],
};
