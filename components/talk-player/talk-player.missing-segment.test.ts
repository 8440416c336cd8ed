import { expect, fixture, html, aTimeout, waitUntil } from '@open-wc/testing';
import sinon from 'sinon';
import './define.js';
import type { DevroomTalkPlayer } from './talk-player.js';
import { button, fastPolicy, slateText, statusText, video, waitStatus } from './test-helpers.js';

/**
 * A recording whose playlist names a segment the server answers 404 for (see docs/fixtures.md).
 * Before the fix the player reloaded the recording from 0:00 once hls.js gave up on the
 * segment, again and again, for good.
 */
const MISSING = '/test/fixtures/hls/missing/index.m3u8'; // seg1 (2–4 s) is not there
const MISSING_LAST = '/test/fixtures/hls/missing/last.m3u8'; // seg0, then the missing seg1: nothing after it

/** hls.js asks for a missing fragment twice, quickly, then gives up (its default waits ~15 s). */
const quickRetries = {
  fragLoadPolicy: {
    default: {
      maxTimeToFirstByteMs: 2000,
      maxLoadTimeMs: 4000,
      timeoutRetry: null,
      errorRetry: { maxNumRetry: 1, retryDelayMs: 100, maxRetryDelayMs: 100 },
    },
  },
};

const player = (src: string) =>
  fixture<DevroomTalkPlayer>(html`<devroom-talk-player talk-title="Recording" src=${src} .playbackPolicy=${fastPolicy} .hlsConfig=${quickRetries}></devroom-talk-player>`);

describe('<devroom-talk-player> a recording with a missing segment', function () {
  this.timeout(20000);
  let open: sinon.SinonSpy;
  const requests = (end: string) => open.getCalls().filter((c) => new URL(String(c.args[1]), location.href).pathname.endsWith(end)).length;
  beforeEach(() => (open = sinon.spy(XMLHttpRequest.prototype, 'open')));
  afterEach(() => open.restore());

  it('plays up to the gap, skips it and plays to the end — never back to 0:00', async () => {
    const el = await player(MISSING);
    const v = video(el);
    let lowest = Infinity;
    let passed = false;
    const watch = () => {
      if (v.currentTime > 4.3) passed = true;
      if (passed) lowest = Math.min(lowest, v.currentTime);
    };
    v.addEventListener('timeupdate', watch);
    await waitUntil(() => v.currentTime > 4.3 && el.playback!.status === 'playing', `not past the missing segment (${el.playback!.status}, ${v.currentTime})`, { timeout: 15000, interval: 20 });
    await waitStatus(el, 'ended', 10000);
    v.removeEventListener('timeupdate', watch);
    expect(lowest, 'went back after the gap').to.be.above(4);
    expect(v.currentTime).to.be.above(7.5);
    await el.updateComplete;
    expect(statusText(el)).to.equal('Playback finished.');
    // hls.js's own two tries, then the player restarted past the gap once.
    expect(requests('/missing/seg1.mpegts')).to.equal(2);
    expect(requests('/missing/index.m3u8')).to.equal(2);
    const total = open.callCount;
    await aTimeout(1000);
    expect(open.callCount, 'nothing reloads after the end').to.equal(total);
  });

  it('nothing after the gap: the error state says what is missing and where, no automatic retries', async () => {
    const el = await player(MISSING_LAST);
    await waitStatus(el, 'broken', 15000);
    await el.updateComplete;
    const message = 'This recording cannot be played: part of its video is missing or damaged (fragLoadError, 0:02).';
    expect(slateText(el)).to.contain(message);
    expect(statusText(el)).to.equal(message);
    expect(button(el, 'Try again')).to.not.equal(undefined);
    const total = open.callCount;
    await aTimeout(1200);
    expect(open.callCount).to.equal(total);
    await expect(el).to.be.accessible();
  });
});
