import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import './define.js';
import type { DevroomTalkPlayer } from './talk-player.js';
import { MP4, button, video, waitAdvancing } from './test-helpers.js';

// Its own test file: the first test needs a page that has not loaded the on-demand parts yet.
const T = (min: number) => new Date(Date.now() + min * 60_000).toISOString();
const fetchedParts = () => performance.getEntriesByType('resource').some((e) => e.name.includes('player-parts'));
const part = (el: DevroomTalkPlayer, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part="${name}"]`);

describe('<devroom-talk-player> on-demand parts (host controls, stage invitation, speed select)', () => {
  it('a viewer without power or invitation never loads them; can-host loads and shows the host controls with their styles', async () => {
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player talk-title="Keynote" starts-at=${T(-5)} ends-at=${T(20)}></devroom-talk-player>`);
    expect(part(el, 'slate')).to.not.equal(null);
    expect(fetchedParts()).to.equal(false);
    expect(part(el, 'host-controls')).to.equal(null);

    el.canHost = true;
    await el.updateComplete;
    expect(fetchedParts()).to.equal(true);
    const host = part(el, 'host-controls')!;
    expect(host.getAttribute('aria-label')).to.equal('Host controls');
    expect(getComputedStyle(host).borderTopStyle).to.equal('solid');
    const request = oneEvent(el, 'devroom-phase-request');
    button(el, 'Start Q&A')!.click();
    expect((await request).detail).to.deep.equal({ phase: 'qa' });
    await expect(el).to.be.accessible();
  });

  it('a stage invitation shows with its styles, in German too, and is accessible', async () => {
    const el = await fixture<DevroomTalkPlayer>(
      html`<devroom-talk-player lang="de" phase="qa" jitsi-domain="meet.example" jitsi-room="talk1"></devroom-talk-player>`,
    );
    expect(part(el, 'invite')).to.equal(null);
    el.stageInvite = { by: 'Grace' };
    await el.updateComplete;
    const invite = part(el, 'invite')!;
    expect(invite.textContent).to.contain('Grace lädt dich für die Fragerunde auf die Bühne ein.');
    expect(getComputedStyle(invite).borderTopStyle).to.equal('solid');
    expect(button(el, 'Nein, danke')).to.not.equal(undefined);
    await expect(el).to.be.accessible();
    const declined = oneEvent(el, 'devroom-decline-stage');
    button(el, 'Nein, danke')!.click();
    await declined;
    await el.updateComplete;
    expect(part(el, 'invite')).to.equal(null);
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
});
