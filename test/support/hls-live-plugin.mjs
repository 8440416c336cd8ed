// A @web/dev-server plugin that serves a *live* HLS stream from the committed segments in
// test/fixtures/hls/live/ (10 x 2 s MPEG-TS). The sliding-window playlist advances with
// real time and loops over the segments with EXT-X-DISCONTINUITY, so a stream never runs out.
//
//   GET /__hls-live/<id>/index.m3u8        the live playlist (each <id> is its own stream)
//   GET /__hls-live/<id>/seg-<n>.mpegts        media sequence n (file n mod 10)
//   GET /__hls-live/<id>/control?…          change the stream's state; answers JSON state
//
// Control parameters (combine freely):
//   offline=1            playlist and segments answer 404 until start=1 (a stream not started yet)
//   start=1              the stream goes live now
//   fail=<status>        the next `count` (default 1) requests matching `what` answer <status>
//   what=playlist|segments|all   (default all)
//   delay=<ms>           every response is delayed by ms (slow origin / timeouts); delay=0 to undo
//   end=1                the playlist gets EXT-X-ENDLIST (the live event is over)
//   skip=<s>             the stream jumps s seconds ahead (as if that much time had passed)
//   clear=1              stop failing (drop a pending fail=)
//   reset=1              forget the stream
// The JSON answer carries `requests` counters, so a test can check that loading stopped.
//
//   GET /__hls-live/<id>/flaky/<n>/<path>   answers 503 to the first n requests, then serves
//                                           <path> from the project root (e.g. a Jitsi script
//                                           that fails to load once, then loads on Retry)
//
// Streams are keyed by <id> so test files running in parallel do not see each other.
import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';

const PREFIX = '/__hls-live/';
const SEGMENTS = 10;
const SEGMENT_SECONDS = 2;
const WINDOW = 4;

const streams = new Map();
const segmentCache = new Map();

function stream(id) {
  let s = streams.get(id);
  if (!s) {
    s = {
      offline: false,
      startedAt: Date.now(),
      ended: false,
      delay: 0,
      fail: null,
      requests: { playlist: 0, segments: 0, failed: 0 },
    };
    streams.set(id, s);
  }
  return s;
}

function headSequence(s, now) {
  // WINDOW segments exist the moment the stream starts, so a player can start at once.
  return WINDOW + Math.floor((now - s.startedAt) / (SEGMENT_SECONDS * 1000));
}

function playlist(id, s, now) {
  const head = headSequence(s, now);
  const first = head - WINDOW;
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    `#EXT-X-TARGETDURATION:${SEGMENT_SECONDS}`,
    `#EXT-X-MEDIA-SEQUENCE:${first}`,
    // Each wrap to file 0 is a discontinuity; count the ones that slid out of the window.
    `#EXT-X-DISCONTINUITY-SEQUENCE:${Math.floor(first / SEGMENTS)}`,
  ];
  for (let n = first; n < head; n++) {
    if (n % SEGMENTS === 0 && n !== first) lines.push('#EXT-X-DISCONTINUITY');
    lines.push(`#EXTINF:${SEGMENT_SECONDS.toFixed(6)},`, `seg-${n}.mpegts`);
  }
  if (s.ended) lines.push('#EXT-X-ENDLIST');
  return lines.join('\n') + '\n';
}

async function segment(n) {
  const file = n % SEGMENTS;
  let data = segmentCache.get(file);
  if (!data) {
    data = await readFile(new URL(`../fixtures/hls/live/seg${file}.mpegts`, import.meta.url));
    segmentCache.set(file, data);
  }
  return data;
}

function control(id, query) {
  if (query.get('reset')) {
    streams.delete(id);
    return stream(id);
  }
  const s = stream(id);
  if (query.get('offline')) s.offline = true;
  if (query.get('start')) {
    s.offline = false;
    s.startedAt = Date.now();
  }
  if (query.get('end')) s.ended = true;
  if (query.get('skip')) s.startedAt -= Number(query.get('skip')) * 1000;
  if (query.get('clear')) s.fail = null;
  if (query.has('delay')) s.delay = Number(query.get('delay')) || 0;
  if (query.get('fail')) {
    s.fail = {
      status: Number(query.get('fail')),
      remaining: Number(query.get('count') ?? 1),
      what: query.get('what') ?? 'all',
    };
  }
  return s;
}

function shouldFail(s, kind) {
  const f = s.fail;
  if (!f || f.remaining <= 0) return undefined;
  if (f.what !== 'all' && f.what !== kind) return undefined;
  f.remaining -= 1;
  return f.status;
}

const flakyCounts = new Map();

async function flaky(context, id) {
  const [, , countText, ...rest] = context.path.slice(PREFIX.length).split('/');
  const key = `${id}/${countText}/${rest.join('/')}`;
  const seen = (flakyCounts.get(key) ?? 0) + 1;
  flakyCounts.set(key, seen);
  if (seen <= Number(countText)) {
    context.status = 503;
    context.body = 'flaky: failing on purpose';
    return undefined;
  }
  const root = process.cwd();
  const file = resolve(root, rest.join('/'));
  if (!file.startsWith(root + sep)) {
    context.status = 403;
    context.body = 'outside the project';
    return undefined;
  }
  context.status = 200;
  context.type = file.endsWith('.js') ? 'text/javascript' : 'application/octet-stream';
  context.body = await readFile(file);
  return undefined;
}

/**
 * web-test-runner's cacheMiddleware rewrites Cache-Control to `public, max-age=31536000` on
 * every response whose path has an extension (404s included), after the plugins ran. A
 * cached 404 would make "the stream appears later" untestable, so our responses keep
 * `no-store` by ignoring later Cache-Control writes on this one response.
 */
function noStore(context) {
  context.set('Cache-Control', 'no-store');
  const set = context.response.set.bind(context.response);
  context.response.set = (field, value) => {
    if (typeof field === 'string' && field.toLowerCase() === 'cache-control') return;
    set(field, value);
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** @returns {import('@web/dev-server-core').Plugin} */
export function hlsLivePlugin() {
  return {
    name: 'devroom-hls-live',
    // The dev server's serve() result always becomes a 200 with a string body, so this
    // handler writes the Koa context itself (status, binary body) and returns nothing;
    // koa-static (deferred) leaves a response with a body alone.
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return undefined;
      const [id, file] = context.path.slice(PREFIX.length).split('/');
      if (!id || !file) return undefined;
      const query = new URLSearchParams(context.querystring);
      noStore(context);
      context.set('Access-Control-Allow-Origin', '*');

      if (file === 'control') {
        const s = control(id, query);
        context.status = 200;
        context.type = 'application/json';
        context.body = JSON.stringify({ ...s, head: headSequence(s, Date.now()) });
        return undefined;
      }

      if (file === 'flaky') return flaky(context, id);

      const s = stream(id);
      const kind = file.endsWith('.m3u8') ? 'playlist' : 'segments';
      s.requests[kind] += 1;
      if (s.delay) await sleep(s.delay);

      const failStatus = s.offline ? 404 : shouldFail(s, kind);
      if (failStatus) {
        s.requests.failed += 1;
        context.status = failStatus;
        context.type = 'text/plain';
        context.body = s.offline ? 'stream not started' : `injected ${failStatus}`;
        return undefined;
      }

      if (kind === 'playlist') {
        context.status = 200;
        context.type = 'application/vnd.apple.mpegurl';
        context.body = playlist(id, s, Date.now());
        return undefined;
      }
      const match = /^seg-(\d+)\.mpegts$/.exec(file);
      const n = match ? Number(match[1]) : NaN;
      if (!Number.isInteger(n) || n >= headSequence(s, Date.now())) {
        context.status = 404;
        context.body = 'no such segment';
        return undefined;
      }
      context.status = 200;
      context.type = 'video/mp2t';
      context.body = await segment(n);
      return undefined;
    },
  };
}

export default hlsLivePlugin;
