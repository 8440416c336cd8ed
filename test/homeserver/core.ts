/**
 * The homeserver's shared state: accounts and access tokens, the one stream position all
 * changes are numbered on, per-user account data, and the notifier that wakes /sync.
 */
import { randomBytes } from 'node:crypto';
import type { JsonObject } from './events.js';
import { randomLetters } from './events.js';
import { MatrixError } from './http.js';
import { RateLimiter } from './ratelimit.js';
import type { RateLimitOptions } from './ratelimit.js';

export interface User {
  userId: string;
  localpart: string;
  password?: string;
  admin: boolean;
  guest: boolean;
  displayname?: string;
  avatarUrl?: string;
}

export interface Session {
  token: string;
  userId: string;
  deviceId: string;
}

export interface Requester {
  user: User;
  deviceId: string;
  token: string;
}

export interface AccountDataEntry {
  pos: number;
  content: JsonObject;
}

export interface CoreConfig {
  serverName: string;
  registrationSharedSecret: string;
  relationsDefaultLimit: number;
  guests: boolean;
  maxEventBytes: number;
}

export class Core {
  readonly users = new Map<string, User>();
  readonly sessions = new Map<string, Session>();
  /** Global account data per user: type → entry. */
  readonly accountData = new Map<string, Map<string, AccountDataEntry>>();
  /** Room account data: `${userId}\0${roomId}` → type → entry. */
  readonly roomAccountData = new Map<string, Map<string, AccountDataEntry>>();
  readonly filters = new Map<string, JsonObject[]>();
  readonly limiter: RateLimiter;
  private position = 1;
  private guestCounter = 0;
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly config: CoreConfig,
    rateLimit: RateLimitOptions | false | undefined,
    rateLimitClock?: () => number,
  ) {
    this.limiter = new RateLimiter(rateLimit, rateLimitClock);
  }

  /** The current stream position (everything numbered ≤ it has happened). */
  get pos(): number {
    return this.position;
  }

  /** Numbers one change on the stream. Call `notify()` after the change is stored. */
  nextPos(): number {
    return ++this.position;
  }

  /** Wakes every waiting /sync; each one checks whether it has something to answer. */
  notify(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }

  /** Resolves on the next change, or after `ms`, or when `signal` aborts. */
  waitForChange(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  userId(localpart: string): string {
    return `@${localpart}:${this.config.serverName}`;
  }

  /** Synapse numbers guests: the first free numeric localpart. */
  nextGuestLocalpart(): string {
    for (;;) {
      const localpart = String(++this.guestCounter);
      if (!this.users.has(this.userId(localpart))) return localpart;
    }
  }

  /** A new device (Synapse: 10 upper-case letters) and access token for `userId`. */
  login(userId: string, deviceId?: string): Session {
    const token = `syt_${Buffer.from(userId.slice(1, userId.indexOf(':'))).toString('base64url')}_${randomBytes(15).toString('base64url')}`;
    const session = { token, userId, deviceId: deviceId ?? randomLetters(10).toUpperCase() };
    this.sessions.set(token, session);
    return session;
  }

  /** The requester for a token, or 401 as Synapse answers. */
  authenticate(token: string | undefined): Requester {
    if (!token) throw new MatrixError(401, 'M_MISSING_TOKEN', 'Missing access token');
    const session = this.sessions.get(token);
    const user = session && this.users.get(session.userId);
    if (!session || !user) throw new MatrixError(401, 'M_UNKNOWN_TOKEN', 'Invalid access token passed.', { soft_logout: false });
    return { user, deviceId: session.deviceId, token };
  }

  setAccountData(userId: string, roomId: string | undefined, type: string, content: JsonObject): void {
    const key = roomId === undefined ? userId : `${userId}\0${roomId}`;
    const store = roomId === undefined ? this.accountData : this.roomAccountData;
    let byType = store.get(key);
    if (!byType) store.set(key, (byType = new Map()));
    byType.set(type, { pos: this.nextPos(), content });
    this.notify();
  }

  getAccountData(userId: string, roomId: string | undefined, type: string): JsonObject | undefined {
    const key = roomId === undefined ? userId : `${userId}\0${roomId}`;
    return (roomId === undefined ? this.accountData : this.roomAccountData).get(key)?.get(type)?.content;
  }
}
