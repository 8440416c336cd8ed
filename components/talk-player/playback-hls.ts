import Hls, { ErrorDetails, ErrorTypes, Events } from 'hls.js';
import type { ErrorData, HlsConfig, LevelLoadedData } from 'hls.js';
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

/** What the controller hears back (it drops whatever belongs to an older load). */
export interface HlsHooks {
  live(live: boolean): void;
  subtitles(): void;
  /** A non-fatal stall: same as the video's `waiting`. */
  waiting(): void;
  mediaError(hls: Hls): void;
  /** Network (retries exhausted) or other fatal errors. */
  fatal(details: string): void;
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

export function startHls(video: HTMLVideoElement, src: string, options: Pick<PlaybackOptions, 'hlsConfig' | 'workerPath'>, hooks: HlsHooks): Hls {
  const { workerPath, hlsConfig } = options;
  const hls = new Hls({
    ...LIVE_FRIENDLY_CONFIG,
    enableWorker: Boolean(workerPath),
    ...(workerPath ? { workerPath } : {}),
    ...hlsConfig,
  });
  hls.on(Events.LEVEL_LOADED, (_e, data: LevelLoadedData) => hooks.live(data.details.live));
  hls.on(Events.SUBTITLE_TRACKS_UPDATED, () => hooks.subtitles());
  hls.on(Events.ERROR, (_e, data: ErrorData) => {
    if (!data.fatal) {
      if (data.details === ErrorDetails.BUFFER_STALLED_ERROR) hooks.waiting();
      return;
    }
    if (data.type === ErrorTypes.MEDIA_ERROR) hooks.mediaError(hls);
    else hooks.fatal(data.details);
  });
  hls.attachMedia(video);
  hls.loadSource(src);
  return hls;
}
