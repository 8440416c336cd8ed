import { expect } from '@open-wc/testing';
import type { IRoomEvent } from 'matrix-widget-api';
import { openQaAsApply } from './apply-qa.js';
import { conference, leaveAll, sit } from './conference.js';
import { inWidget, waitForText } from './in-widget.js';

// Element keeps thread replies out of the main timeline, and its widget host feeds widgets
// from that timeline (test/element/element-host.ts): a reply in a thread under the Q&A's
// notice is chat, not a question, and the widget never gets it. (A thread cannot start at a
// question: a homeserver refuses a thread under an event that has a relation.)
describe('thread replies and the Q&A, through Element on a homeserver', () => {
  afterEach(leaveAll);

  it('replies in a thread under the Q&A notice are not fed to the widget and never show as questions', async () => {
    const conf = await conference({ people: { Alice: 0, Bob: 0 }, widgets: ['qa-queue'] });
    const root = await openQaAsApply(conf);
    const question = (body: string) => ({ msgtype: 'm.text', body, 'm.relates_to': { rel_type: 'm.reference', event_id: root } });
    await conf.send(conf.people.Bob!, 'm.room.message', question('Which license is it under?'));
    const alice = await sit(conf, conf.people.Alice!, 'qa-queue');
    await waitForText(alice.widget, 'Which license is it under\\?');
    // What the host hands the widget from now on, as it hands it.
    const fed: IRoomEvent[] = [];
    const feed = alice.widget.api.feedEvent.bind(alice.widget.api);
    alice.widget.api.feedEvent = ((event: IRoomEvent) => {
      fed.push(event);
      return feed(event);
    }) as typeof feed;

    const inThread = (parent: string, body: string) => ({ msgtype: 'm.text', body, 'm.relates_to': { rel_type: 'm.thread', event_id: parent, is_falling_back: true, 'm.in_reply_to': { event_id: parent } } });
    const inThreads = [
      await conf.send(conf.people.Bob!, 'm.room.message', inThread(root, 'Thread under the notice: is this a question?')),
      await conf.send(conf.people.Alice!, 'm.room.message', inThread(root, 'Thread under the notice: MIT, I think')),
    ];
    // A question sent after both: once it shows, the thread replies had their chance.
    const later = await conf.send(conf.people.Bob!, 'm.room.message', question('Is there a mailing list?'));
    const text = await waitForText(alice.widget, 'Is there a mailing list\\?', 15_000);

    expect(text).not.to.match(/Thread under/);
    expect(await inWidget(alice.widget, (dom) => dom.findAll('.row').length)).to.equal(2);
    expect(fed.map((e) => e.event_id)).to.include(later);
    const fedIds = fed.map((e) => e.event_id);
    for (const id of inThreads) expect(fedIds, 'fed to the widget').not.to.include(id);
    // Alice's Element holds them in the notice's thread, not in the room's timeline.
    const room = alice.element.client.getRoom(conf.roomId)!;
    const timeline = room.getLiveTimeline().getEvents().map((e) => e.getId());
    for (const id of inThreads) expect(timeline, 'in the main timeline').not.to.include(id);
    expect(room.getThread(root)?.events.map((e) => e.getId()) ?? [], 'the thread under the notice').to.include.members(inThreads);
  });
});
