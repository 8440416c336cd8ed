/**
 * Asking when the code that sends the viewer's questions (unsent-questions.ts, loaded with the
 * first question) cannot load: the question is kept and shows "Not sent" with Retry; once the
 * network is back, Retry sends it, once. A file of its own: the part loads once per page, and
 * lazy-faults.test.ts loads it in its first test.
 */
import { expect } from '@open-wc/testing';
import '../../components/qa-queue/define.js';
import type { DevroomQaQueue } from '../../components/qa-queue/qa-queue.js';
import { DEVROOM_EVENT_LEVELS } from '../../host-tools/apply/power.js';
import { afterTest, mount } from '../../test/support/cleanup.js';
import { chunkBack, chunkFailed, failChunk } from '../../test/support/lazy-faults.js';
import { waitFor } from '../../test/support/wait-for.js';
import { MemoryRoom } from '../room/memory-room.js';
import { EventTypes } from '../schema/namespace.js';
import { unsentKey } from '../shared/unsent.js';
import { bindQaQueue } from './binding.js';

const MOD = '@mo:localhost';
const ALICE = '@alice:localhost';

const text = (el: DevroomQaQueue) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const $ = <T extends Element = HTMLElement>(el: DevroomQaQueue, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const retryButton = (el: DevroomQaQueue) => [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Retry');

describe('Q&A widget: asking when the sending code cannot load', function () {
  this.timeout(20_000);

  it('the question shows "Not sent" with Retry and stays kept in this browser; Retry sends it once the network is back', async () => {
    const part = '/widgets/qa-queue/unsent-questions.ts';
    await failChunk(part);
    const room = new MemoryRoom({ creator: MOD, powerLevels: { events: { ...DEVROOM_EVENT_LEVELS } } });
    room.join(ALICE);
    const root = room.inject('m.room.message', { msgtype: 'm.notice', body: 'Q&A' }, MOD).event_id;
    room.setState(EventTypes.root, 'qa', { event_id: root }, MOD);
    const view = room.as(ALICE);
    const key = unsentKey('qa', view);
    localStorage.removeItem(key);
    afterTest(() => localStorage.removeItem(key));
    const el = mount<DevroomQaQueue>('devroom-qa-queue');
    el.lang = 'en';
    const binding = bindQaQueue(el, view, { recheckMs: 0 });
    afterTest(() => binding.stop());
    await binding.ready;
    await el.updateComplete;

    const input = $<HTMLTextAreaElement>(el, 'textarea#ask')!;
    input.value = 'Will the slides be online?';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    $<HTMLButtonElement>(el, '[part="ask-button"]')!.click();
    await chunkFailed(part);
    await waitFor(() => retryButton(el), 'Retry');
    expect(text(el)).to.contain('Not sent');
    expect(text(el)).to.contain('Will the slides be online?');
    expect(localStorage.getItem(key), 'kept for a reload').to.contain('Will the slides be online?');
    expect(room.timeline.filter((e) => e.content.body === 'Will the slides be online?')).to.have.length(0);

    await chunkBack(part);
    retryButton(el)!.click();
    await waitFor(() => room.timeline.some((e) => e.content.body === 'Will the slides be online?'), 'the question sent');
    await waitFor(() => !text(el).includes('Not sent') && [...el.shadowRoot!.querySelectorAll('[part~="question"] .text')].some((p) => p.textContent!.includes('Will the slides be online?')), 'the question in the list');
    const sent = room.timeline.filter((e) => e.content.body === 'Will the slides be online?');
    expect(sent, 'sent once').to.have.length(1);
    expect((sent[0]!.content['m.relates_to'] as { event_id: string }).event_id).to.equal(root);
    await waitFor(() => !localStorage.getItem(key), 'no longer kept');
  });
});
