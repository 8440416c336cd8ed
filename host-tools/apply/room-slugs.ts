/**
 * Names for a schedule room, derived from the room's own name so they never depend on the
 * order the schedule lists rooms in:
 *
 * - the **ASCII slug** (`D.rust` → `d-rust`): widget ids, `{room_slug}` in stream URLs and
 *   Jitsi rooms (which allow ASCII only). Latin letters lose their accents; a name with
 *   letters ASCII cannot show (`Зал 1`) gets a short hash of the name (`1-k3j9`).
 * - the **alias slug**: the alias localpart after the prefix. The spec allows any Unicode in an
 *   alias localpart except `:` and NUL (Synapse also refuses whitespace; ≤ 255 bytes in all),
 *   so other scripts keep their letters (`зал-1`, `会議室`); Latin is folded to ASCII as before.
 *
 * When names collide (`Room A`, `Room-A`), every one of them gets the hash of its own name —
 * symmetric, so the result depends on the set of names only, never on their order.
 */

// Latin letters that NFKD does not split into a base letter and an accent.
const LATIN_LETTERS: Record<string, string> = { æ: 'ae', ø: 'o', ß: 'ss', œ: 'oe', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h', ŧ: 't', ŋ: 'n' };
const LATIN_RE = new RegExp(`[${Object.keys(LATIN_LETTERS).join('')}]`, 'giu');
const foldLatinLetters = (s: string) => s.replace(LATIN_RE, (c) => LATIN_LETTERS[c.toLowerCase()]!);

/** Lowercase ASCII: "D.rust" → "d-rust", "Saal Ærø Größe" → "saal-aero-grosse"; "" when nothing is left. */
export function asciiSlug(name: string): string {
  const s = foldLatinLetters(name.normalize('NFKD').replace(/\p{M}/gu, ''))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s.slice(0, 60).replace(/-+$/, '');
}

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });
const utf8Length = (s: string) => new TextEncoder().encode(s).length;

/**
 * Lowercase letters and digits of any script, runs of anything else as "-": "Зал 1" → "зал-1",
 * "Αίθουσα Α" → "αίθουσα-α", "D.rust" → "d-rust". At most 60 characters and 120 UTF-8 bytes
 * (an alias is at most 255 bytes with its prefix and server name); "" when nothing is left.
 */
export function aliasSlug(name: string): string {
  const s = foldLatinLetters(name.normalize('NFKD').replace(/(\p{Script=Latin})\p{M}+/gu, '$1'))
    .toLowerCase()
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  let out = '';
  let count = 0;
  for (const { segment } of graphemes.segment(s)) {
    if (++count > 60 || utf8Length(out + segment) > 120) break;
    out += segment;
  }
  return out.replace(/-+$/, '');
}

/** FNV-1a over the UTF-8 bytes, base 36: short, stable across runs and platforms. */
export function nameHash(name: string, length = 4): string {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(name.normalize('NFC'))) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // The low digits: a 32-bit value's leading base-36 digit is nearly always 0 or 1.
  return (length >= 7 ? h : h % 36 ** length).toString(36).padStart(length, '0');
}

export interface RoomSlugs {
  slug: string;
  aliasSlug: string;
}

/**
 * Slugs for every room name in `names` (a set: order does not matter). `collisions` lists the
 * groups of names that needed their hash because they made the same alias slug.
 */
export function roomSlugs(names: Iterable<string>): { slugs: Map<string, RoomSlugs>; collisions: string[][] } {
  const all = [...new Set(names)].sort();
  const ascii = distinct(all, asciiSlug, (n) => /[^\x00-\x7f]/.test(aliasSlug(n)));
  const alias = distinct(all, aliasSlug, () => false);
  const slugs = new Map(all.map((n) => [n, { slug: ascii.slugs.get(n)!, aliasSlug: alias.slugs.get(n)! }]));
  return { slugs, collisions: alias.collisions };
}

/**
 * `base(name)`, or `base-hash` where the base is empty, `lossy` says the base hides part of
 * the name, or bases collide. Colliding names all step up together (a longer hash; in the end,
 * for a clash of 7-character hashes, a rank in sorted order), so the outcome is a function of
 * the set of names.
 */
function distinct(sorted: string[], base: (name: string) => string, lossy: (name: string) => boolean): { slugs: Map<string, string>; collisions: string[][] } {
  // Level 0: the base; 1–4: a hash of 4–7 characters; 5: the 7-character hash and a rank.
  const level = new Map(sorted.map((n) => [n, base(n) === '' || lossy(n) ? 1 : 0]));
  const hashed = (n: string, l: number) => `${base(n) || 'room'}-${nameHash(n, Math.min(l, 4) + 3)}`;
  const candidate = (n: string): string => {
    const l = level.get(n)!;
    if (l === 0) return base(n);
    if (l < 5) return hashed(n, l);
    const twins = sorted.filter((m) => hashed(m, 4) === hashed(n, 4));
    return `${hashed(n, 4)}-${twins.indexOf(n) + 1}`;
  };
  const collisions: string[][] = [];
  for (;;) {
    const groups = new Map<string, string[]>();
    for (const n of sorted) {
      const c = candidate(n);
      groups.set(c, [...(groups.get(c) ?? []), n]);
    }
    const clashing = [...groups.values()].filter((g) => g.length > 1);
    if (!clashing.length) return { slugs: new Map(sorted.map((n) => [n, candidate(n)])), collisions };
    for (const group of clashing) {
      const plain = group.filter((n) => level.get(n) === 0);
      if (plain.length > 1) collisions.push(plain);
      for (const n of group) level.set(n, Math.min(level.get(n)! + 1, 5));
    }
  }
}
