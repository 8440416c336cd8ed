import { expect } from '@open-wc/testing';
import type { DevroomTalkPlayer } from '../../components/talk-player/talk-player.js';
import type { MemoryRoom } from '../../widgets/room/memory-room.js';
import { EventTypes } from '../../widgets/schema/namespace.js';
import { stageKey } from '../../widgets/qa-queue/schema.js';
import { ALICE, BOB, MOD, SPEAKER, buttonIn, conference, elementIn, leaveAll, sit, waitFor, widgetFor } from './widget-harness.js';
import type { Seat } from './widget-harness.js';

const origin = location.origin;
// The Jitsi server and its script come from the widget URL, set by whoever added the widget (docs/security.md).
const TALK = widgetFor('talk-player', 'devroom-talk-player', { jitsiDomain: 'meet.example.org', jitsiScriptUrl: `${origin}/test/fixtures/jitsi/external_api.js` });

/** A talk that is on now (the clock says "talk"), with a Q&A call on the widget URL's Jitsi server. */
function scheduleTalk(room: MemoryRoom, extra: Record<string, unknown> = {}): void {
  const now = Date.now();
  room.setState(
    EventTypes.talk,
    '',
    {
      title: 'Rust in the kernel',
      speakers: [{ name: 'Sam', userId: SPEAKER }],
      stream: `${origin}/test/fixtures/hls/talk.mp4`,
      startsAt: new Date(now - 10 * 60_000).toISOString(),
      qaAt: new Date(now + 20 * 60_000).toISOString(),
      endsAt: new Date(now + 30 * 60_000).toISOString(),
      jitsiRoom: 'DevroomRustQA',
      ...extra,
    },
    MOD,
  );
}

async function playerOf(seat: Seat): Promise<DevroomTalkPlayer> {
  const el = await elementIn<DevroomTalkPlayer>(seat, 'devroom-talk-player');
  await el.updateComplete;
  return el;
}

const jitsiFrame = (el: DevroomTalkPlayer) => el.shadowRoot!.querySelector('[part="jitsi"] iframe');

describe('Talk player widget end to end (Element-like host)', () => {
  afterEach(leaveAll);

  it('follows the room talk state; a host starting Q&A switches every open widget, and the speaker joins the call', async () => {
    const room = conference();
    scheduleTalk(room);
    const host = await sit(room, MOD, TALK);
    const alice = await sit(room, ALICE, TALK);
    const speaker = await sit(room, SPEAKER, TALK);
    const hostEl = await playerOf(host);
    const aliceEl = await playerOf(alice);
    const speakerEl = await playerOf(speaker);
    await waitFor(() => aliceEl.talkTitle === 'Rust in the kernel', 'talk title from room state');
    expect(aliceEl.currentPhase).to.equal('talk');

    // Host controls only for users with the power to set the talk state.
    const start = await waitFor(() => buttonIn(hostEl.shadowRoot!, 'Start Q&A'), 'host controls');
    expect(buttonIn(aliceEl.shadowRoot!, 'Start Q&A')).to.equal(undefined);
    start.click();
    await waitFor(() => room.getState(EventTypes.talk, '')[0]?.content.phase === 'qa', 'phase written to the room');
    await waitFor(() => aliceEl.currentPhase === 'qa', 'Alice follows');
    // The speaker goes on stage by themselves; Alice keeps the stream.
    await waitFor(() => jitsiFrame(speakerEl), 'speaker in the Jitsi call');
    expect(aliceEl.inCall).to.equal(false);
    expect(jitsiFrame(aliceEl)).to.equal(null);
    expect(aliceEl.callAllowed).to.equal(false);
  });

  it('a stage invite (Q&A moderator) makes the invited attendee\'s player offer the call; accepting joins it', async () => {
    const room = conference();
    scheduleTalk(room, { phase: 'qa' });
    const alice = await sit(room, ALICE, TALK);
    const bob = await sit(room, BOB, TALK);
    const aliceEl = await playerOf(alice);
    const bobEl = await playerOf(bob);
    await waitFor(() => aliceEl.currentPhase === 'qa', 'qa');

    await room.as(MOD).sendState(EventTypes.qaStage, stageKey(ALICE), { invited: true, by: MOD, at: Date.now() });
    const accept = await waitFor(() => buttonIn(aliceEl.shadowRoot!, 'Join the stage'), 'invite offered to Alice');
    expect(bobEl.shadowRoot!.querySelector('[part="invite"]')).to.equal(null);
    accept.click();
    await waitFor(() => room.getState(EventTypes.qaHand, ALICE)[0]?.content.stage === 'accepted', 'answer in the room');
    await waitFor(() => jitsiFrame(aliceEl), 'Alice in the call');
    expect(bobEl.inCall).to.equal(false);
  });

  it('hallway mode opens the call to everyone; a bad talk state keeps the last good one', async () => {
    const room = conference();
    scheduleTalk(room, { phase: 'qa' });
    const bob = await sit(room, BOB, TALK);
    const bobEl = await playerOf(bob);
    await waitFor(() => bobEl.currentPhase === 'qa', 'qa');
    expect(bobEl.callAvailable).to.equal(false);

    const current = room.getState(EventTypes.talk, '')[0]!.content;
    room.setState(EventTypes.talk, '', { ...current, hallway: true }, MOD);
    await waitFor(() => bobEl.callAvailable, 'call offered in hallway mode');
    expect(buttonIn(bobEl.shadowRoot!, 'Join the Q&A call')).to.not.equal(undefined);

    room.setState(EventTypes.talk, '', { ...current, stream: 'javascript:alert(1)', title: 42 }, MOD);
    await new Promise((r) => setTimeout(r, 150));
    expect(bobEl.talkTitle).to.equal('Rust in the kernel');
    expect(bobEl.src).to.equal(`${origin}/test/fixtures/hls/talk.mp4`);
  });

  it('opened directly (no client), the page configures the player from the URL fragment', async () => {
    const frame = document.createElement('iframe');
    const startsAt = new Date(Date.now() + 60 * 60_000).toISOString();
    const options = new URLSearchParams({
      src: `${origin}/test/fixtures/hls/talk.mp4`,
      title: 'Plain page talk',
      startsAt,
      qaAt: startsAt,
      jitsiDomain: 'meet.example.org',
      jitsiScriptUrl: 'javascript:alert(1)',
      phase: 'ended',
      unknownOption: 'x',
    });
    frame.src = `/widgets/talk-player.html#${options}`;
    document.body.append(frame);
    try {
      const el = await waitFor(() => frame.contentDocument?.querySelector('devroom-talk-player') as DevroomTalkPlayer | null, 'player on the plain page');
      await el.updateComplete;
      const attributes = Object.fromEntries(el.getAttributeNames().map((n) => [n, el.getAttribute(n)]));
      expect(attributes).to.deep.equal({
        src: `${origin}/test/fixtures/hls/talk.mp4`,
        'talk-title': 'Plain page talk',
        'starts-at': startsAt,
        'qa-at': startsAt,
        'jitsi-domain': 'meet.example.org',
        'jitsi-script-url': 'javascript:alert(1)',
        phase: 'ended',
      });
      expect(el.currentPhase).to.equal('ended');
      // The element's own URL checks apply to URL options too.
      expect(el.shadowRoot!.querySelector('[part="status"]')!.textContent).to.contain('jitsi-script-url');
    } finally {
      frame.remove();
    }
  });
});
