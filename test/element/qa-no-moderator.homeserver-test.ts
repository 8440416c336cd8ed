import { expect } from '@open-wc/testing';
import { waitFor } from '../support/wait-for.js';
import { openQaAsApply } from './apply-qa.js';
import { conference, leaveAll, sit } from './conference.js';
import { waitForText } from './in-widget.js';
import { ask } from './qa-person.js';

// Issue #13, 3a: attendees can ask as soon as the widget is in the room, with no moderator
// online, because `devroom apply` opened the Q&A when it set the room up.
describe('Q&A with no moderator online, through Element on a homeserver', () => {
  afterEach(leaveAll);

  it('in a room apply set up, the only person with the widget open is an attendee: they ask at once and the question reaches the room', async () => {
    const conf = await conference({ people: { Mo: 50, Alice: 0 }, widgets: ['qa-queue'] });
    const root = await openQaAsApply(conf);
    // The moderator never opens the widget.
    const alice = await sit(conf, conf.people.Alice!, 'qa-queue');
    await ask(alice.widget, 'Is the recording online?');
    const room = alice.element.client.getRoom(conf.roomId)!;
    const sent = await waitFor(
      () => room.getLiveTimeline().getEvents().find((e) => e.getContent().body === 'Is the recording online?' && e.getId()?.startsWith('$') && !e.status),
      'the question confirmed by the server',
      15_000,
    );
    expect(sent.getType()).to.equal('m.room.message');
    expect(sent.getContent()['m.relates_to']).to.deep.include({ rel_type: 'm.reference', event_id: root });
    const text = await waitForText(alice.widget, 'Is the recording online\\?');
    expect(text).not.to.match(/Not sent|not open yet/);
  });
});
