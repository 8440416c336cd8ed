import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './define.js';
import type { DevroomTalkPlayer } from './talk-player.js';
import { button } from './test-helpers.js';

// Its own test file: the first test needs a page that has not loaded the stage controls yet.
const T = (min: number) => new Date(Date.now() + min * 60_000).toISOString();
const fetchedStageControls = () => performance.getEntriesByType('resource').some((e) => e.name.includes('/stage-controls.'));
const part = (el: DevroomTalkPlayer, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part="${name}"]`);

describe('<devroom-talk-player> stage controls (host controls, stage invitation), loaded on demand', () => {
  it('a viewer without power or invitation never loads the stage controls; can-host loads and shows the host controls with their styles', async () => {
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player talk-title="Keynote" starts-at=${T(-5)} ends-at=${T(20)}></devroom-talk-player>`);
    expect(part(el, 'slate')).to.not.equal(null);
    expect(fetchedStageControls()).to.equal(false);
    expect(part(el, 'host-controls')).to.equal(null);

    el.canHost = true;
    await el.updateComplete;
    expect(fetchedStageControls()).to.equal(true);
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
    expect(button(el, 'Auf die Bühne')).to.not.equal(undefined);
    expect(button(el, 'Nein, danke')).to.not.equal(undefined);
    await expect(el).to.be.accessible();
    const declined = oneEvent(el, 'devroom-decline-stage');
    button(el, 'Nein, danke')!.click();
    await declined;
    await el.updateComplete;
    expect(part(el, 'invite')).to.equal(null);
  });

  it('the stage invitation has the Q&A queue’s words: "You are invited on stage for the Q&A.", "Join the stage", "No, thanks"', async () => {
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player phase="qa" jitsi-domain="meet.example" jitsi-room="talk1"></devroom-talk-player>`);
    el.stageInvite = {};
    await el.updateComplete;
    expect(part(el, 'invite')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('You are invited on stage for the Q&A. Join the stage No, thanks');
  });

  it('"End the talk" ends it for everyone only after the host confirms; Cancel keeps it on, and focus stays with the controls', async () => {
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player can-host talk-title="Keynote" starts-at=${T(-5)} ends-at=${T(20)}></devroom-talk-player>`);
    await el.updateComplete;
    const requests: unknown[] = [];
    el.addEventListener('devroom-phase-request', (e) => requests.push((e as CustomEvent).detail));
    button(el, 'End the talk')!.click();
    await el.updateComplete;
    expect(requests, 'nothing ended yet').to.deep.equal([]);
    expect(part(el, 'host-controls')!.textContent).to.contain('End the talk for everyone?');
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('End it');
    await expect(el).to.be.accessible();
    button(el, 'Cancel')!.click();
    await el.updateComplete;
    expect(requests).to.deep.equal([]);
    expect(part(el, 'host-controls')!.textContent).not.to.contain('End the talk for everyone?');
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('End the talk');
    button(el, 'End the talk')!.click();
    await el.updateComplete;
    button(el, 'End it')!.click();
    expect(requests).to.deep.equal([{ phase: 'ended' }]);
  });
});
