import type { RoomEvent } from '../room/room.js';
import { userLevel } from '../room/power-levels.js';
import { reject } from './rejections.js';
import type { PowerWatch } from './room-sync.js';

/** How many redactions of not-yet-seen events a binding remembers. */
const EARLY_MAX = 1000;

/**
 * Redactions that arrive before the event they redact: a hostile or out-of-order feed (a
 * homeserver serves a redacted event redacted, so the widget would never fold it in). The
 * event, when it comes, is rejected — if the redaction's sender could make it (`may`);
 * otherwise the redaction is the rejected one and the event counts. Bounded: the oldest are
 * forgotten first (a room redacts its chat messages too, which never reach a binding).
 */
export function earlyRedactions(may: (sender: string, author: string) => boolean) {
  const early = new Map<string, RoomEvent>();
  return {
    add(target: string, redaction: RoomEvent): void {
      early.set(target, redaction);
      if (early.size > EARLY_MAX) early.delete(early.keys().next().value!);
    },
    /** Whether `event` was redacted before it arrived (then it has been rejected). */
    redacted(event: RoomEvent): boolean {
      const redaction = early.get(event.event_id);
      if (!redaction) return false;
      early.delete(event.event_id);
      if (may(redaction.sender, event.sender)) return reject(event, `redacted (${redaction.event_id}) before it arrived`), true;
      reject(redaction, `${redaction.sender} may not redact ${event.sender}’s event`);
      return false;
    },
  };
}

/**
 * Whether a redaction by `sender` of an event by `author` counts, as the auth rules decide it:
 * one's own event, or the power to redact others'. A homeserver may pass on a redaction it
 * does not apply (room versions 3+ accept a remote user's and check it only when serving the
 * target), and a hostile one anything: neither may delete a question or a contact request
 * from every open widget. Here, beside the other redaction rules, not in room-sync.ts: only the
 * code that judges redactions (loaded at the first one) carries it, not every first load.
 */
export const mayRedact = (power: PowerWatch, sender: string, author: string): boolean =>
  power.can(sender, 'm.room.redaction', false) && (sender === author || userLevel(power.levels, sender) >= power.levels.redact);
