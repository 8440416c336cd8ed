/**
 * The Q&A's talk picker (qa-queue.talk-picker.ts, loaded once a room's schedule has more than
 * one talk to pick from) when the network drops as it loads (test/support/chunk-faults.mjs
 * fails the module and its automatic retry): what the viewer sees meanwhile, and the picker at
 * the next update once the network is back. Its own file: a part loads once per page.
 */
import { expect, fixture, html } from '@open-wc/testing';
// register.ts only (as the widget page does).
import './register.js';
import { QaTally } from './tally.js';
import type { DevroomQaQueue, QaTalk } from './qa-queue.js';
import { chunkFailed, chunkRequests, chunkServed, failChunk } from '../../test/support/lazy-faults.js';
import { waitFor } from '../../test/support/wait-for.js';

const $ = <T extends Element = HTMLElement>(el: DevroomQaQueue, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const TALKS: QaTalk[] = [
  { id: 'earlier', title: 'The earlier talk', startsAt: '2026-02-06T09:00:00Z', endsAt: '2026-02-06T09:50:00Z' },
  { id: 'now', title: 'The talk on now', startsAt: '2026-02-06T10:00:00Z', endsAt: '2026-02-06T10:50:00Z' },
];

describe('<devroom-qa-queue> when the talk picker cannot load', () => {
  it('shows the talk on now’s questions and lets the viewer ask, without a picker (no retry loop); the picker at the next update', async () => {
    const part = '/components/qa-queue/qa-queue.talk-picker.ts';
    await failChunk(part);
    const model = new QaTally();
    model.addQuestion({ id: '$q1', author: '@ann:x', text: 'About the talk on now', ts: 1 });
    const el = await fixture<DevroomQaQueue>(html`<devroom-qa-queue lang="en" user-id="@me:x" .model=${model} .talks=${TALKS} talk="now"></devroom-qa-queue>`);
    await chunkFailed(part);
    await el.updateComplete;
    expect($(el, '[part="talk-picker"]'), 'no picker').to.equal(null);
    expect($(el, '.row .text')?.textContent).to.contain('About the talk on now');
    expect($(el, 'textarea#ask'), 'asking works').not.to.equal(null);
    await new Promise((r) => setTimeout(r, 300));
    expect(await chunkRequests(part), 'not asked again by the update its failure caused').to.deep.equal({ failed: 2, served: 0 });
    // The next update (a new question) asks again.
    model.addQuestion({ id: '$q2', author: '@bob:x', text: 'Another one', ts: 2 });
    await chunkServed(part);
    const select = await waitFor(() => $<HTMLSelectElement>(el, '[part="talk-picker"] select'), 'the picker');
    expect([...select.options].map((o) => o.textContent!.trim()).join(' | ')).to.contain('The earlier talk');
    const picked = new Promise<CustomEvent<{ talkId: string }>>((r) => el.addEventListener('devroom-pick-talk', r as EventListener, { once: true }));
    select.value = 'earlier';
    select.dispatchEvent(new Event('change'));
    expect((await picked).detail.talkId).to.equal('earlier');
  });
});
