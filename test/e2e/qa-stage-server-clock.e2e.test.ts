import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import type { DevroomQaQueue } from '../../components/qa-queue/qa-queue.js';
import { resetJitsiLoader } from '../../components/jitsi/jitsi-loader.js';
import type { MemoryRoom } from '../../widgets/room/memory-room.js';
import { EventTypes } from '../../widgets/schema/namespace.js';
import { stageKey } from '../../widgets/qa-queue/schema.js';
import { afterTest } from '../support/cleanup.js';
import { waitFor } from '../support/wait-for.js';
import { ALICE, BOB, MOD, button, buttonIn, player, qa, shown, stageRoom } from './stage-room.js';

/**
 * Which clock matches a stage answer to its invite (docs/schema.md "Stage invite"): the
 * server's. The invite carries the moderator's device time (`at`), the answer the invitee's;
 * two people's devices may disagree by minutes. Here Alice's device runs 5 minutes slow or
 * fast (the page's Date, which her Q&A and talk player stamp `at` with), while the room
 * stamps `origin_server_ts` by its own, true clock, and Mo's device keeps true time.
 */

const MIN = 60_000;

const handRows = (moQa: DevroomQaQueue) => [...moQa.shadowRoot!.querySelectorAll('[part="hand"]')];
const aliceRow = (moQa: DevroomQaQueue) => handRows(moQa).find((row) => row.textContent!.includes('Alice'));

/** Alice presses "Raise hand" in her Q&A and sends the form as it is. */
async function raise(aliceQa: DevroomQaQueue): Promise<void> {
  (await waitFor(() => aliceQa.shadowRoot!.querySelector<HTMLButtonElement>('#raise-hand'), `"Raise hand" at Alice: ${shown(aliceQa)}`)).click();
  const form = await waitFor(() => aliceQa.shadowRoot!.querySelector('.hand-form'), 'the hand form');
  buttonIn(form, 'Raise hand')!.click();
}

/** The true time: the homeserver's (and Mo's device's), apart from the page's Date that Alice's device runs on. */
const serverNow = () => Math.floor(performance.timeOrigin + performance.now());

const invite = (r: MemoryRoom) => r.setState(EventTypes.qaStage, stageKey(ALICE), { invited: true, by: MOD, at: serverNow() }, MOD);

/** Alice's device clock, `offset` ms off the true time, from now to the test's end. */
function aliceClock(offset: number): void {
  const clock = sinon.useFakeTimers({ now: serverNow() + offset, toFake: ['Date'], shouldAdvanceTime: true });
  afterTest(() => clock.restore());
}

describe('Q&A and talk player: a stage answer is matched to its invite by the server’s clock', function () {
  this.timeout(20000);
  afterEach(() => resetJitsiLoader());

  it('Alice’s clock 5 minutes slow: her “Join the stage”, written after the invite, counts (her call, “You accepted.”, “On stage” in Mo’s queue)', async () => {
    const r = stageRoom([[ALICE, 'Alice'], [BOB, 'Bob']], serverNow);
    invite(r);
    aliceClock(-5 * MIN);
    const alicePlayer = player(r, ALICE);
    const aliceQa = qa(r, ALICE);
    const moQa = qa(r, MOD);
    (await waitFor(() => button(alicePlayer, 'Join the stage'), `the invite in Alice's player: ${shown(alicePlayer)}`)).click();
    await waitFor(() => r.getState(EventTypes.qaHand, ALICE)[0]?.content.stage === 'accepted' || undefined, 'her answer written');
    // Her answer's own time is 5 minutes before Mo's invite's: only the server's order says "after".
    const answer = r.getState(EventTypes.qaHand, ALICE)[0]!;
    const inviteEvent = r.getState(EventTypes.qaStage, stageKey(ALICE))[0]!;
    expect((answer.content.at as number) < (inviteEvent.content.at as number) - 4 * MIN).to.equal(true);

    await waitFor(() => alicePlayer.callAllowed || undefined, `Alice's player lets her on stage: ${shown(alicePlayer)}`);
    expect(button(alicePlayer, 'Join the stage'), 'not asked again').to.equal(undefined);
    await waitFor(() => shown(aliceQa).includes('You accepted.') || undefined, `Alice's Q&A: ${shown(aliceQa)}`);
    expect(button(aliceQa, 'Join the stage')).to.equal(undefined);
    await waitFor(() => aliceRow(moQa)?.textContent!.includes('On stage') || undefined, `Mo's queue: Alice on stage: ${shown(moQa)}`);
  });

  it('Alice’s clock 5 minutes fast: her old answer does not answer Mo’s next invite (asked again, not on stage by it; Mo’s “Invited”)', async () => {
    const r = stageRoom([[ALICE, 'Alice'], [BOB, 'Bob']], serverNow);
    invite(r);
    aliceClock(5 * MIN);
    const alicePlayer = player(r, ALICE);
    const aliceQa = qa(r, ALICE);
    const moQa = qa(r, MOD);
    (await waitFor(() => button(alicePlayer, 'Join the stage'), `the invite in Alice's player: ${shown(alicePlayer)}`)).click();
    await waitFor(() => alicePlayer.callAllowed || undefined, 'on stage by her answer');
    // Mo withdraws the invitation, and a minute later (by the server: less than her clock is ahead) invites her again.
    r.setState(EventTypes.qaStage, stageKey(ALICE), { invited: false }, MOD);
    await waitFor(() => !alicePlayer.callAllowed || undefined, 'off stage when withdrawn');
    await new Promise((done) => setTimeout(done, 20));
    invite(r);
    const answer = r.getState(EventTypes.qaHand, ALICE)[0]!;
    const inviteEvent = r.getState(EventTypes.qaStage, stageKey(ALICE))[0]!;
    expect(answer.content.at as number).to.be.greaterThan(inviteEvent.content.at as number);
    expect(answer.origin_server_ts).to.be.lessThan(inviteEvent.origin_server_ts);

    await waitFor(() => button(alicePlayer, 'Join the stage'), `the new invite asks in Alice's player: ${shown(alicePlayer)}`);
    expect(alicePlayer.callAllowed, 'not on stage by the old answer').to.equal(false);
    await waitFor(() => shown(aliceQa).includes('Mo invites you on stage for the Q&A.') || undefined, `the new invite asks in Alice's Q&A: ${shown(aliceQa)}`);
    expect(shown(aliceQa)).not.to.contain('You accepted');
    expect(button(aliceQa, 'Join the stage')).not.to.equal(undefined);
    await waitFor(() => aliceRow(moQa)?.querySelector('.badge')?.textContent === 'Invited' || undefined, `Mo's queue: Alice invited, no answer yet: ${shown(moQa)}`);
  });

  it('Alice’s clock 5 minutes slow: her hand’s place in the queue and Mo’s “Remove” go by the server’s time too', async () => {
    const r = stageRoom([[ALICE, 'Alice'], [BOB, 'Bob']], serverNow);
    // Bob (true clock) raised his hand first.
    r.setState(EventTypes.qaHand, BOB, { raised: true, at: serverNow() }, BOB);
    aliceClock(-5 * MIN);
    const aliceQa = qa(r, ALICE);
    const moQa = qa(r, MOD);
    await new Promise((done) => setTimeout(done, 20));
    await raise(aliceQa);
    await waitFor(() => shown(aliceQa).includes('#2 in the queue') || undefined, `Alice after Bob, though her hand's own time is earlier: ${shown(aliceQa)}`);
    await waitFor(() => handRows(moQa).length === 2 || undefined, `both hands in Mo's queue: ${shown(moQa)}`);
    expect(handRows(moQa).map((row) => (row.textContent!.includes('Alice') ? 'Alice' : 'Bob'))).to.deep.equal(['Bob', 'Alice']);

    // Mo takes her hand off the queue (what his "Remove" writes; his device keeps true time) …
    r.setState(EventTypes.qaStage, stageKey(ALICE), { invited: false, dismissedAt: serverNow() }, MOD);
    await waitFor(() => !aliceRow(moQa) || undefined, `her hand off Mo's queue: ${shown(moQa)}`);
    await new Promise((done) => setTimeout(done, 20));
    // … and she raises it again: a new hand, after the removal by the server, though her clock says before.
    await raise(aliceQa);
    await waitFor(() => shown(aliceQa).includes('#2 in the queue') || undefined, `Alice's new hand shown raised: ${shown(aliceQa)}`);
    await waitFor(() => aliceRow(moQa)?.textContent!.includes('Invite to stage') || undefined, `her new hand in Mo's queue: ${shown(moQa)}`);
  });
});
