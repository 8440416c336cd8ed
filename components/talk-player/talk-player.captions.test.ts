import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './define.js';
import type { DevroomTalkPlayer } from './talk-player.js';
import { MP4, button, fastPolicy, video, waitAdvancing } from './test-helpers.js';

/** The VOD fixture with its English subtitles marked DEFAULT=YES (see docs/fixtures.md). */
const DEFAULT_SUBS = '/test/fixtures/hls/subs-default/master.m3u8';

const showing = (el: DevroomTalkPlayer) => Array.from(video(el).textTracks).some((t) => t.mode === 'showing');
const captionsButton = (el: DevroomTalkPlayer) => button(el, /captions/)!;

/** The button says what a press does and is pressed while captions show: it matches the picture. */
async function expectCaptions(el: DevroomTalkPlayer, on: boolean): Promise<void> {
  await waitUntil(() => showing(el) === on, `captions ${on ? 'not showing' : 'still showing'}`, { timeout: 6000 });
  // The tracks' change event comes a task later: give the button a moment to follow.
  const label = on ? 'Hide captions' : 'Show captions';
  await waitUntil(() => captionsButton(el).textContent!.trim() === label, `the button says "${captionsButton(el).textContent!.trim()}" while captions ${on ? 'show' : 'are hidden'}`, { timeout: 1000 }).catch(() => {});
  expect(captionsButton(el).textContent!.trim()).to.equal(label);
  expect(captionsButton(el).getAttribute('aria-pressed')).to.equal(String(on));
}

describe('<devroom-talk-player> captions that show by default', function () {
  this.timeout(15000);

  it('in-manifest subtitles marked DEFAULT: the button says "Hide captions" (pressed), and the first press hides them', async () => {
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player src=${DEFAULT_SUBS} .playbackPolicy=${fastPolicy}></devroom-talk-player>`);
    await waitAdvancing(el);
    await waitUntil(() => button(el, /captions/), 'no captions button');
    await expectCaptions(el, true);
    captionsButton(el).click();
    await expectCaptions(el, false);
    captionsButton(el).click();
    await expectCaptions(el, true);
    await expect(el).to.be.accessible();
    el.remove();
  });

  it('a <track default>: the button says "Hide captions" (pressed), and the first press hides them', async () => {
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player src=${MP4}>
      <track kind="subtitles" src="/test/fixtures/hls/captions.en.vtt" srclang="en" label="English" default />
    </devroom-talk-player>`);
    await waitAdvancing(el);
    await expectCaptions(el, true);
    captionsButton(el).click();
    await expectCaptions(el, false);
    el.remove();
  });

  it('captions switched in the browser’s own menu: the button follows', async () => {
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player src=${MP4} captions="/test/fixtures/hls/captions.en.vtt"></devroom-talk-player>`);
    await waitAdvancing(el);
    await expectCaptions(el, false);
    video(el).textTracks[0]!.mode = 'showing';
    await expectCaptions(el, true);
    el.remove();
  });
});
