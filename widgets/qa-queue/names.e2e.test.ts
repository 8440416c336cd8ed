import { expect } from '@open-wc/testing';
import type { DevroomQaQueue } from '../../components/qa-queue/qa-queue.js';
import type { MemoryRoom } from '../room/memory-room.js';
import { EventTypes } from '../schema/namespace.js';
import { stageKey } from './schema.js';
import { ALICE, BOB, MOD, conference, elementIn, leaveAll, sit, waitFor, widgetFor } from '../../test/e2e/widget-harness.js';

const QA = widgetFor('qa-queue');
const MALLORY = '@mallory:evil.example';

function openQa(room: MemoryRoom): string {
  const root = room.inject('m.room.message', { msgtype: 'm.notice', body: 'Q&A' }, MOD).event_id;
  room.setState(EventTypes.root, 'qa', { event_id: root }, MOD);
  return root;
}

function question(room: MemoryRoom, root: string, sender: string, body: string): string {
  return room.inject('m.room.message', { msgtype: 'm.text', body, 'm.relates_to': { rel_type: 'm.reference', event_id: root } }, sender).event_id;
}

/** Text as a person sees it: text clipped out of sight (an id on demand) left out. */
function seen(node: Element | null | undefined): string {
  if (!node) return '';
  const walker = node.ownerDocument.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  let text = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.parentElement!.getBoundingClientRect().width > 1) text += n.textContent;
  return text.replace(/\s+/g, ' ').trim();
}

/** Each question's text → who asked it, as shown under it. */
function authors(el: DevroomQaQueue): Record<string, string> {
  return Object.fromEntries(
    [...el.shadowRoot!.querySelectorAll('.row')].map((row) => [row.querySelector('.text')?.textContent?.trim() ?? '', seen(row.querySelector('.meta bdi'))]),
  );
}

describe("Q&A: people's names, not ids (Element's rules)", function () {
  this.timeout(20_000);
  afterEach(leaveAll);

  it('authors by name with the id on hover; a look-alike name shows both ids; an id-like name the id; a rename live', async () => {
    const room = conference();
    const root = openQa(room);
    question(room, root, ALICE, 'Slides online?');
    question(room, root, BOB, 'Recording?');
    const el = await elementIn<DevroomQaQueue>(await sit(room, BOB, QA), 'devroom-qa-queue');
    await waitFor(() => authors(el)['Slides online?'] === 'Alice' && authors(el)['Recording?'] === 'Bob', 'Alice and Bob by name');
    const alicesName = [...el.shadowRoot!.querySelectorAll('.row')].find((r) => r.textContent!.includes('Slides online?'))!.querySelector('.meta bdi')!;
    expect(alicesName.getAttribute('title')).to.equal(ALICE);

    room.join(MALLORY, { displayName: 'ALICE' });
    question(room, root, MALLORY, 'Me again?');
    await waitFor(
      () => authors(el)['Slides online?'] === `Alice (${ALICE})` && authors(el)['Me again?'] === `ALICE (${MALLORY})`,
      `both with their ids: ${JSON.stringify(authors(el))}`,
    );

    room.join(MALLORY, { displayName: BOB });
    await waitFor(() => authors(el)['Me again?'] === MALLORY && authors(el)['Slides online?'] === 'Alice', 'the id for an id-like name');

    room.join(ALICE, { displayName: 'Alice Liddell' });
    await waitFor(() => authors(el)['Slides online?'] === 'Alice Liddell', 'the rename');
  });

  it("the moderator's hand list names who raised a hand (the id on focus); the invite names the moderator", async () => {
    const room = conference();
    openQa(room);
    room.setState(EventTypes.qaHand, ALICE, { raised: true, text: 'A demo', at: Date.now() }, ALICE);
    const modQ = await elementIn<DevroomQaQueue>(await sit(room, MOD, QA), 'devroom-qa-queue');
    const hand = await waitFor(() => modQ.shadowRoot!.querySelector<HTMLElement>('[part="hand"] .person'), 'the hand, named');
    await waitFor(() => seen(hand) === 'Alice', `the hand reads "${seen(hand)}"`);
    expect(hand.title).to.equal(ALICE);
    hand.focus();
    expect(seen(hand)).to.equal(`Alice (${ALICE})`);
    hand.blur();

    room.setState(EventTypes.qaStage, stageKey(ALICE), { invited: true, by: BOB, at: Date.now() }, MOD);
    const aliceQ = await elementIn<DevroomQaQueue>(await sit(room, ALICE, QA), 'devroom-qa-queue');
    // The state's sender invites, whoever its content names.
    await waitFor(() => seen(aliceQ.shadowRoot!.querySelector('[part="stage-invite"] p')) === 'Mo invites you on stage for the Q&A.', 'the invite names Mo');
  });
});
