import { expect } from '@open-wc/testing';
import { EventTypes } from '../../widgets/schema/namespace.js';
import { conference, leaveAll, sit } from './conference.js';
import { waitForText } from './in-widget.js';

/**
 * Issue #16: a room holds its day's talks (dev.devroom.schedule, written once by the organiser,
 * as `devroom apply` does) and the built talk page moves from talk to talk by the clock: each
 * title in turn, "Next: …" beside it, and nothing written by anyone on the way. Talks a few
 * seconds apart, on the real clock: the widget's clock lives in an iframe.
 */
describe('talk player through Element on a homeserver: the room\'s schedule', () => {
  afterEach(leaveAll);

  it('shows each talk of a three-talk schedule in turn, with what is next, and writes nothing', async function () {
    this.timeout(60_000);
    const conf = await conference({ people: { Alice: 0 }, widgets: ['talk-player'] });
    // Room-level talk state, as apply writes it with a schedule: nothing per talk.
    await conf.setState(conf.organiser, EventTypes.talk, '', { jitsiRoom: 'DevroomSchedule' });
    const alice = await sit(conf, conf.people.Alice!, 'talk-player');
    const t0 = Date.now();
    const iso = (s: number) => new Date(t0 + s * 1000).toISOString();
    await conf.setState(conf.organiser, EventTypes.schedule, '', {
      talks: [
        { id: 't1', title: 'Talk one', speakers: [{ name: 'Ada' }], startsAt: iso(2), endsAt: iso(8) },
        { id: 't2', title: 'Talk two', speakers: [{ name: 'Grace' }], startsAt: iso(8), endsAt: iso(14), qaAt: iso(11) },
        { id: 't3', title: 'Talk three', speakers: [], startsAt: iso(14), endsAt: iso(20) },
      ],
    });
    const since = performance.now();

    await waitForText(alice.widget, 'Talk one');
    await waitForText(alice.widget, 'Next: Talk two');
    await waitForText(alice.widget, 'Talk two', 12_000);
    await waitForText(alice.widget, 'Next: Talk three');
    await waitForText(alice.widget, 'Q&A', 10_000);
    await waitForText(alice.widget, 'Talk three', 12_000);
    await waitForText(alice.widget, 'This talk has ended', 12_000);

    const writes = alice.element.requestsSince(since).filter((r) => r.method !== 'GET');
    expect(writes.map((r) => `${r.method} ${r.path}`), 'Alice’s client writes nothing as talks change').to.deep.equal([]);
  });
});
