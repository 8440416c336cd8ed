import { isEventId, isRecord } from './validate.js';

/**
 * `dev.devroom.qa.votes` (docs/schema.md, "Vote snapshot"): the 👍 count of each question of one
 * Q&A root, as a moderator's widget counted them, so that a late joiner reads the question pages
 * and no votes. State key = the root's key (`qa`, `qa:<talk id>`). Only the lazy snapshot code
 * reads or writes it: no first load carries this module.
 */
export interface VoteSnapshot {
  /** The root event (`dev.devroom.root` `event_id`) whose questions were counted. */
  root: string;
  /** origin_server_ts of the newest event the writer had folded in: a vote or redaction at or before it is counted. */
  upto: number;
  /** Question event id → 👍 voters; questions with none are left out. */
  counts: Map<string, number>;
  /** Too many questions to list (MAX_SNAPSHOT_BYTES): those left out are not known to have no votes. */
  partial: boolean;
}

/**
 * Content bytes a writer stays under: half of Synapse's 64 KiB event limit, so the event with
 * its envelope is far from it, and each write a viewer's /sync carries stays small.
 */
export const MAX_SNAPSHOT_BYTES = 32_768;

/** A reader's check: the snapshot, or why it cannot count (the reason of its rejection). */
export function parseVoteSnapshot(content: unknown): { ok: true; value: VoteSnapshot } | { ok: false; reason: string } {
  if (!isRecord(content)) return { ok: false, reason: 'content: expected an object' };
  const { root, upto, counts, partial } = content;
  if (!isEventId(root)) return { ok: false, reason: 'root: expected an event id' };
  if (!isCount(upto)) return { ok: false, reason: 'upto: expected epoch milliseconds' };
  if (partial != null && typeof partial !== 'boolean') return { ok: false, reason: 'partial: expected a boolean' };
  if (!isRecord(counts)) return { ok: false, reason: 'counts: expected an object' };
  const map = new Map<string, number>();
  for (const [id, n] of Object.entries(counts)) {
    if (!isEventId(id) || !isCount(n)) return { ok: false, reason: `counts: ${JSON.stringify(id).slice(0, 80)}: expected an event id and a count` };
    map.set(id, n);
  }
  return { ok: true, value: { root, upto, counts: map, partial: partial === true } };
}

/**
 * The content a writer sends: the counts of the most-voted questions that fit in
 * MAX_SNAPSHOT_BYTES (the rest left out, and `partial` then), zeros left out.
 */
export function voteSnapshotContent(root: string, upto: number, counts: Iterable<[string, number]>): Record<string, unknown> {
  const ranked = [...counts].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  const kept: Record<string, number> = {};
  // Envelope: root, upto, partial and the braces, with room to spare.
  const utf8 = new TextEncoder();
  let bytes = 200 + utf8.encode(root).length;
  let partial = false;
  for (const [id, n] of ranked) {
    // "id":n,
    bytes += utf8.encode(JSON.stringify(id)).length + String(n).length + 2;
    if (bytes > MAX_SNAPSHOT_BYTES) {
      partial = true;
      break;
    }
    kept[id] = n;
  }
  return { root, upto, counts: kept, ...(partial ? { partial } : {}) };
}

const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
