import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type Hls from 'hls.js';
import type { HlsConfig } from 'hls.js';
import { loadOnce } from '../shared/lazy-part.js';
import type * as HlsGlueModule from './playback-hls.js';
import type { PlaybackPolicy } from './playback-policy.js';

// Quality, picture-in-picture and keyboard shortcuts come with the engine: needed once a stream plays.
export { renderViewerControls } from './viewer-controls.js';

/**
 * What the viewer should be told. There is always one: the player never shows a blank box.
 *  idle          nothing loading (before the talk, in a call, no source)
 *  loading       fetching the stream / first frames
 *  playing | paused | ended
 *  buffering     playback waits for data (stalled)
 *  not-started   the (live) stream is not there yet: retrying with backoff
 *  reconnecting  the stream broke off mid-way: retrying with backoff
 *  offline       the browser is offline: waiting for the network
 *  recovering    a media/decode error is being recovered (or a recording skips broken data)
 *  blocked       the browser blocks even muted autoplay: a Play button
 *  error         cannot play here (no HLS support, player failed to load)
 *  broken        the media data is broken beyond recovery (`message`: what and where); no
 *                automatic retry, only the Retry button
 *  not-video     `src` answers with something else (a web page, JSON; `message`: its type);
 *                no automatic retry, only the Retry button
 */
export type PlaybackStatus =
  | 'idle'
  | 'loading'
  | 'playing'
  | 'paused'
  | 'ended'
  | 'buffering'
  | 'not-started'
  | 'reconnecting'
  | 'offline'
  | 'recovering'
  | 'blocked'
  | 'error'
  | 'broken'
  | 'not-video';

export function backoffDelay(attempt: number, policy: Pick<PlaybackPolicy, 'retryBaseMs' | 'retryMaxMs'>, random = Math.random): number {
  const raw = Math.min(policy.retryMaxMs, policy.retryBaseMs * 2 ** Math.max(0, attempt));
  return Math.round(raw * (0.75 + random() * 0.5));
}

export const isHlsUrl = (url: string) => /\.m3u8(\?|#|$)/i.test(new URL(url, location.href).pathname + '#');

/** Content types that are never a video or a playlist (a web page, an API's JSON). */
const NOT_MEDIA = /^text\/(html|xml)|json|xml/i;

/** The Content-Type `src` is served with, '' when unknown (not ok, or unreadable cross-origin). */
async function contentType(src: string): Promise<string> {
  const stop = new AbortController();
  try {
    const res = await fetch(src, { signal: stop.signal, cache: 'no-store' });
    return res.ok ? (res.headers.get('content-type') ?? '').split(';')[0]!.trim() : '';
  } catch {
    return '';
  } finally {
    stop.abort(); // headers are all it needs
  }
}

type HlsGlue = typeof HlsGlueModule;
type MediaBudget = HlsGlueModule.MediaBudget;
const freshBudget = (): MediaBudget => ({ errors: [], giveUps: [] });
/** hls.js (with our glue for it, playback-hls.ts) loads only when an HLS source plays. */
const loadHls = loadOnce('hls.js', (): Promise<HlsGlue> => import('./playback-hls.js'));

export interface PlaybackOptions {
  policy: PlaybackPolicy;
  /** Merged over our hls.js config (tests use it for short timeouts). */
  hlsConfig?: Partial<HlsConfig>;
  /**
   * URL of hls.js's `hls.worker.js` (same origin as the page). Unset: transmuxing runs on
   * the main thread (`enableWorker: false`), deliberately — the ESM build embeds no worker
   * and browsers refuse cross-origin Worker scripts, which breaks CDN use; talk streams are
   * low-bitrate, so main-thread transmuxing costs a few ms per segment.
   */
  workerPath?: string;
}

/**
 * Drives one <video>: hls.js (lazy) or native playback, autoplay with a muted fallback,
 * retry with backoff, offline waiting, stall detection and media error recovery.
 * The player loads this module once it has a stream to play (an upcoming or ended talk
 * never needs it); hls.js then loads from here for HLS sources.
 */
export class PlaybackController implements ReactiveController {
  status: PlaybackStatus = 'idle';
  /** Live stream (from the playlist), for the live badge and seek-to-live. */
  live = false;
  /** The browser refused sound: we play muted and show "Unmute". */
  mutedByPolicy = false;
  /** When the next automatic retry happens (Date.now() base). */
  retryAt: number | undefined;
  /** Detail for the error state. */
  message: string | undefined;
  /** Set once playback has really started for the current source (for "not started" vs "interrupted"). */
  #everPlayed = false;
  #src: string | undefined;
  #hls: Hls | undefined;
  /** playback-hls.ts, once loaded (the hls.js side of captions). */
  #glue: HlsGlue | undefined;
  #attempt = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #tickTimer: ReturnType<typeof setInterval> | undefined;
  #bufferingTimer: ReturnType<typeof setTimeout> | undefined;
  #stallTimer: ReturnType<typeof setTimeout> | undefined;
  /** Media errors and give-ups of this source; fresh on load() and on Retry. */
  #budget = freshBudget();
  #generation = 0;
  #video: HTMLVideoElement | undefined;
  #suspended = false;
  /** The viewer's quality choice (an hls.js level), -1 for automatic. */
  #rendition = -1;
  #detach: AbortController | undefined;

  readonly #host: ReactiveControllerHost;
  readonly #options: () => PlaybackOptions;

  constructor(host: ReactiveControllerHost, options: () => PlaybackOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('online', this.#onOnline);
    window.addEventListener('offline', this.#onOffline);
  }

  hostDisconnected(): void {
    window.removeEventListener('online', this.#onOnline);
    window.removeEventListener('offline', this.#onOffline);
    this.stop();
  }

  /** The hls.js instance, when one is in use (for tests and diagnostics). */
  get hlsInstance(): Hls | undefined {
    return this.#hls;
  }

  get usingHls(): boolean {
    return this.#hls !== undefined;
  }

  /** Start (or restart) playing `src` in `video`. */
  load(video: HTMLVideoElement, src: string): void {
    this.stop();
    this.#attachVideo(video);
    this.#src = src;
    this.#suspended = false;
    this.#everPlayed = false;
    this.#attempt = 0;
    this.#budget = freshBudget();
    this.#rendition = -1;
    this.#start();
  }

  /** Stop everything and forget the source. */
  stop(): void {
    this.#cancel();
    this.#destroyHls();
    if (this.#video) {
      this.#video.pause();
      this.#video.removeAttribute('src');
      this.#video.load();
    }
    this.#detachVideo();
    this.#src = undefined;
    this.live = false;
    this.#set('idle');
  }

  /** Stop loading (e.g. while in a Jitsi call) but keep what is needed to come back. */
  suspend(): void {
    if (!this.#src || this.#suspended) return;
    this.#suspended = true;
    this.#cancel();
    this.#hls?.stopLoad();
    this.#video?.pause();
    this.#set('idle');
  }

  /** Come back from suspend(): live streams restart at the live edge, VOD continues. */
  resume(): void {
    if (!this.#src || !this.#suspended || !this.#video) return;
    this.#suspended = false;
    if (!this.live && this.#everPlayed && (this.#hls || !isHlsUrl(this.#src))) {
      this.#hls?.startLoad();
      this.#set('loading');
      void this.#autoplay(this.#generation);
      return;
    }
    // Live (or never started): a fresh load lands on the live edge with no stale buffer.
    this.#restart();
  }

  /** Retry right now (the Retry button; the network came back), with a fresh media error budget. */
  retryNow(): void {
    if (!this.#src || this.#suspended) return;
    this.#budget = freshBudget();
    this.#restart();
  }

  seekToLive(): void {
    const video = this.#video;
    if (!video) return;
    const target = this.#hls?.liveSyncPosition ?? (video.seekable.length ? video.seekable.end(video.seekable.length - 1) - 3 : undefined);
    if (target !== undefined && target !== null && Number.isFinite(target)) video.currentTime = target;
    void this.#autoplay(this.#generation);
  }

  /** Seconds behind the live edge (0 when not live / unknown). */
  behindLive(): number {
    const video = this.#video;
    if (!this.live || !video) return 0;
    const edge = this.#hls?.liveSyncPosition ?? (video.seekable.length ? video.seekable.end(video.seekable.length - 1) : undefined);
    if (edge === undefined || edge === null) return 0;
    return Math.max(0, edge - video.currentTime);
  }

  unmute(): void {
    if (!this.#video) return;
    this.#video.muted = false;
    this.mutedByPolicy = false;
    this.#host.requestUpdate();
  }

  /** A click on Play when even muted autoplay was blocked (this is a user gesture). */
  play(): void {
    if (!this.#video) return;
    if (this.status === 'ended') this.#video.currentTime = 0;
    void this.#autoplay(this.#generation);
  }

  /** In-manifest subtitle tracks (hls.js) win over sidecar <track>s when both exist. */
  setCaptions(on: boolean, lang?: string): void {
    const video = this.#video;
    if (!video) return;
    if (this.#hls && this.#glue?.hlsCaptions(this.#hls, on, lang)) return;
    const tracks = Array.from(video.textTracks).filter((t) => t.kind === 'captions' || t.kind === 'subtitles');
    const base = lang?.split('-')[0];
    const pick = tracks.find((t) => base && t.language.toLowerCase().startsWith(base)) ?? tracks[0];
    for (const t of tracks) t.mode = on && t === pick ? 'showing' : 'disabled';
  }

  /** Captions or subtitles show right now (a DEFAULT rendition, `<track default>`, the browser's menu or our button). */
  get captionsShowing(): boolean {
    const hls = this.#hls;
    // hls.js's choice shows at once; its text track only once the subtitle playlist loaded.
    if (hls?.subtitleTracks.length) return hls.subtitleTrack >= 0 && hls.subtitleDisplay;
    return Array.from(this.#video?.textTracks ?? []).some((t) => (t.kind === 'captions' || t.kind === 'subtitles') && t.mode === 'showing');
  }

  /** The renditions of an HLS stream (hls.js levels); empty for MP4. */
  get renditions(): { height: number; bitrate: number }[] {
    return this.#hls?.levels.map((l) => ({ height: l.height, bitrate: l.bitrate })) ?? [];
  }

  /** The rendition chosen (-1: automatic) and the one playing now (-1: none yet). */
  get rendition(): { chosen: number; playing: number } {
    return { chosen: this.#rendition, playing: this.#hls?.currentLevel ?? -1 };
  }

  /** Choose a rendition (-1: automatic); it applies at once and to later reloads. */
  chooseRendition(level: number): void {
    this.#rendition = level;
    if (this.#hls) this.#hls.currentLevel = level;
    this.#host.requestUpdate();
  }

  get hasCaptions(): boolean {
    const video = this.#video;
    if (!video) return false;
    if (this.#hls?.subtitleTracks.length) return true;
    return Array.from(video.textTracks).some((t) => t.kind === 'captions' || t.kind === 'subtitles');
  }

  // ---- internals -------------------------------------------------------------------------

  #restart(startAt?: number): void {
    this.#cancel();
    this.#destroyHls();
    this.#start(startAt);
  }

  /** `startAt`: a recording restarting past broken data. */
  #start(startAt?: number): void {
    const video = this.#video;
    const src = this.#src;
    if (!video || !src) return;
    const generation = ++this.#generation;
    this.message = undefined;
    if (!navigator.onLine) {
      this.#set('offline');
      return;
    }
    this.#set(startAt !== undefined ? 'recovering' : this.#everPlayed ? 'reconnecting' : 'loading');
    if (!isHlsUrl(src)) {
      this.#startNative(video, src, generation);
      return;
    }
    loadHls().then(
      (glue) => {
        if (generation !== this.#generation) return;
        // hls.js first; native HLS only where MSE is missing (Chromium answers "maybe" for
        // HLS but fails some streams natively).
        if (glue.hlsSupported()) this.#startHls(glue, video, src, generation, startAt);
        else if (video.canPlayType('application/vnd.apple.mpegurl')) this.#startNative(video, src, generation);
        else this.#fail('unsupported');
      },
      () => {
        if (generation !== this.#generation) return;
        // The hls.js chunk itself did not load (CDN trouble, offline): retry like a network error.
        this.#scheduleRetry();
      },
    );
  }

  #startNative(video: HTMLVideoElement, src: string, generation: number): void {
    video.src = src;
    video.load();
    void this.#autoplay(generation);
  }

  #startHls(glue: HlsGlue, video: HTMLVideoElement, src: string, generation: number, startAt?: number): void {
    this.#glue = glue;
    const current = () => generation === this.#generation;
    this.#hls = glue.startHls(video, src, this.#options(), {
      // Every playlist refresh: while paused no timeupdate says how far behind live it fell.
      live: (live) => {
        if (!current() || (this.live === live && !(live && video.paused))) return;
        this.live = live;
        this.#host.requestUpdate();
      },
      changed: () => this.#host.requestUpdate(),
      waiting: () => current() && this.#onWaiting(),
      recovering: () => {
        if (!current()) return;
        this.#set('recovering');
        void this.#autoplay(generation);
      },
      fatal: (details) => current() && this.#onFatalError(details),
      skip: (position) => current() && this.#restart(position),
      broken: (detail) => current() && this.#fail(detail, 'broken'),
      notPlaylist: () =>
        void contentType(src).then((type) => current() && this.#fail(NOT_MEDIA.test(type) ? type : 'no #EXTM3U', 'not-video')),
    }, this.#budget, startAt, this.#rendition);
    void this.#autoplay(generation);
  }

  /** Network (retries exhausted) or other fatal errors: drop hls.js, slate, reload later. */
  #onFatalError(details: string): void {
    this.message = details;
    this.#destroyHls();
    if (!navigator.onLine) {
      this.#set('offline');
      return;
    }
    this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    const { policy } = this.#options();
    this.#clearTimers();
    const delay = backoffDelay(this.#attempt, policy);
    this.#attempt++;
    this.retryAt = Date.now() + delay;
    this.#set(this.#everPlayed ? 'reconnecting' : 'not-started');
    const generation = this.#generation;
    this.#retryTimer = setTimeout(() => {
      if (generation !== this.#generation) return;
      this.retryAt = undefined;
      this.#restart();
    }, delay);
    // Re-render once a second for the "trying again in N s" text.
    this.#tickTimer = setInterval(() => this.#host.requestUpdate(), 1000);
  }

  async #autoplay(generation: number): Promise<void> {
    const video = this.#video;
    if (!video) return;
    try {
      await video.play();
    } catch (e) {
      if (generation !== this.#generation || (e as DOMException).name !== 'NotAllowedError') return;
      // Sound blocked: play muted and offer "Unmute".
      if (!video.muted) {
        video.muted = true;
        this.mutedByPolicy = true;
        this.#host.requestUpdate();
        try {
          await video.play();
          return;
        } catch (e2) {
          if (generation !== this.#generation || (e2 as DOMException).name !== 'NotAllowedError') return;
        }
      }
      this.#set('blocked');
    }
  }

  #attachVideo(video: HTMLVideoElement): void {
    if (this.#video === video) return;
    this.#detachVideo();
    this.#video = video;
    const { signal } = (this.#detach = new AbortController());
    const on = (type: string, fn: EventListener) => video.addEventListener(type, fn, { signal });
    on('playing', () => {
      if (this.#suspended) return;
      this.#everPlayed = true;
      this.#attempt = 0;
      this.#clearStall();
      this.#set('playing');
    });
    on('pause', () => {
      if (!this.#suspended && this.status === 'playing' && !video.ended) this.#set('paused');
    });
    on('waiting', () => this.#onWaiting());
    on('stalled', () => this.#onWaiting());
    on('timeupdate', () => {
      if (this.status === 'buffering' && !video.paused) {
        this.#clearStall();
        this.#set('playing');
      }
      if (this.live) this.#host.requestUpdate();
    });
    on('ended', () => {
      this.#clearStall();
      if (!this.live) this.#set('ended');
    });
    on('error', () => this.#onVideoError());
    // Tracks come and switch on by themselves (DEFAULT, hls.js, the browser's menu): the captions button follows.
    for (const type of ['change', 'addtrack']) video.textTracks.addEventListener(type, () => this.#host.requestUpdate(), { signal });
  }

  #detachVideo(): void {
    this.#detach?.abort();
    this.#video = undefined;
  }

  /** Native playback errors (MP4, Safari HLS); hls.js reports its own through ERROR. */
  #onVideoError(): void {
    if (this.#hls || this.#suspended || !this.#src || !this.#video?.error) return;
    if (this.#video.error.code === MediaError.MEDIA_ERR_SRC_NOT_SUPPORTED && !this.#everPlayed) {
      // A web page or JSON as `src` would be "offline" for good: look at what it is first.
      const generation = this.#generation;
      void contentType(this.#src).then((type) => {
        if (generation !== this.#generation) return;
        if (NOT_MEDIA.test(type)) this.#fail(type, 'not-video');
        else this.#retryAfterError();
      });
      return;
    }
    if (this.#video.error.code === MediaError.MEDIA_ERR_DECODE) {
      // Broken data (no fragments to skip here): a couple of reloads, then the error state.
      if (this.#budget.errors.push(0) > this.#options().policy.maxMediaRecoveries) return this.#fail('decode', 'broken');
      this.message = 'decode';
    }
    this.#retryAfterError();
  }

  #retryAfterError(): void {
    if (!navigator.onLine) {
      this.#set('offline');
      return;
    }
    this.#scheduleRetry();
  }

  #onWaiting(): void {
    if (this.#suspended || this.#bufferingTimer || this.status === 'not-started' || this.status === 'reconnecting') return;
    const { policy } = this.#options();
    const generation = this.#generation;
    this.#bufferingTimer = setTimeout(() => {
      if (generation !== this.#generation || !this.#video || this.#video.paused) return;
      if (this.status === 'playing' || this.status === 'loading' || this.status === 'recovering') this.#set('buffering');
    }, policy.bufferingAfterMs);
    this.#stallTimer = setTimeout(() => {
      if (generation !== this.#generation) return;
      // Still no progress: reload. Live lands on the live edge; VOD retries from scratch.
      this.#bufferingTimer = undefined;
      this.#destroyHls();
      this.#scheduleRetry();
    }, policy.stallReloadMs);
  }

  #clearStall(): void {
    clearTimeout(this.#bufferingTimer);
    clearTimeout(this.#stallTimer);
    this.#bufferingTimer = undefined;
    this.#stallTimer = undefined;
  }

  #clearTimers(): void {
    this.#clearStall();
    clearTimeout(this.#retryTimer);
    clearInterval(this.#tickTimer);
    this.#retryTimer = undefined;
    this.#tickTimer = undefined;
  }

  /** Drops whatever an earlier load or retry still has pending. */
  #cancel(): void {
    this.#generation++;
    this.#clearTimers();
    this.retryAt = undefined;
  }

  #destroyHls(): void {
    const hls = this.#hls;
    this.#hls = undefined;
    hls?.destroy();
  }

  #fail(reason: string, status: PlaybackStatus = 'error'): void {
    this.#clearTimers();
    this.#destroyHls();
    this.retryAt = undefined;
    this.message = reason;
    this.#set(status);
  }

  readonly #onOffline = () => {
    if (!this.#src || this.#suspended) return;
    // Stop hammering the network; hls.js would burn through its retries.
    this.#cancel();
    this.#hls?.stopLoad();
    this.#set('offline');
  };

  readonly #onOnline = () => {
    if (this.status === 'offline' && this.#src && !this.#suspended) this.#restart();
  };

  #set(status: PlaybackStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.#host.requestUpdate();
  }
}
