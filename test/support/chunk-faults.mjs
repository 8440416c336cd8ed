// A @web/test-runner middleware that makes chosen module requests fail, so tests can show
// what a component does when a part it loads on demand cannot be fetched (a dropped
// connection, a deploy that removed the chunk).
//
//   POST /__chunk_faults  {"path": "/components/x/part", "times": 1, "ttlMs": 10000}
//        the next `times` requests whose path starts with `path` answer 503 (times 0 clears
//        it). A fault nobody used ends after ttlMs (default 10 s): a module the page had
//        already loaded is never requested again, and a fault left behind would break the
//        next test file that loads it.
//   GET  /__chunk_faults                                                 the current faults
//
// Paths are matched without extension: the dev server serves `part.ts` for `part.js`.

const faults = new Map(); // path prefix -> { remaining, until }

async function readJson(ctx) {
  let raw = '';
  for await (const chunk of ctx.req) raw += chunk;
  return JSON.parse(raw || '{}');
}

function dropExpired() {
  const now = Date.now();
  for (const [prefix, fault] of faults) if (fault.until < now) faults.delete(prefix);
}

export function chunkFaults() {
  return async (ctx, next) => {
    if (ctx.path === '/__chunk_faults') {
      if (ctx.method === 'POST') {
        const { path, times = 1, ttlMs = 10_000 } = await readJson(ctx);
        if (typeof path !== 'string' || !path.startsWith('/')) {
          ctx.status = 400;
          ctx.body = 'path must start with /';
          return;
        }
        if (times > 0) faults.set(path.replace(/\.[jt]s$/, ''), { remaining: times, until: Date.now() + ttlMs });
        else faults.delete(path.replace(/\.[jt]s$/, ''));
      }
      dropExpired();
      ctx.type = 'json';
      ctx.body = JSON.stringify(Object.fromEntries([...faults].map(([path, f]) => [path, f.remaining])));
      return;
    }
    dropExpired();
    for (const [prefix, fault] of faults) {
      if (!ctx.path.startsWith(prefix)) continue;
      if (fault.remaining <= 1) faults.delete(prefix);
      else fault.remaining--;
      ctx.status = 503;
      ctx.set('Cache-Control', 'no-store');
      ctx.body = 'chunk fault injected by the test';
      return;
    }
    await next();
  };
}
