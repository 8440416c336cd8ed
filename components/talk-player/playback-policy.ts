/**
 * The player's retry and stall timing: the element's `playbackPolicy` property, with its
 * default. Apart from playback.ts so the first load carries the default without the engine,
 * which loads only once there is a stream to play.
 */
export interface PlaybackPolicy {
  /** First retry delay; doubles per attempt up to retryMaxMs, with ±25 % jitter so a crowd does not retry in lock-step. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Waiting this long for data shows "buffering". */
  bufferingAfterMs: number;
  /** Stalled this long: reload (at the live edge for live streams). */
  stallReloadMs: number;
  /**
   * Fatal decode errors get this many recoveries within mediaErrorWindowMs (1: recoverMediaError(),
   * 2: swapAudioCodec() too); the next gives up on the position (see playback-hls.ts).
   */
  maxMediaRecoveries: number;
  mediaErrorWindowMs: number;
}

export const DEFAULT_POLICY: PlaybackPolicy = {
  retryBaseMs: 2000,
  retryMaxMs: 30_000,
  bufferingAfterMs: 1000,
  stallReloadMs: 15_000,
  maxMediaRecoveries: 2,
  mediaErrorWindowMs: 30_000,
};
