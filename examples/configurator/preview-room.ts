/**
 * The preview's room: the demo's people and power levels with the demo's Q&A, stand and
 * food-truck content, but no talk state, so the talk player shows the options from the
 * form (room talk state would overlay them). No widgets yet: the configurator adds one.
 */
import { MemoryRoom } from '../../widgets/room/memory-room.js';
import { DEVROOM_EVENT_LEVELS } from '../../host-tools/apply/power.js';
import type { Attendee } from '../../widgets/testing/toolbar.js';
import { ATTENDEES, DISPLAY_NAMES } from '../host/demo-room.js';
import { seedFoodTruck } from '../host/demo/food-truck.js';
import { seedQa } from '../host/demo/qa.js';
import { seedStand } from '../host/demo/stand.js';
import { MediaStore } from '../../widgets/testing/media.js';

export function createPreviewRoom(): { room: MemoryRoom; attendees: Attendee[]; media: MediaStore } {
  const room = new MemoryRoom({
    roomId: '!devroom-configurator:devroom.localhost',
    creator: ATTENDEES.organiser,
    creatorDisplayName: DISPLAY_NAMES[ATTENDEES.organiser]!,
    powerLevels: {
      users: { [ATTENDEES.moderator]: 50, [ATTENDEES.speaker]: 25, [ATTENDEES.vendor]: 50, [ATTENDEES.staff]: 50 },
      events: { ...DEVROOM_EVENT_LEVELS },
    },
  });
  for (const [userId, displayName] of Object.entries(DISPLAY_NAMES)) {
    if (userId !== ATTENDEES.organiser) room.join(userId, { displayName });
  }
  seedQa(room);
  // The stand's logo and banner are mxc:// media the preview host serves (download_file).
  const media = new MediaStore('devroom.localhost');
  seedStand(room, media);
  seedFoodTruck(room);
  return { room, attendees: Object.values(ATTENDEES).map((userId) => ({ userId })), media };
}
