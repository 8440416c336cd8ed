import type { Room } from '../room/room.js';

/**
 * The viewer's own 👍 votes, remembered in this browser per room and user: a start-up from a
 * vote snapshot (vote-snapshot-read.ts) reads nobody's votes, so this is how the viewer's
 * pressed buttons (and the vote ids that undoing one redacts) survive a reload. localStorage,
 * as unsent.ts: small and synchronous. A vote given on another device is not here: acting on it
 * reads that question's votes once (vote-snapshot-read.ts, `vote`).
 */

/** Question id → [the 👍's event id, when it was sent (ms)]. */
export type OwnVotes = Map<string, [voteId: string, at: number]>;

/** The newest this many are kept (a busy day of talks in one room votes on a few hundred). */
export const MAX_OWN_VOTES = 500;

const key = (room: Room) => `devroom:votes:${JSON.stringify([room.roomId, room.userId])}`;

/** What this browser remembers (nothing when storage is unavailable or the entry is not ours to read). */
export function ownVotes(room: Room): OwnVotes {
  const votes: OwnVotes = new Map();
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(key(room)) ?? '{}');
    if (typeof stored !== 'object' || stored === null) return votes;
    for (const [question, value] of Object.entries(stored)) {
      if (Array.isArray(value) && typeof value[0] === 'string' && Number.isFinite(value[1])) votes.set(question, [value[0], value[1] as number]);
    }
  } catch {
    // Unreadable: as if nothing was kept (the buttons show what the room says once acted on).
  }
  return votes;
}

export function rememberVote(room: Room, questionId: string, voteId: string): void {
  const votes = ownVotes(room);
  votes.delete(questionId);
  votes.set(questionId, [voteId, Date.now()]);
  save(room, votes);
}

export function forgetVote(room: Room, questionId: string): void {
  const votes = ownVotes(room);
  if (votes.delete(questionId)) save(room, votes);
}

function save(room: Room, votes: OwnVotes): void {
  const kept = [...votes].slice(-MAX_OWN_VOTES);
  try {
    if (kept.length) localStorage.setItem(key(room), JSON.stringify(Object.fromEntries(kept)));
    else localStorage.removeItem(key(room));
  } catch (error) {
    console.warn('devroom: own votes not kept in this browser', error);
  }
}
