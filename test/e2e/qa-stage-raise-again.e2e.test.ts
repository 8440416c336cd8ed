import { expect } from '@open-wc/testing';
import type { DevroomQaQueue } from '../../components/qa-queue/qa-queue.js';
import type { DevroomTalkPlayer } from '../../components/talk-player/talk-player.js';
import { resetJitsiLoader } from '../../components/jitsi/jitsi-loader.js';
import type { MemoryRoom } from '../../widgets/room/memory-room.js';
import { EventTypes } from '../../widgets/schema/namespace.js';
import { stageKey } from '../../widgets/qa-queue/schema.js';
import { waitFor } from '../support/wait-for.js';
import { ALICE, MOD, button, buttonIn, player, qa, shown, stageRoom } from './stage-room.js';

/**
 * An answered stage invite stays answered when its invitee raises their hand again: the new
 * hand is a new request (docs/schema.md "Raised hand"). Raising writes a hand state with no
 * `stage`, which used to bring the old invite back as unanswered in the invitee's Q&A and talk
 * player and as "Invited" in the moderator's queue. Only a new invite asks again. Everyone acts
 * through the pages' own buttons on one room.
 */

async function raise(r: MemoryRoom, aliceQa: DevroomQaQueue): Promise<void> {
  const hands = () => r.timeline.filter((e) => e.type === EventTypes.qaHand && e.sender === ALICE).length;
  const before = hands();
  (await waitFor(() => aliceQa.shadowRoot!.querySelector<HTMLButtonElement>('#raise-hand'), `"Raise hand" at Alice: ${shown(aliceQa)}`)).click();
  const form = await waitFor(() => aliceQa.shadowRoot!.querySelector('.hand-form'), 'the hand form');
  buttonIn(form, 'Raise hand')!.click();
  await waitFor(() => hands() > before || undefined, 'the hand sent');
  await waitFor(() => shown(aliceQa).includes('in the queue') || undefined, `Alice's hand shown raised: ${shown(aliceQa)}`);
}

/** Mo presses "Invite to stage" on Alice's hand in his queue. */
async function invite(moQa: DevroomQaQueue): Promise<void> {
  const row = await waitFor(() => aliceRow(moQa)?.textContent!.includes('Invite to stage') && aliceRow(moQa), `Alice's hand in Mo's queue: ${shown(moQa)}`);
  buttonIn(row, 'Invite to stage')!.click();
}

const aliceRow = (moQa: DevroomQaQueue) => [...moQa.shadowRoot!.querySelectorAll('[part="hand"]')].find((row) => row.textContent!.includes('Alice'));

/** Alice raised her hand again after answering: nowhere is she asked, Mo may invite her anew. */
async function noOldInvite(r: MemoryRoom, aliceQa: DevroomQaQueue, alicePlayer: DevroomTalkPlayer, moQa: DevroomQaQueue): Promise<void> {
  await waitFor(() => aliceRow(moQa)?.textContent!.includes('Invite to stage') || undefined, `Mo's queue: Alice's new hand to invite, not the old invite: ${shown(moQa)}`);
  const row = aliceRow(moQa)!;
  expect(row.querySelector('.badge'), 'no "Invited" (nor any answer) on her new hand').to.equal(null);
  expect(buttonIn(row, 'Withdraw invitation')).to.equal(undefined);
  await aliceQa.updateComplete;
  expect(aliceQa.shadowRoot!.querySelector('[part="stage-invite"]'), `Alice's Q&A: ${shown(aliceQa)}`).to.equal(null);
  expect(shown(aliceQa)).not.to.contain('invites you on stage');
  expect(shown(aliceQa)).to.contain('#1 in the queue');
  await alicePlayer.updateComplete;
  expect(alicePlayer.stageInvite, 'no invite in her talk player').to.equal(null);
  expect(button(alicePlayer, 'Join the stage')).to.equal(undefined);
  expect(shown(alicePlayer)).not.to.contain('invites you on stage');
  // Nor in a talk player she opens now (a reload, another tab): it reads the room afresh.
  const reopened = player(r, ALICE);
  await waitFor(() => reopened.currentPhase === 'qa' || undefined, 'the reopened player reads the room');
  await new Promise((done) => setTimeout(done, 300));
  expect(reopened.stageInvite, 'no invite in a talk player opened now').to.equal(null);
  expect(button(reopened, 'Join the stage')).to.equal(undefined);
  // Her Q&A and player only read: nothing answered for her.
  expect(r.getState(EventTypes.qaHand, ALICE)[0]!.content).to.include({ raised: true }).and.not.to.have.property('stage');
}

/** Mo invites again: Alice is asked again, in both places, and Mo's queue says "Invited". */
async function askedAgain(aliceQa: DevroomQaQueue, alicePlayer: DevroomTalkPlayer, moQa: DevroomQaQueue): Promise<void> {
  await invite(moQa);
  await waitFor(() => shown(aliceQa).includes('Mo invites you on stage for the Q&A.') || undefined, `the new invite in Alice's Q&A: ${shown(aliceQa)}`);
  expect(button(aliceQa, 'Join the stage')).not.to.equal(undefined);
  expect(button(aliceQa, 'No, thanks')).not.to.equal(undefined);
  await waitFor(() => button(alicePlayer, 'Join the stage'), `the new invite in Alice's player: ${shown(alicePlayer)}`);
  await waitFor(() => aliceRow(moQa)?.querySelector('.badge')?.textContent === 'Invited' || undefined, `Mo's queue: Alice invited: ${shown(moQa)}`);
}

/** Alice with her talk player and Q&A, and Mo's Q&A, on `r` (a new room with Alice by default). */
function seated(r = stageRoom([[ALICE, 'Alice']])) {
  return { r, alicePlayer: player(r, ALICE), aliceQa: qa(r, ALICE), moQa: qa(r, MOD) };
}

describe('Q&A and talk player: an answered stage invite stays answered when the hand goes up again', function () {
  this.timeout(20000);
  afterEach(() => resetJitsiLoader());

  it('declined, then raised again: no invite for Alice, her raised hand in Mo’s queue; a new invite asks again', async () => {
    const { r, alicePlayer, aliceQa, moQa } = seated();

    await raise(r, aliceQa);
    await invite(moQa);
    (await waitFor(() => button(aliceQa, 'No, thanks'), `the invite in Alice's Q&A: ${shown(aliceQa)}`)).click();
    await waitFor(() => r.getState(EventTypes.qaHand, ALICE)[0]?.content.stage === 'declined' || undefined, 'declined');
    await waitFor(() => aliceRow(moQa)?.textContent!.includes('Declined') || undefined, `Mo's queue says declined: ${shown(moQa)}`);
    await waitFor(() => !aliceQa.shadowRoot!.querySelector('[part="stage-invite"]') || undefined, 'the invite leaves Alice’s Q&A');

    await raise(r, aliceQa);
    await noOldInvite(r, aliceQa, alicePlayer, moQa);
    await askedAgain(aliceQa, alicePlayer, moQa);
  });

  it('accepted, the talk ended, then raised again: no invite for Alice, her raised hand in Mo’s queue; a new invite asks again', async () => {
    const r = stageRoom([[ALICE, 'Alice']]);
    const moPlayer = player(r, MOD);
    const { alicePlayer, aliceQa, moQa } = seated(r);

    await raise(r, aliceQa);
    await invite(moQa);
    (await waitFor(() => button(alicePlayer, 'Join the stage'), `the invite in Alice's player: ${shown(alicePlayer)}`)).click();
    await waitFor(() => shown(aliceQa).includes('You accepted.') || undefined, `Alice's Q&A says she accepted: ${shown(aliceQa)}`);

    // Mo ends the talk: her player ends the acceptance on her hand (`stage: "ended"`).
    (await waitFor(() => button(moPlayer, 'End the talk'), 'Mo has "End the talk"')).click();
    await moPlayer.updateComplete;
    button(moPlayer, 'End it')!.click();
    await waitFor(() => r.getState(EventTypes.qaHand, ALICE)[0]?.content.stage === 'ended' || undefined, 'the acceptance ended');
    await waitFor(() => !aliceRow(moQa) || undefined, `Alice leaves Mo's queue: ${shown(moQa)}`);
    // The next Q&A.
    (await waitFor(() => button(moPlayer, 'Start Q&A'), 'Mo can start a Q&A again')).click();
    await waitFor(() => alicePlayer.currentPhase === 'qa' || undefined, 'Q&A again at Alice');

    await raise(r, aliceQa);
    await noOldInvite(r, aliceQa, alicePlayer, moQa);
    expect(alicePlayer.callAllowed, 'the stage is not hers by the old acceptance').to.equal(false);
    await askedAgain(aliceQa, alicePlayer, moQa);
  });

  it('a hand lowered instead of answering lets the invite go: gone for Alice and from Mo’s queue; a new raise and invite ask again', async () => {
    const { r, alicePlayer, aliceQa, moQa } = seated();
    await raise(r, aliceQa);
    await invite(moQa);
    await waitFor(() => button(aliceQa, 'No, thanks'), `the invite in Alice's Q&A: ${shown(aliceQa)}`);
    button(aliceQa, 'Lower hand')!.click();
    await waitFor(() => !aliceRow(moQa) || undefined, `Alice leaves Mo's queue: ${shown(moQa)}`);
    await waitFor(() => !aliceQa.shadowRoot!.querySelector('[part="stage-invite"]') || undefined, `the invite leaves Alice's Q&A: ${shown(aliceQa)}`);
    await waitFor(() => alicePlayer.stageInvite === null || undefined, 'the invite leaves her talk player');
    await raise(r, aliceQa);
    await askedAgain(aliceQa, alicePlayer, moQa);
  });

  it('an invite sent after the raise still asks (a hand raised before it does not hide it)', async () => {
    const { r, alicePlayer, aliceQa, moQa } = seated();
    await raise(r, aliceQa);
    await askedAgain(aliceQa, alicePlayer, moQa);
    expect(r.getState(EventTypes.qaStage, stageKey(ALICE))[0]!.content).to.include({ invited: true });
  });
});
