import { EventTypes } from '../schema/namespace.js';
import { guestAccounts } from './client-server-room-guest.js';
import type { GuestAccount, GuestAccounts, GuestRequests } from './client-server-room-guest.js';
import { redactEvent, redactedEventId } from './redaction.js';
import { RoomError } from './room.js';
import type { RelationsPage, RelationsQuery, Room, RoomEvent, RoomListener } from './room.js';
import { errorMessage } from '../../components/shared/error-message.js';

/**
 * A read-only `Room` over the Matrix client-server API with plain `fetch`, for public
 * rooms on plain pages (no widget host, no login, no SDK).
 *
 * Connecting, in this order:
 *  1. `#alias` → room id (GET /directory/room/{alias}, needs no token).
 *  2. An access token: the configured one, else the browser's guest account for this
 *     homeserver (client-server-room-guest.ts: stored, checked with GET /account/whoami once
 *     per page, shared by every room), else a new guest (POST /register?kind=guest). A refused
 *     registration is "guest access disabled".
 *  3. The room state, once (GET /rooms/{id}/state). `readState` answers from this cache,
 *     kept current by live events, so N bindings cost one state read, not N.
 *     M_FORBIDDEN here means the room is not world-readable.
 *  4. Live updates:
 *     - `sync` mode: when the room's `m.room.guest_access` is `can_join`, join
 *       (POST /join/{id}, unless the state shows the account a member already) and long-poll /sync (timeout 30 s) with an inline filter limited
 *       to this room and the event types the bindings read. Idle cost: 2 requests/minute.
 *     - `poll` mode (the fallback, documented in docs/schema.md "Public rooms"): when
 *       joining is not allowed (guest_access forbidden, join refused, or `join: false`),
 *       peek at the world-readable room by polling GET /rooms/{id}/messages?dir=f from the
 *       newest token every `pollIntervalMs` (default 5 s: 12 requests/minute idle).
 *       Servers offer no long-poll for rooms one has not joined (MSC2444 peeking is not in
 *       the spec), so this is the only live path left.
 *
 * GETs send the token as the `access_token` query parameter, so a browser sends them without
 * a CORS pre-flight (see `request`); idle costs above are therefore the whole cost.
 *
 * Failures: network errors, timeouts and 5xx retry with exponential backoff and full
 * jitter (1 s doubling to 60 s); 429 waits `retry_after_ms` (or the Retry-After header)
 * before the next try, but at least the backoff and at most 5 minutes; while the browser is
 * offline nothing is sent until `online`.
 * A bad answer (a 2xx whose body is not JSON: a captive portal, a cut-off body; an error page
 * without a Matrix `errcode`, from a proxy) is transient too: the homeserver said nothing.
 * 4xx answers with an errcode are final and become a `RoomError` with a devroom code (see `PublicRoomCodes`).
 * `stop()` aborts every request in flight and every wait.
 *
 * Sends, state changes and redactions reject with `RoomError('read-only', 'DEVROOM_READ_ONLY')`.
 */

export const PublicRoomCodes = {
  readOnly: 'DEVROOM_READ_ONLY',
  notFound: 'DEVROOM_ROOM_NOT_FOUND',
  notWorldReadable: 'DEVROOM_NOT_WORLD_READABLE',
  guestAccessDisabled: 'DEVROOM_GUEST_ACCESS_DISABLED',
  unreachable: 'DEVROOM_UNREACHABLE',
  /** A 2xx that is not the JSON asked for (a captive portal, a cut-off body), or an error page without a Matrix errcode. */
  badResponse: 'DEVROOM_BAD_RESPONSE',
  stopped: 'DEVROOM_STOPPED',
} as const;

export type PublicRoomStatus =
  | { state: 'connecting' }
  | { state: 'live'; mode: 'sync' | 'poll' }
  /** The server did not answer (or answered 5xx / 429); the next try is at `retryAt` (epoch ms). */
  | { state: 'retrying'; code: string; retryAt: number; attempt: number }
  | { state: 'offline' }
  /** Final: nothing more will be tried. `code` is one of PublicRoomCodes or a Matrix errcode. */
  | { state: 'failed'; code: string; message: string }
  | { state: 'stopped' };

export interface ClientServerRoomOptions {
  /** Client-server API base URL, e.g. `https://matrix.example.org` (no .well-known lookup). */
  homeserver: string;
  /** `!id:server` or `#alias:server`. */
  room: string;
  /** Use this account instead of registering a guest. */
  accessToken?: string;
  /** The token's user id; asked with /account/whoami when absent. */
  userId?: string;
  /** Where the guest account comes from: by default the browser's, shared and stored (`guestAccounts`); false: a new guest for this room alone. */
  guests?: GuestAccounts | false;
  /** Join (as a guest) when the room allows it, for /sync. Default true; false = always poll. */
  join?: boolean;
  /** Event types the live filter lets through, exact (`/messages` expands no `*` wildcard). */
  eventTypes?: string[];
  /** Long-poll timeout of /sync. Default 30 000 ms. */
  syncTimeoutMs?: number;
  /** Interval of /messages polling in the fallback. Default 5 000 ms. */
  pollIntervalMs?: number;
  /** First retry delay; doubles per failure up to maxBackoffMs. Default 1 000 / 60 000 ms; kept within 100 ms–60 s / 1 s–5 min. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  fetch?: typeof fetch;
  random?: () => number;
}

/**
 * What the devroom bindings read: messages (questions), reactions (votes), redactions, devroom
 * state, and members (renames keep people's names current; widgets/shared/member-names.ts). Listed one by one, never `dev.devroom.*`: Synapse's /messages matches filter types
 * exactly, so a wildcard there returns no devroom event at all (its /sync would expand it).
 */
export const DEFAULT_EVENT_TYPES = ['m.room.message', 'm.reaction', 'm.room.redaction', 'm.room.power_levels', 'm.room.member', ...Object.values(EventTypes)];

const REQUEST_TIMEOUT_MS = 30_000;
/** Extra time a /sync may take beyond its own timeout before we call the connection dead. */
const SYNC_GRACE_MS = 20_000;
const SEEN_LIMIT = 5000;
/**
 * No wait is longer: a server's "retry in 2^32 ms" (or a year) would overflow setTimeout,
 * which then fires at once, hundreds of retries a second; and a page should come back.
 */
const MAX_WAIT_MS = 300_000;
const POLL_LIMIT = 100;

/** A failure that is worth retrying (network, timeout, 5xx, 429). */
class TransientError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

interface MatrixErrorBody {
  errcode?: string;
  error?: string;
  retry_after_ms?: number;
}

interface SyncResponse {
  next_batch: string;
  rooms?: { join?: Record<string, { state?: { events?: unknown[] }; timeline?: { events?: unknown[]; limited?: boolean } }> };
}

export class ClientServerRoom implements Room {
  roomId = '';
  userId = '';
  /** `sync` (joined as a guest) or `poll` (peeking via /messages); set once connected. */
  mode: 'sync' | 'poll' | undefined;
  /** Requests sent, by endpoint name (register, directory, state, join, sync, messages, relations, whoami). */
  readonly requests: Record<string, number> = {};
  /** Malformed events dropped (and logged), by the first field found wrong (`event` = not an object). */
  readonly rejected: Record<string, number> = {};

  private readonly base: string;
  private readonly fetchImpl: typeof fetch;
  private readonly random: () => number;
  private readonly eventTypes: string[];
  private readonly minBackoff: number;
  private readonly maxBackoff: number;
  private readonly abort = new AbortController();
  private readonly listeners = new Set<RoomListener>();
  private readonly statusListeners = new Set<(status: PublicRoomStatus) => void>();
  private readonly stateCache = new Map<string, Map<string, RoomEvent>>();
  private readonly seen = new Set<string>();
  private accessToken: string | undefined;
  private connecting?: Promise<void>;
  private since: string | undefined;
  private failures = 0;
  /** Send the token of GETs as `access_token` (no pre-flight) until a server refuses it. */
  private queryToken = true;
  private current: PublicRoomStatus = { state: 'connecting' };
  private liveMode: PublicRoomStatus = { state: 'connecting' };

  constructor(private readonly options: ClientServerRoomOptions) {
    this.base = options.homeserver.replace(/\/+$/, '');
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.random = options.random ?? Math.random;
    this.eventTypes = options.eventTypes ?? DEFAULT_EVENT_TYPES;
    // A backoff of 0 (or NaN) would be a retry storm.
    this.minBackoff = clamp(options.minBackoffMs, 100, 60_000, 1000);
    this.maxBackoff = clamp(options.maxBackoffMs, Math.max(this.minBackoff, 1000), MAX_WAIT_MS, 60_000);
    this.accessToken = options.accessToken;
    if (options.userId) this.userId = options.userId;
    if (options.room.startsWith('!')) this.roomId = options.room;
  }

  get status(): PublicRoomStatus {
    return this.current;
  }

  /** Calls `listener` now and on every status change. Returns unsubscribe. */
  onStatus(listener: (status: PublicRoomStatus) => void): () => void {
    this.statusListeners.add(listener);
    listener(this.current);
    return () => this.statusListeners.delete(listener);
  }

  /** Resolves once the state is read and live updates run; rejects with a RoomError when final. */
  connect(): Promise<void> {
    this.connecting ??= this.run();
    return this.connecting;
  }

  stop(): void {
    if (this.abort.signal.aborted) return;
    this.abort.abort();
    this.setStatus({ state: 'stopped' });
    this.listeners.clear();
    this.statusListeners.clear();
  }

  // ---- Room -------------------------------------------------------------------------

  async readState(type: string, stateKey?: string): Promise<RoomEvent[]> {
    await this.connect();
    const byKey = this.stateCache.get(type);
    if (!byKey) return [];
    if (stateKey === undefined) return [...byKey.values()];
    const event = byKey.get(stateKey);
    return event ? [event] : [];
  }

  async readRelations(eventId: string, query: RelationsQuery = {}): Promise<RelationsPage> {
    await this.connect();
    let path = `/_matrix/client/v1/rooms/${enc(this.roomId)}/relations/${enc(eventId)}`;
    if (query.relType) {
      path += `/${enc(query.relType)}`;
      if (query.eventType) path += `/${enc(query.eventType)}`;
    }
    const params: Record<string, string> = {};
    if (query.from) params.from = query.from;
    if (query.limit) params.limit = String(query.limit);
    if (query.direction) params.dir = query.direction;
    const body = await this.retrying(() => this.request<{ chunk: unknown[]; next_batch?: string }>('relations', 'GET', path, { params }));
    return {
      events: this.valid(body.chunk, 'relations'),
      ...(body.next_batch ? { nextBatch: body.next_batch } : {}),
    };
  }

  sendEvent(): Promise<string> {
    return Promise.reject(readOnly());
  }

  sendState(): Promise<string> {
    return Promise.reject(readOnly());
  }

  redact(): Promise<string> {
    return Promise.reject(readOnly());
  }

  subscribe(listener: RoomListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- connecting ---------------------------------------------------------------------

  private async run(): Promise<void> {
    try {
      this.setStatus({ state: 'connecting' });
      if (!this.roomId) {
        const alias = this.options.room;
        const body = await this.retrying(() =>
          this.request<{ room_id: string }>('directory', 'GET', `/_matrix/client/v3/directory/room/${enc(alias)}`, { auth: false }),
        );
        this.roomId = body.room_id;
      }
      if (!this.accessToken) {
        const account = await this.guestAccount();
        this.accessToken = account.accessToken;
        this.userId = account.userId;
      } else if (!this.userId) {
        const body = await this.retrying(() => this.request<{ user_id: string }>('whoami', 'GET', '/_matrix/client/v3/account/whoami'));
        this.userId = body.user_id;
      }

      const readState = () => this.retrying(() => this.request<unknown[]>('state', 'GET', `/_matrix/client/v3/rooms/${enc(this.roomId)}/state`));
      let state: unknown[];
      let joined = false;
      try {
        state = await readState();
      } catch (error) {
        // Not world-readable, but members may read: a room with guest_access can_join and
        // shared history is readable once joined. Try that once before giving up.
        if (!(error instanceof RoomError) || error.code !== PublicRoomCodes.notWorldReadable || this.options.join === false || !(await this.tryJoin())) throw error;
        joined = true;
        state = await readState();
      }
      for (const event of this.valid(state, 'state')) this.cacheState(event);

      const guestAccess = this.stateCache.get('m.room.guest_access')?.get('')?.content.guest_access;
      // A stored guest joined on an earlier visit: no join again (a POST and its pre-flight).
      const member = this.stateCache.get('m.room.member')?.get(this.userId)?.content.membership === 'join';
      if (joined || (this.options.join !== false && guestAccess === 'can_join' && (member || (await this.tryJoin())))) {
        // The first sync only gives us the position to follow from (and state newer than our read).
        const first = await this.retrying(() => this.sync(undefined, 0));
        this.applySync(first, false);
        this.mode = 'sync';
      } else {
        const newest = await this.retrying(() =>
          this.request<{ chunk: unknown[]; start: string }>('messages', 'GET', `/_matrix/client/v3/rooms/${enc(this.roomId)}/messages`, {
            params: { dir: 'b', limit: '20', filter: JSON.stringify({ types: this.eventTypes }) },
          }),
        );
        // State set between our state read and this token is in the newest events.
        for (const event of this.valid(newest.chunk, 'messages').reverse()) if (event.state_key !== undefined) this.cacheState(event);
        this.since = newest.start;
        this.mode = 'poll';
      }
      this.liveMode = { state: 'live', mode: this.mode };
      this.setStatus(this.liveMode);
      void this.follow();
    } catch (error) {
      const final = toRoomError(error);
      if (final.code !== PublicRoomCodes.stopped) this.setStatus({ state: 'failed', code: final.code, message: final.message });
      throw final;
    }
  }

  /** The shared guest account (see `guests`), or a new one for this room alone. */
  private async guestAccount(): Promise<GuestAccount> {
    const guests = this.options.guests ?? guestAccounts;
    const requests: GuestRequests = {
      register: async () => {
        const body = await this.retrying(() =>
          this.request<{ access_token: string; user_id: string }>('register', 'POST', '/_matrix/client/v3/register', {
            params: { kind: 'guest' },
            body: {},
            auth: false,
          }),
        );
        return { accessToken: body.access_token, userId: body.user_id };
      },
      check: async (account) => {
        try {
          const body = await this.retrying(() => this.request<{ user_id: string }>('whoami', 'GET', '/_matrix/client/v3/account/whoami', { token: account.accessToken }));
          return body.user_id === account.userId;
        } catch (error) {
          // 401 M_UNKNOWN_TOKEN (revoked, or the server was reset) and the like: register anew.
          if (error instanceof RoomError && error.code !== PublicRoomCodes.stopped) return false;
          throw error;
        }
      },
    };
    if (!guests) return requests.register();
    for (;;) {
      try {
        return await guests.account(this.base, requests);
      } catch (error) {
        // Another room of this page was registering and stopped: ask again (this one runs it now).
        if (error instanceof RoomError && error.code === PublicRoomCodes.stopped && !this.abort.signal.aborted) continue;
        throw error;
      }
    }
  }

  /** Joins as allowed by `guest_access: can_join`; false (poll instead) when the server refuses. */
  private async tryJoin(): Promise<boolean> {
    try {
      await this.retrying(() => this.request('join', 'POST', `/_matrix/client/v3/join/${enc(this.roomId)}`, { body: {} }));
      return true;
    } catch (error) {
      if (error instanceof RoomError && error.code !== PublicRoomCodes.stopped) {
        console.info(`devroom: joining ${this.roomId} was refused (${error.code}); polling /messages instead`);
        return false;
      }
      throw error;
    }
  }

  // ---- live updates -------------------------------------------------------------------

  private async follow(): Promise<void> {
    const signal = this.abort.signal;
    try {
      while (!signal.aborted) {
        if (this.mode === 'sync') {
          const body = await this.retrying(() => this.sync(this.since, this.options.syncTimeoutMs ?? 30_000));
          this.applySync(body, true);
        } else {
          const body = await this.retrying(() =>
            this.request<{ chunk: unknown[]; end?: string }>('messages', 'GET', `/_matrix/client/v3/rooms/${enc(this.roomId)}/messages`, {
              params: { dir: 'f', limit: String(POLL_LIMIT), filter: JSON.stringify({ types: this.eventTypes }), ...(this.since ? { from: this.since } : {}) },
            }),
          );
          const chunk = body.chunk;
          for (const event of this.valid(chunk, 'messages')) this.deliver(event);
          // `end` is omitted when there is nothing further: keep the position we had.
          if (body.end) this.since = body.end;
          if (chunk.length < POLL_LIMIT) await this.sleep(this.options.pollIntervalMs ?? 5000);
        }
      }
    } catch (error) {
      const final = toRoomError(error);
      if (final.code === PublicRoomCodes.stopped) return;
      console.error('devroom: live updates stopped', final);
      this.setStatus({ state: 'failed', code: final.code, message: final.message });
    }
  }

  private async sync(since: string | undefined, timeoutMs: number): Promise<SyncResponse> {
    const filter = {
      presence: { types: [] },
      account_data: { types: [] },
      room: {
        rooms: [this.roomId],
        timeline: { types: this.eventTypes, limit: 100 },
        state: { types: this.eventTypes, lazy_load_members: true },
        ephemeral: { types: [] },
        account_data: { types: [] },
      },
    };
    const params: Record<string, string> = { filter: JSON.stringify(filter), timeout: String(timeoutMs) };
    if (since) params.since = since;
    return this.request<SyncResponse>('sync', 'GET', '/_matrix/client/v3/sync', { params, timeoutMs: timeoutMs + SYNC_GRACE_MS });
  }

  private applySync(body: SyncResponse, emit: boolean): void {
    const room = body.rooms?.join?.[this.roomId];
    const state = room?.state?.events ?? [];
    const timeline = room?.timeline?.events ?? [];
    if (emit && room?.timeline?.limited) console.warn('devroom: the sync timeline was limited; events in the gap are not shown until reload');
    for (const full of this.valid([...state, ...timeline], 'sync')) {
      if (emit) this.deliver(full);
      else if (full.state_key !== undefined) this.cacheState(full);
    }
    this.since = body.next_batch;
  }

  private deliver(event: RoomEvent): void {
    if (this.seen.has(event.event_id)) return;
    this.seen.add(event.event_id);
    if (this.seen.size > SEEN_LIMIT) this.seen.delete(this.seen.values().next().value as string);
    if (event.state_key !== undefined) this.cacheState(event);
    const target = redactedEventId(event);
    if (target) this.redactCached(target, event);
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        console.error('devroom: room listener failed', error);
      }
    }
  }

  private cacheState(event: RoomEvent): void {
    let byKey = this.stateCache.get(event.type);
    if (!byKey) this.stateCache.set(event.type, (byKey = new Map()));
    byKey.set(event.state_key as string, event);
  }

  private redactCached(target: string, redaction: RoomEvent): void {
    for (const byKey of this.stateCache.values()) {
      for (const [key, event] of byKey) if (event.event_id === target) byKey.set(key, redactEvent(event, redaction));
    }
  }

  /**
   * `events` without the malformed ones, with room_id set. Any member (or a broken server) can
   * put anything in an event: one bad event is dropped, logged and counted in `rejected`, the
   * others are kept (before, one null failed the connect or dropped the whole Q&A history).
   */
  private valid(events: unknown[], from: string): RoomEvent[] {
    const kept: RoomEvent[] = [];
    for (const event of events) {
      const bad = isObject(event) ? EVENT_FIELDS.find(([key, ok]) => !ok(event[key], this.roomId))?.[0] : 'event';
      if (!bad) {
        // room_id is absent (/sync) or ours, checked above.
        kept.push({ ...(event as RoomEvent), room_id: this.roomId });
        continue;
      }
      this.rejected[bad] = (this.rejected[bad] ?? 0) + 1;
      console.warn(`devroom: dropped a malformed event from ${from} (${bad})`, event);
    }
    return kept;
  }

  // ---- requests, retries, waiting -----------------------------------------------------

  /** One request. Throws TransientError (worth retrying) or RoomError (final). */
  private async request<T>(
    name: string,
    method: 'GET' | 'POST',
    path: string,
    init: { params?: Record<string, string>; body?: unknown; auth?: boolean; token?: string; timeoutMs?: number } = {},
  ): Promise<T> {
    if (this.abort.signal.aborted) throw stopped();
    const url = new URL(this.base + path);
    for (const [k, v] of Object.entries(init.params ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = {};
    const token = init.auth === false ? undefined : (init.token ?? this.accessToken);
    // A GET with the token in the query and no custom header is a "simple" request: the browser
    // sends no CORS pre-flight (Synapse sends no Access-Control-Max-Age, so every pre-flight
    // would be a request of its own, doubling the idle cost). POSTs carry JSON and are
    // pre-flighted anyway. The parameter is deprecated since spec v1.11, not removed: a server
    // that refuses it (401 M_MISSING_TOKEN) gets the header from then on.
    const inQuery = token !== undefined && method === 'GET' && this.queryToken;
    if (inQuery) url.searchParams.set('access_token', token);
    else if (token) headers.Authorization = `Bearer ${token}`;
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    this.requests[name] = (this.requests[name] ?? 0) + 1;
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method,
        headers,
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(init.timeoutMs ?? REQUEST_TIMEOUT_MS)]),
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch (error) {
      if (this.abort.signal.aborted) throw stopped();
      throw new TransientError(`${this.base} did not answer (${errorMessage(error)})`, PublicRoomCodes.unreachable);
    }
    let body: unknown;
    let parsed = true;
    try {
      body = await response.json();
    } catch {
      // Not JSON, or the body was cut off (a body read that fails rejects here too).
      if (this.abort.signal.aborted) throw stopped();
      parsed = false;
    }
    if (response.ok) {
      if (!parsed || !wellFormed(name, body, this.roomId)) throw new TransientError(`${name}: not a Matrix answer (cut off, not JSON, or not the spec's shape)`, PublicRoomCodes.badResponse);
      return body as T;
    }
    const err = (typeof body === 'object' && body !== null ? body : {}) as MatrixErrorBody;
    const errcode = typeof err.errcode === 'string' ? err.errcode : `HTTP_${response.status}`;
    if (inQuery && errcode === 'M_MISSING_TOKEN') {
      this.queryToken = false;
      return this.request(name, method, path, init);
    }
    const message = typeof err.error === 'string' ? err.error : `HTTP ${response.status}`;
    if (response.status === 429 || errcode === 'M_LIMIT_EXCEEDED') {
      throw new TransientError(`rate limited: ${message}`, 'M_LIMIT_EXCEEDED', retryAfter(err, response.headers));
    }
    if (response.status >= 500 || response.status === 408) throw new TransientError(`${message} (${response.status})`, PublicRoomCodes.unreachable);
    // Only the homeserver's own verdict (an errcode) is final; a proxy's or portal's error page is not.
    if (typeof err.errcode !== 'string') throw new TransientError(`${name}: HTTP ${response.status} without a Matrix error`, PublicRoomCodes.badResponse);
    throw classify(name, response.status, errcode, message);
  }

  /** Runs `attempt` until it succeeds or fails for good, backing off between transient failures. */
  private async retrying<T>(attempt: () => Promise<T>): Promise<T> {
    for (;;) {
      if (typeof navigator !== 'undefined' && navigator.onLine === false) await this.waitOnline();
      try {
        const result = await attempt();
        if (this.failures > 0 || this.current.state === 'retrying' || this.current.state === 'offline') {
          this.failures = 0;
          this.setStatus(this.liveMode);
        }
        return result;
      } catch (error) {
        if (!(error instanceof TransientError)) throw error;
        const exp = Math.min(this.maxBackoff, this.minBackoff * 2 ** Math.min(this.failures, 16));
        // Full jitter over the upper half: clients that failed together do not retry together.
        let delay = exp / 2 + (this.random() * exp) / 2;
        // The server's wait, though never shorter than our backoff nor longer than MAX_WAIT_MS.
        if (error.retryAfterMs !== undefined) delay = Math.min(MAX_WAIT_MS, Math.max(error.retryAfterMs, delay) + this.random() * 100);
        this.failures++;
        this.setStatus({ state: 'retrying', code: error.code, retryAt: Date.now() + delay, attempt: this.failures });
        await this.sleep(delay);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    const signal = this.abort.signal;
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(stopped());
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(stopped());
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private waitOnline(): Promise<void> {
    const signal = this.abort.signal;
    this.setStatus({ state: 'offline' });
    return new Promise((resolve, reject) => {
      const done = () => {
        window.removeEventListener('online', done);
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        window.removeEventListener('online', done);
        reject(stopped());
      };
      window.addEventListener('online', done);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private setStatus(status: PublicRoomStatus): void {
    if (this.current.state === 'stopped') return;
    this.current = status;
    for (const listener of [...this.statusListeners]) listener(status);
  }
}

function enc(part: string): string {
  return encodeURIComponent(part);
}

function readOnly(): RoomError {
  return new RoomError('read-only', PublicRoomCodes.readOnly);
}

function stopped(): RoomError {
  return new RoomError('stopped', PublicRoomCodes.stopped);
}

function toRoomError(error: unknown): RoomError {
  if (error instanceof RoomError) return error;
  return new RoomError(errorMessage(error), 'M_UNKNOWN');
}

/** `n` within min…max; `fallback` when it is not a number. */
function clamp(n: number | undefined, min: number, max: number, fallback: number): number {
  return n !== undefined && Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string';
const isOptionalText = (v: unknown) => v == null || isText(v);

const optional =
  (ok: (v: unknown) => boolean) =>
  (v: unknown): boolean =>
    v === undefined || ok(v);

/** What the bindings rely on in an event, checked in this order (the first wrong field is the reason). */
const EVENT_FIELDS: [string, (v: unknown, roomId: string) => boolean][] = [
  ['event_id', isText],
  ['type', isText],
  ['sender', isText],
  ['origin_server_ts', Number.isFinite],
  ['content', isObject],
  ['state_key', optional(isText)],
  // Absent in /sync; another room's event has no place here.
  ['room_id', (v, roomId) => v === undefined || v === roomId],
  ['redacts', optional(isText)],
  ['unsigned', optional(isObject)],
];

/**
 * Whether a 2xx answer of `endpoint` has the shape the spec gives; its events are checked one
 * by one where they are used. A /state without m.room.create (every room has one) was cut
 * off: taken as the room's state it would show an empty room until reload.
 */
function wellFormed(endpoint: string, body: unknown, roomId: string): boolean {
  if (endpoint === 'state') return Array.isArray(body) && body.some((e) => isObject(e) && e.type === 'm.room.create');
  if (!isObject(body)) return false;
  switch (endpoint) {
    case 'register':
      return isText(body.access_token) && isText(body.user_id);
    case 'whoami':
      return isText(body.user_id);
    case 'directory':
    case 'join':
      return isText(body.room_id);
    case 'messages':
      return Array.isArray(body.chunk) && isText(body.start) && isOptionalText(body.end);
    case 'relations':
      return Array.isArray(body.chunk) && isOptionalText(body.next_batch);
    case 'sync': {
      const join = isObject(body.rooms) ? body.rooms.join : body.rooms;
      const room = isObject(join) ? join[roomId] : join;
      return (
        isText(body.next_batch) &&
        (room === undefined || (isObject(room) && [room.state, room.timeline].every((part) => part === undefined || (isObject(part) && (part.events === undefined || Array.isArray(part.events))))))
      );
    }
  }
  return true;
}

/** retry_after_ms in the body (spec) or the Retry-After header (seconds, or an HTTP date). */
function retryAfter(body: MatrixErrorBody, headers: Headers): number | undefined {
  if (typeof body.retry_after_ms === 'number' && Number.isFinite(body.retry_after_ms)) return body.retry_after_ms;
  const header = headers.get('Retry-After');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

/** A final (4xx) answer as the devroom code a page can show. */
function classify(endpoint: string, status: number, errcode: string, message: string): RoomError {
  if (errcode === 'M_GUEST_ACCESS_FORBIDDEN' || (endpoint === 'register' && (status === 403 || errcode === 'M_FORBIDDEN'))) {
    return new RoomError(`Guest access is disabled on this server: ${message}`, PublicRoomCodes.guestAccessDisabled);
  }
  if (endpoint === 'directory' && (status === 404 || errcode === 'M_NOT_FOUND')) return new RoomError(`Room not found: ${message}`, PublicRoomCodes.notFound);
  if (endpoint === 'state' && (status === 404 || errcode === 'M_NOT_FOUND')) return new RoomError(`Room not found: ${message}`, PublicRoomCodes.notFound);
  if ((endpoint === 'state' || endpoint === 'messages' || endpoint === 'relations') && (status === 403 || errcode === 'M_FORBIDDEN')) {
    return new RoomError(`The room is not world-readable: ${message}`, PublicRoomCodes.notWorldReadable);
  }
  return new RoomError(message, errcode);
}
