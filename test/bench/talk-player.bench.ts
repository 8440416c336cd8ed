/**
 * Talk player hand-over figures against the local fixtures (live plugin + fake Jitsi).
 * Not a timed assertion: prints median/max of N runs.
 *   npx web-test-runner test/bench/talk-player.bench.ts
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/talk-player/define.js';
import type { DevroomTalkPlayer } from '../../components/talk-player/talk-player.js';
import { FAKE_JITSI, fastPolicy, liveUrl, uid, waitAdvancing } from '../../components/talk-player/test-helpers.js';
import { median, range, record } from './report.js';

const RUNS = 5;
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)]!.toFixed(1)} ms, min ${s[0]!.toFixed(1)} ms, max ${s[s.length - 1]!.toFixed(1)} ms (n=${s.length})`;
};

describe('talk player hand-over benchmark', function () {
  this.timeout(120_000);

  it('phase becomes qa → Jitsi iframe created; hang-up → stream playing again', async () => {
    const toIframe: number[] = [];
    const toPlaying: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player
        src=${liveUrl(uid())}
        phase="talk"
        jitsi-domain="meet.example.org"
        jitsi-room="Bench"
        jitsi-script-url=${FAKE_JITSI}
        call-allowed
        auto-join
        .playbackPolicy=${fastPolicy}
      ></devroom-talk-player>`);
      await waitAdvancing(el);
      const iframe = () => el.shadowRoot!.querySelector('[part="jitsi"] iframe');
      let t0 = performance.now();
      el.phase = 'qa';
      await waitUntil(iframe, 'no iframe', { interval: 1, timeout: 10_000 });
      toIframe.push(performance.now() - t0);
      await waitUntil(() => el.call.status === 'joined', 'not joined', { interval: 5 });

      const video = el.shadowRoot!.querySelector('video')!;
      const playing = new Promise<void>((resolve) => video.addEventListener('playing', () => resolve(), { once: true }));
      t0 = performance.now();
      el.leaveCall('user');
      await playing;
      toPlaying.push(performance.now() - t0);
      el.remove();
    }
    console.log(`phase → qa → Jitsi iframe created: ${stats(toIframe)}`);
    console.log(`hang-up → stream playing again (live edge, fresh load): ${stats(toPlaying)}`);
    await record('talk', 'phase becomes qa → Jitsi iframe created (median)', median(toIframe), 'ms', `range ${range(toIframe, 1)}, ${RUNS} runs; fake Jitsi external_api.js`);
    await record('talk', 'hang-up → stream playing again (median)', median(toPlaying), 'ms', `range ${range(toPlaying, 1)}, ${RUNS} runs; fresh load at the live edge of the local HLS stream`);
  });
});
