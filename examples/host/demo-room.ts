import { MemoryRoom } from '../../widgets/room/memory-room.js';
import { widgetUrlTemplate } from '../../widgets/runtime/params.js';
import { WidgetTypes } from '../../widgets/schema/namespace.js';
import { DEVROOM_EVENT_LEVELS } from '../../host-tools/apply/power.js';
import { LAYOUT_STATE, WIDGET_STATE } from '../../widgets/testing/host.js';
import { MediaStore } from '../../widgets/testing/media.js';
import type { Attendee } from '../../widgets/testing/toolbar.js';
import { seedStand } from './demo/stand.js';
import { seedFoodTruck } from './demo/food-truck.js';
import { seedQa } from './demo/qa.js';
import { demoJitsiOptions, seedTalk } from './demo/talk.js';

/**
 * The demo room: attendees with different power levels, devroom's power levels per
 * event type (as the host CLI sets them), and the widgets as Element would find them in
 * room state. Conference content (talk, menu, stand…) is added by `seedConference`.
 */

export const ATTENDEES = {
  organiser: '@organiser:devroom.localhost',
  moderator: '@moderator:devroom.localhost',
  speaker: '@speaker:devroom.localhost',
  vendor: '@vendor:devroom.localhost',
  staff: '@staff:devroom.localhost',
  alice: '@alice:devroom.localhost',
  bob: '@bob:devroom.localhost',
  carol: '@carol:devroom.localhost',
} as const;

/** Display names of the simulated people (the toolbar's user switcher shows them). */
export const DISPLAY_NAMES: Record<string, string> = {
  [ATTENDEES.organiser]: 'Olga Organiser',
  [ATTENDEES.moderator]: 'Mo Moderator',
  [ATTENDEES.speaker]: 'Sam Speaker',
  [ATTENDEES.vendor]: 'Vera Vendor',
  [ATTENDEES.staff]: 'Stan Staff',
  [ATTENDEES.alice]: 'Alice',
  [ATTENDEES.bob]: 'Bob',
  [ATTENDEES.carol]: 'Carol',
};

export interface DemoWidget {
  id: string;
  /** Widget page name under the widget base URL: `<base><page>.html`. */
  page: string;
  type: string;
  name: string;
  container: 'top' | 'right';
  data?: Record<string, unknown>;
}

export const DEMO_WIDGETS: DemoWidget[] = [
  { id: 'devroom-talk', page: 'talk-player', type: WidgetTypes.talk, name: 'Talk', container: 'top' },
  { id: 'devroom-qa', page: 'qa-queue', type: WidgetTypes.qa, name: 'Q&A', container: 'right' },
  { id: 'devroom-stand', page: 'stand-booth', type: WidgetTypes.stand, name: 'Stand', container: 'right' },
  { id: 'devroom-menu', page: 'food-truck-menu', type: WidgetTypes.menu, name: 'Food truck', container: 'right' },
];

/**
 * `widgetBase`: where the widget pages are served; `assets`: where the demo's local
 * stream and fake Jitsi are served (the demo server's own origin). `media` is the
 * homeserver's content repository with the demo's uploads (the stand's logo and banner):
 * give it to the WidgetHost so widgets can download them.
 */
export function createDemoRoom(
  widgetBase: string,
  assets: string = location.origin + '/',
  widgets: DemoWidget[] = DEMO_WIDGETS,
): { room: MemoryRoom; attendees: Attendee[]; media: MediaStore } {
  const room = new MemoryRoom({
    roomId: '!devroom-demo:devroom.localhost',
    creator: ATTENDEES.organiser,
    creatorDisplayName: 'Olga Organiser',
    powerLevels: {
      users: { [ATTENDEES.moderator]: 50, [ATTENDEES.speaker]: 25, [ATTENDEES.vendor]: 50, [ATTENDEES.staff]: 50 },
      // The same levels `devroom apply` sets in a conference room.
      events: { ...DEVROOM_EVENT_LEVELS },
    },
  });
  for (const [userId, displayName] of Object.entries(DISPLAY_NAMES)) {
    if (userId !== ATTENDEES.organiser) room.join(userId, { displayName });
  }

  const layout: Record<string, { container: 'top' | 'right'; index: number }> = {};
  widgets.forEach((w, index) => {
    const data = w.page === 'talk-player' || w.page === 'stand-booth' ? { ...demoJitsiOptions(widgetBase), ...w.data } : (w.data ?? {});
    room.setState(WIDGET_STATE, w.id, {
      id: w.id,
      type: w.type,
      name: w.name,
      url: widgetUrlTemplate(new URL(`${w.page}.html`, widgetBase).toString(), { dataKeys: Object.keys(data) }),
      data,
      waitForIframeLoad: false,
    });
    layout[w.id] = { container: w.container, index };
  });
  room.setState(LAYOUT_STATE, '', { widgets: layout });

  const media = new MediaStore('devroom.localhost');
  seedConference(room, assets, media);
  const roles: Record<string, string> = {
    [ATTENDEES.organiser]: 'organiser',
    [ATTENDEES.moderator]: 'Q&A moderator, talk host',
    [ATTENDEES.speaker]: 'speaker, stand staff',
    [ATTENDEES.vendor]: 'food-truck vendor',
    [ATTENDEES.staff]: 'stand staff',
  };
  const attendees: Attendee[] = Object.values(ATTENDEES).map((userId) => ({
    userId,
    label: `${DISPLAY_NAMES[userId]} (${roles[userId] ?? 'attendee'}, ${room.userLevel(userId)})`,
  }));
  return { room, attendees, media };
}

/**
 * Conference content per widget (talk, Q&A, stand, food truck), each from its own module
 * in ./demo/ so the demo of one widget never has to know another's data.
 */
export function seedConference(room: MemoryRoom, assets: string, media?: MediaStore): void {
  seedTalk(room, assets);
  seedQa(room);
  seedStand(room, media);
  seedFoodTruck(room, media);
}
