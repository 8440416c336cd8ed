/**
 * How a person is named on screen, so that nobody can pass as someone else — Element's rules
 * (matrix-js-sdk's RoomMember display name) in a few lines:
 * - the display name when it is the only one of its kind among the names known;
 * - "Name (@id)" when another person's name looks the same (case, accents, spaces, invisible
 *   characters and common look-alike letters ignored), or when it carries direction controls
 *   (which can make "kraM" read "Mark");
 * - the user id itself when the name is missing, empty, only invisible characters, or looks
 *   like a user id (someone named "@alice:example.org").
 * Pure: the bindings feed it m.room.member names; elements only render what it says.
 */

export interface PersonName {
  /** The full user id, e.g. `@alice:example.org`. */
  id: string;
  /** The display name to show (direction overrides removed); absent: show the id. */
  name?: string;
  /** Show the id beside the name: another person's name looks the same, or the name has direction controls. */
  withId: boolean;
  /** As plain text: "Name", "Name (@id)" or "@id" (ready-made, so a first render needs no code for it). */
  text: string;
}

/** A person known only by id. */
export const byId = (id: string): PersonName => ({ id, withId: false, text: id });

/** A person's name by user id, as the room knows it now. */
export type PersonNames = (userId: string) => PersonName;

const MAX_NAME = 80;
// Bidi controls: they reorder what follows, so a name with them is never shown alone.
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const ALL_BIDI = new RegExp(BIDI.source, 'g');
// Invisible: spaces, format characters (zero-width, bidi), combining marks (after NFKD:
// accents), braille blank and Hangul fillers that render as nothing.
const INVISIBLE = /[\s\p{Cf}\p{Z}\p{M}\u2800\u115f\u1160\u3164\uffa0]/gu;
const PUNCTUATION = /[\p{P}\p{S}]/gu;
const USER_ID = /@.+:.+/;
// Letters that look alike in most fonts, folded to one (Element folds more with unhomoglyph;
// a false match only shows an id more).
const LOOK_ALIKE: Record<string, string> = {
  а: 'a', α: 'a', в: 'b', с: 'c', ϲ: 'c', ԁ: 'd', е: 'e', ε: 'e', һ: 'h', і: 'l', ι: 'l', i: 'l', '1': 'l', '|': 'l', ј: 'j',
  к: 'k', κ: 'k', м: 'm', н: 'h', о: 'o', ο: 'o', '0': 'o', р: 'p', ρ: 'p', ѕ: 's', т: 't', τ: 't', υ: 'u', ν: 'v', х: 'x', χ: 'x', у: 'y', ү: 'y',
};

/** The name to show, or undefined when there is none to show (missing, blank, id-like). */
function usableName(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const visible = raw.normalize('NFKC').replace(INVISIBLE, '');
  if (!visible || USER_ID.test(visible)) return undefined;
  const name = raw.replace(ALL_BIDI, '').trim();
  const chars = [...name];
  return chars.length > MAX_NAME ? `${chars.slice(0, MAX_NAME - 1).join('')}…` : name;
}

/** What two names that look the same have in common. */
export function nameKey(name: string): string {
  const folded = name.normalize('NFKD').toLowerCase().replace(INVISIBLE, '').replace(PUNCTUATION, '');
  return [...folded].map((c) => LOOK_ALIKE[c] ?? c).join('').replace(/rn/g, 'm').replace(/vv/g, 'w');
}

/**
 * The names known in a room, kept current one member at a time (a 30,000-member room's
 * rename costs one key, not a recount). `person` answers from what is known now.
 */
export class NameBook {
  readonly #names = new Map<string, { name: string; key: string; bidi: boolean }>();
  readonly #keys = new Map<string, number>();

  /** Sets (or with a missing/unusable name, clears) a member's display name. True when it changed. */
  set(userId: string, displayName: unknown): boolean {
    const before = this.#names.get(userId);
    const name = usableName(displayName);
    const bidi = name !== undefined && BIDI.test(displayName as string);
    if (before?.name === name && before?.bidi === bidi) return false;
    if (before) this.#count(before.key, -1);
    if (name === undefined) {
      this.#names.delete(userId);
      return before !== undefined;
    }
    const key = nameKey(name);
    this.#names.set(userId, { name, key, bidi });
    this.#count(key, 1);
    return true;
  }

  person = (userId: string): PersonName => {
    const known = this.#names.get(userId);
    if (!known) return byId(userId);
    const withId = known.bidi || (this.#keys.get(known.key) ?? 0) > 1;
    return { id: userId, name: known.name, withId, text: withId ? `${known.name} (${userId})` : known.name };
  };

  #count(key: string, by: number): void {
    const n = (this.#keys.get(key) ?? 0) + by;
    if (n > 0) this.#keys.set(key, n);
    else this.#keys.delete(key);
  }
}
