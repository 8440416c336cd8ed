import { expect, fixture, html } from '@open-wc/testing';
import sinon from 'sinon';
import '../../components/talk-player/define.js';
import type { DevroomTalkPlayer } from '../../components/talk-player/talk-player.js';
import { MemoryRoom } from '../room/memory-room.js';
import { DEVROOM_EVENT_LEVELS } from '../../host-tools/apply/power.js';
import { EventTypes } from '../schema/namespace.js';
import { bindTalkPlayer } from './binding.js';
import type { TalkBinding } from './binding.js';

/**
 * A room with its schedule (dev.devroom.schedule) moves from talk to talk by the clock alone:
 * upcoming → talk → Q&A → the next talk, "Next: …" beside it, and nothing written to the room.
 */

const HOST = '@host:localhost';
const ALICE = '@alice:localhost';
const SAM = '@sam:localhost';
const MIN = 60_000;
/** 10:00 local time today: the "Next" time shows without a weekday. */
const T0 = new Date(new Date().setHours(10, 0, 0, 0)).getTime();
const iso = (ms: number) => new Date(ms).toISOString();

/** Three talks: A 10:01–10:10 (Q&A from 10:08), B 10:10–10:20, a break, C 10:25–10:35. */
const TALKS = [
  { id: 'a', title: 'Talk A', speakers: [{ name: 'Sam', userId: SAM }], startsAt: iso(T0 + MIN), endsAt: iso(T0 + 10 * MIN), qaAt: iso(T0 + 8 * MIN) },
  { id: 'b', title: 'Talk B', speakers: [{ name: 'Bo' }], startsAt: iso(T0 + 10 * MIN), endsAt: iso(T0 + 20 * MIN) },
  { id: 'c', title: 'Talk C', speakers: [], startsAt: iso(T0 + 25 * MIN), endsAt: iso(T0 + 35 * MIN) },
];

const text = (el: DevroomTalkPlayer, part: string) => el.shadowRoot!.querySelector(`[part="${part}"]`)?.textContent?.replace(/\s+/g, ' ').trim();
const hhmm = (ms: number) => new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' }).format(ms);

describe('talk player binding: follows the room schedule', function () {
  this.timeout(10000);
  let clock: sinon.SinonFakeTimers | undefined;
  let binding: TalkBinding | undefined;
  afterEach(() => {
    binding?.stop();
    binding = undefined;
    clock?.restore();
    clock = undefined;
  });

  async function setUp(schedule: Record<string, unknown>[], talkState: Record<string, unknown> = { stream: 'https://stream.example.org/room.m3u8' }) {
    clock = sinon.useFakeTimers({ now: T0, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    const room = new MemoryRoom({ creator: HOST, powerLevels: { events: { ...DEVROOM_EVENT_LEVELS } } });
    room.join(ALICE);
    room.join(SAM);
    for (const [key, content] of schedule.map((c, i) => [i === 0 ? '' : String(c.day), c] as const)) room.setState(EventTypes.schedule, key, content);
    room.setState(EventTypes.talk, '', talkState);
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player lang="en"></devroom-talk-player>`);
    binding = bindTalkPlayer(el, room.as(ALICE));
    await binding.ready;
    await el.updateComplete;
    return { room, el };
  }

  async function at(el: DevroomTalkPlayer, ms: number) {
    await clock!.tickAsync(T0 + ms - Date.now());
    await el.updateComplete;
  }

  it('shows each talk in turn, its phase and what is next, with 0 writes to the room', async () => {
    const { room, el } = await setUp([{ talks: TALKS }]);
    const events = room.timeline.length;

    expect(text(el, 'title')).to.equal('Talk A');
    expect(text(el, 'phase')).to.equal('Upcoming');
    expect(text(el, 'next')).to.equal(`Next: Talk B · ${hhmm(T0 + 10 * MIN)}`);
    expect(el.src, 'the room-level talk state stays').to.equal('https://stream.example.org/room.m3u8');

    await at(el, 2 * MIN);
    expect([text(el, 'title'), text(el, 'phase')]).to.deep.equal(['Talk A', 'Talk']);
    await at(el, 8 * MIN + 1000);
    expect([text(el, 'title'), text(el, 'phase')]).to.deep.equal(['Talk A', 'Q&A']);

    await at(el, 10 * MIN + 1);
    expect([text(el, 'title'), text(el, 'phase')]).to.deep.equal(['Talk B', 'Talk']);
    expect(el.qaAt, 'A’s Q&A time does not stick to B').to.equal(undefined);
    expect(text(el, 'next')).to.equal(`Next: Talk C · ${hhmm(T0 + 25 * MIN)}`);

    // The break: C is next up, with its countdown; nothing after it.
    await at(el, 21 * MIN);
    expect([text(el, 'title'), text(el, 'phase')]).to.deep.equal(['Talk C', 'Upcoming']);
    expect(text(el, 'next')).to.equal(undefined);
    await at(el, 26 * MIN);
    expect(text(el, 'phase')).to.equal('Talk');
    await at(el, 40 * MIN);
    expect([text(el, 'title'), text(el, 'phase')]).to.deep.equal(['Talk C', 'Ended']);

    expect(room.timeline.length - events, 'events sent to the room').to.equal(0);
  });

  it('the speaker of the talk on now may join its call; the next talk’s speakers replace them', async () => {
    const { el } = await setUp([{ talks: TALKS }], { jitsiDomain: 'meet.example.org', jitsiRoom: 'Room' });
    binding!.stop();
    const room = new MemoryRoom({ creator: HOST, powerLevels: { events: { ...DEVROOM_EVENT_LEVELS } } });
    room.join(SAM);
    room.setState(EventTypes.schedule, '', { talks: TALKS });
    binding = bindTalkPlayer(el, room.as(SAM));
    await binding.ready;
    await at(el, 2 * MIN);
    expect(el.autoJoin, 'Sam speaks in talk A').to.equal(true);
    await at(el, 10 * MIN + 1);
    expect(el.autoJoin, 'not in talk B').to.equal(false);
  });

  it('a schedule split per day is read whole; a bad talk is left out with a reason; a bad event counts for nothing', async () => {
    const { room, el } = await setUp([
      { talks: [] },
      { day: '2026-01-01', talks: [TALKS[0], { id: 'x', title: 'No start' }] },
      { day: '2026-01-02', talks: [TALKS[1]] },
      { day: '2026-01-03', talks: 'not a list' },
    ]);
    expect(text(el, 'title')).to.equal('Talk A');
    expect(text(el, 'next')).to.equal(`Next: Talk B · ${hhmm(T0 + 10 * MIN)}`);
    expect(binding!.problems.join('\n')).to.match(/talks\[1\]\.startsAt: is required/);
    // The whole list under "" wins over day events a longer schedule left behind.
    room.setState(EventTypes.schedule, '', { talks: [TALKS[2]] });
    await el.updateComplete;
    expect(text(el, 'title')).to.equal('Talk C');
  });

  it('a host’s phase override holds for its talk only; a change of schedule moves the player at once', async () => {
    const { room, el } = await setUp([{ talks: TALKS }]);
    await at(el, 2 * MIN);
    room.setState(EventTypes.talk, '', { phase: 'qa', phaseTalk: 'a' });
    await clock!.tickAsync(0);
    await el.updateComplete;
    expect(text(el, 'phase')).to.equal('Q&A');
    await at(el, 11 * MIN);
    expect([text(el, 'title'), text(el, 'phase')], 'the forgotten override does not stick to B').to.deep.equal(['Talk B', 'Talk']);
    // An override without its talk, in a room with a schedule, names no talk: it holds for none.
    room.setState(EventTypes.talk, '', { phase: 'ended' });
    await clock!.tickAsync(0);
    await el.updateComplete;
    expect(text(el, 'phase')).to.equal('Talk');

    // B moved to start in 2 minutes: one schedule write, every player follows it now.
    room.setState(EventTypes.schedule, '', { talks: [TALKS[0], { ...TALKS[1], startsAt: iso(T0 + 13 * MIN), endsAt: iso(T0 + 23 * MIN) }, TALKS[2]] });
    await clock!.tickAsync(0);
    await el.updateComplete;
    expect([text(el, 'title'), text(el, 'phase')]).to.deep.equal(['Talk B', 'Upcoming']);
    await at(el, 13 * MIN);
    expect(text(el, 'phase')).to.equal('Talk');
  });

  it('a host’s phase request writes the phase with the talk on now; following the schedule again drops both', async () => {
    clock = sinon.useFakeTimers({ now: T0 + 2 * MIN, toFake: ['Date'] });
    const room = new MemoryRoom({ creator: HOST, powerLevels: { events: { ...DEVROOM_EVENT_LEVELS } } });
    room.setState(EventTypes.schedule, '', { talks: TALKS });
    room.setState(EventTypes.talk, '', { stream: 'https://stream.example.org/room.m3u8', hallway: true });
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player></devroom-talk-player>`);
    binding = bindTalkPlayer(el, room.as(HOST));
    await binding.ready;
    const talk = () => room.getState(EventTypes.talk, '')[0]!.content;
    const settle = async (done: () => boolean) => {
      for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => requestAnimationFrame(r));
    };
    el.dispatchEvent(new CustomEvent('devroom-phase-request', { detail: { phase: 'qa' } }));
    await settle(() => talk().phase === 'qa');
    expect(talk()).to.deep.equal({ stream: 'https://stream.example.org/room.m3u8', hallway: true, phase: 'qa', phaseTalk: 'a' });
    el.dispatchEvent(new CustomEvent('devroom-phase-request', { detail: { phase: null } }));
    await settle(() => !('phase' in talk()));
    expect(talk()).to.deep.equal({ stream: 'https://stream.example.org/room.m3u8', hallway: true });
  });

  it('without a schedule, the talk state names the talk as before (its override holds)', async () => {
    const { el } = await setUp([], { title: 'One talk', speakers: [], startsAt: iso(T0 - MIN), endsAt: iso(T0 + 30 * MIN), phase: 'qa' });
    expect([text(el, 'title'), text(el, 'phase'), text(el, 'next')]).to.deep.equal(['One talk', 'Q&A', undefined]);
  });
});
