import { expect, fixture, html } from '@open-wc/testing';
import '../../components/talk-player/define.js';
import type { DevroomTalkPlayer } from '../../components/talk-player/talk-player.js';
import { waitFor } from '../../test/support/wait-for.js';
import { TestHomeserver } from '../room/cs-test-server.js';
import type { TestEvent } from '../room/cs-test-server.js';
import { EventTypes } from '../schema/namespace.js';
import { bindPublicRoom } from './public-room.js';
import type { PublicRoomBinding } from './public-room.js';

/** The talk player on a plain page, following a public room (test/support/matrix-cs-plugin.mjs). */

const bindings: PublicRoomBinding[] = [];
afterEach(() => {
  for (const b of bindings.splice(0)) b.stop();
});

const FAST = { syncTimeoutMs: 5000, minBackoffMs: 200, maxBackoffMs: 1000 };
const HOST = '@host:test.local';
const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

/** No stream: the phase and the call are what is under test, not HLS. */
const talkState = (extra: Record<string, unknown> = {}): TestEvent => ({
  type: EventTypes.talk,
  state_key: '',
  sender: HOST,
  content: {
    title: 'Rust in the kernel',
    speakers: [{ name: 'Sam', userId: '@sam:test.local' }],
    startsAt: at(-10),
    endsAt: at(30),
    jitsiDomain: 'meet.example.org',
    jitsiRoom: 'RustKernel',
    ...extra,
  },
});

async function player(server: TestHomeserver): Promise<{ el: DevroomTalkPlayer; binding: PublicRoomBinding }> {
  // The page names the Jitsi server (docs/security.md: room content never chooses it); the room names the meeting.
  const parent = await fixture<HTMLDivElement>(
    html`<div><devroom-talk-player homeserver=${server.url} room="#public:test.local" jitsi-domain="meet.example.org"></devroom-talk-player></div>`,
  );
  const el = parent.querySelector('devroom-talk-player')!;
  const binding = bindPublicRoom(el, FAST);
  bindings.push(binding);
  await binding.ready;
  await el.updateComplete;
  return { el, binding };
}

const phaseText = (el: DevroomTalkPlayer) => el.shadowRoot!.querySelector('[part="phase"]')?.textContent?.trim();
const buttons = (el: DevroomTalkPlayer) => [...el.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent?.trim() ?? '');

describe('bindPublicRoom: the talk player follows a public room', () => {
  it('shows the room’s talk and phase, with no call and no host controls', async () => {
    const server = new TestHomeserver('pub-talk-load');
    await server.setup({ events: [talkState({ phase: 'talk' })] });
    const { el, binding } = await player(server);
    expect(el.talkTitle).to.equal('Rust in the kernel');
    expect(phaseText(el)).to.equal('Talk');
    expect(el.canHost).to.equal(false);
    expect(el.callAllowed).to.equal(false);
    expect(el.autoJoin).to.equal(false);
    expect(el.shadowRoot!.querySelector('[part="host-controls"]')).to.equal(null);
    expect(buttons(el)).to.not.include('Join the Q&A call');
    expect(binding.status.state).to.equal('live');
  });

  it('switches phase live when a host changes it, and offers no call in Q&A', async () => {
    const server = new TestHomeserver('pub-talk-live');
    await server.setup({ events: [talkState({ phase: 'talk' })] });
    const { el } = await player(server);
    const before = await server.stats();
    const sentAt = performance.now();
    await server.send(talkState({ phase: 'qa' }));
    await waitFor(() => phaseText(el) === 'Q&A', 'the Q&A phase', 2000);
    const latency = performance.now() - sentAt;
    // Delivered by the sync that was already waiting (at most one more to re-poll).
    expect(((await server.stats()).counts.sync ?? 0) - (before.counts.sync ?? 0)).to.be.at.most(2);
    expect(latency).to.be.below(1500);
    await el.updateComplete;
    expect(el.callAllowed).to.equal(false);
    expect(el.callAvailable).to.equal(false);
    expect(el.shadowRoot!.querySelector('[part="host-controls"]')).to.equal(null);

    await server.send(talkState({ phase: 'ended' }));
    await waitFor(() => phaseText(el) === 'Ended', 'the ended phase', 2000);
  });

  it('offers the call only when the host opens the hallway', async () => {
    const server = new TestHomeserver('pub-talk-hallway');
    await server.setup({ events: [talkState({ phase: 'qa' })] });
    const { el } = await player(server);
    expect(el.callAvailable).to.equal(false);
    await server.send(talkState({ phase: 'qa', hallway: true }));
    await waitFor(() => el.hallway, 'the hallway', 2000);
    await el.updateComplete;
    expect(el.callAllowed).to.equal(true);
    expect(el.callAvailable).to.equal(true);
    expect(buttons(el)).to.include('Join the Q&A call');
    expect(el.canHost).to.equal(false);
    expect(el.shadowRoot!.querySelector('[part="host-controls"]')).to.equal(null);
  });
});
