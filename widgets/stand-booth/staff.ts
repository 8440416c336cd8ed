import type { Stand } from '../../components/stand-booth/stand.js';
import type { Room } from '../room/room.js';
import { PRESENCE_EVENT, STAND_EVENT, standContent } from './schema.js';
import { roomErrorText, say } from './binding.i18n.js';

/**
 * The staff half of the stand booth binding: writing the edited stand config and one's own
 * presence. The booth binding loads it for users who may do either (or on their first
 * such request), so visitors never download it. Permission checks stay with the caller.
 */

export interface StaffHost {
  /** The booth: messages are in its language. */
  el: Element;
  room: Room;
  now(): number;
  notify(text: string | undefined): void;
  /** The current `dev.devroom.stand` content (its extension keys are kept). */
  content(): Record<string, unknown> | undefined;
}

export function saveStand(host: StaffHost, stand: Stand): void {
  host.notify(undefined);
  host.room.sendState(STAND_EVENT, '', standContent(stand, host.content())).catch((error: unknown) => {
    host.notify(say(host.el, 'saveFailed', roomErrorText(host.el, error)));
  });
}

export function setPresence(host: StaffHost, present: boolean): void {
  host.notify(undefined);
  // Own key only: there is no code path that writes anyone else's presence.
  host.room.sendState(PRESENCE_EVENT, host.room.userId, { present, since: host.now() }).catch((error: unknown) => {
    host.notify(say(host.el, 'presenceFailed', roomErrorText(host.el, error)));
  });
}
