import Hls, { ErrorDetails, ErrorTypes, Events, PlaylistLevelType } from 'hls.js';
import type { ErrorData, Fragment, FragLoadingData, HlsConfig, LevelLoadedData } from 'hls.js';
import type { PlaybackOptions } from './playback.js';

/**
 * PlaybackController's hls.js side, in the same on-demand chunk as hls.js: MP4 talks and
 * viewers who never play never load it. The FULL hls.js build on purpose: `hls.js/light`
 * drops in-manifest WebVTT/IMSC subtitles, alternate audio renditions (interpretation
 * tracks) and EME — live captions in the manifest are a core conference need.
 */

/**
 * Network policies tuned for live talks: a fragment that has not arrived after 20 s is
 * useless live, so fail over to our own reload instead of hls.js's 120 s default.
 */
const LIVE_FRIENDLY_CONFIG: Partial<HlsConfig> = {
  fragLoadPolicy: {
    default: {
      maxTimeToFirstByteMs: 10_000,
      maxLoadTimeMs: 20_000,
      timeoutRetry: { maxNumRetry: 2, retryDelayMs: 0, maxRetryDelayMs: 0 },
      errorRetry: { maxNumRetry: 4, retryDelayMs: 1000, maxRetryDelayMs: 8000 },
    },
  },
};

/**
 * Positions given up on (skips, live reloads) within the policy's mediaErrorWindowMs before
 * the player stops and says the stream cannot be played: bounds the requests for a broken stream.
 */
const MAX_GIVE_UPS = 3;

/**
 * Times of recent fatal media errors and give-ups. They outlive one hls.js instance (a skip
 * or a reload makes a new one); the controller starts a fresh one on load and on Retry.
 */
export interface MediaBudget {
  errors: number[];
  giveUps: number[];
}

/** What the controller hears back (it drops whatever belongs to an older load). */
export interface HlsHooks {
  live(live: boolean): void;
  /** Subtitle tracks or renditions changed: re-render. */
  changed(): void;
  /** A non-fatal stall: same as the video's `waiting`. */
  waiting(): void;
  /** recoverMediaError() is under way. */
  recovering(): void;
  /** Drop hls.js and load again after a backoff (live: at the live edge). Network retries exhausted, or live data broken. */
  fatal(details: string): void;
  /** Load again from `position` (s): past a broken fragment of a recording. */
  skip(position: number): void;
  /** Broken beyond what we retry: `detail` is hls.js's error and the media time (m:ss). */
  broken(detail: string): void;
  /** `src` loaded but is no playlist (a web page, JSON): retrying will not change that. */
  notPlaylist(): void;
}

export const hlsSupported = (): boolean => Hls.isSupported();

/** In-manifest subtitles win over sidecar <track>s: false when the stream has none. */
export function hlsCaptions(hls: Hls, on: boolean, lang: string | undefined): boolean {
  const tracks = hls.subtitleTracks;
  if (!tracks.length) return false;
  const preferred = tracks.findIndex((t) => lang && t.lang?.toLowerCase().startsWith(lang.split('-')[0] ?? lang));
  hls.subtitleDisplay = on;
  hls.subtitleTrack = on ? Math.max(0, preferred) : -1;
  return true;
}

export function startHls(
  video: HTMLVideoElement,
  src: string,
  options: PlaybackOptions,
  hooks: HlsHooks,
  budget: MediaBudget,
  startPosition?: number,
  rendition = -1,
): Hls {
  const { workerPath, hlsConfig, policy } = options;
  const hls = new Hls({
    ...LIVE_FRIENDLY_CONFIG,
    enableWorker: Boolean(workerPath),
    ...(workerPath ? { workerPath } : {}),
    ...hlsConfig,
    ...(startPosition === undefined ? {} : { startPosition }),
  });
  hls.on(Events.LEVEL_LOADED, (_e, data: LevelLoadedData) => hooks.live(data.details.live));
  for (const event of [Events.SUBTITLE_TRACKS_UPDATED, Events.SUBTITLE_TRACK_SWITCH, Events.LEVEL_SWITCHED, Events.MANIFEST_PARSED] as const) hls.on(event, () => hooks.changed());
  // The viewer's quality choice outlives a reload.
  if (rendition >= 0) hls.once(Events.MANIFEST_PARSED, () => (hls.currentLevel = rendition));
  // The main fragment in flight: hls.js's demuxer exceptions come without one.
  let pending: Fragment | undefined;
  hls.on(Events.FRAG_LOADING, (_e, data: FragLoadingData) => {
    if (data.frag.type === PlaylistLevelType.MAIN) pending = data.frag;
  });
  const recent = (list: number[]) => {
    const now = Date.now();
    return [...list.filter((t) => now - t < policy.mediaErrorWindowMs), now];
  };

  /**
   * Bounded, never a loop. Decode errors (bufferAppendError…) get hls.js's recommended ladder
   * within the window: recoverMediaError(), then swapAudioCodec() + recoverMediaError().
   * Broken bytes (fragParsingError, or hls.js's demuxer threw: internalException) skip the
   * ladder: hls.js has already re-fetched the fragment (fragLoadPolicy retries), and a new
   * MediaSource cannot repair it. Then the player gives up on the position.
   */
  const onMediaError = (details: string, decode: boolean, frag: Fragment | undefined) => {
    budget.errors = recent(budget.errors);
    const tries = budget.errors.length;
    if (decode && tries <= policy.maxMediaRecoveries) {
      try {
        if (tries > 1) hls.swapAudioCodec();
        hls.recoverMediaError();
        hooks.recovering();
        return;
      } catch {
        // hls.js cannot even recover: give up on the position below.
      }
    }
    budget.errors = [];
    budget.giveUps = recent(budget.giveUps);
    const level = hls.latestLevelDetails;
    const end = frag ? frag.start + frag.duration : Infinity;
    // A recording skips a broken fragment when something follows it; a live stream reloads at
    // the live edge, past it. Too many, or nothing to skip to: the error state, and only the
    // Retry button (a person) starts over.
    if (budget.giveUps.length > MAX_GIVE_UPS || (level && !level.live && !(end < level.totalduration - 0.1))) {
      const at = frag?.start ?? video.currentTime;
      hooks.broken(`${details}, ${Math.floor(at / 60)}:${String(Math.floor(at % 60)).padStart(2, '0')}`);
    } else if (!level || level.live) {
      // (No playlist yet: cannot tell, so a reload, which counts as a give-up too.)
      hooks.fatal(details);
    } else {
      // What is buffered before the broken fragment still plays; restart past it once the
      // viewer gets there (not at once: hls.js buffers up to 30 s ahead).
      hls.stopLoad();
      const stop = new AbortController();
      const check = () => {
        const { buffered, currentTime } = video;
        // End of the buffered range being played (a seek may have left it).
        let ahead = currentTime;
        for (let i = 0; i < buffered.length; i++) if (buffered.start(i) <= currentTime + 0.1 && currentTime < buffered.end(i)) ahead = buffered.end(i);
        if (currentTime >= frag!.start - 0.3 || ahead <= currentTime + 0.3 || video.ended) {
          stop.abort();
          hooks.skip(Math.max(end + 0.05, currentTime));
        }
      };
      for (const type of ['timeupdate', 'waiting', 'ended']) video.addEventListener(type, check, { signal: stop.signal });
      hls.once(Events.DESTROYING, () => stop.abort());
      check();
    }
  };

  // hls.js does not watch the <video>: when the decoder fails on data it already buffered,
  // nothing else would notice (the player would sit "paused" on a dead video).
  const detach = new AbortController();
  hls.once(Events.DESTROYING, () => detach.abort());
  video.addEventListener(
    'error',
    () => {
      if (!video.error || video.error.code === MediaError.MEDIA_ERR_ABORTED) return;
      // Chromium names the failing packet's time; elsewhere the playhead is close enough.
      const hint = Number(/timestamp=(\d+)/.exec(video.error.message)?.[1]) / 1e6;
      const t = Number.isFinite(hint) ? hint : video.currentTime;
      onMediaError('decode', true, hls.latestLevelDetails?.fragments.find((f) => f.start <= t && t < f.start + f.duration));
    },
    { signal: detach.signal },
  );

  hls.on(Events.ERROR, (_e, data: ErrorData) => {
    const details = data.details;
    if (!data.fatal) {
      if (details === ErrorDetails.BUFFER_STALLED_ERROR) hooks.waiting();
      return;
    }
    if (details === ErrorDetails.MANIFEST_PARSING_ERROR) return hooks.notPlaylist();
    const parse = details === ErrorDetails.FRAG_PARSING_ERROR || details === ErrorDetails.INTERNAL_EXCEPTION;
    const main = data.frag?.type === PlaylistLevelType.MAIN ? data.frag : undefined;
    // A recording's segment the server says is not there (4xx, after hls.js's own retries):
    // reloading brings it no closer, and would restart from 0:00 for good. Give up on it.
    const missing = details === ErrorDetails.FRAG_LOAD_ERROR && main && !hls.latestLevelDetails?.live && (data.response?.code ?? 0) >= 400 && (data.response?.code ?? 0) < 500;
    if (data.type === ErrorTypes.MEDIA_ERROR || parse || missing) {
      onMediaError(details, data.type === ErrorTypes.MEDIA_ERROR && !parse, main ?? pending);
    } else hooks.fatal(details);
  });
  hls.attachMedia(video);
  hls.loadSource(src);
  return hls;
}
