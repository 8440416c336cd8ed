import type { RoomEvent } from '../room/room.js';
import { isEventId, isUserId } from './validate.js';

/**
 * Checks of the small state events the bindings watch (StateWatch's `check`, room-sync.ts):
 * the reason an event cannot count, or undefined. A rejected event never replaces the last
 * good one of its key. The readers stay lenient about what they can do without (unknown
 * keys; JSON null reads as absent, as in validate.ts); a field of the wrong kind, or a state
 * key that does not say what the type needs, is refused. Tiny on purpose: they are in the
 * widgets' first load. Hand and stage checks are with their parsers (widgets/qa-queue/hand-schema.ts):
 * only the code that reads hands, loaded on demand, judges them.
 */

/** The first field that is there (not absent, not null) with a value of the wrong kind. */
export function wrongField(content: Record<string, unknown>, kinds: Record<string, 'boolean' | 'string' | 'number'>): string | undefined {
  for (const key in kinds) {
    const value = content[key];
    if (value != null && typeof value !== kinds[key]) return `${key}: expected a ${kinds[key]}`;
  }
  return undefined;
}

/** `@` state keys: the sender's own (the server enforces it; a hostile or buggy one may not). */
export const ownKey = (e: RoomEvent) => (e.state_key === e.sender && isUserId(e.sender) ? undefined : 'state key is not its sender’s user id');

/** `dev.devroom.root`: `event_id` names the root (`previous` is read leniently, schema/root.ts). */
export const rootProblem = (e: RoomEvent) => (isEventId(e.content.event_id) ? undefined : 'event_id: expected an event id');

/** `dev.devroom.qa.question` moderation, keyed by the question's event id. */
export const moderationProblem = (e: RoomEvent) =>
  isEventId(e.state_key) ? wrongField(e.content, { pinned: 'boolean', answered: 'boolean', hidden: 'boolean', approved: 'boolean' }) : 'state key is not an event id';

/** `dev.devroom.stand.presence`, keyed by the staff member; `since` in epoch ms (widgets/stand-booth/presence-schema.ts). */
export const presenceProblem = (e: RoomEvent) => {
  const { since } = e.content;
  return (
    ownKey(e) ??
    wrongField(e.content, { present: 'boolean' }) ??
    (since != null && !(Number.isInteger(since) && (since as number) >= 0) ? 'since: expected epoch milliseconds' : undefined)
  );
};
