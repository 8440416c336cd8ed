import { expect, fixture, html } from '@open-wc/testing';
import './define.js';
import type { DevroomTalkPlayer } from './talk-player.js';
import { MP4, video } from './test-helpers.js';
import { visibleText } from '../../test/support/visible-text.js';

/**
 * Issue #17.2: before its binding has read the talk, the player knows nothing about it. It
 * says it is loading, not "No stream has been set up", shows no phase it cannot know, and
 * starts no stream a room might still change; "No stream…" only once it knows there is none.
 */
describe('<devroom-talk-player loading>', () => {
  it('says "Loading the talk…" (seen and announced), no empty state and no phase, and is accessible', async () => {
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player lang="en" loading></devroom-talk-player>`);
    const seen = visibleText(el.shadowRoot!);
    expect(seen).to.contain('Loading the talk…');
    expect(seen).to.not.contain('No stream');
    expect(seen).to.not.match(/\b(Talk|Upcoming|Q&A|Ended)\b/);
    expect(el.shadowRoot!.querySelector('[part="status"]')!.textContent!.trim()).to.equal('Loading the talk…');
    await expect(el).to.be.accessible();
  });

  it('in German', async () => {
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player lang="de" loading></devroom-talk-player>`);
    expect(visibleText(el.shadowRoot!)).to.contain('Vortrag wird geladen…');
  });

  it('loads no stream while loading; once read, the empty state or the stream', async () => {
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player lang="en" loading></devroom-talk-player>`);
    el.src = MP4;
    await el.updateComplete;
    expect(el.playback).to.equal(undefined);
    expect(video(el).hidden).to.equal(true);
    expect(visibleText(el.shadowRoot!)).to.contain('Loading the talk…');

    el.src = undefined;
    el.loading = false;
    await el.updateComplete;
    const seen = visibleText(el.shadowRoot!);
    expect(seen).to.contain('No stream has been set up for this talk yet.');
    expect(seen).to.not.contain('Loading the talk');
    expect(seen).to.contain('Talk');
  });
});
