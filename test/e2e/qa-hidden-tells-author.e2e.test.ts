import { expect } from '@open-wc/testing';
import type { DevroomQaQueue } from '../../components/qa-queue/qa-queue.js';
import type { MemoryRoom } from '../../widgets/room/memory-room.js';
import { EventTypes } from '../../widgets/schema/namespace.js';
import { ALICE, BOB, MOD, buttonIn, conference, elementIn, leaveAll, sit, waitFor, widgetFor } from './widget-harness.js';

/**
 * #17.2 "A moderator hiding a question makes it vanish for its author with no word", through
 * the widget pages in the Element-like host: Mo presses Hide in his Q&A, and Alice, who asked
 * it (in this visit, or before she opened the widget), reads why it went. Bob, who did not ask
 * it, is told nothing. The component test (qa-queue.test.ts) hides it on the model directly.
 */

const QA = widgetFor('qa-queue');

function openQa(room: MemoryRoom): string {
  const root = room.inject('m.room.message', { msgtype: 'm.notice', body: 'Q&A' }, MOD).event_id;
  room.setState(EventTypes.root, 'qa', { event_id: root }, MOD);
  return root;
}

const rowTexts = (el: DevroomQaQueue) => [...el.shadowRoot!.querySelectorAll('.row .text')].map((t) => t.textContent!.trim());
const notice = (el: DevroomQaQueue) => el.shadowRoot!.querySelector('[part="notice"]')?.textContent?.trim() ?? '';
const rowOf = (el: DevroomQaQueue, text: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.row')].find((r) => r.querySelector('.text')?.textContent?.trim() === text);

async function hideAsMo(modQ: DevroomQaQueue, text: string): Promise<void> {
  const hide = await waitFor(() => {
    const row = rowOf(modQ, text);
    return row && buttonIn(row, 'Hide');
  }, `Hide on "${text}" for Mo`);
  hide.click();
}

describe('Q&A: a hidden question tells its author (widget pages, Element-like host)', function () {
  this.timeout(30_000);
  afterEach(leaveAll);

  it('asked in this visit: Alice reads "A moderator hid your question." and the question goes; Bob is told nothing', async () => {
    const room = conference();
    openQa(room);
    const aliceQ = await elementIn<DevroomQaQueue>(await sit(room, ALICE, QA), 'devroom-qa-queue');
    const bobQ = await elementIn<DevroomQaQueue>(await sit(room, BOB, QA), 'devroom-qa-queue');
    const modQ = await elementIn<DevroomQaQueue>(await sit(room, MOD, QA), 'devroom-qa-queue');

    const input = await waitFor(() => aliceQ.shadowRoot!.querySelector<HTMLTextAreaElement>('textarea#ask'), 'the question box');
    input.value = 'Can we see the benchmark code?';
    input.dispatchEvent(new Event('input'));
    await aliceQ.updateComplete;
    aliceQ.shadowRoot!.querySelector<HTMLButtonElement>('[part="ask-button"]')!.click();
    await waitFor(() => notice(aliceQ) === 'Your question was sent.' || undefined, `"sent" at Alice (notice: "${notice(aliceQ)}")`);
    await waitFor(() => rowTexts(bobQ).includes('Can we see the benchmark code?') || undefined, 'the question at Bob');

    await hideAsMo(modQ, 'Can we see the benchmark code?');
    await waitFor(() => notice(aliceQ) === 'A moderator hid your question.' || undefined, `the word at Alice (notice: "${notice(aliceQ)}")`);
    expect(rowTexts(aliceQ)).not.to.include('Can we see the benchmark code?');
    await waitFor(() => !rowTexts(bobQ).includes('Can we see the benchmark code?') || undefined, 'gone at Bob');
    expect(notice(bobQ)).to.equal('');
  });

  it('asked before she opened the widget: Alice is still told', async () => {
    const room = conference();
    const root = openQa(room);
    room.inject('m.room.message', { msgtype: 'm.text', body: 'Slides online?', 'm.relates_to': { rel_type: 'm.reference', event_id: root } }, ALICE);
    const aliceQ = await elementIn<DevroomQaQueue>(await sit(room, ALICE, QA), 'devroom-qa-queue');
    const modQ = await elementIn<DevroomQaQueue>(await sit(room, MOD, QA), 'devroom-qa-queue');
    await waitFor(() => rowTexts(aliceQ).includes('Slides online?') || undefined, 'her question at Alice');

    await hideAsMo(modQ, 'Slides online?');
    await waitFor(() => notice(aliceQ) === 'A moderator hid your question.' || undefined, `the word at Alice (notice: "${notice(aliceQ)}")`);
    expect(rowTexts(aliceQ)).not.to.include('Slides online?');
  });
});
