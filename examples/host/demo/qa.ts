import type { MemoryRoom } from '../../../widgets/room/memory-room.js';
import { EventTypes } from '../../../widgets/schema/namespace.js';
import { ATTENDEES } from '../demo-room.js';
import { demoTalks } from './talk.js';

/**
 * The demo Q&A, a queue per talk (as `devroom apply` opens them: a notice and
 * `dev.devroom.root` `qa:<talk id>` each). The opening, just ended, keeps an answered
 * question (pick it in the talk picker); the Rust talk, next up, already has questions
 * from the audience with 👍 votes, and Carol's raised hand waiting for Mo to invite her on
 * stage. Switch to Mo for the moderation controls and the hands queue.
 */
export function seedQa(room: MemoryRoom): void {
  const roots = new Map<string, string>();
  for (const talk of demoTalks()) {
    const notice = room.inject('m.room.message', { msgtype: 'm.notice', body: `💬 Q&A — ${talk.title}: ask and vote in the devroom Q&A widget (or react 👍 to a question).` }, ATTENDEES.moderator).event_id;
    room.setState(EventTypes.root, `qa:${talk.id}`, { event_id: notice }, ATTENDEES.moderator);
    roots.set(talk.id, notice);
  }
  const opening = roots.get('opening')!;
  const root = roots.get('rust')!;
  const ask = (sender: string, body: string, on = root) =>
    room.inject('m.room.message', { msgtype: 'm.text', body, 'm.relates_to': { rel_type: 'm.reference', event_id: on } }, sender).event_id;
  const vote = (sender: string, target: string) =>
    room.inject('m.reaction', { 'm.relates_to': { rel_type: 'm.annotation', event_id: target, key: '👍' } }, sender);

  const unsafe = ask(ATTENDEES.alice, 'How much unsafe code is still needed in a typical driver?');
  const toolchain = ask(ATTENDEES.bob, 'Which compiler versions do you support, and how often do you bump the minimum?');
  const gcc = ask(ATTENDEES.carol, 'Is gccrs close to being usable for kernel builds?');
  const slides = ask(ATTENDEES.bob, 'Will the slides be online?');
  for (const who of [ATTENDEES.bob, ATTENDEES.carol, ATTENDEES.staff]) vote(who, unsafe);
  for (const who of [ATTENDEES.alice, ATTENDEES.vendor]) vote(who, gcc);
  vote(ATTENDEES.carol, toolchain);
  room.setState(EventTypes.qaQuestionState, slides, { answered: true }, ATTENDEES.moderator);
  const wifi = ask(ATTENDEES.alice, 'Is there a room chat for people watching from home?', opening);
  room.setState(EventTypes.qaQuestionState, wifi, { answered: true }, ATTENDEES.moderator);
  room.setState(EventTypes.qaHand, ATTENDEES.carol, { raised: true, text: 'I maintain a Rust driver and can show a demo', at: Date.now() }, ATTENDEES.carol);
}
