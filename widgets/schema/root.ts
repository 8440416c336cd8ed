import { isEventId, isRecord } from './validate.js';

/**
 * `dev.devroom.root` (docs/schema.md, "Roots"): `event_id` is the current root, `previous`
 * the earlier ones two privileged widgets created at the same moment. Its own module so
 * that pages whose first load never counts items (stand, food truck) do not carry it.
 */

/** Longest `previous` list a reader accepts; writers never write more (create-root.ts), so a longer one is broken or hostile. */
export const MAX_PREVIOUS = 16;

/**
 * The roots whose items count, the current one first; [] without a valid `event_id`. A bad
 * `previous` (not a list, too long, not event ids) is ignored, with the reason logged.
 */
export function rootIds(content: unknown, source = 'root'): string[] {
  if (!isRecord(content) || !isEventId(content.event_id)) return [];
  const { event_id: current, previous } = content;
  const list: unknown[] = Array.isArray(previous) && previous.length <= MAX_PREVIOUS ? previous : [];
  const ids = [...new Set([current, ...list.filter(isEventId)])];
  if (previous !== undefined && ids.length !== (list === previous ? list.length + 1 : 0)) {
    console.warn(`devroom: ${source}: previous roots ignored (at most ${MAX_PREVIOUS} distinct event ids)`);
  }
  return ids;
}
