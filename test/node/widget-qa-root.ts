/**
 * What the Q&A widget itself sends when a moderator opens the Q&A (widgets/qa-queue/
 * requests.ts `openQa`, on an in-memory room): the tests hold `devroom apply`'s
 * root notice against it, so the two cannot drift apart.
 */
import { openQa } from '../../widgets/qa-queue/requests.js';
import { qaRootKey } from '../../widgets/qa-queue/question-schema.js';
import { PowerWatch } from '../../widgets/shared/room-sync.js';
import { MemoryRoom } from '../../widgets/room/memory-room.js';

/**
 * The content of the root notice a moderator's widget sends: for the room's Q&A with this
 * `title` option, or (with `talkId`) for a scheduled talk's Q&A titled `title`.
 */
export async function widgetQaNotice(title: string | undefined, talkId?: string): Promise<Record<string, unknown>> {
  const moderator = '@moderator:example.org';
  const server = new MemoryRoom({ creator: moderator });
  const room = server.as(moderator);
  const power = new PowerWatch(room);
  await power.ready;
  const rootId = await openQa(room, power, { hasCapability: () => true, key: qaRootKey(talkId), ...(title !== undefined ? { title } : {}) }, new Set(), () => {});
  const notice = server.getEvent(rootId);
  if (!notice) throw new Error('the widget sent no root notice');
  return notice.content;
}
