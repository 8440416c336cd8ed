/**
 * What one attendee costs the homeserver when they open a busy Q&A (docs/scale.md): a room
 * with QUESTIONS questions and about VOTES 👍 votes (written over HTTP first), then a new
 * attendee opens the built Q&A page in the Element-like host. Counts the client's homeserver
 * requests from the widget's creation until its reads settle (the client's /sync excluded),
 * the time until the list shows, and whether "No questions yet" showed on the way.
 */
import { expect } from '@open-wc/testing';
import { EventTypes } from '../../widgets/schema/namespace.js';
import { conference, leaveAll, newAttendee, requestsSettled as settled, sit } from '../element/conference.js';
import type { Account } from '../element/element-client.js';
import { inWidget } from '../element/in-widget.js';
import { record } from './report.js';

const QUESTIONS = 200;
const VOTERS = 20;
/** Each voter votes on this many questions: VOTERS × VOTES_EACH ≈ 2,000 votes. */
const VOTES_EACH = 100;

/** Runs `tasks` with at most `limit` in flight. */
async function limited(tasks: (() => Promise<unknown>)[], limit = 16): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < tasks.length) await tasks[next++]!();
  }));
}

describe('Q&A at scale: one attendee opens a busy Q&A (built page, Element-like host)', function () {
  this.timeout(600_000);
  after(leaveAll);

  before(async function () {
    if (!(await fetch('/dist/widgets/qa-queue.html')).ok) {
      await record('scale', 'start-up of a busy Q&A', 'run npm run build first');
      this.skip();
    }
  });

  it(`${QUESTIONS} questions, ${VOTERS * VOTES_EACH} votes: requests and time to the list`, async () => {
    const people: Record<string, number> = { Mo: 50, Alice: 0 };
    for (let i = 0; i < VOTERS; i++) people[`Voter${i}`] = 0;
    const conf = await conference({ people, widgets: ['qa-queue'] });
    const mo = conf.people.Mo!;
    const root = await conf.send(mo, 'm.room.message', { msgtype: 'm.notice', body: 'Q&A' });
    await conf.setState(mo, EventTypes.root, 'qa', { event_id: root });
    const authors: Account[] = Object.values(conf.people);
    const questions: string[] = [];
    // Sent in order so the oldest-first read sees them in order.
    for (let i = 0; i < QUESTIONS; i++) {
      questions.push(await conf.send(authors[i % authors.length]!, 'm.room.message', { msgtype: 'm.text', body: `Question ${i}`, 'm.relates_to': { rel_type: 'm.reference', event_id: root } }));
    }
    const votes: (() => Promise<unknown>)[] = [];
    for (let v = 0; v < VOTERS; v++) {
      const voter = conf.people[`Voter${v}`]!;
      // Popularity falls with the question's number: voter v votes for questions v*3 … v*3+99 (mod N).
      for (let j = 0; j < VOTES_EACH; j++) {
        const q = questions[(v * 3 + j) % QUESTIONS]!;
        votes.push(() => conf.send(voter, 'm.reaction', { 'm.relates_to': { rel_type: 'm.annotation', event_id: q, key: '👍' } }));
      }
    }
    await limited(votes);

    const zed = await newAttendee(conf, 'Zed');
    const started = performance.now();
    const seat = await sit(conf, zed, 'qa-queue');
    let sawEmpty = false;
    let listMs: number | undefined;
    while (performance.now() - started < 60_000) {
      const text = await inWidget(seat.widget, (dom) => dom.text());
      if (/No questions yet/.test(text)) sawEmpty = true;
      if (/Question \d+/.test(text)) {
        listMs = performance.now() - started;
        break;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    await settled(() => seat.startupRequests().length, 1000);
    const requests = seat.startupRequests();
    const byPath = new Map<string, number>();
    for (const r of requests) {
      const path = `${r.method} ${r.path.replace(/^\/_matrix\/client\/v\d+\/rooms\/[^/]+/, '').replace(/\$[^/]+/g, '$id').replace(/\?.*$/, '')}`;
      byPath.set(path, (byPath.get(path) ?? 0) + 1);
    }
    const paths = [...byPath].sort((a, b) => b[1] - a[1]).map(([p, n]) => `${n}× ${p}`).join(', ');
    console.log(`\n[qa-scale] ${QUESTIONS} questions, ${votes.length} votes: ${requests.length} requests at start-up (${paths}); list after ${Math.round(listMs ?? NaN)} ms; "No questions yet" shown: ${sawEmpty}`);
    await record('scale', `start-up requests, ${QUESTIONS} questions and ${votes.length} votes`, requests.length, '', paths);
    await record('scale', 'iframe created → the list shows', Math.round(listMs ?? NaN), 'ms', sawEmpty ? '"No questions yet" showed first' : 'no empty state on the way');
    expect(listMs, 'the list showed').to.be.a('number');
  });
});
