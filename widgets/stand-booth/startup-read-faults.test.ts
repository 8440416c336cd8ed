import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import '../../components/stand-booth/define.js';
import type { DevroomStandBooth } from '../../components/stand-booth/stand-booth.js';
import { sampleStand } from '../../components/stand-booth/test-fixtures.js';
import { DEVROOM_EVENT_LEVELS } from '../../host-tools/apply/power.js';
import { afterTest, mount } from '../../test/support/cleanup.js';
import { settleTasks } from '../../test/support/real-task.js';
import { visibleText } from '../../test/support/visible-text.js';
import { MemoryRoom } from '../room/memory-room.js';
import { RoomError } from '../room/room.js';
import { EventTypes } from '../schema/namespace.js';
import { bindStandBooth } from './binding.js';

/**
 * Issue #17: the stand's start-up read of the room fails (the client does not answer in time,
 * or refuses the read). A visitor reads only that problem and that it keeps trying, never "This
 * stand has not been set up yet." beside it; once a later read succeeds the stand shows and the
 * problem goes. Through the binding on a MemoryRoom, a fake clock for the waits between tries.
 */

const ADMIN = '@admin:example.org';
const ANN = '@ann:example.org';
const ALICE = '@alice:example.org';

function standRoom(stand: boolean): MemoryRoom {
  const room = new MemoryRoom({ creator: ADMIN, powerLevels: { users: { [ANN]: 50 }, events: { ...DEVROOM_EVENT_LEVELS } } });
  room.join(ANN, { displayName: 'Ann' });
  room.join(ALICE, { displayName: 'Alice' });
  if (stand) room.setState(EventTypes.stand, '', { ...sampleStand() }, ANN);
  return room;
}

function booth(): DevroomStandBooth {
  const el = mount<DevroomStandBooth>('devroom-stand-booth');
  el.lang = 'en';
  return el;
}

describe('stand: the room cannot be read at start-up', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => (clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['setTimeout', 'clearTimeout'] })));
  afterEach(() => clock.restore());

  it('shows only the problem while the reads fail, and the stand (without the problem) once one succeeds', async () => {
    const room = standRoom(true);
    room.failNext(new RoomError('Request timed out', 'DEVROOM_TIMEOUT'), { op: 'readState', type: EventTypes.stand });
    room.failNext(new RoomError('Cannot read state events', 'M_FORBIDDEN'), { op: 'readState', type: EventTypes.stand });
    const el = booth();
    const binding = bindStandBooth(el, room.as(ALICE));
    binding.ready.catch(() => undefined);
    afterTest(() => binding.stop());

    await settleTasks(el);
    expect(visibleText(el).trim()).to.equal('Could not load the stand: the server did not answer in time. Trying again…');
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('Trying again…');

    // The next try fails too: its own reason, still no empty state.
    clock.tick(60_000);
    await settleTasks(el);
    expect(visibleText(el).trim()).to.equal('Could not load the stand: not allowed in this room. Trying again…');

    clock.tick(60_000);
    await settleTasks(el);
    const text = visibleText(el);
    expect(text).to.contain('Kitten Linux');
    expect(text).to.not.contain('Could not load');
    expect(text).to.not.contain('has not been set up yet');
  });

  it('a room without a stand: "has not been set up yet" only once a read has succeeded', async () => {
    const room = standRoom(false);
    room.failNext(new RoomError('Request timed out', 'DEVROOM_TIMEOUT'), { op: 'readState', type: 'm.room.power_levels' });
    const el = booth();
    const binding = bindStandBooth(el, room.as(ALICE));
    binding.ready.catch(() => undefined);
    afterTest(() => binding.stop());

    await settleTasks(el);
    expect(visibleText(el)).to.not.contain('has not been set up yet');
    expect(visibleText(el)).to.contain('Trying again…');

    clock.tick(60_000);
    await settleTasks(el);
    expect(visibleText(el)).to.contain('has not been set up yet');
    expect(visibleText(el)).to.not.contain('Could not load');
  });
});
