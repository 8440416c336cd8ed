/**
 * Synapse's leaky-bucket rate limiter (synapse/api/ratelimiting.py `Ratelimiter`): a key
 * may act `burst` times at once, then at `perSecond`; a refused action answers 429
 * M_LIMIT_EXCEEDED with `retry_after_ms`. Synapse exempts only application services and
 * users with a `ratelimit_override` row, not server admins, so neither do we.
 */
import { MatrixError } from './http.js';

export interface BucketOptions {
  perSecond: number;
  burst: number;
}

/**
 * When on, each bucket defaults to Synapse's setting of the same name:
 * - `messages` (`rc_message`, 0.2/s, burst 10): every event a user sends through the
 *   client API — messages, state, redactions, memberships (join, leave, invite, …) — and
 *   each createRoom (one for the room, one for the creator's join; the room's other
 *   initial events are free), as Synapse 1.67's `RequestRatelimiter` counts them;
 * - `joins` (`rc_joins.local`, 0.1/s, burst 10): joining a room one was not joined to
 *   (the creator's join in createRoom too);
 * - `registration` (`rc_registration`, 0.17/s, burst 3): guest registrations, per address;
 * - `login` (`rc_login.address`, 0.17/s, burst 3): logins, per address.
 */
export interface RateLimitOptions {
  messages?: BucketOptions;
  joins?: BucketOptions;
  registration?: BucketOptions;
  login?: BucketOptions;
}

export type BucketName = keyof RateLimitOptions;

export const SYNAPSE_DEFAULTS: Required<RateLimitOptions> = {
  messages: { perSecond: 0.2, burst: 10 },
  joins: { perSecond: 0.1, burst: 10 },
  registration: { perSecond: 0.17, burst: 3 },
  login: { perSecond: 0.17, burst: 3 },
};

interface Entry {
  count: number;
  start: number;
}

export class RateLimiter {
  private settings: Required<RateLimitOptions> | undefined;
  private readonly buckets = new Map<string, Entry>();

  constructor(
    options: RateLimitOptions | false | undefined,
    private readonly now: () => number = () => Date.now() / 1000,
  ) {
    this.configure(options);
  }

  configure(options: RateLimitOptions | false | undefined): void {
    this.settings = options ? { ...SYNAPSE_DEFAULTS, ...options } : undefined;
    this.buckets.clear();
  }

  get config(): RateLimitOptions | false {
    return this.settings ?? false;
  }

  /**
   * Counts one action of `key` in `bucket`, or throws 429 (nothing counted) when over.
   * `update: false` only checks (Synapse checks before building an event and counts it
   * once it is accepted).
   */
  check(bucket: BucketName, key: string, update = true): void {
    if (!this.settings) return;
    const { perSecond, burst } = this.settings[bucket];
    const now = this.now();
    const id = `${bucket}\0${key}`;
    let entry = this.buckets.get(id) ?? { count: 0, start: now };
    let performed = entry.count - (now - entry.start) * perSecond;
    if (performed < 0) {
      performed = 0;
      entry = { count: 0, start: now };
    }
    if (performed > burst - 1) {
      this.buckets.set(id, entry);
      // When the bucket has room for one more action again (Synapse's `time_allowed`).
      const allowedAt = Math.max(now, entry.start + (entry.count - burst + 1) / perSecond);
      throw new MatrixError(429, 'M_LIMIT_EXCEEDED', 'Too Many Requests', { retry_after_ms: Math.floor(1000 * (allowedAt - now)) });
    }
    if (update) this.buckets.set(id, { count: entry.count + 1, start: entry.start });
  }
}
