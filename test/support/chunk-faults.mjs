// A @web/test-runner middleware that makes chosen module requests fail, so tests can show
// what a component does when a part it loads on demand cannot be fetched (a dropped
// connection, a deploy that removed the chunk).
//
//   POST /__chunk_faults  {"path": "/components/x/part.ts", "times": 2, "ttlMs": 10000}
//        the next `times` requests for that module answer 503 (times 0 clears it). A path
//        with an extension names one module (`.ts` or `.js`: the dev server serves part.ts
//        for part.js); one without is a prefix (hashed chunk names in dist/). A fault nobody
//        used ends after ttlMs (default 10 s): one left behind would break the next test file.
//   GET  /__chunk_faults                 the faults still armed: {path: requests left to fail}
//   GET  /__chunk_faults?path=<path>     what happened to requests for a path since its last
//                                        POST: {failed, served} (the fault really hit, and the
//                                        part was fetched again afterwards)
//
// Matching ignores the query string, so the retry the build puts around import() (in fault
// tests the dev server does too: `part.ts?import-retry?retry=<random>`,
// test/support/import-retry-plugin.mjs) counts as a request for the same module: `times: 2`
// fails the import and its automatic retry, which is what a user behind a dropped connection gets.
//
// Why tests could not rely on it before:
// (1) @web/test-runner sends every file with `Cache-Control: public, max-age=31536000`
//     (its cacheMiddleware, outside ours), so a module an earlier test file of the run had
//     loaded came from the browser's HTTP cache and the fault never hit. Our source modules
//     (components/, widgets/, examples/) are sent `no-cache` instead: the browser asks again
//     each time (a 304 when unchanged), and this middleware sees it. Armed or watched paths
//     get `no-store`.
// (2) A page fetches a module once; the module map keeps it (or keeps the failure) for the
//     page's life. So a test arms its fault before the first import of the part in its file,
//     and only the retry's fresh URL can recover.
// (3) A prefix like `/components/x/menu` also hit every module starting so (menu-media.ts, menu-errors.ts…), spending the
//     fault on the wrong module: a path with an extension now names one module.

const faults = new Map(); // key -> { remaining, until }
const history = new Map(); // key -> { failed, served }

/** A path with an extension is one module (extension dropped); without, a prefix. */
function keyOf(path) {
  return /\.[jt]s$/.test(path) ? { key: path.replace(/\.[jt]s$/, ''), exact: true } : { key: path, exact: false };
}

function matches(requestPath, key) {
  const { key: prefix, exact } = JSON.parse(key);
  return exact ? requestPath.replace(/\.[jt]s$/, '') === prefix : requestPath.startsWith(prefix);
}

async function readJson(ctx) {
  let raw = '';
  for await (const chunk of ctx.req) raw += chunk;
  return JSON.parse(raw || '{}');
}

function dropExpired() {
  const now = Date.now();
  for (const [key, fault] of faults) if (fault.until < now) faults.delete(key);
}

const shown = (key) => JSON.parse(key).key;

export function chunkFaults() {
  return async (ctx, next) => {
    if (ctx.path === '/__chunk_faults') {
      const asked = ctx.query.path;
      if (ctx.method === 'GET' && typeof asked === 'string') {
        ctx.type = 'json';
        ctx.body = JSON.stringify(history.get(JSON.stringify(keyOf(asked))) ?? { failed: 0, served: 0 });
        return;
      }
      if (ctx.method === 'POST') {
        const { path, times = 1, ttlMs = 10_000 } = await readJson(ctx);
        if (typeof path !== 'string' || !path.startsWith('/')) {
          ctx.status = 400;
          ctx.body = 'path must start with /';
          return;
        }
        const key = JSON.stringify(keyOf(path));
        history.set(key, { failed: 0, served: 0 });
        if (times > 0) faults.set(key, { remaining: times, until: Date.now() + ttlMs });
        else faults.delete(key);
      }
      dropExpired();
      ctx.type = 'json';
      ctx.body = JSON.stringify(Object.fromEntries([...faults].map(([key, f]) => [shown(key), f.remaining])));
      return;
    }
    dropExpired();
    const watched = [...history.keys()].find((key) => matches(ctx.path, key));
    if (watched) keepCachePolicy(ctx, 'no-store');
    else if (SOURCE_MODULE.test(ctx.path)) keepCachePolicy(ctx, 'no-cache');
    if (!watched) {
      await next();
      return;
    }
    const seen = history.get(watched);
    const fault = faults.get(watched);
    if (fault) {
      if (fault.remaining <= 1) faults.delete(watched);
      else fault.remaining--;
      seen.failed++;
      ctx.status = 503;
      ctx.body = 'chunk fault injected by the test';
      return;
    }
    await next();
    if (ctx.status < 400) seen.served++;
  };
}

/** Modules of ours a test may make fail (not node_modules: those stay cached, for speed). */
const SOURCE_MODULE = /^\/(components|widgets|examples)\/.*\.[jt]s$/;

/**
 * Sends `policy` as this response's Cache-Control, whatever a middleware sets later: the
 * test runner's cacheMiddleware wraps ours and sets a year-long max-age after we return.
 */
function keepCachePolicy(ctx, policy) {
  const set = ctx.response.set;
  ctx.response.set = function (field, value) {
    return set.call(this, field, typeof field === 'string' && field.toLowerCase() === 'cache-control' ? policy : value);
  };
  ctx.response.set('Cache-Control', policy);
}
