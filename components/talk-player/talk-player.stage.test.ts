import { expect, fixture, html, aTimeout, waitUntil } from '@open-wc/testing';
import sinon from 'sinon';
import './define.js';
import type { DevroomTalkPlayer } from './talk-player.js';
import { contrast } from '../../test/support/contrast.js';
import { button, control, fastPolicy, liveUrl, slateText, statusText, uid, video, waitStatus } from './test-helpers.js';

const slate = (el: DevroomTalkPlayer) => el.shadowRoot!.querySelector<HTMLElement>('[part="slate"]')!;
const rect = (el: Element | Range) => el.getBoundingClientRect();

describe('<devroom-talk-player> what the stage shows', function () {
  this.timeout(15000);

  it('the error text on the black stage passes WCAG AA (≥ 4.5:1), in both themes', async () => {
    for (const theme of ['light', 'dark']) {
      const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player theme=${theme} src="javascript:alert(1)"></devroom-talk-player>`);
      const text = slate(el).querySelector('span')!;
      expect(slateText(el)).to.contain('Refused an unsafe address (src)');
      expect(getComputedStyle(slate(el).closest('[part="stage"]')!).backgroundColor).to.equal('rgb(0, 0, 0)');
      const ratio = contrast(getComputedStyle(text).color, 'rgb(0, 0, 0)');
      expect(ratio, `${theme}: ${getComputedStyle(text).color} on black`).to.be.at.least(4.5);
    }
  });

  for (const [what, src, type] of [
    ['a web page', '/examples/plain/index.html', 'text/html'],
    ['JSON', '/examples/plain/menu.json', 'application/json'],
  ] as const) {
    it(`${what} as the stream says it is not a video and stops retrying`, async () => {
      const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player src=${src} .playbackPolicy=${fastPolicy}></devroom-talk-player>`);
      await waitStatus(el, 'not-video');
      await el.updateComplete;
      const message = `This address is not a video stream (${type}).`;
      expect(slateText(el)).to.contain(message);
      expect(button(el, 'Try again')).to.not.equal(undefined);
      expect(statusText(el)).to.equal(message);
      // fastPolicy's longest backoff is 750 ms: nothing tries again by itself. Counted from when
      // the look at its type (a fetch) is on record: its entry lands after the status, late under load.
      const entries = () => performance.getEntriesByType('resource').filter((e) => e.name.endsWith(src)) as PerformanceResourceTiming[];
      const fetched = () => entries().length;
      await waitUntil(() => entries().some((e) => e.initiatorType === 'fetch'), 'the type check on record', { timeout: 5000 });
      const before = fetched();
      await aTimeout(1500);
      expect(fetched()).to.equal(before);
      expect(el.playback!.status).to.equal('not-video');
      await expect(el).to.be.accessible();
      el.remove();
    });
  }

  it('a web page where the HLS playlist should be says it is not a video and stops retrying', async () => {
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player src="/test/fixtures/hls/not-a-playlist.m3u8" .playbackPolicy=${fastPolicy}></devroom-talk-player>`);
    await waitStatus(el, 'not-video');
    await el.updateComplete;
    expect(slateText(el)).to.contain('This address is not a video stream (no #EXTM3U).');
    await aTimeout(1500);
    expect(el.playback!.status).to.equal('not-video');
    el.remove();
  });

  it('German: not a video stream', async () => {
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player lang="de" src="/examples/plain/menu.json" .playbackPolicy=${fastPolicy}></devroom-talk-player>`);
    await waitStatus(el, 'not-video');
    await el.updateComplete;
    expect(slateText(el)).to.contain('Diese Adresse ist kein Videostream (application/json).');
    expect(button(el, 'Erneut versuchen')).to.not.equal(undefined);
    el.remove();
  });

  it('no browser spinner over the offline and not-started messages: an opaque slate over a video without native controls', async () => {
    const id = uid();
    await control(id, { offline: 1 });
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player src=${liveUrl(id)} .playbackPolicy=${fastPolicy}></devroom-talk-player>`);
    await waitStatus(el, 'not-started');
    await el.updateComplete;
    expect(slateText(el)).to.contain('The stream is offline or has not started yet.');
    expect(video(el).controls, 'native controls (and their spinner) under "not started"').to.equal(false);
    expect(getComputedStyle(slate(el)).backgroundColor).to.equal('rgb(0, 0, 0)');
    const onLine = sinon.stub(Navigator.prototype, 'onLine').get(() => false);
    try {
      window.dispatchEvent(new Event('offline'));
      await el.updateComplete;
      expect(slateText(el)).to.contain('You are offline.');
      expect(video(el).controls, 'native controls under "offline"').to.equal(false);
      expect(getComputedStyle(slate(el)).backgroundColor).to.equal('rgb(0, 0, 0)');
    } finally {
      onLine.restore();
    }
    window.dispatchEvent(new Event('online'));
    await control(id, { start: 1 });
    await waitStatus(el, 'playing', 10000);
    await el.updateComplete;
    expect(video(el).controls, 'native controls back while playing').to.equal(true);
    expect(button(el, 'Try again') !== undefined, 'Try again while playing').to.equal(false);
    el.remove();
  });

  it('the title is inset from the player’s edge, and the video is as wide as the player in a wide, short slot', async () => {
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player
      style="width: 1246px; --devroom-player-max-height: 176px"
      talk-title="Rust in the kernel"
      phase="talk"
      src="/test/fixtures/hls/talk.mp4"
    ></devroom-talk-player>`);
    const base = el.shadowRoot!.querySelector('[part="base"]')!;
    const title = el.shadowRoot!.querySelector('[part="title"]')!;
    const text = document.createRange();
    text.selectNodeContents(title);
    expect(rect(text).left - rect(base).left, 'title text inset').to.be.at.least(6);
    await waitUntil(() => !video(el).hidden);
    expect(Math.round(rect(video(el)).width)).to.equal(1246);
    expect(Math.round(rect(video(el)).height)).to.equal(176);
    el.remove();
  });
});
