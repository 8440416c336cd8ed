// A @web/test-runner middleware that makes chosen module requests fail, so tests can show
// what a component does when a part it loads on demand cannot be fetched (a dropped
// connection, a deploy that removed the chunk).
//
//   POST /__chunk_faults  {"path": "/components/x/part", "times": 1}   the next `times`
//        requests whose path starts with `path` answer 503 (times 0 clears it)
//   GET  /__chunk_faults                                                 the current faults
//
// Paths are matched without extension: the dev server serves `part.ts` for `part.js`.

const faults = new Map(); // path prefix -> remaining failures

async function readJson(ctx) {
  let raw = '';
  for await (const chunk of ctx.req) raw += chunk;
  return JSON.parse(raw || '{}');
}

export function chunkFaults() {
  return async (ctx, next) => {
    if (ctx.path === '/__chunk_faults') {
      if (ctx.method === 'POST') {
        const { path, times = 1 } = await readJson(ctx);
        if (typeof path !== 'string' || !path.startsWith('/')) {
          ctx.status = 400;
          ctx.body = 'path must start with /';
          return;
        }
        if (times > 0) faults.set(path.replace(/\.[jt]s$/, ''), times);
        else faults.delete(path.replace(/\.[jt]s$/, ''));
      }
      ctx.type = 'json';
      ctx.body = JSON.stringify(Object.fromEntries(faults));
      return;
    }
    for (const [prefix, remaining] of faults) {
      if (!ctx.path.startsWith(prefix)) continue;
      if (remaining <= 1) faults.delete(prefix);
      else faults.set(prefix, remaining - 1);
      ctx.status = 503;
      ctx.set('Cache-Control', 'no-store');
      ctx.body = 'chunk fault injected by the test';
      return;
    }
    await next();
  };
}
