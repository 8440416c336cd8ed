import { expect } from '@open-wc/testing';
import '../../components/qa-queue/define.js';
import type { DevroomQaQueue } from '../../components/qa-queue/qa-queue.js';
import { DEVROOM_EVENT_LEVELS } from '../../host-tools/apply/power.js';
import { afterTest, mount } from '../../test/support/cleanup.js';
import { waitFor } from '../../test/support/wait-for.js';
import { MemoryRoom } from '../room/memory-room.js';
import type { Room } from '../room/room.js';
import { EventTypes } from '../schema/namespace.js';
import { bindQaQueue } from './binding.js';

/**
 * A moderator closes the current talk's questions and reopens them (#16.3, docs/schema.md
 * "Q&A"): `closed: true` in the talk's root state, so every widget agrees; closed, the queue is
 * read-only for everyone with a line saying so, and a viewer's unsent question is kept.
 */

const MOD = '@mo:localhost';
const ALICE = '@alice:localhost';
const iso = (ms: number) => new Date(ms).toISOString();

/** A room whose schedule has one talk on now, its root opened as `devroom apply` leaves it. */
function conference(): { room: MemoryRoom; root: string } {
  const room = new MemoryRoom({ creator: MOD, powerLevels: { events: { ...DEVROOM_EVENT_LEVELS } } });
  room.join(ALICE);
  const now = Date.now();
  room.setState(EventTypes.schedule, '', { talks: [{ id: 'rust', title: 'Rust', speakers: [], startsAt: iso(now - 60_000), endsAt: iso(now + 3_600_000) }] });
  const root = room.inject('m.room.message', { msgtype: 'm.notice', body: '💬 Q&A — Rust' }, MOD).event_id;
  room.setState(EventTypes.root, 'qa:rust', { event_id: root, preModeration: false }, MOD);
  room.inject('m.room.message', { msgtype: 'm.text', body: 'Is it safe?', 'm.relates_to': { rel_type: 'm.reference', event_id: root } }, ALICE);
  return { room, root };
}

async function seat(room: Room): Promise<DevroomQaQueue> {
  const el = mount<DevroomQaQueue>('devroom-qa-queue');
  el.lang = 'en';
  const binding = bindQaQueue(el, room, { recheckMs: 0, hasCapability: () => true });
  afterTest(() => binding.stop());
  await binding.ready;
  await el.updateComplete;
  return el;
}

const $ = (el: DevroomQaQueue, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const buttonNamed = (el: DevroomQaQueue, label: string) => [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === label);

describe('Q&A: a moderator closes and reopens the questions', () => {
  it("writes `closed` in the talk's root state; the attendee's queue goes read-only live, keeps her draft, and opens again", async () => {
    const { room, root } = conference();
    const mod = await seat(room.as(MOD));
    const alice = await seat(room.as(ALICE));
    await waitFor(() => alice.shadowRoot!.textContent!.includes('Is it safe?'), 'the question');
    // Alice is typing when the questions close.
    const draft = $(alice, 'textarea#ask') as HTMLTextAreaElement;
    draft.value = 'Half a question';
    draft.dispatchEvent(new Event('input'));
    expect(buttonNamed(alice, 'Close questions'), 'attendees have no close button').to.equal(undefined);

    const close = await waitFor(() => buttonNamed(mod, 'Close questions'), 'the moderator\'s "Close questions"');
    close.click();
    await waitFor(() => room.getState(EventTypes.root, 'qa:rust')[0]?.content.closed === true, 'closed in the root state');
    // The rest of the root's content is kept.
    expect(room.getState(EventTypes.root, 'qa:rust')[0]!.content).to.deep.equal({ event_id: root, preModeration: false, closed: true });

    await waitFor(() => $(alice, '[part="closed"]'), 'the closed line at Alice');
    await alice.updateComplete;
    expect($(alice, '[part="closed"]')!.textContent).to.equal('Questions are closed for this talk.');
    expect($(alice, 'textarea#ask'), 'no ask form').to.equal(null);
    expect($(alice, '.vote[part="vote-button"]'), 'no vote buttons').to.equal(null);
    expect(alice.shadowRoot!.textContent).to.contain('Is it safe?');
    await waitFor(() => buttonNamed(mod, 'Reopen questions'), 'the moderator\'s "Reopen questions"');

    buttonNamed(mod, 'Reopen questions')!.click();
    await waitFor(() => room.getState(EventTypes.root, 'qa:rust')[0]?.content.closed === undefined, 'reopened in the root state');
    expect(room.getState(EventTypes.root, 'qa:rust')[0]!.content).to.deep.equal({ event_id: root, preModeration: false });
    const again = await waitFor(() => $(alice, 'textarea#ask') as HTMLTextAreaElement | null, 'the ask form back at Alice');
    expect(again.value, 'her draft is kept').to.equal('Half a question');
    expect($(alice, '[part="closed"]')).to.equal(null);
  });

  it('keeps a closed root closed for a late joiner, and ignores a `closed` that is not true', async () => {
    const { room, root } = conference();
    room.setState(EventTypes.root, 'qa:rust', { event_id: root, closed: true }, MOD);
    const late = await seat(room.as(ALICE));
    expect(late.closed).to.equal(true);
    expect($(late, 'textarea#ask')).to.equal(null);
    room.setState(EventTypes.root, 'qa:rust', { event_id: root, closed: 'yes' }, MOD);
    await waitFor(() => $(late, 'textarea#ask'), 'open: only `true` closes');
  });
});
