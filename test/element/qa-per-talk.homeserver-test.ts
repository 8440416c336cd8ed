import { expect } from '@open-wc/testing';
import { EventTypes } from '../../widgets/schema/namespace.js';
import { conference, leaveAll, newAttendee, sit } from './conference.js';
import type { Conference } from './conference.js';
import { inWidget, waitForText, waitInWidget, waitInWidgetFor } from './in-widget.js';
import { ask } from './qa-person.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Issue #16: a Q&A per talk, through Element on a homeserver with the built Q&A page. The
 * room's schedule (dev.devroom.schedule) has three talks a few seconds apart, each with its own
 * root (`dev.devroom.root` keyed `qa:<talk id>`, as `devroom apply` opens them); the widget
 * shows the current talk's questions, moves to the next talk's by the clock, keeps the earlier
 * ones readable (read-only), and a late joiner reads only the current talk's questions.
 */

/** Opens one talk's Q&A as apply does: the notice, then the root state pointing at it. */
async function openTalk(conf: Conference, id: string, title: string): Promise<string> {
  const root = await conf.send(conf.organiser, 'm.room.message', { msgtype: 'm.notice', body: `💬 Q&A — ${title}` });
  await conf.setState(conf.organiser, EventTypes.root, `qa:${id}`, { event_id: root });
  return root;
}

describe('Q&A per talk through Element on a homeserver', () => {
  afterEach(leaveAll);

  it('three talks seconds apart: each talk’s questions apart, earlier ones read-only; a late joiner in talk 3 reads only talk 3’s', async function () {
    this.timeout(120_000);
    const conf = await conference({ people: { Alice: 0, Bob: 0 }, widgets: ['qa-queue'] });
    const talks = [
      { id: 't1', title: 'Talk one' },
      { id: 't2', title: 'Talk two' },
      { id: 't3', title: 'Talk three' },
    ];
    const roots = new Map<string, string>();
    for (const t of talks) roots.set(t.id, await openTalk(conf, t.id, t.title));
    // Slots of 15 s from now; the last one long enough for the late joiner.
    const t0 = Date.now();
    const iso = (s: number) => new Date(t0 + s * 1000).toISOString();
    await conf.setState(conf.organiser, EventTypes.schedule, '', {
      talks: talks.map((t, i) => ({ ...t, speakers: [], startsAt: iso(i * 15), endsAt: iso(i < 2 ? (i + 1) * 15 : 300) })),
    });
    const alice = await sit(conf, conf.people.Alice!, 'qa-queue');

    // Talk one: Alice asks; Bob, in Element without the widget, votes 👍; his chat message is no question.
    await ask(alice.widget, 'Question for one');
    await waitForText(alice.widget, 'Question for one');
    const room = alice.element.client.getRoom(conf.roomId)!;
    // The widget shows its own question at once; Alice's client has it in the timeline once the server answered.
    const sent = (body: string) => room.getLiveTimeline().getEvents().find((e) => e.getContent().body === body && !!e.getId()?.startsWith('$'));
    await waitFor(() => sent('Question for one'), 'the question in Alice’s timeline', 15_000);
    const one = sent('Question for one')!;
    expect(one.getContent()['m.relates_to']?.event_id, 'talk one’s root').to.equal(roots.get('t1'));
    await conf.send(conf.people.Bob!, 'm.reaction', { 'm.relates_to': { rel_type: 'm.annotation', event_id: one.getId(), key: '👍' } });
    await conf.send(conf.people.Bob!, 'm.room.message', { msgtype: 'm.text', body: 'just chatting' });
    await waitInWidget(alice.widget, 'Bob’s vote', (dom) => /1 vote/.test(dom.findAll('[part="vote-button"]').map((b) => b.getAttribute('aria-label')).join(' ')));

    // Talk two: its own, empty queue; a question there is talk two's.
    await waitInWidgetFor(alice.widget, 'talk two’s empty queue', 20_000, (dom) => /No questions yet/.test(dom.text()) && !/Question for one/.test(dom.text()));
    await ask(alice.widget, 'Question for two');
    await waitForText(alice.widget, 'Question for two');
    expect(/just chatting/.test(await inWidget(alice.widget, (dom) => dom.text())), 'a chat message is no question').to.equal(false);

    // Talk three: questions asked from Element (a question is an m.text with an m.reference to the talk's root), each with a vote.
    await waitInWidgetFor(alice.widget, 'talk three', 20_000, (dom) => /No questions yet/.test(dom.text()));
    for (const body of ['Three a', 'Three b']) {
      const q = await conf.send(conf.people.Bob!, 'm.room.message', { msgtype: 'm.text', body, 'm.relates_to': { rel_type: 'm.reference', event_id: roots.get('t3') } });
      await conf.send(conf.people.Alice!, 'm.reaction', { 'm.relates_to': { rel_type: 'm.annotation', event_id: q, key: '👍' } });
    }
    await waitForText(alice.widget, 'Three b');

    // Talk one from the picker: its question and vote, read-only.
    await inWidget(alice.widget, (dom) => {
      const select = dom.findAll('[part="talk-picker"] select')[0] as HTMLSelectElement;
      select.value = 't1';
      select.dispatchEvent(new Event('change'));
    });
    // Its questions are read from its root when picked: the notice shows at once, the list once read.
    await waitForText(alice.widget, 'Question for one');
    const earlier = await waitForText(alice.widget, 'This talk has ended');
    expect(earlier).to.not.match(/Question for two|Three a/);
    expect(await inWidget(alice.widget, (dom) => dom.findAll('textarea#ask, [part="vote-button"]').length), 'no ask, no vote').to.equal(0);

    // A late joiner during talk three: reads talk three's questions and votes, nothing of the others.
    const zed = await newAttendee(conf, 'Zed');
    const seat = await sit(conf, zed, 'qa-queue');
    await waitForText(seat.widget, 'Three b');
    await new Promise((r) => setTimeout(r, 1500));
    const three = room.getLiveTimeline().getEvents().filter((e) => e.getContent()['m.relates_to']?.event_id === roots.get('t3')).map((e) => e.getId()!);
    const relations = seat.startupRequests().filter((r) => r.path.includes('/relations/'));
    const read = relations.map((r) => decodeURIComponent(r.path.split('/relations/')[1]!.split('/')[0]!));
    expect(read.length, 'a relations read for the root and one per question').to.equal(3);
    expect([...new Set(read)].sort()).to.deep.equal([roots.get('t3')!, ...three].sort());
    const others = [roots.get('t1'), roots.get('t2'), one.getId()];
    const touched = seat.startupRequests().filter((r) => others.some((id) => decodeURIComponent(r.path).includes(id!)));
    expect(touched.map((r) => r.path), 'nothing of talks one and two').to.deep.equal([]);
  });
});
