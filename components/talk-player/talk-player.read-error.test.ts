import { expect, fixture, html } from '@open-wc/testing';
import './define.js';
import type { DevroomTalkPlayer } from './talk-player.js';
import { visibleText } from '../../test/support/visible-text.js';

/**
 * Issue #17.2/#14: while its binding cannot read the talk and tries again (`loading` with a
 * `readError`), the player says why and that it is trying again, seen and announced, in place
 * of "Loading the talk…"; never the empty state. Known error codes in the viewer's words.
 */
describe('<devroom-talk-player loading> with a read error', () => {
  const status = (el: DevroomTalkPlayer) => el.shadowRoot!.querySelector('[part="status"]')!.textContent!.trim();

  it('says the problem and "Trying again…" on the stage and as the status, and is accessible', async () => {
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player lang="en" loading .readError=${{ code: 'M_LIMIT_EXCEEDED', message: 'Too many requests' }}></devroom-talk-player>`);
    const text = 'The talk could not be loaded (too many requests, wait a moment). Trying again…';
    expect(el.shadowRoot!.querySelector('[part="slate"]')!.textContent!.trim()).to.equal(text);
    expect(status(el)).to.equal(text);
    const seen = visibleText(el.shadowRoot!);
    expect(seen).to.not.contain('Loading the talk');
    expect(seen).to.not.contain('No stream');
    await expect(el).to.be.accessible();
  });

  it("an error without words of the player's own: its message, and its code when it has one", async () => {
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player lang="en" loading .readError=${{ code: 'M_UNRECOGNIZED', message: 'Unknown request' }}></devroom-talk-player>`);
    expect(status(el)).to.equal('The talk could not be loaded (Unknown request (M_UNRECOGNIZED)). Trying again…');
    el.readError = { code: 'M_UNKNOWN', message: 'Network error' };
    await el.updateComplete;
    expect(status(el)).to.equal('The talk could not be loaded (Network error). Trying again…');
  });

  it('once read (no longer loading), the talk as it is, not the problem', async () => {
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player lang="en" loading .readError=${{ code: 'DEVROOM_TIMEOUT', message: 'timed out' }}></devroom-talk-player>`);
    el.loading = false;
    el.readError = undefined;
    await el.updateComplete;
    const seen = visibleText(el.shadowRoot!);
    expect(seen).to.contain('No stream has been set up for this talk yet.');
    expect(seen).to.not.contain('could not be loaded');
  });
});
