/**
 * What one attendee costs the homeserver when they open a busy Q&A (docs/scale.md): a room
 * with QUESTIONS questions and about VOTES 👍 votes (written over HTTP first), then a new
 * attendee opens the built Q&A page in the Element-like host. Counts the client's homeserver
 * requests from the widget's creation until its reads settle (the client's /sync excluded),
 * the time until the list shows, and whether "No questions yet" showed on the way: before any
 * moderator's widget was open (no vote snapshot), then after (the moderator's widget wrote one);
 * then a minute of steady voting: requests per attendee and moderator, snapshot writes.
 */
import { expect } from '@open-wc/testing';
import { EventTypes } from '../../widgets/schema/namespace.js';
import { conference, leaveAll, newAttendee, requestsSettled as settled, sit } from '../element/conference.js';
import type { Conference, Seat } from '../element/conference.js';
import type { Account, ClientRequest } from '../element/element-client.js';
import { inWidget } from '../element/in-widget.js';
import { record } from './report.js';

const QUESTIONS = 200;
const VOTERS = 20;
/** Each voter votes on this many questions: VOTERS × VOTES_EACH ≈ 2,000 votes. */
const VOTES_EACH = 100;
/** The widgets' re-read interval here (seconds; 120 by default), so a minute of steady state shows rounds. */
const RECHECK_S = 30;

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
    const conf = await conference({ people, widgets: ['qa-queue'], widgetOptions: { 'qa-queue': { recheck: String(RECHECK_S) } } });
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

    // Before: no moderator's widget has been open, so there is no vote snapshot: a vote read per question.
    const before = await lateJoiner(conf, 'Zed');
    console.log(`\n[qa-scale] ${QUESTIONS} questions, ${votes.length} votes, no snapshot: ${before.requests} requests at start-up (${before.paths}); list after ${before.listMs} ms; "No questions yet" shown: ${before.sawEmpty}`);
    await record('scale', `start-up requests, ${QUESTIONS} questions and ${votes.length} votes, no snapshot`, before.requests, '', before.paths);
    await record('scale', 'iframe created → the list shows, no snapshot', before.listMs, 'ms', before.sawEmpty ? '"No questions yet" showed first' : 'no empty state on the way');

    // The moderator opens the Q&A: their widget reads every vote and writes the snapshot.
    const moSeat = await sit(conf, mo, 'qa-queue');
    const moRequests = () => moSeat.startupRequests();
    const snapshot = () => moSeat.element.client.getRoom(conf.roomId)?.currentState.getStateEvents(EventTypes.qaVotes, 'qa');
    const waitStarted = performance.now();
    while (!snapshot() && performance.now() - waitStarted < 60_000) await new Promise((r) => setTimeout(r, 100));
    const written = snapshot();
    const bytes = written ? new TextEncoder().encode(JSON.stringify(written.getContent())).length : NaN;
    console.log(`[qa-scale] the moderator's widget: ${moRequests().length} requests to read everything; snapshot of ${bytes} B written ${Math.round(performance.now() - waitStarted)} ms after it opened`);
    await record('scale', 'vote snapshot size (content)', bytes, 'B', `${QUESTIONS} questions`);

    // After: a late joiner with the snapshot.
    const after = await lateJoiner(conf, 'Yan');
    console.log(`[qa-scale] with the snapshot: ${after.requests} requests at start-up (${after.paths}); list after ${after.listMs} ms; "No questions yet" shown: ${after.sawEmpty}`);
    await record('scale', `start-up requests, ${QUESTIONS} questions and ${votes.length} votes, with the vote snapshot`, after.requests, '', after.paths);
    await record('scale', 'iframe created → the list shows, with the vote snapshot', after.listMs, 'ms', after.sawEmpty ? '"No questions yet" showed first' : 'no empty state on the way');
    // The lists are virtual: compare the questions both show.
    const moCounts = await countsOf(moSeat);
    const common = Object.keys(after.counts).filter((q) => q in moCounts);
    expect(common.length).to.be.above(4);
    expect(common.map((q) => `${q}: ${after.counts[q]}`), 'the late joiner shows the moderator’s counts').to.deep.equal(common.map((q) => `${q}: ${moCounts[q]}`));

    // Steady state for a minute: a vote every 3 s. The widgets re-read every RECHECK_S here (120 s by default).
    const since = performance.now();
    const yanAt = after.seat.startupRequests().length;
    const moAt = moRequests().length;
    for (let i = 0; i < 20; i++) {
      const voter = conf.people[`Voter${i % VOTERS}`]!;
      const q = questions[(i * 7 + 150) % QUESTIONS]!;
      await conf.send(voter, 'm.reaction', { 'm.relates_to': { rel_type: 'm.annotation', event_id: q, key: '👍' } }).catch(() => undefined);
      await new Promise((r) => setTimeout(r, Math.max(0, since + (i + 1) * 3000 - performance.now())));
    }
    const minute = (performance.now() - since) / 60_000;
    const yanMinute = after.seat.startupRequests().slice(yanAt);
    const moMinute = moRequests().slice(moAt);
    const writes = moMinute.filter((r) => r.method === 'PUT' && r.path.includes(`/state/${EventTypes.qaVotes}`)).length;
    console.log(`[qa-scale] steady state (re-read every ${RECHECK_S} s, 20 votes a minute): the attendee ${Math.round(yanMinute.length / minute)} requests/min (${summarise(yanMinute)}), the moderator ${Math.round(moMinute.length / minute)} (${summarise(moMinute)}), ${writes} snapshot writes`);
    await record('scale', `attendee requests per minute, steady (re-read every ${RECHECK_S} s)`, Math.round(yanMinute.length / minute), '', summarise(yanMinute));
    await record('scale', 'snapshot writes per minute (20 votes a minute)', Math.round(writes / minute), '', `each ${bytes} B to every member's /sync`);
    expect(before.listMs, 'the list showed').to.be.a('number');
    expect(after.requests).to.be.below(before.requests);
  });
});

/** A new attendee opens the Q&A: requests until its reads settle, time to the list, and whether "No questions yet" showed. */
async function lateJoiner(conf: Conference, name: string) {
  const account = await newAttendee(conf, name);
  const started = performance.now();
  const seat = await sit(conf, account, 'qa-queue');
  let sawEmpty = false;
  let listMs = NaN;
  while (performance.now() - started < 60_000) {
    const text = await inWidget(seat.widget, (dom) => dom.text());
    if (/No questions yet/.test(text)) sawEmpty = true;
    if (/Question \d+/.test(text)) {
      listMs = Math.round(performance.now() - started);
      break;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  await settled(() => seat.startupRequests().length, 1000);
  const requests = seat.startupRequests();
  return { seat, requests: requests.length, paths: summarise(requests), listMs, sawEmpty, counts: await countsOf(seat) };
}

/** "2× GET /relations/$id, …": requests by method and path, most first. */
function summarise(requests: ClientRequest[]): string {
  const byPath = new Map<string, number>();
  for (const r of requests) {
    const path = `${r.method} ${r.path.replace(/^\/_matrix\/client\/v\d+\/rooms\/[^/]+/, '').replace(/\$[^/]+/g, '$id').replace(/\?.*$/, '')}`;
    byPath.set(path, (byPath.get(path) ?? 0) + 1);
  }
  return [...byPath].sort((a, b) => b[1] - a[1]).map(([p, n]) => `${n}× ${p}`).join(', ');
}

/** Each question's count as the widget shows it. */
const countsOf = (seat: Seat) =>
  inWidget(seat.widget, (dom) => Object.fromEntries(dom.findAll('.row').map((row) => [row.querySelector('.text')!.textContent!.trim(), row.querySelector('.vote')?.textContent?.trim() ?? ''])));
