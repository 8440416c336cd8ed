import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import sinon from 'sinon';
import './define.js';
import type { DevroomTalkPlayer } from './talk-player.js';
import { contrast } from '../../test/support/contrast.js';
import { button, control, fastPolicy, liveUrl, uid, video, waitAdvancing, waitStatus } from './test-helpers.js';

/** Whether the red "Live" badge shows (a boolean: a failed assertion then prints no DOM node). */
const badge = (el: DevroomTalkPlayer) => el.shadowRoot!.querySelector('[part="live-badge"]') !== null;
const goLive = (el: DevroomTalkPlayer) => button(el, 'Go to live');
const hasGoLive = (el: DevroomTalkPlayer) => goLive(el) !== undefined;

async function livePlayer(id: string): Promise<DevroomTalkPlayer> {
  const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player src=${liveUrl(id)} .playbackPolicy=${fastPolicy}></devroom-talk-player>`);
  await waitAdvancing(el);
  await el.updateComplete;
  return el;
}

describe('<devroom-talk-player> the "Live" badge says what is true', function () {
  this.timeout(20000);

  it('paused and 20 s behind: the badge goes and "Go to live" shows while paused; Go to live brings both back', async () => {
    const id = uid();
    const el = await livePlayer(id);
    expect(badge(el), 'badge while playing at the edge').to.equal(true);
    expect(hasGoLive(el)).to.equal(false);
    video(el).pause();
    // 20 s pass while paused (the test stream jumps ahead rather than the test waiting).
    await control(id, { skip: 20 });
    await waitUntil(() => goLive(el), '"Go to live" never showed while paused', { timeout: 8000 });
    expect(video(el).paused).to.equal(true);
    expect(badge(el), 'badge while paused 20 s behind').to.equal(false);
    goLive(el)!.click();
    await waitUntil(() => badge(el) && !hasGoLive(el), 'not back at the live edge', { timeout: 8000 });
    expect(video(el).paused).to.equal(false);
    await expect(el).to.be.accessible();
    el.remove();
  });

  it('the badge is readable in both themes (AA: the page background on the danger colour)', async () => {
    const id = uid();
    const el = await livePlayer(id);
    for (const theme of ['light', 'dark']) {
      el.setAttribute('theme', theme);
      await el.updateComplete;
      const live = el.shadowRoot!.querySelector<HTMLElement>('[part="live-badge"]')!;
      const style = getComputedStyle(live);
      expect(contrast(style.color, style.backgroundColor), `${theme}: ${style.color} on ${style.backgroundColor}`).to.be.at.least(4.5);
    }
    el.remove();
  });

  it('no badge while reconnecting or offline', async () => {
    const id = uid();
    const el = await livePlayer(id);
    await control(id, { fail: 503, count: 1000 });
    await waitStatus(el, 'reconnecting', 12000);
    await el.updateComplete;
    expect(badge(el), 'badge while reconnecting').to.equal(false);
    await control(id, { clear: 1 });
    await waitAdvancing(el, 10000);
    await waitUntil(() => badge(el), 'badge back when playing');
    const onLine = sinon.stub(Navigator.prototype, 'onLine').get(() => false);
    try {
      window.dispatchEvent(new Event('offline'));
      await el.updateComplete;
      expect(el.playback!.status).to.equal('offline');
      expect(badge(el), 'badge while offline').to.equal(false);
    } finally {
      onLine.restore();
    }
    el.remove();
  });
});
