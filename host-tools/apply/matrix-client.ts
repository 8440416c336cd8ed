/**
 * The handful of Matrix client-server endpoints `apply` needs, over plain fetch. Rate
 * limits are the normal case for a big conference (FOSDEM 2021 took 15–20 hours of
 * manual work against them): 429 waits exactly `retry_after_ms` (or Retry-After), 5xx and
 * network errors back off exponentially with jitter. Every call is safe to repeat: state
 * PUTs are idempotent, a join of a room one is in changes nothing, a retried send has the
 * same transaction id, which the server answers with the first event, and createRoom looks
 * its alias up before each retry (a refused or lost createRoom may have made the room).
 */

export class MatrixHttpError extends Error {
  constructor(
    readonly status: number,
    readonly errcode: string,
    readonly detail: string,
    readonly method: string,
    readonly path: string,
  ) {
    super(`${method} ${path} → ${status} ${errcode}${detail ? `: ${detail}` : ''}`);
    this.name = 'MatrixHttpError';
  }
}

/** The run was interrupted (Ctrl-C) before this request was sent: nothing of it reached the server. */
export class InterruptedError extends Error {
  constructor(method: string, path: string) {
    super(`interrupted before ${method} ${path}`);
    this.name = 'InterruptedError';
  }
}

/** The homeserver could not be reached (or kept failing) after every retry. */
export class TransportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransportError';
  }
}

export interface ClientOptions {
  homeserver: string;
  accessToken: string;
  fetch?: typeof fetch;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Attempts for 5xx/network errors (first try included). */
  maxAttempts?: number;
  /** 429s in a row before giving up on one request. */
  maxRateLimited?: number;
  baseDelayMs?: number;
  random?: () => number;
  onWait?: (info: { reason: string; ms: number; method: string; path: string }) => void;
  /**
   * Ctrl-C: no new request (or retry) is sent once aborted, and a rate-limit or backoff wait
   * ends early. A request already sent is not cancelled: its answer says whether it happened.
   */
  signal?: AbortSignal;
  /**
   * A try with no answer (status and body) after this long counts as a dropped connection
   * and is retried like one: a half-open connection or a stuck proxy must not hang a run.
   * Default 60 s, above Synapse's slowest normal answers (a big createRoom).
   */
  requestTimeoutMs?: number;
}

export interface ClientStats {
  requests: number;
  reads: number;
  writes: number;
  rateLimited: number;
  transientRetries: number;
  waitedMs: number;
}

/**
 * What createRoom gave. `found`: a try went unanswered (429, 5xx, connection lost) and its
 * alias then led to a room, which was not seen being made: maybe this request made it, in
 * full or only in part (Synapse before 1.70.1 counts the creator's join against the rate
 * limits after the room and its alias exist, so a 429 can leave a room the creator is not
 * in), maybe someone else did meanwhile.
 */
export interface CreateRoomOutcome {
  room_id: string;
  found?: true;
}

export interface RequestOptions<T> {
  /**
   * After a try that got no usable answer (429, 5xx, network error) and its wait, before the
   * next try: a value ends the request with it instead of trying again.
   */
  beforeRetry?: () => Promise<T | undefined>;
}

const V3 = '/_matrix/client/v3';

export class MatrixClient {
  readonly stats: ClientStats = { requests: 0, reads: 0, writes: 0, rateLimited: 0, transientRetries: 0, waitedMs: 0 };
  private readonly base: string;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Transaction ids: unique per client (a run), the same for every retry of one send. */
  private readonly txnPrefix = `devroom${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  private txn = 0;

  constructor(private readonly options: ClientOptions) {
    this.base = options.homeserver.replace(/\/+$/, '');
    this.fetchImpl = options.fetch ?? ((...args) => fetch(...args));
    this.sleep = options.sleep ?? abortableSleep;
  }

  async request<T>(method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown, opts: RequestOptions<T> = {}): Promise<T> {
    const maxAttempts = this.options.maxAttempts ?? 6;
    const maxRateLimited = this.options.maxRateLimited ?? 30;
    const baseDelay = this.options.baseDelayMs ?? 500;
    const random = this.options.random ?? Math.random;
    let failures = 0;
    let limited = 0;
    const signal = this.options.signal;
    const wait = async (reason: string, ms: number) => {
      this.options.onWait?.({ reason, ms, method, path });
      this.stats.waitedMs += ms;
      await untilAborted(this.sleep(ms, signal), signal);
    };
    const backoff = () => Math.round(Math.min(30_000, baseDelay * 2 ** (failures - 1)) * (0.5 + random() / 2));
    /** Waits, then asks `beforeRetry` whether the request is settled after all. */
    const waitToRetry = async (reason: string, ms: number): Promise<T | undefined> => {
      await wait(reason, ms);
      if (!opts.beforeRetry) return undefined;
      if (signal?.aborted) throw new InterruptedError(method, path);
      return opts.beforeRetry();
    };

    for (;;) {
      if (signal?.aborted) throw new InterruptedError(method, path);
      this.stats.requests++;
      if (method === 'GET') this.stats.reads++;
      else this.stats.writes++;
      let res: Response;
      let text: string;
      const timeoutMs = this.options.requestTimeoutMs ?? 60_000;
      try {
        res = await this.fetchImpl(this.base + path, {
          method,
          headers: { Authorization: `Bearer ${this.options.accessToken}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        text = await res.text();
      } catch (e) {
        const why = (e as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : (e as Error).message;
        failures++;
        if (failures >= maxAttempts) throw new TransportError(`${method} ${path}: ${why} (gave up after ${failures} attempts)`);
        this.stats.transientRetries++;
        const settled = await waitToRetry(`network error: ${why}`, backoff());
        if (settled !== undefined) return settled;
        continue;
      }
      let json: Record<string, unknown> = {};
      try {
        json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        json = {};
      }
      if (res.ok) return json as T;
      const errcode = typeof json.errcode === 'string' ? json.errcode : `HTTP_${res.status}`;
      const detail = typeof json.error === 'string' ? json.error : '';
      if (res.status === 429 || errcode === 'M_LIMIT_EXCEEDED') {
        limited++;
        this.stats.rateLimited++;
        if (limited > maxRateLimited) throw new MatrixHttpError(res.status, errcode, `still rate-limited after ${limited} waits`, method, path);
        const fromBody = typeof json.retry_after_ms === 'number' && json.retry_after_ms >= 0 ? json.retry_after_ms : undefined;
        // At most 5 minutes: past 2^31-1 ms a timer fires at once (1 ms retries), and a
        // server that asks for hours is better asked again than waited for.
        const ms = Math.min(MAX_RATE_LIMIT_WAIT_MS, fromBody ?? retryAfterHeader(res.headers.get('Retry-After')) ?? (failures++, backoff()));
        const settled = await waitToRetry('rate limited (429)', ms);
        if (settled !== undefined) return settled;
        continue;
      }
      if (res.status >= 500) {
        failures++;
        if (failures >= maxAttempts) throw new TransportError(`${method} ${path} → ${res.status} ${errcode} (gave up after ${failures} attempts)`);
        this.stats.transientRetries++;
        const settled = await waitToRetry(`server error ${res.status}`, backoff());
        if (settled !== undefined) return settled;
        continue;
      }
      throw new MatrixHttpError(res.status, errcode, detail, method, path);
    }
  }

  whoami(): Promise<{ user_id: string }> {
    return this.request('GET', `${V3}/account/whoami`);
  }

  /** Room id for an alias, or null when the alias does not exist. */
  async resolveAlias(alias: string): Promise<string | null> {
    try {
      const r = await this.request<{ room_id: string }>('GET', `${V3}/directory/room/${encodeURIComponent(alias)}`);
      return r.room_id;
    } catch (e) {
      if (e instanceof MatrixHttpError && e.status === 404) return null;
      throw e;
    }
  }

  /**
   * Creates a room. With `alias` (the one `body` asks for), a try that got no usable answer
   * is not repeated blindly: the alias is looked up first, and a room it leads to ends the
   * request as `found` (see CreateRoomOutcome).
   */
  createRoom(body: Record<string, unknown>, alias?: string): Promise<CreateRoomOutcome> {
    const beforeRetry = alias
      ? async (): Promise<CreateRoomOutcome | undefined> => {
          const roomId = await this.resolveAlias(alias);
          return roomId ? { room_id: roomId, found: true } : undefined;
        }
      : undefined;
    return this.request<CreateRoomOutcome>('POST', `${V3}/createRoom`, body, beforeRetry ? { beforeRetry } : {});
  }

  /** Joins a room (nothing changes when already joined). */
  joinRoom(roomId: string): Promise<{ room_id: string }> {
    return this.request('POST', `${V3}/rooms/${encodeURIComponent(roomId)}/join`, {});
  }

  getState(roomId: string): Promise<{ type: string; state_key: string; content: Record<string, unknown>; sender?: string }[]> {
    return this.request('GET', `${V3}/rooms/${encodeURIComponent(roomId)}/state`);
  }

  putState(roomId: string, type: string, stateKey: string, content: Record<string, unknown>): Promise<{ event_id: string }> {
    return this.request('PUT', `${V3}/rooms/${encodeURIComponent(roomId)}/state/${encodeURIComponent(type)}/${encodeURIComponent(stateKey)}`, content);
  }

  /** One state event's content, or null when the room has none of it. */
  async getStateEvent(roomId: string, type: string, stateKey: string): Promise<Record<string, unknown> | null> {
    try {
      return await this.request('GET', `${V3}/rooms/${encodeURIComponent(roomId)}/state/${encodeURIComponent(type)}/${encodeURIComponent(stateKey)}`);
    } catch (e) {
      if (e instanceof MatrixHttpError && e.status === 404) return null;
      throw e;
    }
  }

  /** Sends a room (message-like) event. */
  sendEvent(roomId: string, type: string, content: Record<string, unknown>): Promise<{ event_id: string }> {
    const txnId = `${this.txnPrefix}.${++this.txn}`;
    return this.request('PUT', `${V3}/rooms/${encodeURIComponent(roomId)}/send/${encodeURIComponent(type)}/${encodeURIComponent(txnId)}`, content);
  }
}

/** A timer that an abort clears, so a stopped run does not linger for the rest of a long wait. */
function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop);
      resolve();
    }, ms);
    signal?.addEventListener('abort', stop, { once: true });
  });
}

/** Settles with `p`, or as soon as `signal` aborts (for sleeps that ignore the signal). */
function untilAborted(p: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return p;
  if (signal.aborted) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const done = () => {
      signal.removeEventListener('abort', done);
      resolve();
    };
    signal.addEventListener('abort', done);
    p.then(done, (e: unknown) => {
      signal.removeEventListener('abort', done);
      reject(e);
    });
  });
}

const MAX_RATE_LIMIT_WAIT_MS = 5 * 60_000;

/** Retry-After: delay-seconds or an HTTP date. */
function retryAfterHeader(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
