import { expect } from '@open-wc/testing';
import type { DevroomTalkPlayer } from '../../components/talk-player/talk-player.js';
import { resetJitsiLoader } from '../../components/jitsi/jitsi-loader.js';
import { EventTypes } from '../../widgets/schema/namespace.js';
import { stageKey } from '../../widgets/qa-queue/schema.js';
import { waitFor } from '../support/wait-for.js';
import { ALICE, BOB, CAROL, MOD, button, player, qa, shown, stageRoom } from './stage-room.js';

/**
 * #17.2 "'You accepted…' stays after the talk ended", in a room WITHOUT a schedule: the talk
 * ends when a host presses "End the talk" in the talk player (the talk state's phase), and the
 * stage acceptance ends with it — the invitee's own talk player writes it on her hand
 * (`stage: "ended"`), so her Q&A and her call follow. The scheduled case (the clock passing the
 * slot's end) is qa-stage-accepted-ends.e2e.test.ts.
 */

const PEOPLE = [
  [ALICE, 'Alice'],
  [BOB, 'Bob'],
  [CAROL, 'Carol'],
] as const;
const inCall = (el: DevroomTalkPlayer) => !!el.shadowRoot!.querySelector('[part="jitsi"] iframe');

/** Mo presses "End the talk", then confirms, in his own talk player. */
async function endTheTalk(mo: DevroomTalkPlayer): Promise<void> {
  await waitFor(() => button(mo, 'End the talk'), 'Mo has "End the talk"').then((b) => b.click());
  await mo.updateComplete;
  button(mo, 'End it')!.click();
}

describe('Q&A and talk player: a stage acceptance ends with the talk, in a room without a schedule', function () {
  this.timeout(15000);
  afterEach(() => resetJitsiLoader());

  it('Mo ends the talk: Alice’s Q&A no longer says "You accepted…" nor shows the invite, and her player leaves the call and stays out of it', async () => {
    const room = stageRoom(PEOPLE);
    room.setState(EventTypes.qaHand, ALICE, { raised: true, at: Date.now() }, ALICE);
    room.setState(EventTypes.qaStage, stageKey(ALICE), { invited: true, by: MOD, at: Date.now() }, MOD);
    const mo = player(room, MOD);
    const alicePlayer = player(room, ALICE);
    const aliceQa = qa(room, ALICE);
    const moQa = qa(room, MOD);
    const aliceRow = () => [...moQa.shadowRoot!.querySelectorAll('[part="hand"]')].find((row) => row.textContent!.includes('Alice'));

    // Alice accepts in her talk player: it joins her to the stage, her Q&A says so.
    (await waitFor(() => button(alicePlayer, 'Join the stage'), 'the invite in Alice’s player')).click();
    await waitFor(() => inCall(alicePlayer) || undefined, 'Alice on stage');
    await waitFor(() => shown(aliceQa).includes('You accepted.') || undefined, `Alice’s Q&A says she accepted: ${shown(aliceQa)}`);

    await waitFor(() => aliceRow()?.textContent!.includes('On stage') || undefined, 'Mo’s queue: Alice on stage');

    await endTheTalk(mo);
    await waitFor(() => room.getState(EventTypes.talk, '')[0]?.content.phase === 'ended' || undefined, 'the talk ended');
    // Mo's queue drops her: nobody is on stage after the talk, and there is nothing left to withdraw.
    await waitFor(() => !aliceRow() || undefined, `Alice still in Mo's queue: ${shown(moQa)}`);
    await waitFor(() => !shown(aliceQa).includes('You accepted') || undefined, `"You accepted…" after the talk ended: ${shown(aliceQa)}`);
    expect(aliceQa.shadowRoot!.querySelector('[part="stage-invite"]'), 'no invite either').to.equal(null);
    expect(shown(aliceQa)).not.to.contain('invites you on stage');
    expect(inCall(alicePlayer)).to.equal(false);
    // Written once, on her own hand.
    expect(room.getState(EventTypes.qaHand, ALICE)[0]?.content).to.include({ raised: false, stage: 'ended' });
    expect(room.timeline.filter((e) => e.type === EventTypes.qaHand && e.content.stage === 'ended')).to.have.length(1);

    // The next Q&A in this room: the old acceptance does not put Alice on stage, nor offer it again.
    (await waitFor(() => button(mo, 'Start Q&A'), 'Mo can start a Q&A again')).click();
    await waitFor(() => alicePlayer.currentPhase === 'qa' || undefined, 'Q&A again at Alice');
    await alicePlayer.updateComplete;
    expect(alicePlayer.callAllowed, 'the stage is not hers by the ended acceptance').to.equal(false);
    expect(alicePlayer.stageInvite).to.equal(null);
    expect(inCall(alicePlayer)).to.equal(false);
    expect(shown(alicePlayer)).not.to.contain('Join the stage');
    expect(shown(aliceQa)).not.to.contain('You accepted');
    expect(room.timeline.filter((e) => e.type === EventTypes.qaHand && e.content.stage === 'ended')).to.have.length(1);
  });

  it('the Q&A after "ended": a later invite shows again, for the invitee and the moderator; an acceptance not ended stands', async () => {
    // The server's times: both invited a minute ago, Bob accepted 10 s later, Alice's ended 30 s later;
    // from then on the room's clock runs on from now (the new invite below is later than all).
    let past: number | undefined = Date.now() - 60_000;
    const room = stageRoom(PEOPLE, () => past ?? Date.now());
    room.setState(EventTypes.qaStage, stageKey(ALICE), { invited: true, by: MOD, at: Date.now() }, MOD);
    room.setState(EventTypes.qaStage, stageKey(BOB), { invited: true, by: MOD, at: Date.now() }, MOD);
    past += 10_000;
    room.setState(EventTypes.qaHand, BOB, { raised: false, stage: 'accepted', at: Date.now() }, BOB);
    past += 20_000;
    room.setState(EventTypes.qaHand, ALICE, { raised: false, stage: 'ended', at: Date.now() }, ALICE);
    past = undefined;
    const aliceQa = qa(room, ALICE);
    const bobQa = qa(room, BOB);
    const moQa = qa(room, MOD);
    await waitFor(() => shown(bobQa).includes('You accepted.') || undefined, `Bob's acceptance stands: ${shown(bobQa)}`);
    await waitFor(() => shown(moQa).includes('Bob') || undefined, 'Bob in Mo’s queue');
    expect(shown(moQa)).not.to.contain('Alice');
    expect(aliceQa.shadowRoot!.querySelector('[part="stage-invite"]')).to.equal(null);

    room.setState(EventTypes.qaStage, stageKey(ALICE), { invited: true, by: MOD, at: Date.now() }, MOD);
    await waitFor(() => shown(aliceQa).includes('Mo invites you on stage for the Q&A.') || undefined, `the new invite at Alice: ${shown(aliceQa)}`);
    expect(button(aliceQa, 'Join the stage')).not.to.equal(undefined);
    await waitFor(() => [...moQa.shadowRoot!.querySelectorAll('[part="hand"]')].find((row) => row.textContent!.includes('Alice') && row.textContent!.includes('Invited')), 'Alice invited in Mo’s queue');
  });

  it('a declined invite, or none, writes nothing when the talk ends', async () => {
    const room = stageRoom(PEOPLE);
    room.setState(EventTypes.qaStage, stageKey(BOB), { invited: true, by: MOD, at: Date.now() }, MOD);
    const mo = player(room, MOD);
    const bob = player(room, BOB);
    const carol = player(room, CAROL);
    (await waitFor(() => button(bob, 'No, thanks'), 'the invite in Bob’s player')).click();
    await waitFor(() => room.getState(EventTypes.qaHand, BOB)[0]?.content.stage === 'declined' || undefined, 'Bob declined');
    const before = room.timeline.length;

    await endTheTalk(mo);
    await waitFor(() => (bob.currentPhase === 'ended' && carol.currentPhase === 'ended') || undefined, 'the talk ended for Bob and Carol');
    await new Promise((r) => setTimeout(r, 300));
    expect(room.timeline.slice(before).map((e) => e.type)).to.deep.equal([EventTypes.talk]);
    expect(room.getState(EventTypes.qaHand, BOB)[0]?.content.stage).to.equal('declined');
    expect(room.getState(EventTypes.qaHand, CAROL)).to.deep.equal([]);
  });
});
