// A @web/test-runner middleware for the Content-Security-Policy tests: any HTML page asked
// for with `?csp=<run>` is served under the strict policy docs/security.md gives for devroom's
// pages, and the browser's violation reports for it are kept for the test to read.
//
//   GET <page>.html?csp=<run>[&csp-add=<directive> <source>]…
//        the page with `Content-Security-Policy: STRICT_CSP`, each `csp-add` appending one
//        source (a host, as a deployment adds its stream, Jitsi, image and homeserver hosts:
//        never a keyword, so a test cannot loosen the policy itself) to a directive the
//        policy already has, plus `report-uri /__csp/<run>`. 'report-sample' (reports carry
//        the first 40 characters of a blocked inline style or script) tells what was blocked;
//        it allows nothing.
//   POST /__csp/<run>    the browser's reports (report-uri, application/csp-report)
//   GET  /__csp/<run>    the reports so far: [{document, directive, blocked, sample, source}]
//
// report-uri, not report-to: Chromium sends report-uri reports at once, report-to ones in
// batches up to a minute later. A widget page (another origin) posts its reports to its own
// origin, which is this same server under another host name.

/** The policy devroom's widget pages and the plain-page example work under (docs/security.md). */
export const STRICT_CSP = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'media-src': ["'self'", 'blob:'],
  'worker-src': ["'self'", 'blob:'],
  'frame-src': ['https:'],
  'connect-src': ["'self'"],
};

const PREFIX = '/__csp/';
const reports = new Map(); // run -> report[]

/** A host source: scheme://host[:port] (what a deployment adds), nothing else. */
const HOST_SOURCE = /^https?:\/\/[a-z0-9.-]+(:\d+)?$/i;

function policyFor(run, additions) {
  const directives = Object.fromEntries(Object.entries(STRICT_CSP).map(([name, sources]) => [name, [...sources]]));
  for (const addition of additions) {
    const [name, source, ...rest] = addition.trim().split(/\s+/);
    if (!directives[name] || !source || rest.length || !HOST_SOURCE.test(source)) {
      throw new Error(`csp-add must be "<directive of the policy> <scheme://host[:port]>", got ${JSON.stringify(addition)}`);
    }
    directives[name].push(source);
  }
  directives['script-src'].push("'report-sample'");
  directives['style-src'].push("'report-sample'");
  const policy = Object.entries(directives).map(([name, sources]) => `${name} ${sources.join(' ')}`);
  return [...policy, `report-uri ${PREFIX}${encodeURIComponent(run)}`].join('; ');
}

async function readBody(ctx) {
  let raw = '';
  for await (const chunk of ctx.req) raw += chunk;
  return raw;
}

export function cspPolicy() {
  return async (ctx, next) => {
    if (ctx.path.startsWith(PREFIX)) {
      const run = decodeURIComponent(ctx.path.slice(PREFIX.length));
      if (ctx.method === 'POST') {
        const report = JSON.parse((await readBody(ctx)) || '{}')['csp-report'] ?? {};
        const list = reports.get(run) ?? [];
        list.push({
          document: report['document-uri'],
          directive: report['effective-directive'] ?? report['violated-directive'],
          blocked: report['blocked-uri'],
          sample: report['script-sample'] ?? '',
          source: [report['source-file'], report['line-number'], report['column-number']].filter((x) => x !== undefined).join(':'),
        });
        reports.set(run, list);
        ctx.status = 204;
        return;
      }
      ctx.type = 'json';
      ctx.body = JSON.stringify(reports.get(run) ?? []);
      return;
    }
    const run = ctx.query.csp;
    await next();
    if (typeof run !== 'string' || !run || !ctx.response.is('html')) return;
    const added = ctx.query['csp-add'];
    const additions = added === undefined ? [] : Array.isArray(added) ? added : [added];
    try {
      ctx.set('Content-Security-Policy', policyFor(run, additions));
    } catch (error) {
      ctx.status = 400;
      ctx.type = 'text';
      ctx.body = String(error.message);
    }
  };
}
