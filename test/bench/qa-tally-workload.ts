/**
 * Deterministic workload for the tally benchmark: votes and un-votes over many
 * questions from many users, generated before timing so only folding is measured.
 */
import type { VoteInput } from '../../components/qa-queue/tally.js';

export type VoteOp = { add: VoteInput } | { remove: string };

/** A small fast PRNG (mulberry32) so every run folds the same events. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SKIN = ['', '\u{1F3FB}', '\u{1F3FC}', '\u{1F3FD}', '\u{1F3FE}', '\u{1F3FF}'];

/**
 * `events` operations: ~75% votes (some duplicates, skin tones), ~25% redactions of an
 * earlier vote. Popularity is skewed (a few questions get most votes), like a real Q&A.
 */
export function voteWorkload(events: number, questions: number, users: number, seed = 42): VoteOp[] {
  const random = prng(seed);
  const ops: VoteOp[] = new Array(events);
  const live: string[] = [];
  // Flat user-id strings, as JSON.parse delivers them (a template literal this long would
  // stay a V8 cons-string, slow to hash on every lookup and unlike real event data).
  const userIds = JSON.parse(JSON.stringify(Array.from({ length: users }, (_, u) => `@u${u}:example.org`))) as string[];
  const questionIds = Array.from({ length: questions }, (_, q) => `$q${q}`);
  for (let i = 0; i < events; i++) {
    if (live.length > 0 && random() < 0.25) {
      const pick = Math.floor(random() * live.length);
      const voteId = live[pick] as string;
      live[pick] = live[live.length - 1] as string;
      live.pop();
      ops[i] = { remove: voteId };
    } else {
      const q = Math.floor(questions * random() ** 2);
      const voteId = `$v${i}`;
      live.push(voteId);
      ops[i] = {
        add: {
          voteId,
          questionId: questionIds[q] as string,
          voter: userIds[Math.floor(random() * users)] as string,
          key: `\u{1F44D}${SKIN[i % 6]}`,
        },
      };
    }
  }
  return ops;
}
