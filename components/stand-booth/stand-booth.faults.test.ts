/**
 * What a visitor or a stand's staff sees when a part of the booth loads on demand and the
 * network drops right then (test/support/chunk-faults.mjs fails the module and its automatic
 * retry on a fresh URL), and that it recovers once the network is back. How a part is asked
 * for again (never in a loop) is the rule's, tested in components/shared/lazy-part.test.ts.
 *
 * The tests run in order in one page: each faults a part before this page first imports it
 * (a page fetches a module once).
 */
import { expect, fixture, html } from '@open-wc/testing';
// register.ts only (as the widget page does): no part is loaded before a test asks for it.
import './register.js';
import { page } from './stand-booth.js';
import type { DevroomStandBooth } from './stand-booth.js';
import { sampleStand } from './test-fixtures.js';
import { chunkBack, chunkFailed, chunkServed, failChunk } from '../../test/support/lazy-faults.js';
import { waitFor } from '../../test/support/wait-for.js';
import { $, booth, boothText as text, buttonNamed } from './test-helpers.js';

describe('<devroom-stand-booth> when a part cannot load', () => {
  it('shows a formatted description as plain text while its renderer cannot load, formatted once back', async () => {
    const part = '/components/stand-booth/description.ts';
    await failChunk(part);
    // No schedule or video: the next test faults their part, which this page must not have yet.
    const { schedule: _schedule, video: _video, ...bare } = sampleStand();
    const el = await booth({ stand: bare });
    await chunkFailed(part);
    await el.updateComplete;
    expect(text(el)).to.contain('Kitten Linux boots in **under five seconds** on hardware from 2008.');
    expect($(el, '[part="description"] strong')).to.equal(null);
    // The next update (here presence) asks again.
    el.presence = new Set(['@ann:example.org']);
    await chunkServed(part);
    await waitFor(() => $(el, '[part="description"] strong'), 'the formatted description');
    expect($(el, '[part="description"] strong')!.textContent).to.equal('under five seconds');
    expect(text(el)).to.not.contain('**');
  });

  it('shows the stand without its schedule while that part cannot load, and the whole schedule once back', async () => {
    const part = '/components/stand-booth/stand-schedule-video.ts';
    await failChunk(part);
    const el = await booth({ currentUser: '@visitor:example.org', presence: new Set(['@ann:example.org']) });
    await chunkFailed(part);
    await el.updateComplete;
    // Everything else is there: name, description, staff.
    expect(text(el)).to.contain('Kitten Linux');
    expect(text(el)).to.contain('boots in under five seconds');
    expect($(el, '[part~="people"]')).to.not.equal(null);
    expect($(el, '[part~="schedule"]')).to.equal(null);
    // The next update (here someone arrives at the booth) asks again.
    el.presence = new Set(['@ann:example.org', '@eve:example.org']);
    await chunkServed(part);
    await waitFor(() => $(el, '[part~="schedule"]'), 'the schedule');
    await el.updateComplete;
    expect(text(el)).to.contain('Installer demo');
    expect($(el, '[part~="video"]')).to.not.equal(null);
  });

  it('staff tools that cannot load: the stand stays, without Edit; Edit and the editor come at a later update', async () => {
    const part = '/components/stand-booth/stand-staff.ts';
    await failChunk(part);
    const el = await booth({ interactive: true, canEdit: true });
    await chunkFailed(part);
    await el.updateComplete;
    expect(text(el)).to.contain('boots in under five seconds');
    expect($(el, '[part~="edit-button"]')).to.equal(null);
    el.presence = new Set(['@ann:example.org']);
    await chunkServed(part);
    await waitFor(() => $(el, '[part~="edit-button"]'), 'the Edit button');
    $<HTMLButtonElement>(el, '[part~="edit-button"]')!.click();
    await el.updateComplete;
    const editor = $(el, 'devroom-stand-editor')!;
    expect($<HTMLInputElement>(editor, '#f-name')!.value).to.equal('Kitten Linux');
    expect(buttonNamed(editor.shadowRoot!, 'Save')).to.not.equal(undefined);
  });
});

/**
 * A part that keeps failing may need a module whose fetch failed once, which browsers that
 * keep failures in the module map fetch again only on a reload: the second failure in a row
 * says so, with a Reload button.
 */
describe('<devroom-stand-booth> when the video booth cannot load twice in a row', () => {
  const part = '/components/stand-booth/stand-video-booth.ts';
  const reload = page.reload;
  afterEach(async () => {
    page.reload = reload;
    await chunkBack(part);
  });

  it('says a reload is needed, with a Reload button beside Join that reloads', async () => {
    await failChunk(part, 100);
    // The page names the Jitsi server (the stand only its meeting).
    const el = await fixture<DevroomStandBooth>(html`<devroom-stand-booth lang="en" jitsi-domain="meet.example.org"></devroom-stand-booth>`);
    el.stand = sampleStand();
    await el.updateComplete;
    const join = () => buttonNamed(el.shadowRoot!, 'Join the video booth')!;
    join().click();
    await waitFor(() => text(el).includes('The video booth could not be loaded.'), 'the first failure');
    expect($(el, '[part~="reload-button"]')).to.equal(null);

    await waitFor(() => !join().disabled, 'Join enabled');
    join().click();
    await waitFor(() => $(el, '[part~="reload-button"]'), 'the Reload button');
    expect(text(el)).to.contain('The video booth still could not be loaded. Reload the page to load it again.');
    expect(join()).to.not.equal(undefined);
    await expect(el).to.be.accessible();

    let reloaded = 0;
    page.reload = () => void reloaded++;
    $<HTMLButtonElement>(el, '[part~="reload-button"]')!.click();
    expect(reloaded).to.equal(1);
  });
});

describe('<devroom-stand-booth> when the Jitsi session code cannot load', () => {
  it('says so in the call, and Try again joins once the network is back', async () => {
    const part = '/components/jitsi/jitsi-session.ts';
    await failChunk(part);
    const el = await booth({ jitsiScriptUrl: '/test/fixtures/jitsi/external_api.js' });
    buttonNamed(el.shadowRoot!, 'Join the video booth')!.click();
    await waitFor(() => text(el).includes('The video booth could not be loaded.'), 'the failure notice');
    await chunkFailed(part, 1);
    buttonNamed(el.shadowRoot!, 'Try again')!.click();
    await chunkServed(part);
    await waitFor(() => $(el, '[part="jitsi"] iframe'), 'the call');
    buttonNamed(el.shadowRoot!, 'Leave the video booth')!.click();
    await el.updateComplete;
  });
});
