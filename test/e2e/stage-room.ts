import '../../components/qa-queue/register.js';
import '../../components/talk-player/define.js';
import type { DevroomQaQueue } from '../../components/qa-queue/qa-queue.js';
import type { DevroomTalkPlayer } from '../../components/talk-player/talk-player.js';
import { DEVROOM_EVENT_LEVELS } from '../../host-tools/apply/power.js';
import { MemoryRoom } from '../../widgets/room/memory-room.js';
import { EventTypes } from '../../widgets/schema/namespace.js';
import { bindQaQueue } from '../../widgets/qa-queue/binding.js';
import { bindTalkPlayer } from '../../widgets/talk-player/binding.js';
import { afterTest, mount } from '../support/cleanup.js';

/**
 * The stage tests' room (qa-stage-*.e2e.test.ts): Mo moderates a talk in its Q&A phase, with
 * the room's Q&A open and no schedule; each person has a talk player and a Q&A bound to it.
 */

export const MOD = '@mo:localhost';
export const ALICE = '@alice:localhost';
export const BOB = '@bob:localhost';
export const CAROL = '@carol:localhost';
/** The Jitsi IFrame API stand-in, named by the widget URL as a real one would be (docs/security.md). */
const FAKE_JITSI = '/test/fixtures/jitsi/external_api.js';

/** Mo, and `people` (id, display name) as members. `now`: the room's clock, which stamps `origin_server_ts`. */
export function stageRoom(people: readonly (readonly [string, string])[], now?: () => number): MemoryRoom {
  const room = new MemoryRoom({ creator: MOD, powerLevels: { users: { [MOD]: 50 }, events: { ...DEVROOM_EVENT_LEVELS } }, ...(now ? { now } : {}) });
  room.join(MOD, { displayName: 'Mo' });
  for (const [id, name] of people) room.join(id, { displayName: name });
  // No dev.devroom.schedule: the talk state names the talk, a host moves its phase.
  room.setState(EventTypes.talk, '', { title: 'Keynote', speakers: [], phase: 'qa', jitsiRoom: 'DevroomTalk' }, MOD);
  const root = room.inject('m.room.message', { msgtype: 'm.notice', body: 'Q&A' }, MOD).event_id;
  room.setState(EventTypes.root, 'qa', { event_id: root }, MOD);
  return room;
}

/** `user`'s talk player on the room (left and unbound after the test). */
export function player(room: MemoryRoom, user: string): DevroomTalkPlayer {
  const el = mount<DevroomTalkPlayer>('devroom-talk-player');
  el.lang = 'en';
  const binding = bindTalkPlayer(el, room.as(user), { options: { jitsiDomain: 'meet.example.org', jitsiScriptUrl: FAKE_JITSI } });
  afterTest(() => {
    if (el.inCall) el.leaveCall();
    binding.stop();
  });
  return el;
}

/** `user`'s Q&A on the room. */
export function qa(room: MemoryRoom, user: string): DevroomQaQueue {
  const el = mount<DevroomQaQueue>('devroom-qa-queue');
  el.lang = 'en';
  const binding = bindQaQueue(el, room.as(user), { recheckMs: 0, hasCapability: () => true });
  afterTest(() => binding.stop());
  return el;
}

/** What an element shows, spaces folded. */
export const shown = (root: Element) => (root.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');
export const buttonIn = (root: ParentNode, label: string) => [...root.querySelectorAll('button')].find((b) => b.textContent!.trim() === label);
export const button = (el: Element, label: string) => buttonIn(el.shadowRoot!, label);
