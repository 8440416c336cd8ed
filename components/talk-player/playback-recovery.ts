import type Hls from 'hls.js';
import type { PlaybackController, PlaybackPolicy } from './playback.js';

/** The faults PlaybackController hands over (see its fault()). */
export type Fault = { kind: 'media'; hls: Hls } | { kind: 'fatal'; details: string } | { kind: 'video' } | { kind: 'stall' } | { kind: 'retry' };

export function backoffDelay(attempt: number, policy: Pick<PlaybackPolicy, 'retryBaseMs' | 'retryMaxMs'>, random = Math.random): number {
  const raw = Math.min(policy.retryMaxMs, policy.retryBaseMs * 2 ** Math.max(0, attempt));
  return Math.round(raw * (0.75 + random() * 0.5));
}

/**
 * What happens after something went wrong: retry with backoff, media error recovery,
 * waiting for the network. Loaded on the first fault; normal playback never needs it.
 */
export function handleFault(c: PlaybackController, fault: Fault): void {
  switch (fault.kind) {
    case 'media':
      return onFatalMediaError(c, fault.hls);
    case 'fatal':
      // Network (retries exhausted) or other fatal errors: drop hls.js, slate, reload later.
      c.message = fault.details;
      c.destroyHls();
      return waitOrRetry(c);
    case 'video':
      // Native playback errors (MP4, Safari HLS); hls.js reports its own through ERROR.
      if (c.video?.error?.code === MediaError.MEDIA_ERR_DECODE) c.message = 'decode';
      return waitOrRetry(c);
    case 'stall':
      // Still no progress: reload. Live lands on the live edge; VOD retries from scratch.
      c.destroyHls();
      return scheduleRetry(c);
    case 'retry':
      return scheduleRetry(c);
  }
}

function waitOrRetry(c: PlaybackController): void {
  if (navigator.onLine) scheduleRetry(c);
  else c.set('offline');
}

/** Throttled: recoverMediaError() a couple of times, then a full reload with backoff. */
function onFatalMediaError(c: PlaybackController, hls: Hls): void {
  const { policy } = c.options();
  const now = Date.now();
  c.mediaErrors = c.mediaErrors.filter((t) => now - t < policy.mediaErrorWindowMs);
  c.mediaErrors.push(now);
  if (c.mediaErrors.length > policy.maxMediaRecoveries) {
    c.mediaErrors = [];
    c.destroyHls();
    scheduleRetry(c);
    return;
  }
  c.set('recovering');
  hls.recoverMediaError();
  void c.autoplay(c.generation);
}

function scheduleRetry(c: PlaybackController): void {
  const { policy } = c.options();
  c.clearTimers();
  const delay = backoffDelay(c.attempt, policy);
  c.attempt++;
  c.retryAt = Date.now() + delay;
  c.set(c.everPlayed ? 'reconnecting' : 'not-started');
  const generation = c.generation;
  c.retryTimer = setTimeout(() => {
    if (generation !== c.generation) return;
    c.retryAt = undefined;
    c.restart();
  }, delay);
  // Re-render once a second for the "trying again in N s" text.
  c.tickTimer = setInterval(() => c.host.requestUpdate(), 1000);
}
