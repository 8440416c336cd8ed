/**
 * Question text and names come from anyone in the room. Lit renders them as text (never
 * HTML); this removes what text rendering alone does not neutralise: bidi embeddings,
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069) that could make a question read
 * differently from what was sent or spill into the UI around it, and control characters.
 * Callers still wrap the result in <bdi dir="auto"> so right-to-left text stays contained.
 */
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

export function cleanText(value: string): string {
  return value.replace(UNSAFE, '');
}

export interface ShortText {
  text: string;
  /** More text exists beyond `text`. */
  truncated: boolean;
}

/** Questions show this many code points; longer ones get "Show more" (up to 5,000). */
export const COLLAPSED_MAX = 280;

/** The first `max` code points (never splitting a surrogate pair), cleaned. */
export function shorten(value: string, max: number): ShortText {
  // Cheap exit for the usual short question; Array.from only on long text.
  if (value.length <= max) return { text: cleanText(value), truncated: false };
  const points = Array.from(value.slice(0, max * 2));
  if (points.length <= max && value.length <= max * 2) return { text: cleanText(value), truncated: false };
  return { text: cleanText(points.slice(0, max).join('')).trimEnd(), truncated: true };
}

/** Length in code points (what the ask counter shows, so emoji count as one). */
export function codePoints(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}
