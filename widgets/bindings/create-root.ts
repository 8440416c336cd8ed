import type { Room } from '../room/room.js';
import { EventTypes } from '../schema/namespace.js';
import type { RootInfo } from './room-sync.js';

export type RootPurpose = 'qa' | 'orders' | 'contacts';

/**
 * Creates the root for a purpose: a visible `m.notice` every client shows, then the
 * `dev.devroom.root` state pointing at it. Only users with the power to set that state
 * do this (the homeserver refuses others). Its own module: only the lazily loaded writers
 * (opening the Q&A, the orders and contacts parts) need it.
 */
export async function createRoot(
  room: Room,
  purpose: RootPurpose,
  notice: string,
  extra: Record<string, unknown> = {},
): Promise<RootInfo> {
  const eventId = await room.sendEvent('m.room.message', {
    msgtype: 'm.notice',
    body: notice,
    [`${EventTypes.root}`]: { purpose },
  });
  const content = { ...extra, event_id: eventId };
  await room.sendState(EventTypes.root, purpose, content);
  return { eventId, content };
}
