import { checkUrl } from '../shared/safe-url.js';

/**
 * The stand config: what a project shows at its booth. In a widget it is the content of
 * the `dev.devroom.stand` state event; on a plain page it comes from a JSON `src` or the
 * `stand` property. Everything in it is untrusted (anyone with power can write it, a
 * JSON file can hold anything), so it only reaches the DOM through `parseStand`.
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

/** Where a value went wrong, as a path into the JSON (`links[2].url`). */
export interface StandIssue {
  path: string;
  message: string;
}

export type StandParseResult =
  | { ok: true; stand: Stand; /** Items left out in lenient mode. */ dropped: StandIssue[] }
  | { ok: false; errors: StandIssue[] };

export const LIMITS = {
  name: 120,
  tagline: 200,
  description: 10_000,
  label: 120,
  role: 80,
  url: 2048,
  listItems: 50,
  staff: 100,
  schedule: 100,
} as const;

const USER_ID = /^@[^:\s]+:[^\s]+$/;
// Hostname with optional port; no path, no scheme.
const DOMAIN = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/i;
// Jitsi room names become a URL path segment: keep them to a safe alphabet.
const JITSI_ROOM = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
// An offset is required: a time without one means a different instant for every viewer.
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

class Collector {
  readonly issues: StandIssue[] = [];
  add(path: string, message: string): void {
    this.issues.push({ path, message });
  }
}

function text(c: Collector, obj: Obj, key: string, path: string, max: number, required: boolean): string | undefined {
  const value = obj[key];
  const at = path ? `${path}.${key}` : key;
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    if (required) c.add(at, 'is required');
    return undefined;
  }
  if (typeof value !== 'string') {
    c.add(at, 'must be text');
    return undefined;
  }
  const trimmed = value.trim();
  if (trimmed.length > max) {
    c.add(at, `must be at most ${max} characters`);
    return undefined;
  }
  return trimmed;
}

function url(
  c: Collector,
  obj: Obj,
  key: string,
  path: string,
  opts: { required?: boolean; mxc?: boolean; mailto?: boolean; httpsOnly?: boolean },
): string | undefined {
  const raw = text(c, obj, key, path, LIMITS.url, opts.required ?? false);
  if (raw === undefined) return undefined;
  const at = path ? `${path}.${key}` : key;
  const result = checkUrl(raw, { absolute: true, allowMxc: opts.mxc, allowMailto: opts.mailto });
  if (!result.ok) {
    c.add(at, result.reason);
    return undefined;
  }
  if (opts.httpsOnly && result.url.startsWith('http:')) {
    c.add(at, 'must use https');
    return undefined;
  }
  if (result.url.startsWith('mxc:') && !/^mxc:\/\/[^/\s]+\/[A-Za-z0-9_-]+$/.test(raw)) {
    c.add(at, 'is not a valid mxc:// URL');
    return undefined;
  }
  return result.url.startsWith('mxc:') ? raw : result.url;
}

/**
 * Validates a list; each item parser reports into its own collector so that in lenient
 * mode a bad item is dropped while the rest of the stand still shows.
 */
function list<T>(
  root: Collector,
  dropped: StandIssue[],
  strict: boolean,
  obj: Obj,
  key: string,
  max: number,
  item: (c: Collector, value: Obj, path: string) => T | undefined,
): T[] {
  const value = obj[key];
  if (value === undefined || value === null) return [];
  const listIssues = strict ? root.issues : dropped;
  if (!Array.isArray(value)) {
    listIssues.push({ path: key, message: 'must be a list' });
    return [];
  }
  if (value.length > max) listIssues.push({ path: key, message: `must have at most ${max} entries` });
  const out: T[] = [];
  value.slice(0, max).forEach((entry: unknown, i) => {
    const path = `${key}[${i}]`;
    const c = new Collector();
    const parsed = isObj(entry) ? item(c, entry, path) : (c.add(path, 'must be an object'), undefined);
    if (c.issues.length === 0 && parsed !== undefined) out.push(parsed);
    else if (strict) root.issues.push(...c.issues);
    else dropped.push(...c.issues);
  });
  return out;
}

function oneOf<T extends string>(c: Collector, obj: Obj, key: string, path: string, allowed: readonly T[], fallback?: T): T | undefined {
  const value = obj[key];
  if ((value === undefined || value === null || value === '') && fallback !== undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  c.add(`${path}.${key}`, `must be one of: ${allowed.join(', ')}`);
  return undefined;
}

function parseLink(defaultKind?: LinkKind) {
  return (c: Collector, o: Obj, path: string): StandLink | undefined => {
    const kind = oneOf(c, o, 'kind', path, LINK_KINDS, defaultKind);
    const href = url(c, o, 'url', path, { required: true, mailto: true });
    const label = text(c, o, 'label', path, LIMITS.label, false);
    if (!kind || !href) return undefined;
    return { kind, label: label ?? labelFromUrl(href), url: href };
  };
}

/** A readable label for a link without one: host name, or the address of a mailto. */
export function labelFromUrl(href: string): string {
  try {
    const u = new URL(href);
    return u.protocol === 'mailto:' ? decodeURIComponent(u.pathname) : u.host;
  } catch {
    return href;
  }
}

function parseSocial(c: Collector, o: Obj, path: string): SocialLink | undefined {
  const network = text(c, o, 'network', path, LIMITS.label, true);
  const href = url(c, o, 'url', path, { required: true });
  return network && href ? { network, url: href } : undefined;
}

function parseStaff(c: Collector, o: Obj, path: string): StaffMember | undefined {
  const userId = text(c, o, 'userId', path, 255, true);
  if (userId !== undefined && !USER_ID.test(userId)) c.add(`${path}.userId`, 'must be a Matrix user id like @name:server');
  const name = text(c, o, 'name', path, LIMITS.label, true);
  const role = text(c, o, 'role', path, LIMITS.role, false);
  if (!userId || !USER_ID.test(userId) || !name) return undefined;
  return role ? { userId, name, role } : { userId, name };
}

function parseTime(c: Collector, o: Obj, key: string, path: string): { iso: string; ms: number } | undefined {
  const iso = text(c, o, key, path, 40, true);
  if (iso === undefined) return undefined;
  const ms = Date.parse(iso);
  if (!ISO_WITH_OFFSET.test(iso) || Number.isNaN(ms)) {
    c.add(`${path}.${key}`, 'must be an ISO 8601 date and time with an offset, e.g. 2026-02-01T10:00:00+01:00');
    return undefined;
  }
  return { iso, ms };
}

function parseScheduleItem(c: Collector, o: Obj, path: string): ScheduleItem | undefined {
  const title = text(c, o, 'title', path, LIMITS.label, true);
  const kind = oneOf(c, o, 'kind', path, SCHEDULE_KINDS);
  const start = parseTime(c, o, 'start', path);
  const end = parseTime(c, o, 'end', path);
  if (start && end && end.ms <= start.ms) c.add(`${path}.end`, 'must be after the start');
  if (!title || !kind || !start || !end || end.ms <= start.ms) return undefined;
  return { title, kind, start: start.iso, end: end.iso };
}

/**
 * Validates stand JSON. Strict mode (the editor) fails on any issue, so an invalid config
 * is never sent. Lenient mode (displaying what others wrote) drops bad list items and bad
 * optional fields and reports them in `dropped`; it fails only without a usable name.
 */
export function parseStand(json: unknown, options: { strict?: boolean } = {}): StandParseResult {
  const strict = options.strict ?? false;
  if (!isObj(json)) return { ok: false, errors: [{ path: '', message: 'must be a JSON object' }] };
  const root = new Collector();
  const dropped: StandIssue[] = [];
  // Optional scalar fields: in lenient mode a bad one is dropped, not fatal.
  const optional = <T>(read: (c: Collector) => T | undefined): T | undefined => {
    const c = new Collector();
    const value = read(c);
    if (c.issues.length === 0) return value;
    (strict ? root.issues : dropped).push(...c.issues);
    return undefined;
  };

  const name = text(root, json, 'name', '', LIMITS.name, true);
  const tagline = optional((c) => text(c, json, 'tagline', '', LIMITS.tagline, false));
  const description = optional((c) => text(c, json, 'description', '', LIMITS.description, false));
  const logo = optional((c) => url(c, json, 'logo', '', { mxc: true, httpsOnly: true }));
  const banner = optional((c) => url(c, json, 'banner', '', { mxc: true, httpsOnly: true }));
  const jitsi = optional((c): JitsiRoom | undefined => {
    const j = json.jitsi;
    if (j === undefined || j === null) return undefined;
    if (!isObj(j)) return (c.add('jitsi', 'must be an object with domain and room'), undefined);
    const domain = text(c, j, 'domain', 'jitsi', 253, true);
    const room = text(c, j, 'room', 'jitsi', 128, true);
    if (domain !== undefined && !DOMAIN.test(domain)) c.add('jitsi.domain', 'must be a host name like meet.jit.si');
    if (room !== undefined && !JITSI_ROOM.test(room)) c.add('jitsi.room', 'may contain only letters, digits, "-", "_" and "."');
    return domain && room && DOMAIN.test(domain) && JITSI_ROOM.test(room) ? { domain: domain.toLowerCase(), room } : undefined;
  });
  const video = optional((c): FeaturedVideo | undefined => {
    const v = json.video;
    if (v === undefined || v === null) return undefined;
    if (!isObj(v)) return (c.add('video', 'must be an object with src'), undefined);
    const src = url(c, v, 'src', 'video', { required: true });
    const title = text(c, v, 'title', 'video', LIMITS.label, false);
    const poster = url(c, v, 'poster', 'video', {});
    if (!src) return undefined;
    return { src, ...(title ? { title } : {}), ...(poster ? { poster } : {}) };
  });
  const links = list(root, dropped, strict, json, 'links', LIMITS.listItems, parseLink());
  const downloads = list(root, dropped, strict, json, 'downloads', LIMITS.listItems, parseLink('download'));
  const social = list(root, dropped, strict, json, 'social', LIMITS.listItems, parseSocial);
  const staff = list(root, dropped, strict, json, 'staff', LIMITS.staff, parseStaff);
  const schedule = list(root, dropped, strict, json, 'schedule', LIMITS.schedule, parseScheduleItem);
  const seen = new Set<string>();
  staff.forEach((member, i) => {
    if (seen.has(member.userId)) (strict ? root.issues : dropped).push({ path: `staff[${i}].userId`, message: 'is listed twice' });
    seen.add(member.userId);
  });

  if (root.issues.length > 0 || name === undefined) return { ok: false, errors: root.issues };
  const stand: Stand = {
    name,
    links,
    downloads,
    social,
    staff: staff.filter((m, i) => staff.findIndex((o) => o.userId === m.userId) === i),
    schedule: [...schedule].sort((a, b) => Date.parse(a.start) - Date.parse(b.start)),
  };
  if (tagline) stand.tagline = tagline;
  if (description) stand.description = description;
  if (logo) stand.logo = logo;
  if (banner) stand.banner = banner;
  if (jitsi) stand.jitsi = jitsi;
  if (video) stand.video = video;
  return { ok: true, stand, dropped };
}
