import { waitUntil } from '@open-wc/testing';
import type { DevroomTalkPlayer } from './talk-player.js';
import type { PlaybackStatus } from './playback.js';

export const VOD = '/test/fixtures/hls/vod/master.m3u8';
export const MP4 = '/test/fixtures/hls/talk.mp4';
export const BROKEN = '/test/fixtures/hls/broken/index.m3u8';
export const FAKE_JITSI = '/test/fixtures/jitsi/external_api.js';

export const uid = () => Math.random().toString(36).slice(2, 10);
export const liveUrl = (id: string) => `/__hls-live/${id}/index.m3u8`;

/** Changes the live test stream's state (see test/support/hls-live-plugin.mjs). */
export async function control(id: string, params: Record<string, string | number>): Promise<{ requests: { playlist: number; segments: number; failed: number } }> {
  const q = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
  const res = await fetch(`/__hls-live/${id}/control?${q}`);
  return res.json();
}

export const video = (el: DevroomTalkPlayer) => el.shadowRoot!.querySelector('video')!;
export const statusText = (el: DevroomTalkPlayer) => el.shadowRoot!.querySelector('[part="status"]')!.textContent!.trim();
export const slateText = (el: DevroomTalkPlayer) => el.shadowRoot!.querySelector('[part="slate"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
export const buttons = (el: DevroomTalkPlayer) => Array.from(el.shadowRoot!.querySelectorAll('button'));
export const button = (el: DevroomTalkPlayer, label: string | RegExp) =>
  buttons(el).find((b) => (typeof label === 'string' ? b.textContent!.trim() === label : label.test(b.textContent!)));

export function waitStatus(el: DevroomTalkPlayer, status: PlaybackStatus | PlaybackStatus[], timeout = 8000): Promise<void> {
  const wanted = Array.isArray(status) ? status : [status];
  return waitUntil(() => el.playback !== undefined && wanted.includes(el.playback.status), `status never became ${wanted.join('|')} (is ${el.playback?.status})`, { timeout, interval: 20 });
}

/** Really playing: currentTime moves forward. */
export async function waitAdvancing(el: DevroomTalkPlayer, timeout = 8000): Promise<void> {
  const v = video(el);
  await waitUntil(() => !v.paused && v.currentTime > 0, `video never started (status ${el.playback?.status})`, { timeout, interval: 20 });
  const from = v.currentTime;
  await waitUntil(() => v.currentTime > from + 0.2, 'currentTime did not advance', { timeout, interval: 20 });
}

export const fastPolicy = {
  retryBaseMs: 150,
  retryMaxMs: 600,
  bufferingAfterMs: 300,
  stallReloadMs: 2500,
  maxMediaRecoveries: 2,
  mediaErrorWindowMs: 30_000,
};
