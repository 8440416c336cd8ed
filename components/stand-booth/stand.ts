import { checkUrl } from '../shared/safe-url.js';

/**
 * The stand config: what a project shows at its booth. In a widget it is the content of
 * the `dev.devroom.stand` state event; on a plain page it comes from a JSON `src` or the
 * `stand` property. Everything in it is untrusted (anyone with power can write it, a
 * JSON file can hold anything), so it only reaches the DOM through `checkStand`.
 */

export const LINK_KINDS = ['website', 'source', 'docs', 'chat', 'slides', 'download'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export const SCHEDULE_KINDS = ['demo', 'maintainers', 'talk'] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

export interface StandLink {
  kind: LinkKind;
  label: string;
  /** http(s) or mailto. */
  url: string;
}

export interface SocialLink {
  /** Free-form network name shown to people ("Mastodon", "Bluesky", …). */
  network: string;
  url: string;
}

export interface StaffMember {
  /** Matrix user id, `@local:server`. */
  userId: string;
  name: string;
  role?: string;
}

export interface ScheduleItem {
  title: string;
  kind: ScheduleKind;
  /** ISO 8601 with a UTC offset (`Z` or `±hh:mm`), so every viewer sees the same instant. */
  start: string;
  end: string;
}

export interface JitsiRoom {
  domain: string;
  room: string;
}

export interface FeaturedVideo {
  /** HLS or MP4, http(s). */
  src: string;
  title?: string;
  poster?: string;
}

export interface Stand {
  name: string;
  tagline?: string;
  /** Markdown subset: paragraphs, lists, links, **strong**, *em*, `code`. No HTML. */
  description?: string;
  /** https or `mxc://`. */
  logo?: string;
  banner?: string;
  links: StandLink[];
  downloads: StandLink[];
  social: SocialLink[];
  staff: StaffMember[];
  jitsi?: JitsiRoom;
  schedule: ScheduleItem[];
  video?: FeaturedVideo;
}

/**
 * What went wrong where, as codes: `[path, code, value?]`, the path into the JSON
 * (`links[2].url`). stand-errors.ts words them (`parseStand`, `issuesText`): the binding
 * checks stands without the words.
 */
export type StandIssueCode =
  | 'json' | 'required' | 'text' | 'long' | 'url' | 'mxc' | 'https' | 'list' | 'entries'
  | 'object' | 'shape' | 'oneOf' | 'time' | 'order' | 'host' | 'room' | 'userId' | 'twice';
export type StandIssueCodes = [path: string, code: StandIssueCode, value?: unknown];

/** A worded issue (stand-errors.ts): `{path: 'links[2].url', message: 'must use https'}`. */
export interface StandIssue {
  path: string;
  message: string;
}

export type StandCheck<I = StandIssueCodes> =
  | { ok: true; stand: Stand; /** Items left out in lenient mode. */ dropped: I[] }
  | { ok: false; errors: I[] };

export type StandParseResult = StandCheck<StandIssue>;

// Plain constants (terser inlines them), gathered in LIMITS for the editor and plain pages.
const NAME_MAX = 120;
const TAGLINE_MAX = 200;
const DESCRIPTION_MAX = 10_000;
const LABEL_MAX = 120;
const ROLE_MAX = 80;
const URL_MAX = 2048;
const LIST_ITEMS_MAX = 50;
const STAFF_MAX = 100;
const SCHEDULE_MAX = 100;

export const LIMITS = {
  name: NAME_MAX,
  tagline: TAGLINE_MAX,
  description: DESCRIPTION_MAX,
  label: LABEL_MAX,
  role: ROLE_MAX,
  url: URL_MAX,
  listItems: LIST_ITEMS_MAX,
  staff: STAFF_MAX,
  schedule: SCHEDULE_MAX,
} as const;

const USER_ID = /^@[^:\s]+:[^\s]+$/;
// Hostname with optional port; no path, no scheme.
const DOMAIN = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/i;
// Jitsi room names become a URL path segment: keep them to a safe alphabet.
const JITSI_ROOM = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
const MXC = /^mxc:\/\/[^/\s]+\/[A-Za-z0-9_-]+$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

// The issues of the parseStand call in progress (it is synchronous, so one list suffices).
// A list item or optional field that added any is left out; what that means for the whole
// stand (fatal or "dropped") parseStand decides at the end.
let issues: StandIssueCodes[] = [];
const add = (path: string, code: StandIssueCode, value?: unknown): undefined => void issues.push([path, code, value]);
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** Runs `read`; its value only if it added no issue. */
function clean<T>(read: () => T | undefined): T | undefined {
  const before = issues.length;
  const value = read();
  return issues.length === before ? value : undefined;
}

function text(obj: Obj, key: string, path: string, max: number, required?: boolean): string | undefined {
  const value = obj[key];
  const at = join(path, key);
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    return required ? add(at, 'required') : undefined;
  }
  if (typeof value !== 'string') return add(at, 'text');
  const trimmed = value.trim();
  return trimmed.length > max ? add(at, 'long', max) : trimmed;
}

/** http(s); `mailto` also allows mailto:, `media` (logo, banner) allows mxc:// and refuses http:. */
function url(obj: Obj, key: string, path: string, required: boolean, kind?: 'mailto' | 'media'): string | undefined {
  const raw = text(obj, key, path, URL_MAX, required);
  if (raw === undefined) return undefined;
  const at = join(path, key);
  const media = kind === 'media';
  const result = checkUrl(raw, { absolute: true, allowMxc: media, allowMailto: kind === 'mailto' });
  if (!result.ok) return add(at, 'url', result.reason);
  if (result.url.startsWith('mxc:')) return MXC.test(raw) ? raw : add(at, 'mxc');
  return media && result.url.startsWith('http:') ? add(at, 'https') : result.url;
}

/** A top-level list; entries beyond `max` and entries with issues are left out. */
function list<T>(obj: Obj, key: string, max: number, item: (value: Obj, path: string) => T): T[] {
  const value = obj[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return (add(key, 'list'), []);
  if (value.length > max) add(key, 'entries', max);
  const out: T[] = [];
  value.slice(0, max).forEach((entry: unknown, i) => {
    const path = `${key}[${i}]`;
    const parsed = clean(() => (isObj(entry) ? item(entry, path) : add(path, 'object')));
    if (parsed !== undefined) out.push(parsed);
  });
  return out;
}

/** An optional object field, left out when anything in it is wrong. */
function nested<T>(obj: Obj, key: string, parse: (value: Obj) => T): T | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  return clean(() => (isObj(value) ? parse(value) : add(key, 'shape')));
}

function oneOf<T extends string>(obj: Obj, key: string, path: string, allowed: readonly T[], fallback?: T): T | undefined {
  const value = obj[key];
  if ((value === undefined || value === null || value === '') && fallback !== undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  return add(`${path}.${key}`, 'oneOf', allowed);
}

/** A readable label for a link without one: host name, or the address of a mailto. */
function labelFromUrl(href: string): string {
  try {
    const u = new URL(href);
    return u.protocol === 'mailto:' ? decodeURIComponent(u.pathname) : u.host;
  } catch {
    return href;
  }
}

// The item readers below return their value as if valid: `list` and `nested` leave out any
// value whose reading added an issue, so a required field is never really undefined there.

const link =
  (defaultKind?: LinkKind) =>
  (o: Obj, path: string): StandLink => {
    const kind = oneOf(o, 'kind', path, LINK_KINDS, defaultKind);
    const href = url(o, 'url', path, true, 'mailto');
    const label = text(o, 'label', path, LABEL_MAX);
    return { kind, label: label ?? (href && labelFromUrl(href)), url: href } as StandLink;
  };

const social = (o: Obj, path: string) =>
  ({ network: text(o, 'network', path, LABEL_MAX, true), url: url(o, 'url', path, true) }) as SocialLink;

// An offset is required: a time without one means a different instant for every viewer.
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function time(obj: Obj, key: string, path: string): string | undefined {
  const iso = text(obj, key, path, 40, true);
  if (iso === undefined || (ISO_WITH_OFFSET.test(iso) && !Number.isNaN(Date.parse(iso)))) return iso;
  return add(`${path}.${key}`, 'time');
}

function scheduleItem(o: Obj, path: string): ScheduleItem {
  const title = text(o, 'title', path, LABEL_MAX, true);
  const kind = oneOf(o, 'kind', path, SCHEDULE_KINDS);
  const start = time(o, 'start', path);
  const end = time(o, 'end', path);
  if (start && end && Date.parse(end) <= Date.parse(start)) add(`${path}.end`, 'order');
  return { title, kind, start, end } as ScheduleItem;
}

function video(v: Obj): FeaturedVideo {
  const src = url(v, 'src', 'video', true);
  const title = text(v, 'title', 'video', LABEL_MAX);
  const poster = url(v, 'poster', 'video', false);
  return { src, ...(title ? { title } : {}), ...(poster ? { poster } : {}) } as FeaturedVideo;
}

/**
 * Validates stand JSON, with issues as codes (parseStand in stand-errors.ts words them).
 * Strict mode (the editor) fails on any issue, so an invalid config is never sent. Lenient
 * mode (displaying what others wrote) drops bad list items and bad optional fields and
 * reports them in `dropped`; it fails only without a usable name.
 */
export function checkStand(json: unknown, strict?: boolean): StandCheck {
  if (!isObj(json)) return { ok: false, errors: [['', 'json']] };
  issues = [];
  const name = text(json, 'name', '', NAME_MAX, true);
  const optional = {
    // text() and url() give undefined whenever they add an issue.
    tagline: text(json, 'tagline', '', TAGLINE_MAX),
    description: text(json, 'description', '', DESCRIPTION_MAX),
    logo: url(json, 'logo', '', false, 'media'),
    banner: url(json, 'banner', '', false, 'media'),
    jitsi: nested(json, 'jitsi', (j): JitsiRoom => {
      const domain = text(j, 'domain', 'jitsi', 253, true);
      const room = text(j, 'room', 'jitsi', 128, true);
      if (domain !== undefined && !DOMAIN.test(domain)) add('jitsi.domain', 'host');
      if (room !== undefined && !JITSI_ROOM.test(room)) add('jitsi.room', 'room');
      return { domain: domain?.toLowerCase(), room } as JitsiRoom;
    }),
    video: nested(json, 'video', video),
  };
  const seen = new Set<string>();
  const stand: Stand = {
    name: name!,
    links: list(json, 'links', LIST_ITEMS_MAX, link()),
    downloads: list(json, 'downloads', LIST_ITEMS_MAX, link('download')),
    social: list(json, 'social', LIST_ITEMS_MAX, social),
    staff: list(json, 'staff', STAFF_MAX, (o, path): StaffMember => {
      const before = issues.length;
      const userId = text(o, 'userId', path, 255, true);
      if (userId !== undefined && !USER_ID.test(userId)) add(`${path}.userId`, 'userId');
      else if (userId !== undefined && seen.has(userId)) add(`${path}.userId`, 'twice');
      const name = text(o, 'name', path, LABEL_MAX, true);
      const role = text(o, 'role', path, ROLE_MAX);
      // The first valid entry of a user counts; later ones are reported and left out.
      if (userId && issues.length === before) seen.add(userId);
      return (role ? { userId, name, role } : { userId, name }) as StaffMember;
    }),
    schedule: list(json, 'schedule', SCHEDULE_MAX, scheduleItem).sort((a, b) => Date.parse(a.start) - Date.parse(b.start)),
  };
  const found = issues;
  issues = [];
  // Lenient: only a name problem is fatal (there is nothing to show); the rest was left out.
  if (name === undefined || (strict && found.length)) {
    return { ok: false, errors: strict ? found : found.filter((i) => i[0] === 'name') };
  }
  for (const [key, value] of Object.entries(optional)) if (value) (stand as unknown as Obj)[key] = value;
  return { ok: true, stand, dropped: found };
}
