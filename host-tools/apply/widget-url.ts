/**
 * Widget URLs for Element. Pages live at `<base>/widgets/<kind>.html`. Element appends
 * `widgetId` and `parentUrl` to the query string itself; everything of ours goes in the
 * fragment (`#?a=b&…`, as Element's own Jitsi wrapper does) so it never reaches a server
 * log. Element fills in its template variables (`$matrix_room_id`, …) before loading.
 *
 * Fragment parameters (widgets/runtime/params.ts reads the same names):
 *   Element-filled: roomId userId displayName avatarUrl theme lang deviceId baseUrl
 *   talk-player:    src captions poster title startsAt endsAt qaAt jitsiDomain jitsiRoom
 *   qa-queue:       title
 *   stand-booth:    src (stand JSON) jitsiDomain jitsiRoom
 *   food-truck-menu: src (menu JSON)
 */
import { isHostname, isJitsiRoomName } from '../../widgets/talk-player/schema.js';
import { WidgetTypes } from '../../widgets/schema/namespace.js';

export const WIDGET_KINDS = ['talk-player', 'qa-queue', 'stand-booth', 'food-truck-menu'] as const;
export type WidgetKind = (typeof WIDGET_KINDS)[number];
export const isWidgetKind = (v: string): v is WidgetKind => (WIDGET_KINDS as readonly string[]).includes(v);

/** Widget type in `im.vector.modular.widgets` per kind (never jitsi/m.jitsi). */
export const WIDGET_TYPE: Record<WidgetKind, string> = {
  'talk-player': WidgetTypes.talk,
  'qa-queue': WidgetTypes.qa,
  'stand-booth': WidgetTypes.stand,
  'food-truck-menu': WidgetTypes.menu,
};

/** Fragment parameter → Element template variable, in URL order. */
export const TEMPLATE_PARAMS = [
  ['roomId', '$matrix_room_id'],
  ['userId', '$matrix_user_id'],
  ['displayName', '$matrix_display_name'],
  ['avatarUrl', '$matrix_avatar_url'],
  ['theme', '$org.matrix.msc2873.client_theme'],
  ['lang', '$org.matrix.msc2873.client_language'],
  ['deviceId', '$org.matrix.msc3819.matrix_device_id'],
  ['baseUrl', '$org.matrix.msc4039.matrix_base_url'],
] as const;

type OptionKind = 'url' | 'text' | 'time' | 'host' | 'jitsiRoom';
/** Options each kind accepts, in URL order, with how they are validated. */
export const KIND_OPTIONS: Record<WidgetKind, Record<string, OptionKind>> = {
  'talk-player': {
    src: 'url',
    captions: 'url',
    poster: 'url',
    title: 'text',
    startsAt: 'time',
    endsAt: 'time',
    qaAt: 'time',
    jitsiDomain: 'host',
    jitsiRoom: 'jitsiRoom',
  },
  'qa-queue': { title: 'text', view: 'text' },
  'stand-booth': { src: 'url', jitsiDomain: 'host', jitsiRoom: 'jitsiRoom' },
  'food-truck-menu': { src: 'url' },
};

export type WidgetOptions = Record<string, string>;

export class WidgetOptionError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'WidgetOptionError';
  }
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** https URL or the reason it is not one. */
export function httpsProblem(value: string): string | null {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return `not a valid absolute URL: "${value}"`;
  }
  return u.protocol === 'https:' ? null : `must be an https:// URL, got ${u.protocol}// ("${value}")`;
}

/** Checks options for a kind; returns a list of problems (empty when fine). Times are normalised to UTC ISO. */
export function validateWidgetOptions(kind: WidgetKind, options: WidgetOptions): { options: WidgetOptions; problems: string[] } {
  const allowed = KIND_OPTIONS[kind];
  const problems: string[] = [];
  const out: WidgetOptions = {};
  for (const [key, raw] of Object.entries(options)) {
    const type = allowed[key];
    if (!type) {
      problems.push(`${key}: not an option of ${kind} (allowed: ${Object.keys(allowed).join(', ') || 'none'})`);
      continue;
    }
    const value = raw.trim();
    if (value === '') {
      problems.push(`${key}: empty`);
      continue;
    }
    if (type === 'url') {
      const p = httpsProblem(value);
      if (p) problems.push(`${key}: ${p}`);
    } else if (type === 'time') {
      if (!ISO_WITH_ZONE.test(value) || Number.isNaN(Date.parse(value))) {
        problems.push(`${key}: expected an ISO 8601 time with a zone, e.g. 2021-02-06T10:30:00Z, got "${value}"`);
        continue;
      }
      out[key] = new Date(value).toISOString();
      continue;
    } else if (type === 'host') {
      if (!isHostname(value)) problems.push(`${key}: expected a host name like meet.jit.si, got "${value}"`);
    } else if (type === 'jitsiRoom') {
      if (!isJitsiRoomName(value)) problems.push(`${key}: Jitsi room names are 1–128 letters, digits, "." "_" "-" starting with a letter or digit, got "${value}"`);
    } else if (value.length > 500) problems.push(`${key}: longer than 500 characters`);
    out[key] = value;
  }
  const times = ['startsAt', 'qaAt', 'endsAt'].filter((k) => out[k]).map((k) => [k, Date.parse(out[k]!)] as const);
  for (let i = 1; i < times.length; i++) {
    if (times[i]![1] < times[i - 1]![1]) problems.push(`${times[i]![0]} is before ${times[i - 1]![0]}`);
  }
  if (out.jitsiRoom && !out.jitsiDomain) problems.push('jitsiRoom needs jitsiDomain');
  return { options: out, problems };
}

/** The widget page URL for a base such as `https://cdn.example.org/devroom` (a trailing slash is fine). */
export function widgetPageUrl(base: string, kind: WidgetKind): string {
  const p = httpsProblem(base);
  if (p) throw new WidgetOptionError([`base: ${p}`]);
  const u = new URL(base);
  if (u.search || u.hash) throw new WidgetOptionError([`base: must not carry a query or fragment ("${base}")`]);
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}/widgets/${kind}.html`;
}

/**
 * Encodes a literal value for the fragment. `$` is escaped too: Element's templating would
 * otherwise replace `$matrix_…` (or any `$<data key>`) inside a value.
 */
export const encodeValue = (v: string): string => encodeURIComponent(v).replace(/\$/g, '%24');

/** Full template URL: `<page>#?roomId=$matrix_room_id&…&<options>`. Validates; throws WidgetOptionError. */
export function buildWidgetUrl(base: string, kind: WidgetKind, options: WidgetOptions = {}): string {
  const { options: clean, problems } = validateWidgetOptions(kind, options);
  if (problems.length) throw new WidgetOptionError(problems);
  const parts: string[] = TEMPLATE_PARAMS.map(([name, variable]) => `${name}=${variable}`);
  for (const key of Object.keys(KIND_OPTIONS[kind])) {
    const v = clean[key];
    if (v !== undefined) parts.push(`${key}=${encodeValue(v)}`);
  }
  return `${widgetPageUrl(base, kind)}#?${parts.join('&')}`;
}
