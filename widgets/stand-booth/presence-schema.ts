import type { RoomEvent } from '../room/room.js';

/**
 * Reading stand presence (`dev.devroom.stand.presence`, state key = the staff member's own
 * user id), apart from schema.ts so the booth's first load carries only this check
 * and not the validators of the contact events.
 */

/** Presence older than this counts as gone: staff close the laptop without untoggling. */
export const PRESENCE_MAX_AGE_MS = 12 * 60 * 60 * 1000;

/**
 * Whether a presence state event says "at the booth now": `present: true` with a `since`
 * (epoch ms, a non-negative integer, as `parsePresence` requires) younger than `maxAgeMs`.
 * The sender must own the key (the `@` state key rule already enforces it on the server;
 * checked again because we never trust a client).
 */
export function isPresent(event: RoomEvent, now: number, maxAgeMs = PRESENCE_MAX_AGE_MS): boolean {
  const { present, since } = event.content;
  return (
    event.state_key === event.sender &&
    present === true &&
    Number.isInteger(since) &&
    (since as number) >= 0 &&
    now - (since as number) < maxAgeMs
  );
}
