/**
 * GET /_matrix/client/v1/rooms/{roomId}/relations/{eventId}[/{relType}[/{eventType}]] as
 * Synapse 1.67 answers it (rest/client/relations.py, handlers/relations.py,
 * storage relations.py `get_relations_for_event`):
 * - pages of `limit` (default 5; no upper cap in 1.67), newest first; `dir` is ignored
 *   (only the unstable `org.matrix.msc3715.dir` existed, behind a flag), and so is
 *   `recurse` (MSC3981 came later);
 * - `next_batch` points at the first row of the next page (tokens sit after their row
 *   and backwards bounds are inclusive), present only when more rows exist;
 * - `original_event` (the parent) is in the answer, `prev_batch` echoes `from`;
 * - redacted relations are gone (their relation row is deleted on redaction); edits of a
 *   redacted parent are left out; history visibility filters the page after paging.
 */
import type { Ctx, Endpoint } from './context.js';
import type { JsonObject } from './events.js';
import { relationOf } from './events.js';
import { CLIENT_V1, intParam, route } from './http.js';
import { readEvent } from './reading.js';
import { canSee } from './rooms.js';
import { paginationToken, parseToken, serializeEvent } from './serialize.js';

function relations(ctx: Ctx, roomId: string, parentId: string, relType?: string, eventType?: string) {
  const r = ctx.auth({ allowGuest: true });
  const viewer = { userId: r.user.userId, deviceId: r.deviceId };
  const limit = intParam(ctx.query, 'limit', ctx.core.config.relationsDefaultLimit);
  const fromRaw = ctx.query.get('from');
  const from = fromRaw ? parseToken(fromRaw) : undefined;
  const to = ctx.query.get('to') ? parseToken(ctx.query.get('to') as string) : undefined;

  const access = ctx.rooms.checkCanRead(r.user.userId, roomId);
  const parent = readEvent(ctx, viewer, roomId, parentId);
  const parentRedacted = Boolean(parent.redactedBy);
  const rows = (ctx.rooms.relations.get(parentId) ?? [])
    .filter((e) => e.room.id === roomId)
    .filter((e) => {
      const rel = relationOf(e.data.content);
      return (!relType || rel?.relType === relType) && (!eventType || e.data.type === eventType);
    })
    .filter((e) => (from === undefined || e.pos <= from) && (to === undefined || e.pos > to))
    .sort((a, b) => b.pos - a.pos)
    .slice(0, limit + 1);
  const next = rows.length > limit ? rows[limit] : undefined;
  const page = rows.slice(0, limit).filter((e) => !(parentRedacted && relationOf(e.data.content)?.relType === 'm.replace'));
  const peeking = access.memberEvent === undefined;
  const visible = page.filter((e) => canSee(r.user.userId, e, peeking));
  const body: JsonObject = {
    chunk: visible.map((e) => serializeEvent(e, viewer)),
    original_event: serializeEvent(parent, viewer),
  };
  if (next) body.next_batch = paginationToken(next.pos);
  if (fromRaw) body.prev_batch = fromRaw;
  return body;
}

const BASE = `${CLIENT_V1}/rooms/{roomId}/relations/{eventId}`;

export const relationEndpoints: Endpoint[] = [
  route('GET', BASE, (ctx, [roomId, eventId]) => relations(ctx, roomId as string, eventId as string)),
  route('GET', `${BASE}/{relType}`, (ctx, [roomId, eventId, relType]) => relations(ctx, roomId as string, eventId as string, relType)),
  route('GET', `${BASE}/{relType}/{eventType}`, (ctx, [roomId, eventId, relType, eventType]) =>
    relations(ctx, roomId as string, eventId as string, relType, eventType),
  ),
];
