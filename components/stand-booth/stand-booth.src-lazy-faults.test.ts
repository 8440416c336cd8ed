/**
 * A plain page's booth (`src`) whose schedule part cannot load when the stand is read: the
 * stand shows without it, and the schedule once the part loads (in a page of its own: the
 * part must not be loaded before). See stand-booth.lazy-faults.test.ts for the other parts.
 */
import { expect, fixture, html } from '@open-wc/testing';
import sinon from 'sinon';
import './register.js';
import type { DevroomStandBooth } from './stand-booth.js';
import { sampleStand } from './test-fixtures.js';
import { chunkBack, chunkFailed, chunkServed, failChunk } from '../../test/support/lazy-faults.js';
import { waitFor } from '../../test/support/wait-for.js';

describe('<devroom-stand-booth src> when the extras part cannot load', () => {
  afterEach(() => sinon.restore());

  it('shows the stand from src without its schedule, and the schedule at a later update', async () => {
    const fetch = sinon.stub(window, 'fetch');
    fetch.callThrough();
    fetch.withArgs(sinon.match(/stands\/kitten\.json$/)).callsFake(async () => new Response(JSON.stringify(sampleStand()), { status: 200 }));
    const part = '/components/stand-booth/stand-extras.ts';
    await failChunk(part, 100); // down until chunkBack
    const el = await fixture<DevroomStandBooth>(html`<devroom-stand-booth lang="en" src="/stands/kitten.json"></devroom-stand-booth>`);
    await chunkFailed(part);
    await waitFor(() => el.currentStand, 'the stand');
    await el.updateComplete;
    const shadow = el.shadowRoot!;
    expect(shadow.querySelector('[part="name"]')!.textContent).to.contain('Kitten Linux');
    expect(!!shadow.querySelector('[part~="schedule"]'), 'no schedule yet').to.equal(false);
    // The network is back; the next update (someone arrives at the booth) asks again.
    await chunkBack(part);
    el.presence = new Set(['@ann:example.org']);
    await chunkServed(part);
    await waitFor(() => shadow.querySelector('[part~="schedule"]'), 'the schedule');
    expect(el.currentStand?.schedule).to.have.length(2);
    expect(!!shadow.querySelector('[part~="video"]'), 'the video').to.equal(true);
  });
});
