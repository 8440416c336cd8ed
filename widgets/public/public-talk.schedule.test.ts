import { expect, fixture, html } from '@open-wc/testing';
import '../../components/talk-player/define.js';
import type { DevroomTalkPlayer } from '../../components/talk-player/talk-player.js';
import { waitFor } from '../../test/support/wait-for.js';
import { TestHomeserver } from '../room/cs-test-server.js';
import { EventTypes } from '../schema/namespace.js';
import { bindPublicRoom } from './public-room.js';
import type { PublicRoomBinding } from './public-room.js';

/** The plain-page guest reader follows the room's schedule like the widget: talk after talk, by the clock. */

const FAST = { syncTimeoutMs: 5000, minBackoffMs: 200, maxBackoffMs: 1000 };
const HOST = '@host:test.local';

let binding: PublicRoomBinding | undefined;
afterEach(() => binding?.stop());

const text = (el: DevroomTalkPlayer, part: string) => el.shadowRoot!.querySelector(`[part="${part}"]`)?.textContent?.trim();

describe('bindPublicRoom: the talk player follows the room schedule', () => {
  it('shows each talk of a three-talk schedule in turn, with what is next, reading nothing more from the server', async function () {
    this.timeout(15000);
    const t0 = Date.now();
    const iso = (s: number) => new Date(t0 + s * 1000).toISOString();
    const talks = [
      { id: '1', title: 'First talk', speakers: [], startsAt: iso(1), endsAt: iso(3) },
      { id: '2', title: 'Second talk', speakers: [], startsAt: iso(3), endsAt: iso(5) },
      { id: '3', title: 'Third talk', speakers: [], startsAt: iso(5), endsAt: iso(7) },
    ];
    const server = new TestHomeserver('pub-talk-schedule');
    await server.setup({ events: [{ type: EventTypes.schedule, state_key: '', sender: HOST, content: { talks } }] });
    const parent = await fixture<HTMLDivElement>(html`<div><devroom-talk-player lang="en" homeserver=${server.url} room="#public:test.local"></devroom-talk-player></div>`);
    const el = parent.querySelector('devroom-talk-player')!;
    binding = bindPublicRoom(el, FAST);
    await binding.ready;
    await el.updateComplete;
    expect(text(el, 'title')).to.equal('First talk');
    expect(text(el, 'next')).to.match(/^Next: Second talk · /);
    const before = await server.stats();

    await waitFor(() => text(el, 'title') === 'Second talk', 'the second talk', 4000);
    expect(text(el, 'next')).to.match(/^Next: Third talk · /);
    await waitFor(() => text(el, 'title') === 'Third talk', 'the third talk', 4000);
    await waitFor(() => text(el, 'phase') === 'Ended', 'the end of the day', 4000);
    const after = await server.stats();
    // Only the long-poll /sync it keeps anyway: the clock moves the player, not the server.
    const reads = Object.entries(after.counts).filter(([endpoint, n]) => endpoint !== 'sync' && n !== (before.counts[endpoint] ?? 0));
    expect(reads).to.deep.equal([]);
  });
});
