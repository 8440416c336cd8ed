import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { JitsiJoinOptions, JitsiSessionCallbacks, JitsiSessionController, JitsiSessionStatus } from './jitsi-session.js';
import type * as SessionModuleNamespace from './jitsi-session.js';
import { loadOnce } from '../shared/lazy-part.js';

type SessionModule = typeof SessionModuleNamespace;

/** One chunk for the page, shared by every session on it; Retry loads it again after a failure. */
const loadSessionModule = loadOnce('the Jitsi session', (): Promise<SessionModule> => import('./jitsi-session.js'));

/**
 * JitsiSessionController's surface with the controller (and the script loader) loaded on
 * the first join: most viewers never join a call, so it stays out of the first load.
 * Until the chunk is there this reports `loading`, or `failed` (Retry loads it again);
 * from then on the real controller answers. The loader's per-URL cache is module state,
 * so several sessions (and domains) on one page behave as with the eager controller.
 */
export class LazyJitsiSession implements ReactiveController {
  #session: JitsiSessionController | undefined;
  #pending: 'idle' | 'loading' | 'failed' = 'idle';
  #pendingError: string | undefined;
  /** Bumped on every join/leave so a slow chunk cannot resurrect a left session. */
  #generation = 0;
  #last: { parent: HTMLElement; options: JitsiJoinOptions } | undefined;

  readonly #host: ReactiveControllerHost;
  readonly #callbacks: JitsiSessionCallbacks;
  readonly #load: () => Promise<SessionModule>;

  constructor(host: ReactiveControllerHost, callbacks: JitsiSessionCallbacks = {}, load: () => Promise<SessionModule> = loadSessionModule) {
    this.#host = host;
    this.#callbacks = callbacks;
    this.#load = load;
    host.addController(this);
  }

  get status(): JitsiSessionStatus {
    return this.#session ? this.#session.status : this.#pending;
  }

  get error(): string | undefined {
    return this.#session ? this.#session.error : this.#pendingError;
  }

  get active(): boolean {
    return this.status !== 'idle';
  }

  get iframe(): HTMLIFrameElement | undefined {
    return this.#session?.iframe;
  }

  hostDisconnected(): void {
    // The real controller (once there) disposes its own call.
    this.#generation++;
    this.#pending = 'idle';
  }

  async join(parent: HTMLElement, options: JitsiJoinOptions): Promise<void> {
    if (this.#session) return this.#session.join(parent, options);
    const generation = ++this.#generation;
    this.#last = { parent, options };
    this.#pendingError = undefined;
    this.#set('loading');
    let mod: SessionModule;
    try {
      mod = await this.#load();
    } catch (e) {
      if (generation !== this.#generation) return;
      this.#pendingError = e instanceof Error ? e.message : String(e);
      this.#set('failed');
      return;
    }
    if (generation !== this.#generation) return;
    this.#pending = 'idle';
    this.#session = new mod.JitsiSessionController(this.#host, this.#callbacks);
    return this.#session.join(parent, options);
  }

  /** Load again after a failure, with the same options. */
  retry(): Promise<void> {
    if (this.#session) return this.#session.retry();
    return this.#last ? this.join(this.#last.parent, this.#last.options) : Promise.resolve();
  }

  /** Leave on our side. Does not call onLeft. */
  leave(): void {
    this.#generation++;
    this.#pendingError = undefined;
    if (this.#session) this.#session.leave();
    else this.#set('idle');
  }

  #set(status: 'idle' | 'loading' | 'failed'): void {
    this.#pending = status;
    this.#host.requestUpdate();
  }
}
