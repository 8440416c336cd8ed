/**
 * What a visitor or a stand's staff sees when a part of the booth loads on demand and the
 * network drops right then (test/support/chunk-faults.mjs fails the module and its automatic
 * retry on a fresh URL), and that it recovers once the network is back. The tests run in
 * order: each part is faulted before this page first imports it (a page fetches a module once).
 */
import { expect } from '@open-wc/testing';
// register.ts only (as the widget page does): no part is loaded before a test asks for it.
import './register.js';
import { sampleStand } from './test-fixtures.js';
import { chunkFailed, chunkRequests, chunkServed, failChunk } from '../../test/support/lazy-faults.js';
import { waitFor } from '../../test/support/wait-for.js';
import { $, booth, boothText, buttonNamed } from './test-helpers.js';

const text = boothText;


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

  it('shows the stand without its schedule while the extras part cannot load, and the whole schedule once back', async () => {
    const part = '/components/stand-booth/stand-extras.ts';
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
    expect(el.currentStand?.schedule).to.have.length(2);
    expect($(el, '[part~="video"]')).to.not.equal(null);
    expect(await chunkRequests(part)).to.deep.equal({ failed: 2, served: 1 });
  });

  it('an editor that cannot load: the stand and the Edit button stay, with a message, and a second click opens it', async () => {
    const part = '/components/stand-booth/stand-editor.ts';
    const el = await booth({ interactive: true, canEdit: true });
    await waitFor(() => $(el, '[part~="edit-button"]'), 'the Edit button');
    await failChunk(part);
    $<HTMLButtonElement>(el, '[part~="edit-button"]')!.click();
    await chunkFailed(part);
    await el.updateComplete;
    expect(text(el)).to.contain('boots in under five seconds');
    expect(text(el)).to.contain('The editor could not be loaded. Try again.');
    expect($(el, '[role="alert"]')?.textContent).to.contain('The editor could not be loaded');
    expect(el.shadowRoot!.activeElement?.getAttribute('part'), 'focus back on Edit').to.contain('edit-button');
    // The network is back: Edit again.
    $<HTMLButtonElement>(el, '[part~="edit-button"]')!.click();
    await chunkServed(part);
    await waitFor(() => $(el, 'devroom-stand-editor')?.shadowRoot?.querySelector('#f-name'), 'the editor');
    const editor = $(el, 'devroom-stand-editor')!;
    expect($<HTMLInputElement>(editor, '#f-name')!.value).to.equal('Kitten Linux');
    expect(text(el)).to.not.contain('could not be loaded');
    expect(buttonNamed(editor.shadowRoot!, 'Save')).to.not.equal(undefined);
  });
});
