import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/talk-player/define.js';
import type { DevroomTalkPlayer } from '../../components/talk-player/talk-player.js';
import { fastPolicy, slateText, video, waitAdvancing } from '../../components/talk-player/test-helpers.js';
import { createDemoRoom } from '../../examples/host/demo-room.js';
import { EventTypes } from '../../widgets/schema/namespace.js';

/**
 * #17.5 "The demo stream ends after 8 s while the badge says Talk: loop it." The stream the
 * demo room's talk state names (what every demo talk plays) still plays, live, well past 8 s:
 * the picture moves on, nothing says it ended. (The demo's own schedule starts its talk 20 s
 * after the page opens, so the player is given the stream with the phase "talk" directly.)
 */

describe('demo room: the talk stream plays on (npm start)', function () {
  this.timeout(40_000);

  it('the talk on now plays for more than 8 s, at the live edge, and does not end', async () => {
    const { room } = createDemoRoom(new URL('/widgets/', location.href).toString());
    const stream = String((room.getState(EventTypes.talk, '')[0]?.content as { stream?: string } | undefined)?.stream ?? '');
    expect(stream, 'the demo talk state names a stream').to.match(/^http/);
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player
      lang="en"
      phase="talk"
      talk-title="Rust in the kernel: where are we?"
      src=${stream}
      .playbackPolicy=${fastPolicy}
    ></devroom-talk-player>`);
    try {
      await waitAdvancing(el, 15_000);
      const v = video(el);
      const from = v.currentTime;
      const started = performance.now();
      // Longer than the old demo recording (8 s): it would have ended here.
      await new Promise((resolve) => setTimeout(resolve, 11_000));
      const watched = (performance.now() - started) / 1000;
      expect(v.ended, 'the video ended').to.equal(false);
      expect(v.currentTime - from, `seconds played in ${watched.toFixed(1)} s`).to.be.above(watched - 3);
      await waitUntil(() => !v.paused, 'the video stopped');
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part="live-badge"]'), 'the Live badge').to.not.equal(null);
      expect(slateText(el)).to.equal('');
    } finally {
      el.remove();
    }
  });
});
