import type { Rng } from './prng.js';

/**
 * Hostile values for event content: what a member (or a hostile or buggy server) can put in
 * a room. Every payload that would run script sets the canary (`globalThis.__fuzzCanary`),
 * so a run can tell that none did.
 */

export const CANARY = '__fuzzCanary';
const hit = `globalThis.${CANARY}=(globalThis.${CANARY}||0)+1`;

/** Markup and script payloads, each harmless unless something renders it as HTML or follows it. */
export const MARKUP = [
  `<img src=x onerror="${hit}">`,
  `<script>${hit}</script>`,
  `<svg onload="${hit}"></svg>`,
  `"><img src=x onerror=${hit}>`,
  `'><script>${hit}</script>`,
  `<iframe srcdoc="<script>parent.${hit}</script>"></iframe>`,
  `<a href="javascript:${hit}">click</a>`,
  `[click](javascript:${hit})`,
  `![img](javascript:${hit})`,
  `<details open ontoggle="${hit}">`,
  `<style>@import 'javascript:${hit}';</style>`,
  `</style><script>${hit}</script>`,
  `<!--?lit$123$--><img src=x onerror="${hit}">`,
  '${globalThis.__fuzzCanary=1}',
  '{{constructor.constructor("globalThis.__fuzzCanary=1")()}}',
  '<math><mtext><table><mglyph><style><img src=x onerror="globalThis.__fuzzCanary=1">',
];

/** URLs that must never become a link, a media source or a script. */
export const HOSTILE_URLS = [
  `javascript:${hit}`,
  ` JaVaScRiPt:${hit}`,
  `java\tscript:${hit}`,
  `data:text/html,<script>${hit}</script>`,
  `data:image/svg+xml,<svg onload="${hit}"/>`,
  `vbscript:msgbox(1)`,
  '//evil.example/x.js',
  'blob:https://evil.example/1234',
  'file:///etc/passwd',
  'http://[::1',
  'https://user:pass@evil.example/',
  'mxc://evil.example/../../x',
  '',
  ' ',
];

/** Bidi overrides, zero-width and other invisible characters, lone surrogates, combining marks. */
export const INVISIBLE = [
  '\u202Egnp.exe',
  '\u202Dleft\u202Cright\u2066iso\u2069',
  'a\u200Bb\u200Cc\u200Dd\uFEFFe\u2060f',
  '\u061C\u200E\u200F',
  '\u0000nul\u0001\u001F\u007F',
  '\uD800lone\uDFFF',
  'Z\u0351\u0352\u0357\u0308\u0301\u0300\u0300\u0300\u0300\u0300\u0300\u0300',
  '\u2028line\u2029para\r\n',
  '\u00A0\u3000\u205F ',
];

/** Keys and ids named like Object.prototype members. */
export const PROTO_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '__defineGetter__'];

/** Text that is odd but legitimate: the events carrying it are valid where text is allowed. */
export function oddText(r: Rng, max = 200): string {
  const parts = [r.pick(MARKUP), r.pick(INVISIBLE), r.pick(PROTO_KEYS), 'Wie geht’s? 🎉👍🏽', 'ملاحظة', r.pick(HOSTILE_URLS)];
  let text = '';
  const n = 1 + r.int(3);
  for (let i = 0; i < n; i++) text += r.pick(parts);
  // Something visible: text that trims to nothing is invalid where text is required.
  text = `q${r.int(1e6)} ${text}`;
  return text.slice(0, max);
}

/** A string of `length` UTF-16 units (64 KiB by default: a whole event's worth). */
export function huge(r: Rng, length = 65536): string {
  const unit = r.pick(['A', '\u202E', '<img src=x onerror=1>', '\u200B', '👍']);
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** A JSON value of the wrong kind for a field that wants `not` (`'string'`, `'boolean'`, …). */
export function wrongType(r: Rng, not: 'string' | 'boolean' | 'number' | 'object' | 'array'): unknown {
  const values: [string, () => unknown][] = [
    ['number', () => r.pick([0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.5, -0])],
    ['string', () => r.pick(['', 'true', '1', '[object Object]', '__proto__'])],
    ['boolean', () => r.pick([true, false])],
    ['null', () => null],
    ['array', () => r.pick([[], [1, 2], [{}], [['nested']]])],
    ['object', () => r.pick([{}, { length: 1e9 }, JSON.parse('{"__proto__": {"polluted": 1}}'), { toString: 'x' }])],
  ];
  const fitting = values.filter(([kind]) => kind !== not && !(not === 'object' && kind === 'null'));
  return r.pick(fitting)[1]();
}

/**
 * An object that carries own keys named like Object.prototype members (built with
 * JSON.parse: an object literal's `__proto__` would set the prototype instead).
 */
export function withProtoKeys<T extends Record<string, unknown>>(r: Rng, value: T): T {
  const key = r.pick(PROTO_KEYS);
  const extra = JSON.parse(`{${JSON.stringify(key)}: ${JSON.stringify(r.pick([{ polluted: true }, 'x', 1, null, []]))}}`) as Record<string, unknown>;
  return Object.assign(JSON.parse(JSON.stringify(value)) as T, extra);
}

/** Unknown keys any client may add (they must be ignored). */
export function extraKeys(r: Rng): Record<string, unknown> {
  const out = JSON.parse('{}') as Record<string, unknown>;
  const n = r.int(3);
  for (let i = 0; i < n; i++) {
    const key = r.pick([...PROTO_KEYS, 'org.example.extra', 'dev.devroom.unknown', '\u202Ekey', 'm.new_content']);
    // JSON semantics: own keys, whatever their name.
    Object.defineProperty(out, key, { value: r.pick<unknown>([1, 'x', { nested: { deep: [1] } }, null, true]), enumerable: true, configurable: true, writable: true });
  }
  return out;
}

/** A `m.relates_to` that is none of what an element reads. */
export function oddRelation(r: Rng, target: string, self?: string): unknown {
  return r.pick<unknown>([
    { rel_type: 'm.thread', event_id: target },
    { rel_type: 'm.replace', event_id: target },
    { rel_type: 'org.example.unknown', event_id: target },
    { rel_type: 'm.reference', event_id: 42 },
    { rel_type: 'm.reference' },
    { rel_type: 'm.reference', event_id: self ?? '$self' },
    { rel_type: 'm.reference', event_id: `${target}\u200B` },
    { rel_type: ['m.reference'], event_id: target },
    { 'm.in_reply_to': { event_id: target } },
    'm.reference',
    [target],
    null,
  ]);
}
