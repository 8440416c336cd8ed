import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import '../../components/qa-queue/register.js';
import type { DevroomQaQueue } from '../../components/qa-queue/qa-queue.js';
import { DEVROOM_EVENT_LEVELS } from '../../host-tools/apply/power.js';
import { MemoryRoom } from '../../widgets/room/memory-room.js';
import { EventTypes } from '../../widgets/schema/namespace.js';
import { bindQaQueue } from '../../widgets/qa-queue/binding.js';
import { stageKey } from '../../widgets/qa-queue/schema.js';
import { afterTest, mount } from '../support/cleanup.js';
import { waitFor } from '../support/wait-for.js';

/**
 * #17.2 "'You accepted…' stays after the talk ended", through the Q&A binding on a room with a
 * schedule: nobody sets anything at the slot's end, the clock passes it (fake timers), and the
 * words Alice sees go. The component test (qa-queue.test.ts) sets the talks by hand instead.
 */

const MOD = '@mo:localhost';
const ALICE = '@alice:localhost';
const MIN = 60_000;

const iso = (ms: number) => new Date(ms).toISOString();
const shown = (el: DevroomQaQueue) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');

describe('Q&A: "You accepted…" ends with its talk (the binding, the clock passing)', () => {
  let clock: sinon.SinonFakeTimers;
  afterEach(() => clock?.restore());

  for (const next of [false, true]) {
    it(`gone at the slot's end${next ? ', and not in the next talk' : ' (no talk after it)'}`, async () => {
      const t0 = Date.now();
      clock = sinon.useFakeTimers({ now: t0, toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'], shouldAdvanceTime: true });
      const room = new MemoryRoom({ creator: MOD, powerLevels: { users: { [MOD]: 50 }, events: { ...DEVROOM_EVENT_LEVELS } } });
      room.join(MOD, { displayName: 'Mo' });
      room.join(ALICE, { displayName: 'Alice' });
      const talks = [{ id: 't1', title: 'One', speakers: [], startsAt: iso(t0 - 20 * MIN), qaAt: iso(t0 - 5 * MIN), endsAt: iso(t0 + 2 * MIN) }];
      if (next) talks.push({ id: 't2', title: 'Two', speakers: [], startsAt: iso(t0 + 3 * MIN), qaAt: iso(t0 + 20 * MIN), endsAt: iso(t0 + 30 * MIN) });
      room.setState(EventTypes.schedule, '', { talks }, MOD);
      for (const talk of talks) {
        const root = room.inject('m.room.message', { msgtype: 'm.notice', body: `Q&A: ${talk.title}` }, MOD).event_id;
        room.setState(EventTypes.root, `qa:${talk.id}`, { event_id: root }, MOD);
      }
      // Alice raised her hand, Mo invited her on stage, she accepted: all during talk One's Q&A.
      // The room's clock (the faked Date) orders the answer after the invite, not their content `at`.
      room.setState(EventTypes.qaStage, stageKey(ALICE), { invited: true, at: Date.now() }, MOD);
      clock.tick(1_000);
      room.setState(EventTypes.qaHand, ALICE, { raised: true, at: Date.now(), stage: 'accepted' }, ALICE);

      const el = mount<DevroomQaQueue>('devroom-qa-queue');
      el.lang = 'en';
      const binding = bindQaQueue(el, room.as(ALICE), { recheckMs: 0, hasCapability: () => true });
      afterTest(() => binding.stop());
      await waitFor(() => shown(el).includes('You accepted.') || undefined, 'Alice sees that she accepted');

      // The slot ends (and, with a next talk, the break passes and it starts).
      await clock.tickAsync((next ? 4 : 2) * MIN + 1_000);
      await waitFor(() => !shown(el).includes('You accepted') || undefined, `"You accepted…" after the talk ended: ${shown(el)}`);
      expect(el.shadowRoot!.querySelector('[part="stage-invite"]')).to.equal(null);
    });
  }
});
