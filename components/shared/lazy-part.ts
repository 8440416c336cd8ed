import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * devroom's one rule for code that loads on demand (docs/lazy-loading.md).
 *
 * - A part loads once. A failed load is forgotten, so it can be asked for again; it is asked
 *   again at the host's *next* update (or at once by a user's Retry), never in the update its
 *   own failure caused: offline, that would be a loop. A quiet element has no next update, so
 *   a failure also brings one later by itself: when the browser is back online, or after
 *   5 s, 10 s, 20 s … (at most a minute) — the update asks again only if it still needs it.
 * - The host's `updateComplete` waits for parts in flight (`partsSettled`), so a test or a
 *   caller that awaits it sees the element with its parts.
 * - Lazy modules import what they share with the first load statically, and load their own
 *   lazy children with `import()` only: a module imported statically by a lazy chunk can
 *   never load again once its fetch failed (the page's module map keeps the failure in some
 *   browsers; an `import()` retried on a fresh URL does not). `npm run lazy-chains` fails the
 *   build on any chain it does not allow.
 */

/** Loads a module at most once at a time; a failed load rejects and is forgotten (the next call tries again). */
export function loadOnce<M>(what: string, load: () => Promise<M>): () => Promise<M> {
  let loading: Promise<M> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      // One message for every part: which part, and the error (it names the module's URL).
      console.error(`devroom: could not load ${what}`, error);
      throw error;
    }));
}

const inFlight = new WeakMap<ReactiveControllerHost, Set<Promise<unknown>>>();

/**
 * Resolves when none of `host`'s parts is loading and the updates they caused are done.
 * Elements call it from `getUpdateComplete` (see `LazyPart`).
 */
export async function partsSettled(host: ReactiveControllerHost, updateComplete: () => Promise<boolean>): Promise<boolean> {
  let done = await updateComplete();
  for (let pending = inFlight.get(host); pending?.size; pending = inFlight.get(host)) {
    await Promise.allSettled([...pending]);
    done = await updateComplete();
  }
  return done;
}

export interface LazyPartOptions<M> {
  /** Runs once when the module arrives, before the update it causes. */
  loaded?(module: M): void;
  /** Runs after each failed load, before the update that shows it. */
  failed?(error: unknown): void;
}

/**
 * One on-demand part of an element: `want()` it while rendering needs it (in `willUpdate`,
 * `updated` or an event handler); render `module` when it is there, and `failed` (with a
 * Retry calling `retry()`) when it could not load.
 */
export class LazyPart<M> implements ReactiveController {
  /** The loaded module, once it is here. */
  module: M | undefined;
  /** The last load failed and no new one has started. */
  failed = false;
  readonly #host: ReactiveControllerHost;
  readonly #load: () => Promise<M>;
  readonly #options: LazyPartOptions<M>;
  #loading: Promise<unknown> | undefined;
  /** Set by a failure until the update it caused is over: only a later update asks again. */
  #resting = false;
  /** Failures in a row: the wait before the update that may ask again doubles with each. */
  #failures = 0;

  constructor(host: ReactiveControllerHost, what: string, load: () => Promise<M>, options: LazyPartOptions<M> = {}) {
    this.#host = host;
    this.#load = loadOnce(what, load);
    this.#options = options;
    host.addController(this);
  }

  /** Loads the part unless it is here, loading, or failed in the update now running. */
  want(): void {
    if (this.module !== undefined || this.#loading || this.#resting) return;
    this.#start();
  }

  /** A person's Retry: loads now, even right after a failure. */
  retry(): void {
    if (this.module !== undefined || this.#loading) return;
    this.#resting = false;
    this.#start();
  }

  /** The part, loaded now or already: for event handlers that need it before going on. Rejects when it cannot load. */
  get(): Promise<M> {
    this.retry();
    // The same load (loadOnce): its `loaded` runs first; a failure rejects with the browser's error.
    return this.#load();
  }

  hostConnected(): void {}

  #start(): void {
    this.failed = false;
    const host = this.#host;
    let pending = inFlight.get(host);
    if (!pending) inFlight.set(host, (pending = new Set()));
    const work: Promise<void> = this.#load()
      .then(
        (module) => {
          this.module = module;
          this.#failures = 0;
          this.#options.loaded?.(module);
        },
        (error: unknown) => {
          this.failed = true;
          this.#resting = true;
          this.#options.failed?.(error);
          this.#later();
        },
      )
      .finally(() => {
        pending.delete(work);
        this.#loading = undefined;
        host.requestUpdate();
        // The update that shows the failure must not ask again; the one after it may.
        if (this.failed) void host.updateComplete.then(() => (this.#resting = false));
      });
    this.#loading = work;
    pending.add(work);
  }

  /** After a failure: an update later on (back online, or a growing wait), in which the host may want the part again. */
  #later(): void {
    const wait = Math.min(60_000, 5_000 * 2 ** this.#failures++);
    const again = (): void => {
      clearTimeout(timer);
      removeEventListener('online', again);
      if (this.failed) this.#host.requestUpdate();
    };
    const timer = setTimeout(again, wait);
    addEventListener('online', again);
  }
}
