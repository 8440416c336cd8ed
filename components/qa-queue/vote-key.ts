/**
 * Votes are the 👍 reactions an Element user adds by hand. Element sends U+1F44D, other
 * clients add VS16 (U+FE0F), and the skin-tone picker appends a Fitzpatrick modifier
 * (U+1F3FB–U+1F3FF). All of them are one vote; anything else is not a vote.
 */
export const VOTE_KEY = '\u{1F44D}';

const VOTE_PATTERN = /^\u{1F44D}\u{FE0F}?[\u{1F3FB}-\u{1F3FF}]?\u{FE0F}?$/u;

/** `VOTE_KEY` when `key` is a thumbs-up in any skin tone (with or without VS16), else null. */
export function normaliseVoteKey(key: unknown): typeof VOTE_KEY | null {
  if (key === VOTE_KEY) return VOTE_KEY; // the common case, without a regex
  if (typeof key !== 'string' || key.length > 8) return null;
  return VOTE_PATTERN.test(key) ? VOTE_KEY : null;
}
