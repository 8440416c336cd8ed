/**
 * A deliberately tiny validation toolkit for incoming Matrix event content. Every event
 * from the room is untrusted (any member can send any content, other clients have bugs):
 * each schema turns `unknown` into a typed value or a list of path-based problems, so a
 * binding can drop one bad event, say why, and keep the rest. A library such as zod
 * would cost more bytes than all our schemas together (widget pages are budgeted at 25 KB gz).
 */
export type Result<T> = { ok: true; value: T } | { ok: false; errors: string[] };

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A Matrix event id (`$…`), as used in relations and state keys. */
export const isEventId = (v: unknown): v is string => typeof v === 'string' && /^\$[^\s]{1,254}$/.test(v);

/** A Matrix user id (`@local:server`). */
export const isUserId = (v: unknown): v is string =>
  typeof v === 'string' && v.length <= 255 && /^@[^:\s]+:[^\s]+$/.test(v);
