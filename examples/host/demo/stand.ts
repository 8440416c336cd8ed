import type { MemoryRoom } from '../../../widgets/room/memory-room.js';
import { EventTypes } from '../../../widgets/schema/namespace.js';
import { sampleStand } from '../../../components/stand-booth/test-fixtures.js';
import type { MediaStore } from '../../../widgets/testing/media.js';
import { ATTENDEES } from '../demo-room.js';
import { uploadStandMedia } from './media.js';

/**
 * The demo stand: Kitten Linux with Stan (staff, power 50: edits the stand, answers
 * contacts) and Sam (speaker, power 25: marks presence, cannot edit), Stan at the booth,
 * and one contact request from Alice, so switching between Alice and Stan shows both views.
 * With `media` (the host's content repository) the logo and banner are uploaded there and
 * the stand refers to them by mxc://, so the widget shows them through `download_file`;
 * without it the logo is an mxc:// nobody serves (the stand shows its placeholder).
 */
export function seedStand(room: MemoryRoom, media?: MediaStore): void {
  const now = Date.now();
  const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
  // The fixture's banner and video are example.org URLs that never load in the demo.
  const { banner: _banner, video: _video, ...stand } = sampleStand();
  room.setState(
    EventTypes.stand,
    '',
    {
      ...stand,
      ...(media ? uploadStandMedia(media) : {}),
      staff: [
        { userId: ATTENDEES.staff, name: 'Stan Staff', role: 'Maintainer' },
        { userId: ATTENDEES.speaker, name: 'Sam Speaker', role: 'Release manager' },
      ],
      jitsi: { domain: 'meet.jit.si', room: 'DevroomDemoKittenLinuxBooth' },
      // Relative to now so the demo always has a "now" and a "next".
      schedule: [
        { title: 'Installer demo', kind: 'demo', start: at(-10), end: at(20) },
        { title: 'Meet the maintainers', kind: 'maintainers', start: at(60), end: at(120) },
      ],
    },
    ATTENDEES.staff,
  );
  room.setState(EventTypes.standPresence, ATTENDEES.staff, { present: true, since: now - 15 * 60_000 }, ATTENDEES.staff);

  // The contacts root, as Stan's widget creates it the first time he opens it.
  const notice = room.inject(
    'm.room.message',
    { msgtype: 'm.notice', body: 'Contact requests for Kitten Linux: leave yours in the stand widget.', [EventTypes.root]: { purpose: 'contacts' } },
    ATTENDEES.staff,
  );
  room.setState(EventTypes.root, 'contacts', { event_id: notice.event_id }, ATTENDEES.staff);
  room.inject(
    EventTypes.contactRequest,
    {
      localId: 'c-demo-alice',
      message: 'Could you bring a USB stick with the ARM image tomorrow?',
      contact: 'alice@devroom.localhost',
      'm.relates_to': { rel_type: 'm.reference', event_id: notice.event_id },
    },
    ATTENDEES.alice,
  );
}
