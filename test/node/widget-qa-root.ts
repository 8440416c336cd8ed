/**
 * What the Q&A widget itself sends when a moderator opens the Q&A (widgets/qa-queue/
 * requests.ts `openQa`, on an in-memory room): the tests hold `devroom apply`'s
 * root notice against it, so the two cannot drift apart.
 */
import { openQa } from '../../widgets/qa-queue/requests.js';
import type { QaBindingOptions } from '../../widgets/qa-queue/binding.js';
import { PowerWatch } from '../../widgets/shared/room-sync.js';
import { MemoryRoom } from '../../widgets/room/memory-room.js';

/** The content of the root notice a moderator's widget with this `title` option sends. */
export async function widgetQaNotice(title: string | undefined): Promise<Record<string, unknown>> {
  const moderator = '@moderator:example.org';
  const server = new MemoryRoom({ creator: moderator });
  const room = server.as(moderator);
  const power = new PowerWatch(room);
  await power.ready;
  // openQa reads only these options (the element belongs to the page, not to opening the Q&A).
  const options = { room, hasCapability: () => true, ...(title !== undefined ? { title } : {}) } as unknown as QaBindingOptions;
  const rootId = await openQa(room, power, options, new Set(), () => {});
  const notice = server.getEvent(rootId);
  if (!notice) throw new Error('the widget sent no root notice');
  return notice.content;
}
