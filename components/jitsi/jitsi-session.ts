import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { loadJitsiApi, jitsiScriptUrl } from './jitsi-loader.js';
import type { JitsiErrorEvent, JitsiMeetExternalAPI } from './jitsi-types.js';

export type JitsiSessionStatus = 'idle' | 'loading' | 'joining' | 'joined' | 'failed';
/** Why a session ended: the person hung up, Jitsi closed, a fatal Jitsi error, or we left. */
export type JitsiLeaveReason = 'hangup' | 'ready-to-close' | 'error' | 'left';

export interface JitsiJoinOptions {
  domain: string;
  room: string;
  /** Self-hosted deployments whose script is not at https://DOMAIN/external_api.js. */
  scriptUrl?: string;
  displayName?: string;
  /** Token for JWT-protected deployments (e.g. minted from a Matrix OpenID token). */
  jwt?: string;
  lang?: string;
  configOverwrite?: Record<string, unknown>;
  interfaceConfigOverwrite?: Record<string, unknown>;
}

export interface JitsiSessionCallbacks {
  onJoined?(): void;
  onLeft?(reason: JitsiLeaveReason, error?: string): void;
  /** The iframe exists (used by benchmarks and to move focus into the call). */
  onIframe?(iframe: HTMLIFrameElement): void;
}

/**
 * Everyone joins muted; our own UI already asked "join?", so Jitsi's prejoin screen is
 * skipped (callers can turn it back on through configOverwrite); no "open the app" page.
 */
export const DEFAULT_JITSI_CONFIG: Record<string, unknown> = {
  startWithAudioMuted: true,
  startWithVideoMuted: true,
  prejoinConfig: { enabled: false },
  prejoinPageEnabled: false,
  disableDeepLinking: true,
};

type JitsiEventName = 'videoConferenceJoined' | 'videoConferenceLeft' | 'readyToClose' | 'errorOccurred';

/**
 * One Jitsi session inside a container element: loads the IFrame API (retryable, per
 * domain), creates the call, maps Jitsi's events to join/leave, disposes on leave and
 * when the host element disconnects. Shared by the talk player and the stand booth.
 */
export class JitsiSessionController implements ReactiveController {
  status: JitsiSessionStatus = 'idle';
  /** Human-readable reason of the last failure (load error or fatal Jitsi error). */
  error: string | undefined;
  private api: JitsiMeetExternalAPI | undefined;
  private listeners = new Map<string, (payload: unknown) => void>();
  /** Bumped on every join/leave so a slow script load cannot resurrect a left session. */
  private generation = 0;
  private last: { parent: HTMLElement; options: JitsiJoinOptions } | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly callbacks: JitsiSessionCallbacks = {},
  ) {
    host.addController(this);
  }

  get active(): boolean {
    return this.status !== 'idle';
  }

  get iframe(): HTMLIFrameElement | undefined {
    return this.api?.getIFrame();
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.teardown();
    this.status = 'idle';
  }

  async join(parent: HTMLElement, options: JitsiJoinOptions): Promise<void> {
    this.teardown();
    const generation = ++this.generation;
    this.last = { parent, options };
    this.error = undefined;
    this.set('loading');
    let Api;
    try {
      Api = await loadJitsiApi(jitsiScriptUrl(options.domain, options.scriptUrl));
    } catch (e) {
      if (generation !== this.generation) return;
      this.error = e instanceof Error ? e.message : String(e);
      this.set('failed');
      return;
    }
    if (generation !== this.generation) return;
    try {
      parent.replaceChildren();
      const api = new Api(options.domain, {
        roomName: options.room,
        parentNode: parent,
        width: '100%',
        height: '100%',
        configOverwrite: { ...DEFAULT_JITSI_CONFIG, ...options.configOverwrite },
        ...(options.interfaceConfigOverwrite ? { interfaceConfigOverwrite: options.interfaceConfigOverwrite } : {}),
        ...(options.jwt ? { jwt: options.jwt } : {}),
        ...(options.lang ? { lang: options.lang } : {}),
        userInfo: options.displayName ? { displayName: options.displayName } : {},
      });
      this.api = api;
      this.listen(api, generation);
      this.set('joining');
      const iframe = api.getIFrame();
      if (iframe) this.callbacks.onIframe?.(iframe);
    } catch (e) {
      this.teardown();
      this.error = e instanceof Error ? e.message : String(e);
      this.set('failed');
    }
  }

  /** Load again after a failure, with the same options. */
  retry(): Promise<void> {
    return this.last ? this.join(this.last.parent, this.last.options) : Promise.resolve();
  }

  /** Leave on our side (hang up politely, then dispose). Does not call onLeft. */
  leave(): void {
    this.generation++;
    if (this.api) {
      try {
        this.api.executeCommand('hangup');
      } catch {
        // Already gone; dispose below is what matters.
      }
    }
    this.teardown();
    this.error = undefined;
    this.set('idle');
  }

  private listen(api: JitsiMeetExternalAPI, generation: number): void {
    const on = (name: JitsiEventName, fn: (payload: unknown) => void) => {
      const wrapped = (payload: unknown) => {
        if (generation === this.generation) fn(payload);
      };
      this.listeners.set(name, wrapped);
      api.addListener(name, wrapped);
    };
    on('videoConferenceJoined', () => {
      this.set('joined');
      this.callbacks.onJoined?.();
    });
    on('videoConferenceLeft', () => this.finish('hangup'));
    on('readyToClose', () => this.finish('ready-to-close'));
    on('errorOccurred', (payload) => {
      const err = (payload ?? {}) as JitsiErrorEvent;
      // Non-fatal errors (a device busy, a reconnect) are Jitsi's to show in its own UI.
      if (!err.isFatal) return;
      this.finish('error', err.message || err.name || 'Jitsi error');
    });
  }

  private finish(reason: JitsiLeaveReason, error?: string): void {
    this.generation++;
    this.teardown();
    this.error = error;
    this.set('idle');
    this.callbacks.onLeft?.(reason, error);
  }

  private teardown(): void {
    const api = this.api;
    this.api = undefined;
    if (!api) return;
    for (const [name, fn] of this.listeners) api.removeListener(name, fn);
    this.listeners.clear();
    try {
      api.dispose();
    } catch {
      // A broken third-party script must not break our way back to the stream.
    }
  }

  private set(status: JitsiSessionStatus): void {
    this.status = status;
    this.host.requestUpdate();
  }
}
