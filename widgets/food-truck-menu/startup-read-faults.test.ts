import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import '../../components/food-truck-menu/define.js';
import type { DevroomFoodTruckMenu } from '../../components/food-truck-menu/food-truck-menu.js';
import { sampleMenuJson } from '../../components/food-truck-menu/test-fixtures.js';
import { DEVROOM_EVENT_LEVELS } from '../../host-tools/apply/power.js';
import { afterTest, mount } from '../../test/support/cleanup.js';
import { settleTasks } from '../../test/support/real-task.js';
import { visibleText } from '../../test/support/visible-text.js';
import { MemoryRoom } from '../room/memory-room.js';
import { RoomError } from '../room/room.js';
import { EventTypes } from '../schema/namespace.js';
import { bindFoodTruckMenu } from './binding.js';

/**
 * Issue #17: the food truck's start-up read of the room fails (the client does not answer in
 * time, or refuses the read). A person reads only that problem and that it keeps trying, never
 * "No menu yet." beside it; once a later read succeeds the menu shows and the problem goes.
 * Through the binding on a MemoryRoom, the notices as the widget page shows them (page.ts),
 * a fake clock for the waits between tries.
 */

const ADMIN = '@admin:example.org';
const VENDOR = '@vendor:example.org';
const ALICE = '@alice:example.org';

/** The widget page as page.ts builds it: its info and error notices, then the element. */
function widgetPage(): { page: HTMLElement; el: DevroomFoodTruckMenu; notify: (message: string | undefined, kind: 'error' | 'info') => void } {
  const page = mount<HTMLElement>('main');
  const notices = { info: document.createElement('p'), error: document.createElement('p') };
  notices.info.setAttribute('role', 'status');
  notices.error.setAttribute('role', 'alert');
  for (const p of Object.values(notices)) p.hidden = true;
  const el = document.createElement('devroom-food-truck-menu');
  el.lang = 'en';
  page.append(notices.info, notices.error, el);
  const notify = (message: string | undefined, kind: 'error' | 'info') => {
    notices[kind].textContent = message ?? '';
    notices[kind].hidden = !message;
  };
  return { page, el, notify };
}

function truckRoom(menu: boolean): MemoryRoom {
  const room = new MemoryRoom({ creator: ADMIN, powerLevels: { users: { [VENDOR]: 50 }, events: { ...DEVROOM_EVENT_LEVELS } } });
  room.join(VENDOR);
  room.join(ALICE);
  if (menu) room.setState(EventTypes.menu, '', { ...sampleMenuJson() }, VENDOR);
  return room;
}

describe('food truck: the room cannot be read at start-up', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => (clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['setTimeout', 'clearTimeout'] })));
  afterEach(() => clock.restore());

  it('shows only the problem while the reads fail, and the menu (without the problem) once one succeeds', async () => {
    const room = truckRoom(true);
    room.failNext(new RoomError('Request timed out', 'DEVROOM_TIMEOUT'), { op: 'readState', type: EventTypes.menu });
    room.failNext(new RoomError('Cannot read state events', 'M_FORBIDDEN'), { op: 'readState', type: EventTypes.menu });
    const { page, el, notify } = widgetPage();
    const binding = bindFoodTruckMenu(el, room.as(ALICE), { notify });
    afterTest(() => binding.stop());

    await settleTasks(el);
    expect(visibleText(page).trim()).to.equal('The menu could not be loaded (the server did not answer in time). Trying again…');

    // The next try fails too: its own reason, still no empty state.
    clock.tick(60_000);
    await settleTasks(el);
    expect(visibleText(page).trim()).to.equal('The menu could not be loaded (not allowed in this room). Trying again…');

    clock.tick(60_000);
    await settleTasks(el);
    const text = visibleText(page);
    expect(text).to.contain('Waffle Wagon');
    expect(text).to.not.contain('could not be loaded');
    expect(text).to.not.contain('No menu yet.');
    expect(page.querySelector<HTMLElement>('[role="alert"]')!.hidden).to.equal(true);
  });

  it('a room without a menu: "No menu yet." only once a read has succeeded', async () => {
    const room = truckRoom(false);
    room.failNext(new RoomError('Request timed out', 'DEVROOM_TIMEOUT'), { op: 'readState', type: 'm.room.power_levels' });
    const { page, el, notify } = widgetPage();
    const binding = bindFoodTruckMenu(el, room.as(ALICE), { notify });
    afterTest(() => binding.stop());

    await settleTasks(el);
    expect(visibleText(page)).to.not.contain('No menu yet.');
    expect(visibleText(page)).to.contain('Trying again…');

    clock.tick(60_000);
    await settleTasks(el);
    expect(visibleText(page)).to.contain('No menu yet.');
    expect(visibleText(page)).to.not.contain('could not be loaded');
  });
});
