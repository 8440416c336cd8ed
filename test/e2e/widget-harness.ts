// End-to-end harness: real widget pages (from source, served as /widgets/<name>.html like the built page) in
// the Element-like host, over one in-memory room shared by several simulated people.
import type { IWidget } from 'matrix-widget-api';
import { MemoryRoom } from '../../widgets/room/memory-room.js';
import { widgetUrlTemplate } from '../../widgets/runtime/params.js';
import { WidgetHost } from '../../widgets/testing/host.js';
import type { MountedWidget } from '../../widgets/testing/host.js';
import { approveAll } from '../../widgets/testing/driver.js';
import type { CapabilityApprover } from '../../widgets/testing/driver.js';
import { DEVROOM_EVENT_LEVELS } from '../../host-tools/apply/power.js';
import { waitFor } from '../support/wait-for.js';

export { waitFor };

export const ORGANISER = '@olga:conf.example';
export const MOD = '@mo:conf.example';
export const SPEAKER = '@sam:conf.example';
export const ALICE = '@alice:conf.example';
export const BOB = '@bob:conf.example';

export function widgetFor(page: string, id = `devroom-${page}`, data: Record<string, unknown> = {}): IWidget {
  const pageUrl = new URL(`/widgets/${page}.html`, location.href).toString();
  return {
    id,
    creatorUserId: ORGANISER,
    type: `dev.devroom.${page}`,
    name: page,
    url: widgetUrlTemplate(pageUrl, { dataKeys: Object.keys(data) }),
    waitForIframeLoad: false,
    data,
  };
}

/** A conference room with devroom's power levels (as `devroom apply` sets them). */
export function conference(options: { relationsPageLimit?: number } = {}): MemoryRoom {
  const room = new MemoryRoom({
    roomId: '!talk:conf.example',
    creator: ORGANISER,
    creatorDisplayName: 'Olga',
    powerLevels: { users: { [MOD]: 50, [SPEAKER]: 0 }, events: { ...DEVROOM_EVENT_LEVELS } },
    ...options,
  });
  room.join(MOD, { displayName: 'Mo' });
  room.join(SPEAKER, { displayName: 'Sam' });
  room.join(ALICE, { displayName: 'Alice' });
  room.join(BOB, { displayName: 'Bob' });
  return room;
}

export interface Seat {
  host: WidgetHost;
  mounted: MountedWidget;
  win: Window & typeof globalThis;
  container: HTMLElement;
  leave(): void;
}

const seats: Seat[] = [];
let seatCount = 0;

/** One person's Element with one widget open. */
export async function sit(
  room: MemoryRoom,
  userId: string,
  widget: IWidget,
  options: { approve?: CapabilityApprover } = {},
): Promise<Seat> {
  const container = document.createElement('div');
  document.body.append(container);
  // Every seat's host lives in this one test window and ClientWidgetApi tells widgets
  // apart by widget id: give each seat its own (each person has their own Element).
  const own = { ...widget, id: `${widget.id}-${++seatCount}` };
  const host = new WidgetHost({ room, userId, container, approve: options.approve ?? approveAll, storage: null, widgets: [own] }).start();
  const mounted = host.mounted(own.id)!;
  await mounted.contentLoaded;
  await mounted.ready;
  const win = mounted.iframe.contentWindow as Window & typeof globalThis;
  const seat: Seat = {
    host,
    mounted,
    win,
    container,
    leave: () => {
      host.stop();
      container.remove();
    },
  };
  seats.push(seat);
  return seat;
}

export function leaveAll(): void {
  for (const seat of seats.splice(0)) seat.leave();
}


/** The element `tag` inside a seat's widget, once rendered. */
export async function elementIn<T extends HTMLElement>(seat: Seat, tag: string): Promise<T> {
  return waitFor(() => seat.win.document.querySelector<T>(tag) ?? undefined, `<${tag}> in the widget`);
}

export function buttonIn(root: ParentNode, label: string | RegExp): HTMLButtonElement | undefined {
  return [...root.querySelectorAll('button')].find((b) => {
    const text = (b.getAttribute('aria-label') ?? b.textContent ?? '').trim();
    return typeof label === 'string' ? text === label : label.test(text);
  });
}
