/**
 * A question deleted while the code that judges redactions (question-redactions.ts, in the votes
 * chunk, loaded with the first redaction) cannot load: the queue goes on (new questions show),
 * the deleted one stays until the next redaction asks for the code again, then both go.
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
const BOB = '@bob:localhost';

const rowTexts = (el: DevroomQaQueue) => [...el.shadowRoot!.querySelectorAll('[part~="question"] .text')].map((p) => p.textContent!.trim());

describe('Q&A widget: a deleted question when the redaction code cannot load', function () {
  this.timeout(20_000);

  it('the queue goes on; the deleted question goes once the code loads at the next redaction', async () => {
    const part = '/widgets/qa-queue/vote-snapshot-read.ts';
    await failChunk(part);
    const room = new MemoryRoom({ creator: MOD, powerLevels: { events: { ...DEVROOM_EVENT_LEVELS } } });
    room.join(ALICE);
    room.join(BOB);
    const root = room.inject('m.room.message', { msgtype: 'm.notice', body: 'Q&A' }, MOD).event_id;
    room.setState(EventTypes.root, 'qa', { event_id: root }, MOD);
    const ask = (sender: string, body: string) => room.inject('m.room.message', { msgtype: 'm.text', body, 'm.relates_to': { rel_type: 'm.reference', event_id: root } }, sender).event_id;
    const spam = ask(BOB, 'Buy cheap watches');
    // Nothing kept by another test's page (same origin, same room id) joins this queue.
    localStorage.removeItem(unsentKey('qa', room.as(ALICE)));
    const el = mount<DevroomQaQueue>('devroom-qa-queue');
    el.lang = 'en';
    const binding = bindQaQueue(el, room.as(ALICE), { recheckMs: 0 });
    afterTest(() => binding.stop());
    await binding.ready;
    await el.updateComplete;
    expect(rowTexts(el)).to.deep.equal(['Buy cheap watches']);

    room.inject('m.room.redaction', { redacts: spam }, MOD);
    await chunkFailed(part);
    ask(BOB, 'Is there a recording?');
    await waitFor(() => rowTexts(el).includes('Is there a recording?'), 'a new question shown');
    expect(rowTexts(el), 'not judged yet').to.include('Buy cheap watches');

    await chunkBack(part);
    const typo = ask(BOB, 'Is ther a recording?');
    await waitFor(() => rowTexts(el).includes('Is ther a recording?'), 'the typo shown');
    room.inject('m.room.redaction', { redacts: typo }, BOB);
    await waitFor(() => rowTexts(el).length === 1, 'both redactions judged');
    expect(rowTexts(el)).to.deep.equal(['Is there a recording?']);
  });
});
