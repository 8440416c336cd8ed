import { expect } from '@open-wc/testing';
import { EventTypes } from '../../widgets/schema/namespace.js';
import { conference, leaveAll, newAttendee, requestsSettled, sit } from './conference.js';
import type { Conference, Seat } from './conference.js';
import { inWidget, waitInWidgetFor } from './in-widget.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Issue #16, item 4, through Element on a homeserver with the built Q&A page: the moderator's
 * widget keeps the vote snapshot (`dev.devroom.qa.votes`), a late joiner starts from it — the
 * question pages, no vote reads — votes after it add up for everyone, and a person's own vote
 * from another device toggles right on a new one.
 */

const QUESTIONS = 30;
const VOTERS = 6;
/** Requests a late joiner's widget may make for 30 questions (its page of questions and the parent read Element makes; state comes from the client's cache). */
const MAX_STARTUP_REQUESTS = 4;

/** Each question's 👍 count as the widget's buttons say it: { 'Question 3': '4 pressed' }. */
const counts = (seat: Seat) =>
  inWidget(seat.widget, (dom) =>
    Object.fromEntries(
      dom.findAll('.row').map((row) => {
        const b = row.querySelector('.vote')!;
        return [row.querySelector('.text')!.textContent!.trim(), `${b.textContent!.trim()}${b.getAttribute('aria-pressed') === 'true' ? ' pressed' : ''}`];
      }),
    ),
  );

/** The room's snapshot as `seat`'s client has it. */
const snapshot = (conf: Conference, seat: Seat) => seat.element.client.getRoom(conf.roomId)?.currentState.getStateEvents(EventTypes.qaVotes, 'qa')?.getContent();

describe('Q&A vote snapshot through Element on a homeserver', () => {
  afterEach(leaveAll);

  it('a late joiner starts from the moderator’s snapshot with a few requests; later votes add up for everyone; an own vote from another device toggles', async function () {
    this.timeout(180_000);
    const people: Record<string, number> = { Mo: 50 };
    for (let i = 0; i < VOTERS; i++) people[`Voter${i}`] = 0;
    // The moderator's widget reads its history again every 10 s (± 25 %; 120 s by default): it learns of a vote undone from
    // another device, whose redaction Element never feeds it, and its next snapshot carries that to the late joiners.
    const conf = await conference({ people, widgets: ['qa-queue'], widgetOptions: { 'qa-queue': { recheck: '10' } } });
    const mo = conf.people.Mo!;
    const root = await conf.send(mo, 'm.room.message', { msgtype: 'm.notice', body: 'Q&A' });
    await conf.setState(mo, EventTypes.root, 'qa', { event_id: root });
    const questions: string[] = [];
    for (let i = 0; i < QUESTIONS; i++) {
      questions.push(await conf.send(mo, 'm.room.message', { msgtype: 'm.text', body: `Question ${i}`, 'm.relates_to': { rel_type: 'm.reference', event_id: root } }));
    }
    const thumbs = (account: keyof typeof people, q: string) => conf.send(conf.people[account]!, 'm.reaction', { 'm.relates_to': { rel_type: 'm.annotation', event_id: q, key: '👍' } });
    // Question i has (i % VOTERS) votes.
    await Promise.all(questions.flatMap((q, i) => Array.from({ length: i % VOTERS }, (_, v) => thumbs(`Voter${v}`, q))));

    // The moderator opens the Q&A: their widget reads every vote and writes the snapshot.
    const moSeat = await sit(conf, mo, 'qa-queue');
    const written = await waitFor(() => snapshot(conf, moSeat)?.root === root && snapshot(conf, moSeat), 'the moderator’s snapshot', 20_000);
    expect(Object.keys(written.counts as object)).to.have.length(QUESTIONS - Math.ceil(QUESTIONS / VOTERS));

    // A late joiner: its question page, no vote reads, the moderator's counts.
    const zed = await sit(conf, await newAttendee(conf, 'Zed'), 'qa-queue');
    await waitInWidgetFor(zed.widget, 'the list', 10_000, (dom, last) => dom.text().includes(last), `Question ${QUESTIONS - 1}`);
    await requestsSettled(() => zed.startupRequests().length);
    const requests = zed.startupRequests();
    console.log(`[qa-snapshot] late joiner, ${QUESTIONS} questions: ${requests.length} requests (${requests.map((r) => `${r.method} ${r.path.replace(/^\/_matrix\/client\/v\d+\/rooms\/[^/]+/, '')}`).join(', ')})`);
    const relations = requests.filter((r) => r.path.includes('/relations/'));
    expect(relations.map((r) => r.path.split('/relations/')[1]!.split('/')[0]), 'the root’s relations only').to.deep.equal([root]);
    expect(requests.length).to.be.at.most(MAX_STARTUP_REQUESTS);
    const before = await counts(moSeat);
    expect(await counts(zed)).to.deep.equal(before);

    // Votes after the snapshot add up for everyone: Voter5 (in Element, no widget) votes on question 1.
    await thumbs('Voter5', questions[1]!);
    for (const seat of [moSeat, zed]) {
      await waitInWidgetFor(seat.widget, 'the new vote', 10_000, (dom) => dom.findAll('.row').some((r) => r.querySelector('.text')!.textContent!.trim() === 'Question 1' && r.querySelector('.vote')!.textContent!.trim() === '2'));
    }
    // The moderator's next snapshot counts it: the late joiner still says 2, not 3.
    await waitFor(() => (snapshot(conf, moSeat)?.counts as Record<string, number>)[questions[1]!] === 2, 'the next snapshot', 60_000);
    await new Promise((r) => setTimeout(r, 1000));
    expect((await counts(zed))['Question 1']).to.equal('2');

    // Voter0 voted on question 1 before (another device). Their widget on this device does not know it…
    const voter = await sit(conf, conf.people.Voter0!, 'qa-queue');
    await waitInWidgetFor(voter.widget, 'the list', 10_000, (dom) => dom.text().includes('Question 1'));
    expect((await counts(voter))['Question 1']).to.equal('2');
    // …pressing 👍 finds it (one read, nothing sent: a second 👍 would be refused and hold back their sends)…
    const press = () => inWidget(voter.widget, (dom) => (dom.findAll('.row').find((r) => r.querySelector('.text')!.textContent!.trim() === 'Question 1')!.querySelector('.vote') as HTMLButtonElement).click());
    await press();
    await waitInWidgetFor(voter.widget, 'own vote found', 10_000, (dom) => dom.findAll('.row').some((r) => r.querySelector('.text')!.textContent!.trim() === 'Question 1' && r.querySelector('.vote')!.getAttribute('aria-pressed') === 'true'));
    expect((await counts(voter))['Question 1']).to.equal('2 pressed');
    // …and pressing again takes it back: at once in their widget, for the others within a re-read and a snapshot.
    await press();
    for (const seat of [voter, moSeat, zed]) {
      await waitInWidgetFor(seat.widget, 'the vote taken back', 90_000, (dom) => dom.findAll('.row').some((r) => r.querySelector('.text')!.textContent!.trim() === 'Question 1' && r.querySelector('.vote')!.textContent!.trim() === '1'));
    }
    const room = voter.element.client.getRoom(conf.roomId)!;
    expect(room.getPendingEvents().filter((e) => e.status === 'not_sent'), 'nothing refused in Voter0’s client').to.deep.equal([]);
  });
});
