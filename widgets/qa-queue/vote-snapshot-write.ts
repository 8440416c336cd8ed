import { SECTIONS } from '../../components/qa-queue/tally.js';
import { EventTypes } from '../schema/namespace.js';
import { parseVoteSnapshot, voteSnapshotContent, type VoteSnapshot } from '../schema/vote-snapshot.js';
import { mayWrite, type SnapshotHost } from './vote-snapshot-read.js';

/**
 * The writer of the vote snapshot (docs/schema.md, "Vote snapshot"): a moderator's widget, which
 * read every vote itself, writes `dev.devroom.qa.votes` (keyed like the root) when its counts
 * differ from the room's snapshot — checked every few seconds, written at most once per WRITE_MS
 * after the last snapshot arrived (its own or another moderator's widget's, which it then finds
 * equal and leaves alone), so a vote after a quiet spell reaches late joiners within seconds and
 * busy voting costs two writes a minute — and again after HEARTBEAT_MS unchanged, so late joiners
 * can tell a kept snapshot from an abandoned one (FRESH_MS, vote-snapshot-read.ts). Loaded for
 * moderators only.
 */

export const WRITE_MS = 30_000;
export const HEARTBEAT_MS = 5 * 60_000;
/** How often counts are compared (jittered ± 50 %): O(questions) each, no request. */
export const CHECK_MS = 3_000;

/** Runs until the returned stop. */
export function writeSnapshots(host: SnapshotHost): () => void {
  let timer: ReturnType<typeof setTimeout>;
  let stopped = false;
  /** When the last snapshot arrived here (0: the one read at start-up, whenever it was written). */
  let arrived = 0;
  const unwatch = host.votes.onChange((event) => event && (arrived = Date.now()));
  const next = () => (timer = setTimeout(() => void tick(), CHECK_MS * (0.5 + Math.random())));
  const tick = async () => {
    try {
      if (Date.now() - arrived >= WRITE_MS && (await writeIfChanged(host))) arrived = Date.now();
    } catch (error) {
      console.warn('devroom: could not write the vote snapshot', error);
    }
    if (!stopped) next();
  };
  next();
  return () => {
    stopped = true;
    host.writing = false;
    unwatch();
    clearTimeout(timer);
  };
}

/** One round: writes when the room's snapshot is missing, of another root, differs, or is due again. Returns whether it wrote. */
export async function writeIfChanged(host: SnapshotHost, now = Date.now()): Promise<boolean> {
  const root = host.root();
  if (!root || !mayWrite(host)) return false;
  const content = voteSnapshotContent(root, host.latest, countsOf(host));
  const current = host.votes.get(host.votes.stateKey);
  const parsed = current && parseVoteSnapshot(current.content);
  if (parsed?.ok && parsed.value.root === root && now - current!.origin_server_ts < HEARTBEAT_MS && same(parsed.value, content)) return false;
  await host.room.sendState(EventTypes.qaVotes, host.votes.stateKey!, content);
  return true;
}

/** Every question's 👍 count in this widget (not the viewer's unsent ones). */
export function countsOf(host: SnapshotHost): Map<string, number> {
  const counts = new Map<string, number>();
  for (const name of SECTIONS) {
    if (name === 'mine') continue;
    host.tally.section(name).forEach((q) => q.votes > 0 && counts.set(q.id, q.votes));
  }
  return counts;
}

/** The room's snapshot lists what ours would (its `upto` aside: a newer cut alone changes no count). */
function same(room: VoteSnapshot, ours: Record<string, unknown>): boolean {
  const counts = Object.entries(ours.counts as Record<string, number>);
  return room.partial === (ours.partial === true) && room.counts.size === counts.length && counts.every(([id, n]) => room.counts.get(id) === n);
}
