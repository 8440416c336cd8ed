import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './define.js';
import type { DevroomTalkPlayer } from './talk-player.js';
import { MP4, VOD, button, fastPolicy, video, waitAdvancing } from './test-helpers.js';

/** Two renditions (90p, 360p) of the VOD fixture (see docs/fixtures.md). */
const RENDITIONS = '/test/fixtures/hls/renditions/master.m3u8';

const q = <T extends Element = HTMLElement>(el: DevroomTalkPlayer, selector: string) => el.shadowRoot!.querySelector<T>(selector);
/** What the shortcuts' live region says. */
const announced = (el: DevroomTalkPlayer) => el.shadowRoot!.querySelector('[part="toolbar"] [role="status"]')?.textContent?.trim() ?? '';
const quality = (el: DevroomTalkPlayer) => q<HTMLSelectElement>(el, 'select[part="quality"]');
const shownQuality = (el: DevroomTalkPlayer) => quality(el)!.selectedOptions[0]!.textContent!.trim();

async function press(el: DevroomTalkPlayer, key: string, says: string | RegExp): Promise<void> {
  await sendKeys({ press: key });
  await waitUntil(() => (typeof says === 'string' ? announced(el) === says : says.test(announced(el))), `after ${key}: "${announced(el)}", not ${says}`, { timeout: 2000 });
}

describe('<devroom-talk-player> viewer controls: quality, keyboard shortcuts, picture-in-picture', function () {
  this.timeout(15000);

  it('a quality choice: Auto (with what plays now) and each rendition, by keyboard, the current choice shown', async () => {
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player src=${RENDITIONS} .playbackPolicy=${fastPolicy}></devroom-talk-player>`);
    await waitAdvancing(el);
    await waitUntil(() => quality(el), 'no quality select');
    expect(quality(el)!.closest('label')!.textContent).to.contain('Quality');
    expect(Array.from(quality(el)!.options).map((o) => o.textContent!.trim().replace(/\(.*\)/, '(…)'))).to.deep.equal(['Auto (…)', '90p', '360p']);
    await waitUntil(() => /^Auto \((90|360)p\)$/.test(shownQuality(el)), `Auto does not say what plays: ${shownQuality(el)}`);
    quality(el)!.focus();
    await press(el, 'ArrowDown', 'Quality: 90p');
    expect(shownQuality(el)).to.equal('90p');
    const hls = el.playback!.hlsInstance!;
    expect(hls.autoLevelEnabled).to.equal(false);
    await waitUntil(() => hls.currentLevel === 0, 'hls.js did not switch to 90p');
    await press(el, 'ArrowDown', 'Quality: 360p');
    await waitUntil(() => hls.currentLevel === 1, 'hls.js did not switch to 360p');
    await press(el, 'Home', 'Quality: Auto');
    expect(hls.autoLevelEnabled).to.equal(true);
    await expect(el).to.be.accessible();
    el.remove();
  });

  it('keyboard shortcuts while the player has focus, each announced; aria-keyshortcuts and a list make them discoverable', async () => {
    // HLS (seekable through MSE; the test server does not answer the MP4's range requests).
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player src=${VOD} .playbackPolicy=${fastPolicy}></devroom-talk-player>`);
    await waitAdvancing(el);
    await waitUntil(() => q(el, '[part="shortcuts"]') && button(el, 'Show captions'), 'no shortcuts list or captions button');
    const v = video(el);
    expect(v.getAttribute('aria-keyshortcuts')).to.equal('Space K F M C ArrowLeft ArrowRight ArrowUp ArrowDown');
    expect(button(el, 'Show captions')!.getAttribute('aria-keyshortcuts')).to.equal('c');
    v.focus();
    await press(el, 'k', 'Paused');
    expect(v.paused).to.equal(true);
    await press(el, 'Space', 'Playing');
    await waitUntil(() => !v.paused, 'space did not play');
    await press(el, 'm', 'Muted');
    expect(v.muted).to.equal(true);
    await press(el, 'm', 'Sound on');
    expect(v.muted).to.equal(false);
    await press(el, 'ArrowDown', 'Volume 90 %');
    expect(v.volume).to.be.closeTo(0.9, 0.001);
    await press(el, 'ArrowUp', 'Volume 100 %');
    v.pause();
    v.currentTime = 6.5;
    await waitUntil(() => !v.seeking, 'seek to 0:06 never finished');
    expect(v.currentTime, `seekable ${v.seekable.start(0)}–${v.seekable.end(0)}`).to.be.closeTo(6.5, 0.2);
    const from = v.currentTime;
    const at = (s: number) => `At 0:0${Math.floor(s)}`;
    await press(el, 'ArrowLeft', at(from - 5));
    expect(v.currentTime).to.be.closeTo(from - 5, 0.2);
    await press(el, 'ArrowRight', at(from));
    expect(v.currentTime).to.be.closeTo(from, 0.2);
    await press(el, 'c', 'Captions on');
    await waitUntil(() => button(el, 'Hide captions'), 'the captions button did not follow');
    await press(el, 'c', 'Captions off');
    await press(el, 'f', 'Full screen');
    await waitUntil(() => document.fullscreenElement === el, 'not full screen');
    await press(el, 'f', 'Full screen closed');
    await waitUntil(() => document.fullscreenElement === null, 'still full screen');
    // The list of shortcuts, one press away.
    const list = q<HTMLDetailsElement>(el, '[part="shortcuts"]')!;
    list.querySelector('summary')!.click();
    expect(list.open).to.equal(true);
    const rows = Array.from(list.querySelectorAll('dt'), (dt) => `${dt.textContent} ${dt.nextElementSibling!.textContent}`);
    expect(rows).to.include('Space, K Play or pause').and.to.include('← → Back or forward 5 seconds');
    await expect(el).to.be.accessible();
    el.remove();
  });

  it('keys typed into the toolbar’s controls stay theirs: space on a button presses the button, not play/pause', async () => {
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player src=${MP4} captions="/test/fixtures/hls/captions.en.vtt"></devroom-talk-player>`);
    await waitAdvancing(el);
    button(el, 'Show captions')!.focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => button(el, 'Hide captions'), 'space did not press the captions button');
    expect(video(el).paused).to.equal(false);
    el.remove();
  });

  it('picture-in-picture from the toolbar', async function () {
    if (!document.pictureInPictureEnabled) this.skip(); // this Chromium build has none: nothing to offer
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player src=${MP4}></devroom-talk-player>`);
    await waitAdvancing(el);
    await waitUntil(() => button(el, 'Picture in picture'), 'no picture-in-picture button');
    expect(button(el, 'Picture in picture')!.getAttribute('aria-pressed')).to.equal('false');
    button(el, 'Picture in picture')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => document.pictureInPictureElement === el, 'not in picture-in-picture');
    await waitUntil(() => button(el, 'Picture in picture')!.getAttribute('aria-pressed') === 'true', 'button not pressed');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => document.pictureInPictureElement === null, 'still in picture-in-picture');
    await waitUntil(() => button(el, 'Picture in picture')!.getAttribute('aria-pressed') === 'false', 'button still pressed');
    el.remove();
  });

  it('German words', async () => {
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player lang="de" src=${RENDITIONS} .playbackPolicy=${fastPolicy}></devroom-talk-player>`);
    await waitAdvancing(el);
    await waitUntil(() => quality(el), 'no quality select');
    expect(quality(el)!.closest('label')!.textContent).to.contain('Qualität');
    expect(shownQuality(el)).to.match(/^Automatisch/);
    expect(q(el, '[part="shortcuts"] summary')!.textContent).to.equal('Tastenkürzel');
    video(el).focus();
    await press(el, 'k', 'Pausiert');
    el.remove();
  });
});
