import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import '../../components/talk-player/define.js';
import type { DevroomTalkPlayer } from '../../components/talk-player/talk-player.js';
import { DEVROOM_EVENT_LEVELS } from '../../host-tools/apply/power.js';
import { afterTest, mount } from '../../test/support/cleanup.js';
import { settleTasks } from '../../test/support/real-task.js';
import { visibleText } from '../../test/support/visible-text.js';
import { MemoryRoom } from '../room/memory-room.js';
import { RoomError } from '../room/room.js';
import { EventTypes } from '../schema/namespace.js';
import { bindTalkPlayer } from './binding.js';

/**
 * Issue #17.2/#14: the talk player's start-up read of the room fails (the client does not
 * answer in time, or refuses the read). A person reads only that problem and that it keeps
 * trying (also as the screen-reader status), never "No stream has been set up" from the
 * widget URL's talk; once a later read succeeds the talk shows and the problem goes. Through
 * the binding on a MemoryRoom, a fake clock for the waits between tries.
 */

const HOST = '@host:example.org';
const ALICE = '@alice:example.org';
const NO_STREAM = 'No stream has been set up for this talk yet.';

function talkRoom(talk: boolean): MemoryRoom {
  const room = new MemoryRoom({ creator: HOST, powerLevels: { events: { ...DEVROOM_EVENT_LEVELS } } });
  room.join(ALICE);
  // In an hour: the player shows the title and a countdown, and loads no stream.
  const startsAt = new Date(Date.now() + 3_600_000).toISOString();
  if (talk) room.setState(EventTypes.talk, '', { title: 'Rust in the kernel', speakers: [], startsAt });
  return room;
}

function player(lang = 'en'): DevroomTalkPlayer {
  const el = mount<DevroomTalkPlayer>('devroom-talk-player');
  el.lang = lang;
  return el;
}

const status = (el: DevroomTalkPlayer) => el.shadowRoot!.querySelector('[part="status"]')!.textContent!.trim();

describe('talk player: the room cannot be read at start-up', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => (clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['setTimeout', 'clearTimeout'] })));
  afterEach(() => clock.restore());

  it('shows only the problem while the reads fail, and the talk (without the problem) once one succeeds', async () => {
    const room = talkRoom(true);
    room.failNext(new RoomError('Request timed out', 'DEVROOM_TIMEOUT'), { op: 'readState', type: EventTypes.talk });
    room.failNext(new RoomError('Cannot read state events', 'M_FORBIDDEN'), { op: 'readState', type: EventTypes.talk });
    const el = player();
    const binding = bindTalkPlayer(el, room.as(ALICE));
    afterTest(() => binding.stop());

    await settleTasks(el);
    const first = 'The talk could not be loaded (the server did not answer in time). Trying again…';
    let seen = visibleText(el.shadowRoot!);
    expect(seen).to.contain(first);
    expect(seen).to.not.contain(NO_STREAM);
    expect(seen).to.not.contain('Loading the talk');
    expect(status(el)).to.equal(first);

    // The next try fails too: its own reason, still no empty state.
    clock.tick(60_000);
    await settleTasks(el);
    const second = 'The talk could not be loaded (not allowed in this room). Trying again…';
    seen = visibleText(el.shadowRoot!);
    expect(seen).to.contain(second);
    expect(seen).to.not.contain(NO_STREAM);
    expect(status(el)).to.equal(second);

    clock.tick(60_000);
    await settleTasks(el);
    seen = visibleText(el.shadowRoot!);
    expect(seen).to.contain('Rust in the kernel');
    expect(seen).to.contain('Starts in');
    expect(seen).to.not.contain('could not be loaded');
    expect(seen).to.not.contain(NO_STREAM);
    expect(status(el)).to.match(/^Starts in/);
  });

  it('a room with no talk: "No stream has been set up" only once a read has succeeded', async () => {
    const room = talkRoom(false);
    room.failNext(new RoomError('Request timed out', 'DEVROOM_TIMEOUT'), { op: 'readState', type: 'm.room.power_levels' });
    const el = player();
    const binding = bindTalkPlayer(el, room.as(ALICE));
    afterTest(() => binding.stop());

    await settleTasks(el);
    expect(visibleText(el.shadowRoot!)).to.not.contain(NO_STREAM);
    expect(visibleText(el.shadowRoot!)).to.contain('Trying again…');

    clock.tick(60_000);
    await settleTasks(el);
    expect(visibleText(el.shadowRoot!)).to.contain(NO_STREAM);
    expect(visibleText(el.shadowRoot!)).to.not.contain('could not be loaded');
  });

  it('in German', async () => {
    const room = talkRoom(true);
    room.failNext(new RoomError('Request timed out', 'DEVROOM_TIMEOUT'), { op: 'readState', type: EventTypes.talk });
    const el = player('de');
    const binding = bindTalkPlayer(el, room.as(ALICE));
    afterTest(() => binding.stop());

    await settleTasks(el);
    expect(status(el)).to.equal('Der Vortrag konnte nicht geladen werden (der Server hat nicht rechtzeitig geantwortet). Neuer Versuch läuft…');
  });
});
