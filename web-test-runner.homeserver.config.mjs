// `npm run test:homeserver`: the built widget pages (dist/, after `npm run build`) and the
// public reader against a homeserver over HTTP, through an Element-like host built on
// matrix-js-sdk (test/element/). The homeserver is the in-process test homeserver
// (test/homeserver/), or a real one: DEVROOM_TEST_HOMESERVER=<url> DEVROOM_TEST_HOMESERVER_SECRET=<secret>.
import base from './web-test-runner.config.mjs';
import { homeserverPlugin, sdkChatter } from './test/support/homeserver-plugin.mjs';

export default {
  ...base,
  files: ['components/**/*.homeserver-test.ts', 'widgets/**/*.homeserver-test.ts', 'test/**/*.homeserver-test.ts'],
  // Several people, each with a syncing client and a widget, over HTTP: slower than memory.
  testFramework: { config: { timeout: 30000 } },
  // A file here starts several clients and widgets over HTTP, and the public reader's idle
  // minute alone takes 60 s: the default 120 s per file is too tight on a loaded 2-core machine.
  testsFinishTimeout: 300000,
  plugins: [...base.plugins, homeserverPlugin()],
  filterBrowserLogs: (log) => base.filterBrowserLogs(log) && !sdkChatter(log),
};
