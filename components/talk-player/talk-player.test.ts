import { expect, fixture, html, waitUntil, oneEvent } from '@open-wc/testing';
import './define.js';
import type { DevroomTalkPlayer } from './talk-player.js';
import { MP4, VOD, button, buttons, fastPolicy, slateText, statusText, video, waitAdvancing, waitStatus } from './test-helpers.js';
import { backoffDelay } from './playback.js';

describe('<devroom-talk-player> playback', () => {
  it('plays the HLS VOD fixture through hls.js (currentTime advances) with in-manifest subtitles', async () => {
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player talk-title="Fixtures" src=${VOD} .playbackPolicy=${fastPolicy}></devroom-talk-player>`);
    await waitAdvancing(el);
    expect(el.playback!.usingHls).to.equal(true);
    expect(el.playback!.status).to.equal('playing');
    expect(el.playback!.live).to.equal(false);
    // Captions toggle drives hls.js's subtitle rendition.
    await waitUntil(() => button(el, 'Show captions'), 'no captions button');
    button(el, 'Show captions')!.click();
    await el.updateComplete;
    expect(el.playback!.hlsInstance!.subtitleTrack).to.equal(0);
    expect(button(el, 'Hide captions')!.getAttribute('aria-pressed')).to.equal('true');
    await waitUntil(() => Array.from(video(el).textTracks).some((t) => t.mode === 'showing' && (t.cues?.length ?? 0) > 0), 'no subtitle cues', { timeout: 6000 });
    el.remove();
  });

  it('plays MP4 directly, with a sidecar captions track and a speed select', async () => {
    const el = await fixture<DevroomTalkPlayer>(
      html`<devroom-talk-player src=${MP4} captions="/test/fixtures/hls/captions.en.vtt" lang="en"></devroom-talk-player>`,
    );
    await waitAdvancing(el);
    expect(el.playback!.usingHls).to.equal(false);
    const track = el.shadowRoot!.querySelector('track')!;
    expect(track.getAttribute('src')).to.contain('captions.en.vtt');
    button(el, 'Show captions')!.click();
    await waitUntil(() => video(el).textTracks[0]?.mode === 'showing');
    // The speed select shows once a recording plays.
    const select = await waitUntil(() => el.shadowRoot!.querySelector('select'), 'no speed select').then(() => el.shadowRoot!.querySelector('select')!);
    expect(select.closest('label')!.textContent).to.contain('Speed');
    select.value = '1.5';
    select.dispatchEvent(new Event('change'));
    expect(video(el).playbackRate).to.equal(1.5);
    el.remove();
  });

  it('a recording gets the speed select once it plays, in German too', async () => {
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player lang="de" src=${MP4}></devroom-talk-player>`);
    await waitAdvancing(el);
    await waitUntil(() => el.shadowRoot!.querySelector('select'), 'no speed select');
    const select = el.shadowRoot!.querySelector('select')!;
    expect(select.closest('label')!.textContent).to.contain('Tempo');
    select.value = '2';
    select.dispatchEvent(new Event('change'));
    expect(video(el).playbackRate).to.equal(2);
    await expect(el).to.be.accessible();
    el.remove();
  });

  it('copies <track> children into the player (refusing unsafe ones)', async () => {
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player>
      <track kind="subtitles" src="/test/fixtures/hls/captions.en.vtt" srclang="en" label="English" />
      <track kind="subtitles" src="javascript:alert(1)" srclang="de" />
    </devroom-talk-player>`);
    const tracks = el.shadowRoot!.querySelectorAll('track');
    expect(tracks.length).to.equal(1);
    expect(tracks[0]!.getAttribute('label')).to.equal('English');
  });

  it('falls back to muted autoplay with a visible Unmute when sound is blocked', async () => {
    const original = HTMLMediaElement.prototype.play;
    HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
      if (!this.muted) return Promise.reject(new DOMException('blocked', 'NotAllowedError'));
      return original.call(this);
    };
    try {
      const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player src=${MP4}></devroom-talk-player>`);
      await waitAdvancing(el);
      expect(video(el).muted).to.equal(true);
      const unmute = button(el, 'Unmute')!;
      expect(unmute).to.not.equal(undefined);
      unmute.click();
      await el.updateComplete;
      expect(video(el).muted).to.equal(false);
      expect(button(el, 'Unmute')).to.equal(undefined);
      el.remove();
    } finally {
      HTMLMediaElement.prototype.play = original;
    }
  });

  it('shows a Play button when even muted autoplay is blocked', async () => {
    const original = HTMLMediaElement.prototype.play;
    HTMLMediaElement.prototype.play = () => Promise.reject(new DOMException('blocked', 'NotAllowedError'));
    let el: DevroomTalkPlayer;
    try {
      el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player src=${MP4}></devroom-talk-player>`);
      await waitStatus(el, 'blocked');
      expect(slateText(el)).to.contain('Press Play');
    } finally {
      HTMLMediaElement.prototype.play = original;
    }
    button(el, 'Play')!.click();
    await waitAdvancing(el);
    el.remove();
  });

  it('refuses javascript: and data: URLs in any attribute with a visible message', async () => {
    const el = await fixture<DevroomTalkPlayer>(
      html`<devroom-talk-player src="javascript:alert(1)" poster="data:image/png;base64,AAAA" jitsi-script-url="javascript:x"></devroom-talk-player>`,
    );
    expect(slateText(el)).to.contain('Refused an unsafe address (src, poster, jitsi-script-url)');
    expect(video(el).getAttribute('src')).to.equal(null);
    expect(video(el).getAttribute('poster')).to.equal(null);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
  });

  it('takes a Jitsi script only from https or this page’s origin', async () => {
    for (const script of ['http://elsewhere.example/external_api.js', '//elsewhere.example/external_api.js', 'https://u:p@cdn.example/external_api.js']) {
      const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player jitsi-script-url=${script}></devroom-talk-player>`);
      expect(slateText(el), script).to.contain('Refused an unsafe address (jitsi-script-url)');
    }
    for (const script of ['/test/fixtures/jitsi/external_api.js', 'https://cdn.example/external_api.js']) {
      const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player jitsi-script-url=${script}></devroom-talk-player>`);
      expect(slateText(el), script).not.to.contain('Refused');
    }
  });

  it('says so when no stream is configured, and is axe-clean', async () => {
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player talk-title="Keynote" can-host></devroom-talk-player>`);
    expect(statusText(el)).to.equal('No stream has been set up for this talk yet.');
    await expect(el).to.be.accessible();
  });

  it('backs off exponentially with jitter, capped', () => {
    const policy = { retryBaseMs: 1000, retryMaxMs: 8000 };
    expect([0, 1, 2, 3, 4].map((a) => backoffDelay(a, policy, () => 0.5))).to.deep.equal([1000, 2000, 4000, 8000, 8000]);
    expect(backoffDelay(0, policy, () => 0)).to.equal(750);
    expect(backoffDelay(0, policy, () => 0.999)).to.be.closeTo(1250, 1);
  });
});

describe('<devroom-talk-player> phases on the element', () => {
  const T = (offsetMin: number) => new Date(Date.now() + offsetMin * 60_000).toISOString();

  it('counts down while upcoming and loads nothing', async () => {
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player src=${VOD} starts-at=${T(90)} ends-at=${T(120)}></devroom-talk-player>`);
    expect(el.currentPhase).to.equal('upcoming');
    expect(slateText(el)).to.match(/Starts in 1:(29|30):\d\d/);
    expect(el.playback, 'not even the playback engine').to.equal(undefined);
    expect(video(el).hidden).to.equal(true);
  });

  it('shows "ended" with a replay button, and the override wins over the clock', async () => {
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player src=${MP4} starts-at=${T(-60)} ends-at=${T(-10)}></devroom-talk-player>`);
    expect(el.currentPhase).to.equal('ended');
    expect(slateText(el)).to.contain('This talk has ended.');
    button(el, 'Watch the recording')!.click();
    await waitAdvancing(el);
    const changed = oneEvent(el, 'devroom-phase-change');
    el.phase = 'qa';
    const ev = await changed;
    expect(ev.detail).to.deep.equal({ phase: 'qa', previous: 'ended', source: 'override' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="phase"]')!.textContent).to.equal('Q&A');
    // Overrun: overridden into Q&A 10 minutes after ends-at.
    expect(el.shadowRoot!.querySelector('[part="toolbar"]')!.textContent).to.contain('Running 10 min over time');
    el.remove();
  });

  it('applies a clock offset (a device clock that is off)', async () => {
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player starts-at=${T(5)}></devroom-talk-player>`);
    expect(el.currentPhase).to.equal('upcoming');
    el.clockOffset = 6 * 60_000;
    await el.updateComplete;
    expect(el.currentPhase).to.equal('talk');
  });

  it('host controls emit requests and decide nothing', async () => {
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player can-host starts-at=${T(-5)} qa-at=${T(10)} ends-at=${T(20)}></devroom-talk-player>`);
    const requests: unknown[] = [];
    el.addEventListener('devroom-phase-request', (e) => requests.push(e.detail));
    el.addEventListener('devroom-hallway-request', (e) => requests.push(e.detail));
    button(el, 'Start Q&A')!.click();
    button(el, 'Open the call to everyone')!.click();
    button(el, 'End the talk')!.click();
    await el.updateComplete;
    // Ending asks first (talk-player.stage-controls.test.ts has the whole exchange).
    button(el, 'End it')!.click();
    expect(requests).to.deep.equal([{ phase: 'qa' }, { open: true }, { phase: 'ended' }]);
    expect(el.currentPhase).to.equal('talk');
    el.phase = 'qa';
    await el.updateComplete;
    button(el, 'Follow the schedule')!.click();
    expect(requests.at(-1)).to.deep.equal({ phase: null });
    const noHost = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player></devroom-talk-player>`);
    expect(noHost.shadowRoot!.querySelector('[part="host-controls"]')).to.equal(null);
    expect(buttons(noHost).length).to.equal(0);
  });

  it('speaks German with lang="de"', async () => {
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player lang="de" starts-at=${T(-60)} ends-at=${T(-1)}></devroom-talk-player>`);
    expect(slateText(el)).to.contain('Dieser Vortrag ist beendet.');
    expect(el.shadowRoot!.querySelector('[part="phase"]')!.textContent).to.equal('Beendet');
  });

  it('host controls speak German too', async () => {
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player lang="de" can-host starts-at=${T(-5)} ends-at=${T(20)}></devroom-talk-player>`);
    expect(el.shadowRoot!.querySelector('[part="host-controls"]')!.getAttribute('aria-label')).to.equal('Moderation');
    expect(button(el, 'Fragerunde starten')).to.not.equal(undefined);
    expect(button(el, 'Vortrag beenden')).to.not.equal(undefined);
  });

  it('switches to German when the page language changes later (strings load on demand)', async () => {
    const el = await fixture<DevroomTalkPlayer>(html`<div lang="en"><devroom-talk-player starts-at=${T(-60)} ends-at=${T(-1)}></devroom-talk-player></div>`).then(
      (div) => div.querySelector('devroom-talk-player')!,
    );
    expect(slateText(el)).to.contain('This talk has ended.');
    el.setAttribute('lang', 'de-AT');
    await waitUntil(() => slateText(el).includes('Dieser Vortrag ist beendet.'), 'never switched to German');
  });

  it('says what is next in the viewer’s language and time: "Next: <title> · 10:30", the weekday when not today', async () => {
    const today = new Date(new Date().setHours(10, 30, 0, 0));
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player lang="en" talk-title="Now" next-title="Rust in the kernel" next-at=${today.toISOString()}></devroom-talk-player>`);
    const next = () => el.shadowRoot!.querySelector('[part="next"]')?.textContent?.trim();
    expect(next()).to.equal(`Next: Rust in the kernel · ${new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' }).format(today)}`);
    el.setAttribute('lang', 'de');
    await waitUntil(() => next()?.startsWith('Als Nächstes'), 'never switched to German');
    expect(next()).to.equal('Als Nächstes: Rust in the kernel · 10:30');
    const tomorrow = new Date(today.getTime() + 86_400_000);
    el.nextAt = tomorrow.toISOString();
    await el.updateComplete;
    expect(next()).to.equal(`Als Nächstes: Rust in the kernel · ${new Intl.DateTimeFormat('de', { weekday: 'short', hour: 'numeric', minute: '2-digit' }).format(tomorrow)}`);
    expect(next()).to.match(/ · \S+ 10:30$|, 10:30$/);
    el.nextTitle = undefined;
    await el.updateComplete;
    expect(next()).to.equal(undefined);
  });
});
