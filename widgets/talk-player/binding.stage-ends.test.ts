import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import sinon from 'sinon';
import '../../components/talk-player/define.js';
import type { DevroomTalkPlayer } from '../../components/talk-player/talk-player.js';
import { MemoryRoom } from '../room/memory-room.js';
import { DEVROOM_EVENT_LEVELS } from '../../host-tools/apply/power.js';
import { EventTypes } from '../schema/namespace.js';
import { stageKey } from '../qa-queue/stage-schema.js';
import { bindTalkPlayer } from './binding.js';

/**
 * The invitee's talk player ends their stage acceptance with the talk (`stage: "ended"` on their
 * own hand), in a room without a schedule: when it ends, when the player opens after it ended,
 * once, and never for an acceptance given after the end. The whole story through the Q&A too:
 * test/e2e/qa-stage-ends-with-talk.e2e.test.ts.
 */

const HOST = '@host:localhost';
const ALICE = '@alice:localhost';
const options = { jitsiDomain: 'meet.example.org', jitsiScriptUrl: '/test/fixtures/jitsi/external_api.js' };

/** `now`: the room's clock, which stamps `origin_server_ts` (what orders an answer and an invite; content `at` is only the writer's clock). */
function room(now?: () => number): MemoryRoom {
  const r = new MemoryRoom({ creator: HOST, powerLevels: { events: { ...DEVROOM_EVENT_LEVELS } }, ...(now ? { now } : {}) });
  r.join(ALICE);
  r.setState(EventTypes.talk, '', { speakers: [], phase: 'qa', jitsiRoom: 'DevroomTalk' });
  return r;
}

const endedWrites = (r: MemoryRoom) => r.timeline.filter((e) => e.type === EventTypes.qaHand && e.content.stage === 'ended');
const settle = () => new Promise((r) => setTimeout(r, 300));

async function bound(r: MemoryRoom) {
  const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player></devroom-talk-player>`);
  const binding = bindTalkPlayer(el, r.as(ALICE), { options });
  await binding.ready;
  return { el, binding };
}

describe('talk player binding: a stage acceptance ends with the talk', function () {
  this.timeout(10000);

  it('written once when a host ends the talk, though the room changes again before its echo', async () => {
    const r = room();
    r.setState(EventTypes.qaStage, stageKey(ALICE), { invited: true, at: Date.now() });
    r.setState(EventTypes.qaHand, ALICE, { raised: false, stage: 'accepted', at: Date.now() }, ALICE);
    const { el, binding } = await bound(r);
    await waitUntil(() => el.callAllowed, 'the accepted invite opens the call');
    // A slow server: the answer's echo comes after more changes of the room.
    r.latencyMs = 400;
    r.setState(EventTypes.talk, '', { speakers: [], phase: 'ended', jitsiRoom: 'DevroomTalk' });
    await waitUntil(() => el.currentPhase === 'ended', 'the talk ended');
    r.setState(EventTypes.talk, '', { speakers: [], phase: 'ended', title: 'Keynote', jitsiRoom: 'DevroomTalk' });
    r.setState(EventTypes.talk, '', { speakers: [], phase: 'ended', title: 'Keynote, thanks', jitsiRoom: 'DevroomTalk' });
    await waitUntil(() => endedWrites(r).length, 'the ended answer is written');
    await settle();
    expect(endedWrites(r)).to.have.length(1);
    expect(r.getState(EventTypes.qaHand, ALICE)[0]!.content).to.include({ raised: false, stage: 'ended' });
    expect(el.callAllowed).to.equal(false);
    binding.stop();
  });

  it('written when the player opens after the talk ended (the acceptance was before)', async () => {
    const r = room();
    r.setState(EventTypes.qaStage, stageKey(ALICE), { invited: true, at: Date.now() });
    r.setState(EventTypes.qaHand, ALICE, { raised: false, stage: 'accepted', at: Date.now() }, ALICE);
    r.setState(EventTypes.talk, '', { speakers: [], phase: 'ended', jitsiRoom: 'DevroomTalk' });
    const { el, binding } = await bound(r);
    await waitUntil(() => endedWrites(r).length, 'the ended answer is written');
    await settle();
    expect(endedWrites(r)).to.have.length(1);
    expect(el.callAllowed).to.equal(false);
    binding.stop();
  });

  it('not written for an acceptance after the end (invited for the next talk in the break): the stage stays hers', async () => {
    const r = room();
    r.setState(EventTypes.talk, '', { speakers: [], phase: 'ended', jitsiRoom: 'DevroomTalk' });
    const { el, binding } = await bound(r);
    r.setState(EventTypes.qaStage, stageKey(ALICE), { invited: true, at: Date.now() });
    r.setState(EventTypes.qaHand, ALICE, { raised: false, stage: 'accepted', at: Date.now() }, ALICE);
    await waitUntil(() => el.callAllowed, 'the accepted invite opens the call');
    await settle();
    expect(endedWrites(r)).to.have.length(0);
    // The next talk's Q&A: she is on stage by it.
    r.setState(EventTypes.talk, '', { speakers: [], phase: 'qa', jitsiRoom: 'DevroomTalk' });
    await waitUntil(() => el.currentPhase === 'qa', 'Q&A');
    expect(el.callAllowed).to.equal(true);
    expect(endedWrites(r)).to.have.length(0);
    binding.stop();
  });

  it('written when the talk’s time ends by the clock (its endsAt), no host pressing anything', async () => {
    const t0 = Date.now();
    const clock = sinon.useFakeTimers({ now: t0, toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'], shouldAdvanceTime: true });
    try {
      const r = room();
      const iso = (ms: number) => new Date(ms).toISOString();
      r.setState(EventTypes.talk, '', { speakers: [], startsAt: iso(t0 - 20 * 60_000), qaAt: iso(t0 - 5 * 60_000), endsAt: iso(t0 + 60_000), jitsiRoom: 'DevroomTalk' });
      r.setState(EventTypes.qaStage, stageKey(ALICE), { invited: true, at: Date.now() });
      r.setState(EventTypes.qaHand, ALICE, { raised: false, stage: 'accepted', at: Date.now() }, ALICE);
      const { el, binding } = await bound(r);
      await waitUntil(() => el.callAllowed, 'the accepted invite opens the call');
      expect(el.currentPhase).to.equal('qa');
      expect(endedWrites(r)).to.have.length(0);
      await clock.tickAsync(61_000);
      await waitUntil(() => endedWrites(r).length, 'the ended answer is written');
      expect(el.callAllowed).to.equal(false);
      binding.stop();
    } finally {
      clock.restore();
    }
  });

  for (const brk of [0, 2]) {
    it(`with a schedule: written at the slot's end, the next talk ${brk ? 'after a break' : 'right after'}; not on stage in its Q&A; one accepted in the break stays`, async () => {
      const t0 = Date.now();
      const MIN = 60_000;
      const clock = sinon.useFakeTimers({ now: t0, toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'], shouldAdvanceTime: true });
      try {
        const r = room();
        const iso = (ms: number) => new Date(ms).toISOString();
        const twoStarts = t0 + (1 + brk) * MIN;
        const talks = [
          { id: 't1', title: 'One', speakers: [], startsAt: iso(t0 - 20 * MIN), qaAt: iso(t0 - 5 * MIN), endsAt: iso(t0 + MIN) },
          { id: 't2', title: 'Two', speakers: [], startsAt: iso(twoStarts), qaAt: iso(twoStarts + MIN), endsAt: iso(twoStarts + 10 * MIN) },
        ];
        r.setState(EventTypes.talk, '', { speakers: [], jitsiRoom: 'DevroomTalk' });
        r.setState(EventTypes.schedule, '', { talks });
        r.setState(EventTypes.qaStage, stageKey(ALICE), { invited: true, at: Date.now() });
        r.setState(EventTypes.qaHand, ALICE, { raised: false, stage: 'accepted', at: Date.now() }, ALICE);
        const { el, binding } = await bound(r);
        await waitUntil(() => el.callAllowed && el.currentPhase === 'qa', 'on stage in One’s Q&A');
        await clock.tickAsync(MIN + 1_000);
        await waitUntil(() => endedWrites(r).length, 'the ended answer is written at One’s end');
        expect(el.callAllowed).to.equal(false);
        if (brk) {
          // Invited for Two in the break, and accepted: that stays, into Two's Q&A.
          r.setState(EventTypes.qaStage, stageKey(ALICE), { invited: true, at: Date.now() });
          r.setState(EventTypes.qaHand, ALICE, { raised: false, stage: 'accepted', at: Date.now() }, ALICE);
        }
        await clock.tickAsync(twoStarts + MIN + 1_000 - Date.now());
        await waitUntil(() => el.talkTitle === 'Two' && el.currentPhase === 'qa', 'Two’s Q&A');
        await settle();
        expect(el.callAllowed, 'on stage in Two’s Q&A only by an answer given for it').to.equal(!!brk);
        expect(endedWrites(r)).to.have.length(1);
        binding.stop();
      } finally {
        clock.restore();
      }
    });
  }

  it('an invite after "ended" counts again: offered, not ended by the old answer', async () => {
    // The server's times: invited a minute ago, ended half a minute later; invited again now.
    let serverNow = Date.now() - 60_000;
    const r = room(() => serverNow);
    r.setState(EventTypes.qaStage, stageKey(ALICE), { invited: true, at: Date.now() });
    serverNow += 30_000;
    r.setState(EventTypes.qaHand, ALICE, { raised: false, stage: 'ended', at: Date.now() }, ALICE);
    const { el, binding } = await bound(r);
    await settle();
    expect(el.stageInvite).to.equal(null);
    expect(el.callAllowed).to.equal(false);
    serverNow += 30_000;
    r.setState(EventTypes.qaStage, stageKey(ALICE), { invited: true, at: Date.now() });
    await waitUntil(() => el.stageInvite, 'the new invite is offered');
    binding.stop();
  });
});
