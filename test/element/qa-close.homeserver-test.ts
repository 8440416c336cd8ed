import { expect } from '@open-wc/testing';
import { EventTypes } from '../../widgets/schema/namespace.js';
import { conference, leaveAll, sit } from './conference.js';
import { inWidget, waitForText, waitInWidget } from './in-widget.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Issue #16.3, through Element on a homeserver with the built Q&A page: a moderator closes the
 * current talk's questions (`closed: true` in its `dev.devroom.root` state, written with the
 * moderator's power), an attendee's widget goes read-only live, and reopening brings the ask
 * form back.
 */
describe('Q&A: closing and reopening the questions through Element on a homeserver', () => {
  afterEach(leaveAll);

  it('a moderator closes the talk’s questions; an attendee’s widget goes read-only live; reopened, she can ask again', async function () {
    this.timeout(60_000);
    const conf = await conference({ people: { Mo: 50, Alice: 0 }, widgets: ['qa-queue'] });
    const root = await conf.send(conf.organiser, 'm.room.message', { msgtype: 'm.notice', body: '💬 Q&A — Rust' });
    const t0 = Date.now();
    await conf.setState(conf.organiser, EventTypes.schedule, '', {
      talks: [{ id: 'rust', title: 'Rust', speakers: [], startsAt: new Date(t0 - 60_000).toISOString(), endsAt: new Date(t0 + 3_600_000).toISOString() }],
    });
    await conf.setState(conf.organiser, EventTypes.root, 'qa:rust', { event_id: root });
    const mo = await sit(conf, conf.people.Mo!, 'qa-queue');
    const alice = await sit(conf, conf.people.Alice!, 'qa-queue');
    await waitForText(alice.widget, 'Ask');

    await waitInWidget(mo.widget, 'the moderator’s "Close questions"', (dom) => {
      const close = dom.button('^Close questions$');
      close?.click();
      return !!close;
    });
    const state = () => mo.element.client.getRoom(conf.roomId)!.currentState.getStateEvents(EventTypes.root, 'qa:rust')?.getContent();
    await waitFor(() => state()?.closed === true, 'closed in the room state', 15_000);
    expect(state()).to.deep.equal({ event_id: root, closed: true });

    const closed = await waitForText(alice.widget, 'Questions are closed for this talk\\.');
    expect(closed).not.to.match(/Raise hand/);
    expect(await inWidget(alice.widget, (dom) => dom.findAll('textarea#ask').length), 'no ask form').to.equal(0);

    await waitInWidget(mo.widget, 'the moderator’s "Reopen questions"', (dom) => {
      const reopen = dom.button('^Reopen questions$');
      reopen?.click();
      return !!reopen;
    });
    await waitFor(() => state() && state()!.closed === undefined, 'reopened in the room state', 15_000);
    await waitInWidget(alice.widget, 'the ask form back at Alice', (dom) => dom.findAll('textarea#ask').length === 1 && !/Questions are closed/.test(dom.text()));
  });
});
