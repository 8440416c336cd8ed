// A @web/dev-server plugin that plays a Matrix homeserver's client-server API for the
// public-room tests: one in-memory room per scenario, the endpoints ClientServerRoom uses,
// with the response shapes and error codes the spec gives.
//
//   /_test_hs/<scenario>/_matrix/client/...     the client-server API of that scenario
//   POST /_test_hs/<scenario>/_control          change the scenario (JSON body, see control())
//   GET  /_test_hs/<scenario>/_control          { counts, log, since } without changing anything
//
// CORS pre-flights (OPTIONS) are counted as `preflight` (log entries name the endpoint in
// `for`); a page sees them when it uses the server through another origin, e.g. 127.0.0.1
// for localhost.
//
// Endpoints: POST v3/register?kind=guest, GET v3/account/whoami, GET v3/directory/room/{alias},
// POST v3/join/{roomIdOrAlias}, GET v3/rooms/{id}/state, GET v3/rooms/{id}/messages,
// GET v1/rooms/{id}/relations/{eventId}[/{relType}[/{eventType}]], GET v3/sync.
//
// Faithful where the client depends on it: errors are {errcode, error}; 429 carries
// retry_after_ms and a Retry-After header; /relations pages in `relationsPageSize` (default 5,
// as some servers do) with next_batch; /sync long-polls up to `timeout` (capped by
// maxSyncTimeoutMs) and answers at once when an event arrives; tokens are stream positions.
// Scenarios are keyed by name so test files never see each other's rooms.

const PREFIX = '/_test_hs/';
const scenarios = new Map();

function newScenario(setup = {}) {
  const s = {
    serverName: setup.serverName ?? 'test.local',
    roomId: setup.roomId ?? '!public:test.local',
    aliases: new Set(setup.aliases ?? ['#public:test.local']),
    roomExists: setup.roomExists ?? true,
    guestRegistration: setup.guestRegistration ?? true,
    historyVisibility: setup.historyVisibility ?? 'world_readable',
    guestAccess: setup.guestAccess ?? 'can_join',
    relationsPageSize: setup.relationsPageSize ?? 5,
    maxSyncTimeoutMs: setup.maxSyncTimeoutMs ?? 30_000,
    queryTokens: setup.queryTokens ?? true,
    down: null, // null | 'status' | 'close'
    rateLimit: null, // { remaining, retryAfterMs, header, endpoint? }
    faults: [], // { kind, endpoint?, remaining, ... }: bad answers, applied in order (see applyFault)
    tokens: new Map(), // access token -> { userId, guest }
    guests: 0,
    joined: new Set(),
    timeline: [], // events in stream order; stream position = index + 1
    state: new Map(), // `${type}\u0000${key}` -> event
    waiters: new Set(),
    counts: {},
    log: [],
    seq: 0,
  };
  const creator = `@host:${s.serverName}`;
  appendEvent(s, { type: 'm.room.create', state_key: '', sender: creator, content: { creator, room_version: '11' } });
  appendEvent(s, { type: 'm.room.power_levels', state_key: '', sender: creator, content: { users: { [creator]: 100 }, events_default: 0, state_default: 50 } });
  appendEvent(s, { type: 'm.room.history_visibility', state_key: '', sender: creator, content: { history_visibility: s.historyVisibility } });
  appendEvent(s, { type: 'm.room.guest_access', state_key: '', sender: creator, content: { guest_access: s.guestAccess } });
  for (const e of setup.events ?? []) appendEvent(s, e);
  return s;
}

function scenario(name) {
  let s = scenarios.get(name);
  if (!s) scenarios.set(name, (s = newScenario()));
  return s;
}

function appendEvent(s, input) {
  s.seq += 1;
  const event = {
    event_id: input.event_id ?? `$ev${s.seq}-${Math.random().toString(36).slice(2, 8)}`,
    room_id: s.roomId,
    type: input.type,
    sender: input.sender ?? `@someone:${s.serverName}`,
    origin_server_ts: input.origin_server_ts ?? Date.now(),
    content: input.content ?? {},
    ...(input.state_key !== undefined ? { state_key: input.state_key } : {}),
    ...(input.redacts ? { redacts: input.redacts } : {}),
    unsigned: {},
  };
  s.timeline.push(event);
  if (event.state_key !== undefined) {
    s.state.set(`${event.type}\u0000${event.state_key}`, event);
    if (event.type === 'm.room.history_visibility') s.historyVisibility = event.content.history_visibility;
    if (event.type === 'm.room.guest_access') s.guestAccess = event.content.guest_access;
  }
  if (event.type === 'm.room.redaction') {
    const target = event.content.redacts ?? event.redacts;
    const victim = s.timeline.find((e) => e.event_id === target);
    if (victim && victim !== event) {
      victim.content = {};
      victim.unsigned = { redacted_because: event };
    }
  }
  wake(s);
  return event;
}

function wake(s) {
  for (const w of [...s.waiters]) w();
  s.waiters.clear();
}

// ---- HTTP helpers --------------------------------------------------------------------

function json(context, status, body, headers = {}) {
  context.status = status;
  context.type = 'application/json';
  for (const [k, v] of Object.entries(headers)) context.set(k, v);
  context.body = JSON.stringify(body);
}

const error = (context, status, errcode, message, extra = {}) => json(context, status, { errcode, error: message, ...extra });

/** "The server dropped": close the connection without an answer (the browser sees a network error). */
function hangUp(context) {
  context.respond = false;
  context.req.socket.destroy();
}

async function readBody(context) {
  const chunks = [];
  for await (const chunk of context.req) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** See hls-live-plugin.mjs: web-test-runner would mark responses cacheable afterwards. */
function noStore(context) {
  context.set('Cache-Control', 'no-store');
  const set = context.response.set.bind(context.response);
  context.response.set = (field, value) => {
    if (typeof field === 'string' && field.toLowerCase() === 'cache-control') return;
    set(field, value);
  };
}

function auth(context, s) {
  const header = context.get('Authorization');
  // The query parameter is deprecated (spec v1.11) but Synapse still takes it; `queryTokens: false` plays a server that does not.
  const query = s.queryTokens ? new URLSearchParams(context.querystring).get('access_token') : null;
  const token = header.startsWith('Bearer ') ? header.slice(7) : query;
  if (!token) return { fail: () => error(context, 401, 'M_MISSING_TOKEN', 'Missing access token') };
  const user = s.tokens.get(token);
  if (!user) return { fail: () => error(context, 401, 'M_UNKNOWN_TOKEN', 'Unrecognised access token', { soft_logout: false }) };
  return { user };
}

function canRead(s, user) {
  return s.joined.has(user.userId) || s.historyVisibility === 'world_readable';
}

/** /sync filters: a trailing `*` matches any suffix (Synapse's Filter class does that). */
function matchesTypes(event, types) {
  if (!Array.isArray(types)) return true;
  return types.some((t) => (t.endsWith('*') ? event.type.startsWith(t.slice(0, -1)) : event.type === t));
}

/**
 * /messages filters: exact types only. Synapse turns `types` into SQL `type = ?` clauses, so
 * `dev.devroom.*` matches no event there (docs/schema.md, BRIEF §6).
 */
function matchesTypesExactly(event, types) {
  return !Array.isArray(types) || types.includes(event.type);
}

function parseFilter(text) {
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const position = (token) => {
  const n = /^s(\d+)$/.exec(token ?? '');
  return n ? Number(n[1]) : undefined;
};

// ---- endpoints -----------------------------------------------------------------------

const ROUTES = [
  ['register', 'POST', /^v3\/register$/],
  ['whoami', 'GET', /^v3\/account\/whoami$/],
  ['directory', 'GET', /^v3\/directory\/room\/([^/]+)$/],
  ['join', 'POST', /^v3\/join\/([^/]+)$/],
  ['state', 'GET', /^v3\/rooms\/([^/]+)\/state$/],
  ['messages', 'GET', /^v3\/rooms\/([^/]+)\/messages$/],
  ['relations', 'GET', /^v1\/rooms\/([^/]+)\/relations\/([^/]+)(?:\/([^/]+))?(?:\/([^/]+))?$/],
  ['sync', 'GET', /^v3\/sync$/],
];

async function handle(context, s, rest) {
  const route = ROUTES.find(([, method, re]) => method === context.method && re.test(rest));
  if (!route) return error(context, 404, 'M_UNRECOGNIZED', 'Unrecognized request');
  const [name, , re] = route;
  const match = re.exec(rest).slice(1).map((p) => (p === undefined ? undefined : decodeURIComponent(p)));
  s.counts[name] = (s.counts[name] ?? 0) + 1;
  s.log.push({ endpoint: name, at: Date.now() });
  context.state.endpoint = name;

  if (s.down === 'close') return hangUp(context);
  if (s.down) return error(context, 503, 'M_UNKNOWN', 'Service unavailable');
  const limit = s.rateLimit;
  if (limit && limit.remaining > 0 && (!limit.endpoint || limit.endpoint === name)) {
    limit.remaining -= 1;
    const ms = limit.retryAfterMs;
    const header = typeof limit.header === 'string' ? limit.header : limit.header === false || ms === null ? undefined : String(Math.ceil(ms / 1000));
    return json(context, 429, { errcode: 'M_LIMIT_EXCEEDED', error: 'Too many requests', ...(ms === null ? {} : { retry_after_ms: ms }) }, header ? { 'Retry-After': header } : {});
  }
  const query = new URLSearchParams(context.querystring);

  if (name === 'register') {
    if (query.get('kind') !== 'guest') return error(context, 403, 'M_FORBIDDEN', 'Registration is disabled');
    if (!s.guestRegistration) return error(context, 403, 'M_FORBIDDEN', 'Guest access is disabled');
    s.guests += 1;
    const n = s.guests;
    const userId = `@${n}:${s.serverName}`;
    const token = `guest-token-${n}-${Math.random().toString(36).slice(2)}`;
    s.tokens.set(token, { userId, guest: true });
    return json(context, 200, { user_id: userId, access_token: token, device_id: `GUEST${n}`, home_server: s.serverName });
  }
  if (name === 'directory') {
    if (!s.roomExists || !s.aliases.has(match[0])) return error(context, 404, 'M_NOT_FOUND', `Room alias ${match[0]} not found`);
    return json(context, 200, { room_id: s.roomId, servers: [s.serverName] });
  }

  const who = auth(context, s);
  if (!who.user) return who.fail();
  const user = who.user;

  if (name === 'whoami') return json(context, 200, { user_id: user.userId, is_guest: user.guest });

  if (name === 'join') {
    const target = match[0];
    if (!s.roomExists || (target !== s.roomId && !s.aliases.has(target))) return error(context, 404, 'M_NOT_FOUND', 'No known servers');
    if (user.guest && s.guestAccess !== 'can_join') return error(context, 403, 'M_FORBIDDEN', 'Guest access not allowed');
    if (!s.joined.has(user.userId)) {
      s.joined.add(user.userId);
      appendEvent(s, { type: 'm.room.member', state_key: user.userId, sender: user.userId, content: { membership: 'join' } });
    }
    return json(context, 200, { room_id: s.roomId });
  }

  if (name === 'sync') return sync(context, s, user, query);

  // Room endpoints.
  if (match[0] !== s.roomId || !s.roomExists) return error(context, 403, 'M_FORBIDDEN', 'You are not allowed to view this room.');
  if (!canRead(s, user)) return error(context, 403, 'M_FORBIDDEN', 'User is not in the room and the room is not world-readable.');

  if (name === 'state') return json(context, 200, [...s.state.values()]);

  if (name === 'messages') {
    const filter = parseFilter(query.get('filter'));
    if (filter === undefined) return error(context, 400, 'M_INVALID_PARAM', 'Bad filter');
    const dir = query.get('dir') ?? 'b';
    const limit = Math.min(Number(query.get('limit') ?? 10) || 10, 1000);
    const head = s.timeline.length;
    let from = query.has('from') ? position(query.get('from')) : dir === 'b' ? head : 0;
    if (from === undefined) return error(context, 400, 'M_INVALID_PARAM', 'Bad from token');
    const chunk = [];
    if (dir === 'f') {
      while (from < head && chunk.length < limit) {
        const e = s.timeline[from];
        from += 1;
        if (matchesTypesExactly(e, filter.types)) chunk.push(e);
      }
      return json(context, 200, { chunk, start: query.get('from') ?? 's0', ...(from < head || chunk.length > 0 ? { end: `s${from}` } : {}) });
    }
    const start = `s${from}`;
    while (from > 0 && chunk.length < limit) {
      from -= 1;
      const e = s.timeline[from];
      if (matchesTypesExactly(e, filter.types)) chunk.push(e);
    }
    return json(context, 200, { chunk, start, ...(from > 0 ? { end: `s${from}` } : {}) });
  }

  if (name === 'relations') {
    const [, eventId, relType, eventType] = match;
    if (!s.timeline.some((e) => e.event_id === eventId)) return error(context, 404, 'M_NOT_FOUND', 'Event not found');
    const all = s.timeline.filter((e) => {
      const r = e.content?.['m.relates_to'];
      return r?.event_id === eventId && (!relType || r.rel_type === relType) && (!eventType || e.type === eventType);
    });
    const dir = query.get('dir') ?? 'b';
    const ordered = dir === 'f' ? all : [...all].reverse();
    const offset = Number(query.get('from') ?? 0) || 0;
    const size = Math.min(Number(query.get('limit') ?? s.relationsPageSize) || s.relationsPageSize, s.relationsPageSize);
    const chunk = ordered.slice(offset, offset + size);
    const next = offset + size < ordered.length ? String(offset + size) : undefined;
    return json(context, 200, { chunk, ...(next ? { next_batch: next } : {}) });
  }
  return error(context, 404, 'M_UNRECOGNIZED', 'Unrecognized request');
}

async function sync(context, s, user, query) {
  const filter = parseFilter(query.get('filter'));
  if (filter === undefined) return error(context, 400, 'M_INVALID_PARAM', 'Bad filter');
  const since = query.has('since') ? position(query.get('since')) : undefined;
  if (query.has('since') && since === undefined) return error(context, 400, 'M_INVALID_PARAM', 'Bad since token');
  const timeout = Math.min(Number(query.get('timeout') ?? 0) || 0, s.maxSyncTimeoutMs);
  const roomFilter = filter.room ?? {};
  const rooms = roomFilter.rooms;
  const wanted = s.joined.has(user.userId) && (!Array.isArray(rooms) || rooms.includes(s.roomId));

  const newEvents = () => (since === undefined ? [] : s.timeline.slice(since).filter((e) => matchesTypes(e, roomFilter.timeline?.types)));
  if (since !== undefined && wanted && newEvents().length === 0 && timeout > 0) {
    let wakeUp;
    const woken = new Promise((resolve) => (wakeUp = resolve));
    s.waiters.add(wakeUp);
    const timer = setTimeout(wakeUp, timeout);
    context.req.on('close', wakeUp);
    await woken;
    clearTimeout(timer);
    s.waiters.delete(wakeUp);
    if (s.down === 'close') return hangUp(context);
    if (s.down) return error(context, 503, 'M_UNKNOWN', 'Service unavailable');
  }
  const strip = ({ room_id: _room, ...rest }) => rest;
  const body = { next_batch: `s${s.timeline.length}`, rooms: { join: {} } };
  if (wanted) {
    if (since === undefined) {
      const state = [...s.state.values()].filter((e) => matchesTypes(e, roomFilter.state?.types));
      const limit = roomFilter.timeline?.limit ?? 10;
      const timeline = s.timeline.filter((e) => matchesTypes(e, roomFilter.timeline?.types)).slice(-limit);
      body.rooms.join[s.roomId] = { state: { events: state.map(strip) }, timeline: { events: timeline.map(strip), limited: true, prev_batch: 's0' } };
    } else {
      const events = newEvents();
      if (events.length > 0) body.rooms.join[s.roomId] = { state: { events: [] }, timeline: { events: events.map(strip), limited: false, prev_batch: `s${since}` } };
    }
  }
  return json(context, 200, body);
}

// ---- bad answers ---------------------------------------------------------------------

const PORTAL = '<!doctype html><title>Wi-Fi</title><p>Accept the terms of use to continue.</p>';

/** The events of an answer: /state's array, /messages' and /relations' chunk, or /sync's room state and timeline. */
function eventLists(body) {
  if (Array.isArray(body)) return [body];
  if (Array.isArray(body?.chunk)) return [body.chunk];
  return Object.values(body?.rooms?.join ?? {}).flatMap((room) => [room?.timeline?.events, room?.state?.events].filter(Array.isArray));
}

/**
 * Spoils the answer `handle` made to one request, when a fault for its endpoint is pending
 * (one answer per fault `count`, faults in the order given):
 *   html          a captive portal's page instead (status `status`, default 200)
 *   truncate      the first half of the JSON body, as a complete response
 *   cut           the full Content-Length announced, half the body sent, then the connection closed
 *   json          `body` instead (any JSON: null, {}, [] …)
 *   null-entry    a null among the events
 *   null-content  `content: null` on the event `eventId` (default: the first event)
 */
function applyFault(context, s) {
  const endpoint = context.state.endpoint;
  const fault = s.faults.find((f) => f.remaining > 0 && (!f.endpoint || f.endpoint === endpoint));
  if (!fault || !endpoint || context.status !== 200 || typeof context.body !== 'string') return;
  fault.remaining -= 1;
  const text = context.body;
  const half = text.slice(0, Math.floor(text.length / 2));
  if (fault.kind === 'html') {
    context.status = fault.status ?? 200;
    context.type = 'text/html';
    context.body = PORTAL;
  } else if (fault.kind === 'truncate') {
    context.body = half;
  } else if (fault.kind === 'cut') {
    context.respond = false;
    const res = context.res;
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    res.write(half, () => setTimeout(() => res.socket?.destroy(), 20));
  } else if (fault.kind === 'json') {
    context.body = JSON.stringify(fault.body ?? null);
  } else {
    const body = JSON.parse(text);
    const lists = eventLists(body);
    if (fault.kind === 'null-entry') lists[0]?.unshift(null);
    if (fault.kind === 'null-content') {
      const events = lists.flat();
      const target = fault.eventId ? events.find((e) => e?.event_id === fault.eventId) : events[0];
      if (target) target.content = null;
    }
    context.body = JSON.stringify(body);
  }
}

// ---- control -------------------------------------------------------------------------

/**
 * Body ops (one per request):
 *  {op:'setup', ...newScenario options}      replace the scenario (guestRegistration, historyVisibility,
 *                                            guestAccess, roomExists, aliases, events, relationsPageSize, maxSyncTimeoutMs,
 *                                            queryTokens: false = the access_token query parameter is not accepted)
 *  {op:'send', event:{type, content, sender?, state_key?, redacts?}}   append an event; answers it
 *  {op:'down', mode:'status'|'close'}       every request answers 503 / has its connection closed
 *  {op:'up'}                                back to normal
 *  {op:'revoke'}                            every access token handed out so far is unknown from now on
 *  {op:'ratelimit', count, retryAfterMs, header?, endpoint?}   the next `count` requests answer 429
 *                                            (retryAfterMs null: none in the body; header: false = no Retry-After,
 *                                            a string = that Retry-After, default the seconds of retryAfterMs)
 *  {op:'fault', kind, count?, endpoint?, status?, body?, eventId?}   the next `count` (default 1) 200 answers
 *                                            of `endpoint` (default any) are spoiled, see applyFault
 *  {op:'clearLog'}                          reset counts and log
 */
function control(name, body) {
  if (body.op === 'setup') {
    const old = scenarios.get(name);
    if (old) wake(old);
    scenarios.set(name, newScenario(body));
    return stats(scenarios.get(name));
  }
  const s = scenario(name);
  if (body.op === 'send') return { event: appendEvent(s, body.event), ...stats(s) };
  if (body.op === 'down') {
    s.down = body.mode === 'close' ? 'close' : 'status';
    wake(s);
  }
  if (body.op === 'up') s.down = null;
  // Every access token stops working (an admin deactivated the guests, or the server's database was reset).
  if (body.op === 'revoke') s.tokens.clear();
  if (body.op === 'ratelimit') s.rateLimit = { remaining: body.count ?? 1, retryAfterMs: body.retryAfterMs === undefined ? 1000 : body.retryAfterMs, header: body.header, endpoint: body.endpoint };
  if (body.op === 'fault') s.faults.push({ ...body, remaining: body.count ?? 1 });
  if (body.op === 'clearLog') {
    s.counts = {};
    s.log = [];
  }
  return stats(s);
}

function stats(s) {
  return { counts: s.counts, log: s.log, now: Date.now(), roomId: s.roomId, joined: [...s.joined], position: s.timeline.length };
}

/** @returns {import('@web/dev-server-core').Plugin} */
export function matrixCsPlugin() {
  return {
    name: 'devroom-matrix-cs',
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return undefined;
      const [name, ...restParts] = context.path.slice(PREFIX.length).split('/');
      if (!name) return undefined;
      noStore(context);
      context.set('Access-Control-Allow-Origin', '*');
      context.set('Access-Control-Allow-Headers', 'Authorization, Content-Type');
      context.set('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      const rest = restParts.join('/');
      if (context.method === 'OPTIONS') {
        // A CORS pre-flight (a request from another origin with a custom header or a JSON body):
        // counted, as a browser sends one before each such request when no Access-Control-Max-Age
        // lets it cache them (Synapse sends none).
        if (rest.startsWith('_matrix/client/')) {
          const s = scenario(name);
          const method = context.get('Access-Control-Request-Method');
          const route = ROUTES.find(([, m, re]) => m === method && re.test(rest.slice('_matrix/client/'.length)));
          s.counts.preflight = (s.counts.preflight ?? 0) + 1;
          s.log.push({ endpoint: 'preflight', for: route?.[0] ?? rest, at: Date.now() });
        }
        context.status = 204;
        context.body = '';
        return undefined;
      }
      if (rest === '_control') {
        if (context.method === 'GET') return json(context, 200, stats(scenario(name)));
        const body = await readBody(context);
        if (!body || typeof body.op !== 'string') return error(context, 400, 'M_BAD_JSON', 'op missing');
        return json(context, 200, control(name, body));
      }
      if (!rest.startsWith('_matrix/client/')) return error(context, 404, 'M_UNRECOGNIZED', 'Unrecognized request');
      const s = scenario(name);
      if (context.method === 'POST') {
        const body = await readBody(context);
        if (body === undefined) return error(context, 400, 'M_NOT_JSON', 'Content not JSON');
      }
      await handle(context, s, rest.slice('_matrix/client/'.length));
      return applyFault(context, s);
    },
  };
}
