// A @web/dev-server plugin for the homeserver suite (`npm run test:homeserver`):
// - starts the in-process test homeserver (test/homeserver/server.ts) on loopback, or uses
//   the real one named by DEVROOM_TEST_HOMESERVER (+ DEVROOM_TEST_HOMESERVER_SECRET, its
//   registration shared secret);
// - GET /__homeserver tells the test page where it is: {url, serverName, registrationSharedSecret, controls}
//   (`controls`: the test homeserver's /_devroom_test API exists — false on a real server);
// - serves matrix-js-sdk to the browser as one ES module (it has CommonJS dependencies the
//   dev server's node-resolve cannot load), bundled once by esbuild;
// - the `widget-eval` command runs a function inside a widget's iframe, found by a part of
//   its URL: the widgets are served from a second origin (as from a CDN), so the test page
//   cannot reach into them; the browser's DevTools protocol can, as a person's clicks can.
import { build } from 'esbuild';
import { importTs } from './import-ts.mjs';

const SDK_PATH = '/__matrix-js-sdk.js';

const CHATTER = /^(FetchHttpApi|sync |\[MatrixRTC|stopping MatrixClient|Adding default global|Got push rules|Setting push rules|Caught \/sync|Got reply from saved sync|Waiting for saved sync|Sending initial sync|Resuming sync|Started \/sync|Processing \/sync|PollingCachedValue<RTCTransports>|GroupCallEventHandler|Attempting to send queued|All queued to-device|Fetched new server|Missing default global)/;

/**
 * matrix-js-sdk narrates every request and sync, warns about the default push rules the test
 * homeserver does not serve (nothing here uses push rules), and about a 404 for an unstable
 * endpoint Synapse lacks too: not worth a test log line.
 */
export const sdkChatter = (log) => CHATTER.test(log.args.map(String).join(' '));

async function bundleSdk() {
  const result = await build({
    stdin: { contents: "export * from 'matrix-js-sdk';", resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'warning',
    // Crypto is never started in these tests (no encrypted rooms); its WebAssembly stays out.
    external: ['@matrix-org/matrix-sdk-crypto-wasm'],
    define: { 'process.env.NODE_ENV': '"test"', global: 'globalThis' },
  });
  return result.outputFiles[0].text;
}

const FRAME_WAIT_MS = 10_000;
// Below the test runner's own 20 s limit for a command, so a widget that does not answer
// fails with that message instead of the runner's.
const ANSWER_MS = 15_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `expression` in the widget frame whose URL contains `match`. A widget from the second
 * origin is an out-of-process frame with its own DevTools target: evaluating through that
 * target's session reaches its document directly. Puppeteer's Frame handle for it lags on a
 * loaded machine (absent for a while after the widget answered the host, or tied to the
 * execution context of the blank document it replaced, where an evaluation never returns),
 * so it is only the fallback for a frame in the page's own process.
 */
async function evaluateInWidget(page, { match, expression }) {
  const deadline = Date.now() + FRAME_WAIT_MS;
  let frameSeen;
  for (;;) {
    const target = page.browser().targets().find((t) => t.url().includes(match) && t.type() !== 'page');
    if (target) return evaluateInTarget(target, expression);
    const frame = page.frames().find((f) => f.url().includes(match));
    frameSeen ??= frame && Date.now();
    // A frame with no target of its own for 2 s lives in the page's process.
    if (frame && Date.now() - frameSeen > 2000) return evaluateInFrame(frame, expression);
    if (Date.now() > deadline) return { error: `no frame whose URL contains ${match}` };
    await sleep(100);
  }
}

async function withDeadline(promise) {
  let timer;
  const late = new Promise((resolve) => (timer = setTimeout(() => resolve({ error: `the widget did not answer within ${ANSWER_MS / 1000} s` }), ANSWER_MS)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function evaluateInTarget(target, expression) {
  const cdp = await target.createCDPSession();
  try {
    return await withDeadline(
      cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }).then(({ result, exceptionDetails }) =>
        exceptionDetails ? { error: exceptionDetails.exception?.description ?? exceptionDetails.text } : { value: result.value },
      ),
    );
  } catch (error) {
    return { error: String(error?.message ?? error) };
  } finally {
    await cdp.detach().catch(() => {});
  }
}

async function evaluateInFrame(frame, expression) {
  try {
    return await withDeadline(frame.evaluate(expression).then((value) => ({ value })));
  } catch (error) {
    return { error: String(error?.message ?? error) };
  }
}

export function homeserverPlugin() {
  let info;
  let server;
  let sdk;
  return {
    name: 'devroom-homeserver',
    async serverStart() {
      const real = process.env.DEVROOM_TEST_HOMESERVER;
      if (real) {
        const secret = process.env.DEVROOM_TEST_HOMESERVER_SECRET;
        if (!secret) throw new Error('DEVROOM_TEST_HOMESERVER needs DEVROOM_TEST_HOMESERVER_SECRET (its registration_shared_secret)');
        const versions = await fetch(new URL('/_matrix/client/versions', real)).catch((e) => e);
        if (!(versions instanceof Response) || !versions.ok) throw new Error(`DEVROOM_TEST_HOMESERVER ${real} does not answer /_matrix/client/versions`);
        const serverName = process.env.DEVROOM_TEST_HOMESERVER_NAME ?? new URL(real).hostname;
        info = { url: real.replace(/\/$/, ''), serverName, registrationSharedSecret: secret, controls: false };
        console.log(`homeserver suite: against ${info.url}`);
      } else {
        const { startTestHomeserver } = await importTs(new URL('../homeserver/server.ts', import.meta.url));
        server = await startTestHomeserver();
        info = { url: server.url, serverName: server.serverName, registrationSharedSecret: server.registrationSharedSecret, controls: true };
      }
    },
    async serverStop() {
      await server?.stop();
    },
    resolveImport({ source }) {
      if (source === 'matrix-js-sdk') return SDK_PATH;
      return undefined;
    },
    async executeCommand({ command, payload, session }) {
      if (command !== 'widget-eval') return undefined;
      return evaluateInWidget(session.browser.getPage(session.id), payload);
    },
    async serve(context) {
      if (context.path === '/__homeserver') return { type: 'json', body: JSON.stringify(info) };
      if (context.path === SDK_PATH) {
        sdk ??= bundleSdk();
        return { type: 'js', body: await sdk };
      }
      return undefined;
    },
  };
}
