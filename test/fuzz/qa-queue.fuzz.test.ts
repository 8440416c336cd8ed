import type { BindContext } from '../../widgets/shared/binding.js';
import { expect } from '@open-wc/testing';
import '../../components/qa-queue/define.js';
import type { DevroomQaQueue } from '../../components/qa-queue/qa-queue.js';
import { SECTIONS } from '../../components/qa-queue/tally.js';
import { rejections } from '../../widgets/shared/rejection-tally.js';
import { bindQaQueue } from '../../widgets/qa-queue/binding.js';
import type { RoomEvent } from '../../widgets/room/room.js';
import { EventTypes } from '../../widgets/schema/namespace.js';
import { LOCAL_ID_KEY } from '../../widgets/qa-queue/question-schema.js';
import { afterTest } from '../support/cleanup.js';
import { Feed } from './feed.js';
import { expectSoon, feedLive, report, runProblems, settle, sleep, watchPage, seat } from './harness.js';
import type { Label } from './harness.js';
import { MARKUP, extraKeys, huge, oddRelation, oddText, withProtoKeys, wrongType } from './hostile.js';
import { rng } from './prng.js';
import { LIVE, ScheduleFeed } from './schedule.js';
import { FUZZ_EVENTS, FUZZ_SEED } from './seed.js';
import { ADMIN, ALICE, MOD, PLAIN_USERS, SPOOFED, fuzzRoom, oddPowerLevels } from './users.js';

/**
 * <devroom-qa-queue> bound to a room that sends hostile events (issue #14): questions, votes,
 * redactions (forged ones, and ones before their event), moderation, hands, stage invites,
 * the Q&A root and power levels. The viewer moderates (MOD): every section and the hands
 * queue render.
 */

const ME = MOD;
const NOT_USER_IDS = ['not-a-user-id', '', '@admin', '@a b:fuzz.example'];
/** Senders who never ask or vote here: a redaction from them is never of their own event. */
const FORGERS = SPOOFED.filter((s) => !PLAIN_USERS.includes(s) && !NOT_USER_IDS.includes(s));
const THUMBS = ['👍', '👍\uFE0F', '👍🏽', '👍🏿\uFE0F'];

interface Question {
  id: string;
  author: string;
  /** Votes the tally holds: vote id → voter. */
  votes: Map<string, string>;
}

class QaFuzz extends Feed {
  root!: string;
  /** The room has a schedule (#16): the queue on screen is the talk on now's, `qa:live` (schedule.ts). */
  readonly rootKey = `qa:${LIVE}`;
  readonly schedule = new ScheduleFeed(this, Date.now(), 'irrelevant');
  /** Questions the queue shows. */
  readonly questions = new Map<string, Question>();
  /** author + local id → the first question with it (kept after a redaction, as the binding does). */
  readonly byLocal = new Map<string, string>();
  readonly copied = new Set<string>();
  /** Votes the tally knows (also of questions removed since): id → voter and question. */
  readonly votes = new Map<string, { voter: string; question: string }>();
  /** Every reaction aimed at a question, whatever its label (a history redaction of the question takes them along). */
  readonly aimedAt = new Map<string, string[]>();

  setUp(): void {
    this.schedule.setUp(MOD);
    this.root = this.inject('m.room.message', { msgtype: 'm.notice', body: 'Q&A for this room' }, ME, 'irrelevant', 'root notice').event_id;
    this.state(EventTypes.root, this.rootKey, { event_id: this.root }, ME, 'valid', 'root');
  }

  /** After the history: the current root state names the root (a bad one would leave the queue without one). */
  restoreRoot(): void {
    this.state(EventTypes.root, this.rootKey, { event_id: this.root, preModeration: this.r.chance(0.3) }, ME, 'valid', 'root');
  }

  question(target?: string): RoomEvent {
    const r = this.r;
    const author = r.pick(PLAIN_USERS);
    const relation = { rel_type: 'm.reference', event_id: this.root };
    const roll = target ? 0 : r.next();
    if (roll < 0.5) {
      const copyOf = r.chance(0.1) ? r.pick([...this.byLocal.entries()].filter(([key]) => key.startsWith(`${author}\u0000`))) : undefined;
      const localId = copyOf ? copyOf[0].split('\u0000')[1]! : r.pick<unknown>([`q-${r.int(1e9)}`, `q-${r.int(1e9)}`, undefined, '', huge(r, 101), 42]);
      const content: Record<string, unknown> = { msgtype: 'm.text', body: r.chance(0.05) ? `  ${huge(r, 4990)}  ` : oddText(r), 'm.relates_to': relation };
      if (localId !== undefined) content[LOCAL_ID_KEY] = localId;
      if (r.chance(0.2)) Object.assign(content, { format: 'org.matrix.custom.html', formatted_body: r.pick(MARKUP) });
      if (r.chance(0.1)) Object.assign(content, extraKeys(r));
      const event = this.room.inject('m.room.message', r.chance(0.05) ? withProtoKeys(r, content) : content, author);
      if (target && event.event_id === target) return this.add(event, 'invalid', 'question, redacted before it arrived');
      // A local id counts when it is a non-empty string of at most 100 characters.
      const key = typeof localId === 'string' && localId && localId.length <= 100 ? `${author}\u0000${localId}` : undefined;
      if (key && this.byLocal.has(key)) {
        this.copied.add(key);
        return this.add(event, 'invalid', 'question, a copy (same sender and local id)');
      }
      if (key) this.byLocal.set(key, event.event_id);
      this.questions.set(event.event_id, { id: event.event_id, author, votes: new Map() });
      return this.add(event, 'valid', 'question');
    }
    if (roll < 0.8) {
      const content: Record<string, unknown> = { msgtype: 'm.text', body: oddText(r), 'm.relates_to': relation };
      const field = r.pick(['msgtype', 'body', 'long', 'blank', 'sender']);
      let sender = author;
      if (field === 'msgtype') content.msgtype = r.pick<unknown>(['m.notice', 'm.image', 'm.emote', undefined, 42, null]);
      else if (field === 'body') content.body = r.pick<unknown>([undefined, 42, null, ['x'], { text: 'x' }]);
      else if (field === 'long') content.body = huge(r, r.pick([5001, 65536]));
      else if (field === 'blank') content.body = r.pick(['', '   ', '\n\t', '\u00A0\u3000']);
      else sender = r.pick(NOT_USER_IDS);
      return this.inject('m.room.message', content, sender, 'invalid', `question, bad ${field}`);
    }
    // Not about this Q&A: other messages, replies, threads, edits, relations to other events.
    const content = { msgtype: 'm.text', body: oddText(r), 'm.relates_to': oddRelation(r, this.root, this.nextId) };
    return this.inject('m.room.message', r.chance(0.3) ? { msgtype: 'm.text', body: oddText(r) } : content, author, 'irrelevant', 'message, not a question');
  }

  vote(live: boolean): void {
    const r = this.r;
    const alive = [...this.questions.values()];
    const q = alive.length ? r.pick(alive) : undefined;
    const voter = r.pick(PLAIN_USERS);
    const roll = r.next();
    if (!q || roll < 0.1) {
      const content = { 'm.relates_to': { rel_type: 'm.annotation', event_id: r.pick([this.root, `$nothing-${r.int(1e6)}`]), key: r.pick(THUMBS) } };
      return void this.inject('m.reaction', content, voter, 'irrelevant', 'reaction, not to a question');
    }
    const aim = (event: RoomEvent) => this.aimedAt.set(q.id, [...(this.aimedAt.get(q.id) ?? []), event.event_id]);
    if (roll < 0.75) {
      const content = { 'm.relates_to': { rel_type: 'm.annotation', event_id: q.id, key: r.pick(THUMBS) } };
      const event = this.inject('m.reaction', r.chance(0.05) ? withProtoKeys(r, content) : content, voter, 'valid', 'vote');
      q.votes.set(event.event_id, voter);
      this.votes.set(event.event_id, { voter, question: q.id });
      return void aim(event);
    }
    if (roll < 0.85) {
      // Other reactions are not votes.
      const content = { 'm.relates_to': { rel_type: 'm.annotation', event_id: q.id, key: r.pick(['🎉', '👎', 'x', '👍👍', huge(r, 65), '']) } };
      return void aim(this.inject('m.reaction', content, voter, 'irrelevant', 'reaction, not a vote'));
    }
    const bad = r.pick(['relation', 'key', 'sender']);
    let content: Record<string, unknown> = { 'm.relates_to': { rel_type: 'm.annotation', event_id: q.id, key: '👍' } };
    let sender = voter;
    let label: Label = 'invalid';
    if (bad === 'relation') {
      content = { 'm.relates_to': { rel_type: r.pick(['m.reference', 'm.thread', 'M.ANNOTATION']), event_id: q.id, key: '👍' } };
      // Not an annotation: history (annotations only) never reads it.
      if (!live) label = 'irrelevant';
    } else if (bad === 'key') content = { 'm.relates_to': { rel_type: 'm.annotation', event_id: q.id, key: wrongType(r, 'string') } };
    else sender = r.pick(NOT_USER_IDS);
    aim(this.inject('m.reaction', content, sender, label, `vote, bad ${bad}`));
  }

  redaction(): void {
    const r = this.r;
    const roll = r.next();
    if (roll < 0.35 && this.questions.size) {
      const q = r.pick([...this.questions.values()]);
      const who = r.pick(['own', 'moderator', 'forged'] as const);
      const sender = who === 'own' ? q.author : who === 'moderator' ? ME : r.pick(FORGERS);
      if (who === 'forged') return void this.inject('m.room.redaction', { redacts: q.id }, sender, 'invalid', 'redaction of a question, forged');
      this.inject('m.room.redaction', { redacts: q.id }, sender, 'valid', `redaction of a question, ${who}`);
      this.questions.delete(q.id);
      return;
    }
    if (roll < 0.6 && this.votes.size) {
      const [id, vote] = r.pick([...this.votes.entries()]);
      const who = r.pick(['own', 'moderator', 'forged'] as const);
      const sender = who === 'own' ? vote.voter : who === 'moderator' ? ME : r.pick(FORGERS);
      if (who === 'forged') return void this.inject('m.room.redaction', { redacts: id }, sender, 'invalid', 'redaction of a vote, forged');
      this.inject('m.room.redaction', { redacts: id }, sender, 'valid', `redaction of a vote, ${who}`);
      this.votes.delete(id);
      this.questions.get(vote.question)?.votes.delete(id);
      return;
    }
    if (roll < 0.8) {
      // The redaction takes the next id, its question the one after.
      const target = this.idAfter(2);
      const forged = r.chance(0.3);
      const redaction = this.inject('m.room.redaction', { redacts: target }, forged ? r.pick(FORGERS) : ME, forged ? 'invalid' : 'valid', forged ? 'early redaction, forged' : 'early redaction');
      const question = forged ? this.question() : this.question(target);
      // Judged when a message about this Q&A comes (a valid question or not); other messages never reach it.
      if (question.event_id !== target || this.log.get(target)?.recipe === 'message, not a question') this.log.relabel(redaction.event_id, 'irrelevant', 'early redaction, no question came');
      return;
    }
    const content = r.pick<Record<string, unknown>>([{ redacts: `$nothing-${r.int(1e6)}` }, { redacts: 42 }, {}, { redacts: this.root }]);
    this.inject('m.room.redaction', content, r.pick([ME, ...SPOOFED]), 'irrelevant', 'redaction of nothing the queue shows');
  }

  /** Before the queue opens the server applies a redaction: the question and its votes are simply not in the history. */
  historyRedaction(): void {
    const candidates = [...this.questions.values()].filter((q) => ![...this.copied].some((key) => this.byLocal.get(key) === q.id));
    if (!candidates.length) return void this.question();
    const q = this.r.pick(candidates);
    const sender = this.r.chance(0.5) ? ME : q.author;
    if (this.room.membership(sender) !== 'join') this.room.join(sender);
    void this.room.as(sender).redact(q.id);
    this.questions.delete(q.id);
    // Never read: a later question with its local id is the first the queue sees.
    for (const [key, id] of this.byLocal) if (id === q.id) this.byLocal.delete(key);
    this.log.relabel(q.id, 'irrelevant', 'question redacted before the queue opened');
    for (const id of this.aimedAt.get(q.id) ?? []) {
      this.votes.delete(id);
      this.log.relabel(id, 'irrelevant', 'reaction to a question redacted before the queue opened');
    }
  }

  moderation(): void {
    const r = this.r;
    const ids = [...this.questions.keys()];
    const key = r.chance(0.8) && ids.length ? r.pick(ids) : `$maybe-later-${r.int(1e6)}`;
    const content: Record<string, unknown> = {};
    for (const field of ['pinned', 'answered', 'hidden', 'approved']) if (r.chance(0.5)) content[field] = r.chance(0.5);
    const roll = r.next();
    if (roll < 0.7) return void this.state(EventTypes.qaQuestionState, key, r.chance(0.1) ? withProtoKeys(r, content) : content, r.pick([ME, ...SPOOFED]), 'valid', 'moderation');
    if (roll < 0.85) {
      const field = r.pick(['pinned', 'answered', 'hidden', 'approved']);
      const value = r.pick<unknown>(['true', 1, 0, [], {}, null]);
      content[field] = value;
      return void this.state(EventTypes.qaQuestionState, key, content, ME, value === null ? 'valid' : 'invalid', `moderation, bad ${field}`);
    }
    this.state(EventTypes.qaQuestionState, r.pick(['x', '', '__proto__', 'constructor', '$has space', '@alice:fuzz.example']), content, ME, 'invalid', 'moderation, key is no event id');
  }

  hand(): void {
    const r = this.r;
    const owner = r.pick([ME, ...PLAIN_USERS]);
    const content: Record<string, unknown> = { raised: r.chance(0.7), ...(r.chance(0.6) ? { text: oddText(r, 300) } : {}), at: Date.now() - r.int(1e6) };
    // Every answer the hand check accepts ('ended': the talk player ended an acceptance).
    if (r.chance(0.2)) content.stage = r.pick(['accepted', 'declined', 'ended']);
    const roll = r.next();
    if (roll < 0.6) return void this.state(EventTypes.qaHand, owner, content, owner, 'valid', 'hand');
    if (roll < 0.75) return void this.state(EventTypes.qaHand, owner, content, r.pick(FORGERS), 'invalid', 'hand, written by someone else');
    if (roll < 0.8) return void this.state(EventTypes.qaHand, r.pick(NOT_USER_IDS), content, r.pick(NOT_USER_IDS), 'invalid', 'hand, key is no user id');
    const field = r.pick(['raised', 'text', 'at', 'stage']);
    const value = field === 'stage' ? r.pick<unknown>(['yes', 'ACCEPTED', 1, null]) : wrongType(r, field === 'raised' ? 'boolean' : field === 'text' ? 'string' : 'number');
    content[field] = value;
    this.state(EventTypes.qaHand, owner, content, owner, value === null ? 'valid' : 'invalid', `hand, bad ${field}`);
  }

  stage(): void {
    const r = this.r;
    const user = r.pick([ME, ...PLAIN_USERS]);
    const content: Record<string, unknown> = r.chance(0.7) ? { invited: r.chance(0.7), by: ME, at: Date.now() - r.int(1e6) } : { invited: false, dismissedAt: Date.now() };
    const roll = r.next();
    if (roll < 0.6) return void this.state(EventTypes.qaStage, `stage:${user}`, content, r.pick([ME, ...SPOOFED]), 'valid', 'stage');
    if (roll < 0.75) return void this.state(EventTypes.qaStage, r.pick([user, `stage:${r.pick(NOT_USER_IDS)}`, 'stage:', `Stage:${user}`]), content, ME, 'invalid', 'stage, key is not stage:<user id>');
    const field = r.pick(['invited', 'by', 'at', 'dismissedAt']);
    const value = field === 'by' ? r.pick<unknown>(['mod', '@mod', 42, '', null]) : wrongType(r, field === 'invited' ? 'boolean' : 'number');
    content[field] = value;
    this.state(EventTypes.qaStage, `stage:${user}`, content, ME, value === null ? 'valid' : 'invalid', `stage, bad ${field}`);
  }

  step(): void {
    const r = this.r;
    const roll = r.next();
    if (roll < 0.3) this.question();
    else if (roll < 0.5) this.vote(this.live);
    else if (roll < 0.6) {
      if (this.live) this.redaction();
      else this.historyRedaction();
    } else if (roll < 0.7) this.moderation();
    else if (roll < 0.77) this.hand();
    else if (roll < 0.83) this.stage();
    else if (roll < 0.87) {
      const valid = r.chance(0.5);
      const content = valid
        ? { event_id: this.root, preModeration: r.pick<unknown>([true, false, 'yes', undefined]), ...(r.chance(0.3) ? { previous: r.pick<unknown>(['x', [this.root, 'nope', 42], Array(17).fill(this.root), {}]) } : {}) }
        : r.pick<Record<string, unknown>>([{}, { event_id: 42 }, { event_id: 'nope', preModeration: true }, { event_id: null, previous: [this.root] }]);
      this.state(EventTypes.root, this.rootKey, content, ME, valid ? 'valid' : 'invalid', valid ? 'root, odd fields' : 'root, bad event_id');
    } else if (roll < 0.9) this.state('m.room.power_levels', '', oddPowerLevels(r), ADMIN, 'valid', 'odd power levels');
    else if (roll < 0.93) this.schedule.step(r.pick([MOD, ADMIN]));
    else if (roll < 0.95) this.schedule.otherRoot(this.root, r.pick([MOD, ADMIN, ...SPOOFED]));
    else {
      const pick = r.int(5);
      if (pick === 4) this.loop('m.room.message', { msgtype: 'm.text', body: oddText(r) }, ALICE);
      else if (pick === 3) this.protoTyped();
      else if (pick === 0) this.state(EventTypes.root, r.pick(['orders', 'QA', '__proto__']), { event_id: this.root }, ME, 'irrelevant', 'other root');
      else if (pick === 1) this.inject(EventTypes.order, { 'm.relates_to': { rel_type: 'm.reference', event_id: this.root } }, ALICE, 'irrelevant', 'other type');
      else this.state(r.pick(['m.room.topic', 'dev.devroom.qa', 'dev.devroom.qa.question.extra']), r.pick(['', this.root]), { topic: oddText(r) }, ADMIN, 'irrelevant', 'other state');
    }
  }
}

const shownQuestions = (el: DevroomQaQueue) => new Map(SECTIONS.flatMap((s) => el.model.section(s).slice()).map((q) => [q.id, q]));

describe('fuzz: Q&A queue', function () {
  this.timeout(60_000);

  it(`${FUZZ_EVENTS} hostile events: nothing escapes, no script runs, every rejection has a reason`, async () => {
    const page = watchPage();
    afterTest(() => page.stop());
    const started = performance.now();
    const room = fuzzRoom();
    const fuzz = new QaFuzz(room, rng(FUZZ_SEED ^ 0x9a));
    fuzz.setUp();
    while (fuzz.count < FUZZ_EVENTS * 0.1) fuzz.step();
    fuzz.restoreRoot();
    await sleep(0); // the history redactions

    const seatOf = (user: string) => seat<DevroomQaQueue, BindContext>('devroom-qa-queue', bindQaQueue, room.as(user));
    const el = await seatOf(ME);
    // An attendee too: other code paths (no moderation, hands only their own), the same checks.
    const attendee = await seatOf(ALICE);
    await settle(el);
    fuzz.live = true;

    await feedLive(fuzz, FUZZ_EVENTS, [el, attendee]);
    const fed = performance.now() - started;

    const problems = runProblems(page, [el, attendee], fuzz.log);
    const errorsChecked = page.errors.length;
    // What the queue shows is what the room holds: every valid question once, and its voters.
    const shown = shownQuestions(el);
    for (const q of fuzz.questions.values()) {
      const votes = new Set(q.votes.values()).size;
      if (!shown.has(q.id)) problems.push(`question not shown: ${q.id}`);
      else if (shown.get(q.id)!.votes !== votes) problems.push(`question ${q.id} shows ${shown.get(q.id)!.votes} votes, not ${votes}`);
    }
    for (const id of shown.keys()) if (!fuzz.questions.has(id)) problems.push(`shown, but not a question: ${id}`);

    // Still working: the moderator asks and votes.
    const before = room.timeline.length;
    el.dispatchEvent(new CustomEvent('devroom-ask', { detail: { text: 'Still there?', localId: 'fuzz-ask' }, bubbles: true, composed: true, cancelable: true }));
    const target = [...fuzz.questions.keys()].pop()!;
    el.dispatchEvent(new CustomEvent('devroom-vote', { detail: { questionId: target, vote: true }, bubbles: true, composed: true }));
    const sent = () => room.timeline.slice(before);
    await expectSoon(problems, () => sent().some((e) => e.type === 'm.room.message' && e.sender === ME && e.content.body === 'Still there?'), 'the question reaches the room');
    await expectSoon(problems, () => [...shownQuestions(el).values()].some((q) => q.text === 'Still there?' && q.author === ME), 'the queue shows it');
    await expectSoon(problems, () => sent().some((e) => e.type === 'm.reaction' && e.sender === ME), 'the vote reaches the room');
    await expectSoon(problems, () => el.model.hasVoted(target, ME), 'the queue counts it');
    await expectSoon(problems, () => attendee.model.hasVoted(target, ME), "the attendee's queue counts it too");
    if (!el.shadowRoot!.childElementCount || !attendee.shadowRoot!.childElementCount) problems.push('a queue renders nothing');
    // Whatever the schedules said, the queue on screen is the talk on now's (schedule.ts keeps `live` on now).
    if (el.talk !== LIVE || attendee.talk !== LIVE) problems.push(`the queues show talk ${String(el.talk)} / ${String(attendee.talk)}, not ${LIVE}`);
    // An ended talk's queue, its root as hostile as the run made it: picked (read-only), then back.
    const ended = attendee.talks.find((t) => t.id !== LIVE);
    if (ended) {
      attendee.dispatchEvent(new CustomEvent('devroom-pick-talk', { detail: { talkId: ended.id }, bubbles: true, composed: true }));
      await expectSoon(problems, () => attendee.talk === ended.id, 'the picked ended talk is shown');
      await settle(attendee, 50);
      attendee.dispatchEvent(new CustomEvent('devroom-pick-talk', { detail: { talkId: LIVE }, bubbles: true, composed: true }));
      await expectSoon(problems, () => attendee.talk === LIVE && [...shownQuestions(attendee).values()].some((q) => q.text === 'Still there?'), 'back on the talk on now, its questions shown');
    }
    // Anything that escaped afterwards (the picked queue's reads).
    problems.push(...page.errors.slice(errorsChecked));

    console.log(`fuzz Q&A queue: seed ${FUZZ_SEED}, ${FUZZ_EVENTS} events ${JSON.stringify(fuzz.log.counts())}, ${rejections.total} rejections, ${Math.round(fed)} ms (two seats); ended talk picked: ${ended ? 'yes' : 'none in the schedule'}`);
    expect(problems.length, report('Q&A queue', FUZZ_SEED, problems)).to.equal(0);
  });
});
