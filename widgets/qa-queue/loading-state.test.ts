import { expect } from '@open-wc/testing';
import '../../components/qa-queue/register.js';
import type { DevroomQaQueue } from '../../components/qa-queue/qa-queue.js';
import { DEVROOM_EVENT_LEVELS } from '../../host-tools/apply/power.js';
import { afterTest, mount } from '../../test/support/cleanup.js';
import { waitFor } from '../../test/support/wait-for.js';
import { MemoryRoom } from '../room/memory-room.js';
import type { Room } from '../room/room.js';
import { EventTypes } from '../schema/namespace.js';
import { bindQaQueue } from './binding.js';

/**
 * "No questions yet" only when the room really has none (#17.2): from the element's first
 * render, while the schedule, the root and the questions are read (slow reads here), a person
 * reads "Loading questions…".
 */

const MOD = '@mo:localhost';
const ALICE = '@alice:localhost';

/** A view of the room whose every read waits `ms` (a slow homeserver). */
function slow(view: Room, ms: number): Room {
  return new Proxy(view, {
    get(t, prop) {
      const value = Reflect.get(t, prop, t) as unknown;
      if (typeof value !== 'function') return value;
      const fn = (value as (...a: unknown[]) => unknown).bind(t);
      return String(prop).startsWith('read') ? async (...a: unknown[]) => (await new Promise((r) => setTimeout(r, ms)), fn(...a)) : fn;
    },
  });
}

/** Every empty-list text the element shows, from its creation on (as the page creates it, then binds it). */
function watch(el: DevroomQaQueue): string[] {
  const seen: string[] = [];
  const look = () => {
    const empty = el.shadowRoot?.querySelector('.empty')?.textContent?.trim();
    if (empty && seen.at(-1) !== empty) seen.push(empty);
  };
  const observer = new MutationObserver(look);
  void el.updateComplete.then(() => observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true }));
  const timer = setInterval(look, 5);
  afterTest(() => (observer.disconnect(), clearInterval(timer)));
  return seen;
}

describe('Q&A: loading, not "No questions yet", while the list is read', () => {
  for (const schedule of [false, true]) {
    it(`a room with questions${schedule ? ' and a schedule' : ''}: "Loading questions…" until they show`, async () => {
      const room = new MemoryRoom({ creator: MOD, powerLevels: { events: { ...DEVROOM_EVENT_LEVELS } } });
      room.join(ALICE);
      const key = schedule ? 'qa:t1' : 'qa';
      if (schedule) {
        const now = Date.now();
        room.setState(EventTypes.schedule, '', { talks: [{ id: 't1', title: 'One', speakers: [], startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString() }] });
      }
      const root = room.inject('m.room.message', { msgtype: 'm.notice', body: 'Q&A' }, MOD).event_id;
      room.setState(EventTypes.root, key, { event_id: root }, MOD);
      room.inject('m.room.message', { msgtype: 'm.text', body: 'Is it recorded?', 'm.relates_to': { rel_type: 'm.reference', event_id: root } }, MOD);

      // As page.ts: the element is in the page, then bound.
      const el = mount<DevroomQaQueue>('devroom-qa-queue');
      el.lang = 'en';
      const seen = watch(el);
      const binding = bindQaQueue(el, slow(room.as(ALICE), 30), { recheckMs: 0, hasCapability: () => true });
      afterTest(() => binding.stop());
      await waitFor(() => el.shadowRoot!.textContent!.includes('Is it recorded?'), 'the question');
      expect(seen).to.deep.equal(['Loading questions…']);
    });
  }

  it('an empty room: "Loading questions…", then "No questions yet"', async () => {
    const room = new MemoryRoom({ creator: MOD, powerLevels: { events: { ...DEVROOM_EVENT_LEVELS } } });
    room.join(ALICE);
    const root = room.inject('m.room.message', { msgtype: 'm.notice', body: 'Q&A' }, MOD).event_id;
    room.setState(EventTypes.root, 'qa', { event_id: root }, MOD);
    const el = mount<DevroomQaQueue>('devroom-qa-queue');
    el.lang = 'en';
    const seen = watch(el);
    const binding = bindQaQueue(el, slow(room.as(ALICE), 30), { recheckMs: 0, hasCapability: () => true });
    afterTest(() => binding.stop());
    await binding.ready;
    await waitFor(() => seen.length === 2, 'the empty state');
    expect(seen).to.deep.equal(['Loading questions…', 'No questions yet. Be the first to ask!']);
  });
});
