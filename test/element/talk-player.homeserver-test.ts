import { EventTypes } from '../../widgets/schema/namespace.js';
import { conference, leaveAll, sit } from './conference.js';
import { waitForText } from './in-widget.js';

describe('talk player through Element on a homeserver', () => {
  afterEach(leaveAll);

  it('follows the room\'s talk state: title and countdown, then a host\'s phase change, live', async () => {
    const conf = await conference({ people: { Alice: 0 }, widgets: ['talk-player'] });
    const startsAt = new Date(Date.now() + 3_600_000).toISOString();
    await conf.setState(conf.organiser, EventTypes.talk, '', { title: 'Rust in the kernel', startsAt, endsAt: new Date(Date.now() + 7_200_000).toISOString() });
    const alice = await sit(conf, conf.people.Alice!, 'talk-player');
    await waitForText(alice.widget, 'Rust in the kernel');
    await waitForText(alice.widget, 'Starts in');
    // The host ends the talk early: every open player follows (update_state through the client).
    await conf.setState(conf.organiser, EventTypes.talk, '', { title: 'Rust in the kernel', startsAt, phase: 'ended' });
    await waitForText(alice.widget, 'This talk has ended');
  });
});
