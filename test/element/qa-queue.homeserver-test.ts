import { expect } from '@open-wc/testing';
import { EventTypes } from '../../widgets/schema/namespace.js';
import { conference, leaveAll, sit } from './conference.js';
import { inWidget, waitForText, waitInWidget, waitInWidgetFor } from './in-widget.js';
import { ask } from './qa-person.js';

/**
 * Mo (moderator) and Alice in one room's Q&A; Alice raises her hand with `line` and Mo invites
 * her on stage: the conference and the two seats, Alice's invite showing.
 */
async function invitedOnStage(line: string) {
  const conf = await conference({ people: { Mo: 50, Alice: 0 }, widgets: ['qa-queue'] });
  const mo = await sit(conf, conf.people.Mo!, 'qa-queue');
  const alice = await sit(conf, conf.people.Alice!, 'qa-queue');
  await waitForText(alice.widget, 'Raise hand');
  // "Raise hand" opens the hand panel's own form, then raises with its line.
  await inWidget(alice.widget, (dom) => dom.button('Raise hand$')?.click());
  // The callback runs inside the widget: the line goes in as an argument, not a closure.
  await waitInWidget(alice.widget, 'the hand form', (dom, text: string) => dom.type('#hand-text', text), line);
  await inWidget(alice.widget, (dom) => dom.button('Raise hand$')?.click());
  await waitForText(alice.widget, 'Lower hand');
  await waitInWidget(mo.widget, 'the hand at the moderator', (dom) => {
    const invite = dom.button('^Invite to stage$');
    invite?.click();
    return !!invite;
  });
  return { conf, mo, alice };
}

describe('Q&A through Element on a homeserver', () => {
  afterEach(leaveAll);

  it('an attendee can ask as soon as the widget is in the room; the moderator sees it', async () => {
    const conf = await conference({ people: { Mo: 50, Alice: 0 }, widgets: ['qa-queue'] });
    const mo = await sit(conf, conf.people.Mo!, 'qa-queue');
    const alice = await sit(conf, conf.people.Alice!, 'qa-queue');
    await ask(alice.widget, 'Will the slides be online?');
    await waitForText(mo.widget, 'Will the slides be online\\?');
    const text = await waitForText(alice.widget, 'Will the slides be online\\?');
    expect(text).not.to.match(/Not sent/);
    // The question is an ordinary m.text message every Matrix client shows.
    const room = mo.element.client.getRoom(conf.roomId)!;
    const sent = room.getLiveTimeline().getEvents().find((e) => e.getContent().body === 'Will the slides be online?');
    expect(sent?.getType()).to.equal('m.room.message');
    expect(room.currentState.getStateEvents(EventTypes.root, 'qa')).to.not.equal(null);
  });

  it('a moderator keeps an accepted stage invite: "On stage" with Withdraw, and withdrawing reaches the attendee', async () => {
    const { mo, alice } = await invitedOnStage('I can show a demo');
    await waitInWidget(alice.widget, 'the invite at Alice', (dom) => {
      const accept = dom.button('^Join the stage$');
      accept?.click();
      return !!accept;
    });
    await waitForText(alice.widget, 'You accepted');
    await waitForText(mo.widget, 'On stage');
    await waitInWidget(mo.widget, 'Withdraw at the moderator', (dom) => {
      const withdraw = dom.button('^Withdraw invitation$');
      withdraw?.click();
      return !!withdraw;
    });
    await waitInWidget(alice.widget, 'the invite withdrawn', (dom) => !/You accepted|Join the stage/.test(dom.text()));
    await waitInWidget(mo.widget, 'no stage row left', (dom) => !/On stage/.test(dom.text()));
  });

  it('an attendee declines a stage invite: the moderator sees "Declined", the attendee\'s hand is down and the invite gone', async () => {
    const { conf, mo, alice } = await invitedOnStage('A question about the demo');
    await waitInWidget(alice.widget, 'the invite at Alice', (dom) => {
      const decline = dom.button('^No, thanks$');
      decline?.click();
      return !!decline;
    });
    const hands = await waitInWidget(mo.widget, '"Declined" at the moderator', (dom) => {
      const row = dom.findAll('[part="hand"]').find((r) => /alice/i.test(r.textContent ?? ''));
      return row && /Declined/.test(row.textContent ?? '') ? row.textContent!.replace(/\s+/g, ' ').trim() : '';
    });
    expect(hands).not.to.match(/On stage|Invited/);
    // Alice: no invitation left, her hand lowered, free to raise it again.
    const shown = await waitInWidget(alice.widget, 'the invite gone at Alice', (dom) => (/Join the stage|No, thanks|Lower hand/.test(dom.text()) ? '' : dom.text()));
    expect(shown).to.match(/Raise hand/);
    expect(shown).not.to.match(/You accepted/);
    // In the room: Alice's own hand state says so, for every client.
    const hand = mo.element.client.getRoom(conf.roomId)!.currentState.getStateEvents(EventTypes.qaHand, conf.people.Alice!.userId);
    expect(hand?.getContent()).to.deep.include({ raised: false, stage: 'declined' });
  });

  it('a late joiner\'s counts follow votes undone and questions deleted after it opened', async () => {
    // History is read again every 10 s (± 25 %) here; 120 s by default.
    const conf = await conference({ people: { Mo: 50, Alice: 0, Bob: 0, Carol: 0 }, widgets: ['qa-queue'], widgetOptions: { 'qa-queue': { recheck: '10' } } });
    const mo = await sit(conf, conf.people.Mo!, 'qa-queue');
    const alice = await sit(conf, conf.people.Alice!, 'qa-queue');
    await ask(alice.widget, 'First question');
    await ask(alice.widget, 'Second question');
    await waitForText(mo.widget, 'Second question');
    const room = mo.element.client.getRoom(conf.roomId)!;
    const idOf = (body: string) => room.getLiveTimeline().getEvents().find((e) => e.getContent().body === body)!.getId()!;
    const first = idOf('First question');
    const second = idOf('Second question');
    const vote = await conf.send(conf.people.Bob!, 'm.reaction', { 'm.relates_to': { rel_type: 'm.annotation', event_id: first, key: '👍' } });
    // Enough chatter that Carol's client (initial sync: 20 events) never holds the vote or the question.
    for (let i = 0; i < 25; i++) await conf.send(conf.organiser, 'm.room.message', { msgtype: 'm.text', body: `chatter ${i}` });
    const carol = await sit(conf, conf.people.Carol!, 'qa-queue');
    const votesOf = (text: string) =>
      inWidget(carol.widget, (dom, t) => {
        const row = dom.findAll('.row').find((r) => r.querySelector('.text')?.textContent?.includes(t));
        return row ? Number(row.querySelector('.vote')?.textContent?.trim() ?? NaN) : undefined;
      }, text);
    await waitInWidget(carol.widget, 'history with the vote', (dom) => /Second question/.test(dom.text()));
    expect(await votesOf('First question')).to.equal(1);
    expect(carol.element.client.getRoom(conf.roomId)!.findEventById(vote), 'Carol never loaded the vote').to.equal(undefined);
    await conf.redact(conf.people.Bob!, vote);
    await conf.redact(conf.people.Mo!, second);
    const undone = performance.now();
    await waitInWidgetFor(carol.widget, 'the undone vote and the deleted question at the late joiner', 20_000, (dom, firstText) => {
      const row = dom.findAll('.row').find((r) => r.querySelector('.text')?.textContent?.includes(firstText));
      return row?.querySelector('.vote')?.textContent?.trim() === '0' && !/Second question/.test(dom.text());
    }, 'First question');
    console.log(`late joiner converged ${Math.round(performance.now() - undone)} ms after the redactions (recheck 10 s ± 25 %)`);
  });

  it('a double click on Vote sends one reaction: no refused send holds back the attendee\'s later messages', async () => {
    // Through matrix-js-sdk, a refused room event (here a second identical 👍: 400) stays
    // "not sent" and holds back every later send of that user in the room until they resend
    // or cancel it in Element.
    const conf = await conference({ people: { Mo: 50, Alice: 0, Bob: 0 }, widgets: ['qa-queue'] });
    await sit(conf, conf.people.Mo!, 'qa-queue');
    const alice = await sit(conf, conf.people.Alice!, 'qa-queue');
    const bob = await sit(conf, conf.people.Bob!, 'qa-queue');
    await ask(alice.widget, 'Vote for me twice?');
    await waitForText(bob.widget, 'Vote for me twice\\?');
    await inWidget(bob.widget, (dom) => {
      const vote = dom.findAll('.row .vote')[0] as HTMLButtonElement;
      vote.click();
      vote.click();
    });
    await waitInWidget(alice.widget, 'one vote', (dom) => dom.findAll('.row .vote')[0]?.textContent?.trim() === '1');
    await ask(bob.widget, 'And my own question?');
    await waitForText(alice.widget, 'And my own question\\?');
    const room = bob.element.client.getRoom(conf.roomId)!;
    expect(room.getPendingEvents().filter((e) => e.status === 'not_sent'), 'nothing left unsent in Bob\'s client').to.deep.equal([]);
  });
});
