import { expect, fixture, html, aTimeout, waitUntil } from '@open-wc/testing';
import sinon from 'sinon';
import './define.js';
import type { DevroomTalkPlayer } from './talk-player.js';
import { resetJitsiLoader } from '../jitsi/jitsi-loader.js';
import { BROKEN, FAKE_JITSI, MP4, button, fastPolicy, liveUrl, slateText, statusText, uid, video, waitAdvancing, waitStatus } from './test-helpers.js';

/**
 * Broken media data (see docs/fixtures.md), real hls.js in Chromium. Before this was bounded,
 * the player reloaded such a stream forever: BROKEN's bad segment was fetched 22 times in 9 s
 * (fastPolicy) and every time seg0 played the backoff started over.
 */
const GARBAGE = '/test/fixtures/hls/corrupt/index.m3u8'; // seg1 is random bytes: fatal fragParsingError
const ONLY_GARBAGE = '/test/fixtures/hls/corrupt/only.m3u8'; // nothing but that segment: nothing to skip to
const DECODE = '/test/fixtures/hls/decode/index.m3u8'; // seg1 parses, but Chromium's decoder fails on it

/** Counts the requests hls.js makes (it loads through XMLHttpRequest). */
function countRequests() {
  const open = sinon.spy(XMLHttpRequest.prototype, 'open');
  const urls = () => open.getCalls().map((c) => new URL(String(c.args[1]), location.href).pathname);
  return {
    of: (end: string) => urls().filter((u) => u.endsWith(end)).length,
    total: () => open.callCount,
    restore: () => open.restore(),
  };
}

/** Playing seg2 (4–6 s), past the broken seg1 (2–4 s). */
async function pastSkip(el: DevroomTalkPlayer): Promise<void> {
  await waitUntil(() => video(el).currentTime > 4.3 && el.playback!.status === 'playing', `not past the broken segment (${el.playback!.status})`, { timeout: 10000, interval: 20 });
}

const player = (src: string, extra = html``) =>
  fixture<DevroomTalkPlayer>(html`<devroom-talk-player src=${src} .playbackPolicy=${fastPolicy}>${extra}</devroom-talk-player>`);

describe('<devroom-talk-player> corrupt media', function () {
  this.timeout(20000);
  let requests: ReturnType<typeof countRequests>;
  beforeEach(() => (requests = countRequests()));
  afterEach(() => {
    requests.restore();
    resetJitsiLoader();
  });

  it('a recording whose demuxer throws on one segment plays up to it, skips it and plays to the end', async () => {
    const el = await player(BROKEN);
    await waitAdvancing(el);
    // seg0 played, seg1 (2–4 s) skipped, seg2 playing.
    await pastSkip(el);
    expect(requests.of('/broken/seg1.mpegts')).to.equal(1);
    expect(requests.of('/broken/seg2.mpegts')).to.equal(1);
    const total = requests.total();
    await aTimeout(1000);
    expect(requests.total()).to.equal(total);
  });

  it('a recording with a garbage segment (fatal fragParsingError) skips it after hls.js’s own retries, no reloads', async () => {
    const el = await player(GARBAGE);
    await pastSkip(el);
    // hls.js re-fetches a fragment that fails to parse (fragLoadPolicy errorRetry, 4 retries):
    // those are all; neither recoverMediaError() nor a reload asks again.
    expect(requests.of('/corrupt/seg1.mpegts')).to.be.within(1, 6);
    expect(requests.of('index.m3u8')).to.equal(2); // first load + the restart past the segment
  });

  it('a recording the decoder fails on (a real decode error): recoverMediaError(), swapAudioCodec() + recover, then it skips the fragment', async () => {
    const { default: Hls } = await import('hls.js');
    const recover = sinon.spy(Hls.prototype, 'recoverMediaError');
    const swap = sinon.spy(Hls.prototype, 'swapAudioCodec');
    try {
      const el = await player(DECODE);
      await pastSkip(el);
      expect(recover.callCount).to.equal(2);
      expect(swap.callCount).to.equal(1);
      // Loaded by the first instance, reloaded by each recovery, never after the skip.
      expect(requests.of('/decode/seg1.mpegts')).to.equal(3);
    } finally {
      recover.restore();
      swap.restore();
    }
  });

  it('nothing to skip to: an accessible error state, no automatic retries, Retry starts over once', async () => {
    const el = await player(ONLY_GARBAGE);
    await waitStatus(el, 'broken', 10000);
    await el.updateComplete;
    const message = 'This recording cannot be played: part of its video is missing or damaged (fragParsingError, 0:00).';
    expect(slateText(el)).to.contain(message);
    expect(statusText(el)).to.equal(message);
    expect(slateText(el)).to.not.contain('Trying again');
    await expect(el).to.be.accessible();
    const first = requests.of('/corrupt/seg1.mpegts');
    expect(first).to.be.within(1, 6);
    // Far longer than fastPolicy's longest backoff (600 ms + 25 %): nobody asks again.
    const total = requests.total();
    await aTimeout(1200);
    expect(requests.total()).to.equal(total);
    expect(el.playback!.status).to.equal('broken');

    button(el, 'Try again')!.click();
    await waitStatus(el, ['loading', 'recovering']);
    await waitStatus(el, 'broken', 10000);
    expect(requests.of('/corrupt/seg1.mpegts') - first).to.be.within(1, 6);
    const again = requests.total();
    await aTimeout(1000);
    expect(requests.total()).to.equal(again);
    expect(slateText(el)).to.contain(message);
  });

  it('German wording of the error state', async () => {
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player lang="de" src=${ONLY_GARBAGE} .playbackPolicy=${fastPolicy}></devroom-talk-player>`);
    await waitStatus(el, 'broken', 10000);
    await el.updateComplete;
    expect(slateText(el)).to.contain('Diese Aufzeichnung kann nicht abgespielt werden: Ein Teil des Videos fehlt oder ist beschädigt (fragParsingError, 0:00).');
    expect(button(el, 'Erneut versuchen')).to.not.equal(undefined);
  });

  it('native playback (MP4): decode errors get two reloads, then the error state', async () => {
    const el = await player(MP4);
    await waitAdvancing(el);
    // Chromium plays the MP4 fixture fine: its decode error is simulated on the real element.
    const error = sinon.stub(HTMLMediaElement.prototype, 'error').get(() => ({ code: MediaError.MEDIA_ERR_DECODE, message: 'test' }));
    try {
      for (let i = 0; i < 2; i++) {
        video(el).dispatchEvent(new Event('error'));
        expect(el.playback!.status).to.equal('reconnecting');
      }
      video(el).dispatchEvent(new Event('error'));
      expect(el.playback!.status).to.equal('broken');
    } finally {
      error.restore();
    }
    await el.updateComplete;
    expect(slateText(el)).to.contain('This recording cannot be played: part of its video is missing or damaged (decode).');
    expect(button(el, 'Try again')).to.not.equal(undefined);
    // No retry timer is left running (fastPolicy would have fired within 750 ms).
    await aTimeout(1000);
    expect(el.playback!.status).to.equal('broken');
  });

  it('a live stream that keeps failing to parse: a few reloads at the live edge, then the error state', async () => {
    const el = await player(liveUrl(uid()));
    await waitAdvancing(el);
    const { Events, ErrorTypes, ErrorDetails } = await import('hls.js');
    let reloads = 0;
    // Each fatal parse error gives up on the position: live reloads (at the live edge).
    for (;;) {
      const hls = el.playback!.hlsInstance!;
      hls.trigger(Events.ERROR, { type: ErrorTypes.MEDIA_ERROR, details: ErrorDetails.FRAG_PARSING_ERROR, fatal: true, error: new Error('garbage') } as never);
      if (el.playback!.status === 'broken') break;
      expect(el.playback!.status).to.equal('reconnecting');
      reloads++;
      expect(reloads).to.be.below(4);
      await waitUntil(() => el.playback!.hlsInstance !== hls && el.playback!.hlsInstance?.latestLevelDetails, 'no reload', { timeout: 5000, interval: 20 });
    }
    expect(reloads).to.equal(3);
    await el.updateComplete;
    expect(slateText(el)).to.match(/^This stream cannot be played: part of its video is missing or damaged \(fragParsingError, \d+:\d\d\)\.\s?Try again$/);
    const total = requests.total();
    await aTimeout(1000);
    expect(requests.total()).to.equal(total);
  });

  it('after the error state the phases still work: Q&A hands over to Jitsi, hang-up gives the stream one new try', async () => {
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player
      src=${ONLY_GARBAGE}
      phase="talk"
      jitsi-domain="meet.example.org"
      jitsi-room="DevroomTalk"
      jitsi-script-url=${FAKE_JITSI}
      call-allowed
      auto-join
      .playbackPolicy=${fastPolicy}
    ></devroom-talk-player>`);
    await waitStatus(el, 'broken', 10000);
    el.phase = 'qa';
    await waitUntil(() => el.shadowRoot!.querySelector('[part="jitsi"] iframe'), 'no Jitsi iframe', { timeout: 5000 });
    expect(el.inCall).to.equal(true);
    const seg = requests.of('/corrupt/seg1.mpegts');
    el.leaveCall('user');
    // Back from the call: one fresh attempt, bounded again.
    await waitStatus(el, 'broken', 10000);
    expect(requests.of('/corrupt/seg1.mpegts') - seg).to.be.within(1, 6);
    el.phase = 'ended';
    await el.updateComplete;
    expect(slateText(el)).to.contain('This talk has ended.');
  });
});
