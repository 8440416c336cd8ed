import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MatrixClient, TransportError } from './matrix-client.js';

/** A server that takes the request and never answers until the client gives up on it (a half-open connection). */
function hangingThenAnswering(hangs: number): { fetch: typeof fetch; tries: () => number } {
  let tries = 0;
  const impl = (_url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    tries++;
    if (tries > hangs) return Promise.resolve(new Response(JSON.stringify({ user_id: '@host:example.org' }), { status: 200 }));
    return new Promise((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(init.signal!.reason as Error));
    });
  };
  return { fetch: impl as typeof fetch, tries: () => tries };
}

const noSleep = (): Promise<void> => Promise.resolve();

// AbortSignal.timeout's timer does not hold the process open (a real hung request's socket
// does): keep the loop alive while a test waits for it.
const keepAlive = <T>(p: Promise<T>): Promise<T> => {
  const timer = setInterval(() => undefined, 1000);
  return p.finally(() => clearInterval(timer));
};

test('a request with no answer is given up after the timeout and retried like a dropped connection', async () => {
  const server = hangingThenAnswering(2);
  const waits: string[] = [];
  const client = new MatrixClient({
    homeserver: 'https://example.org',
    accessToken: 't',
    fetch: server.fetch,
    sleep: noSleep,
    requestTimeoutMs: 50,
    onWait: ({ reason }) => waits.push(reason),
  });
  const me = await keepAlive(client.whoami());
  assert.equal(me.user_id, '@host:example.org');
  assert.equal(server.tries(), 3);
  assert.deepEqual(waits, ['network error: no answer within 0.05 s', 'network error: no answer within 0.05 s']);
  assert.equal(client.stats.transientRetries, 2);
});

test('a server that never answers ends the run with a clear error, not a hang', async () => {
  const server = hangingThenAnswering(Infinity);
  const client = new MatrixClient({ homeserver: 'https://example.org', accessToken: 't', fetch: server.fetch, sleep: noSleep, requestTimeoutMs: 20, maxAttempts: 3 });
  await assert.rejects(keepAlive(client.whoami()), (e: unknown) => e instanceof TransportError && /no answer within 0\.02 s \(gave up after 3 attempts\)/.test(e.message));
  assert.equal(server.tries(), 3);
});
