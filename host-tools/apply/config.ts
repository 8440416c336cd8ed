/**
 * The host's config file (JSON): where widget pages are served, stream URL and Jitsi room
 * templates, aliases, and per-room overrides (exact schedule room name, or a pattern with
 * `*`). Strict: unknown keys are errors, because a typo would silently drop a setting.
 *
 * Templates may use {room} (schedule name), {room_slug}, {conference} and {conference_slug}.
 */
import { isHostname, isJitsiRoomName } from '../../widgets/talk-player/schema.js';
import { isUserId } from '../../widgets/schema/validate.js';
import { httpsProblem, isWidgetKind, WIDGET_KINDS, type WidgetKind } from './widget-url.js';

export interface RoomOverride {
  /** Leave this schedule room out of the plan. */
  skip?: boolean;
  /** Use this existing (or to-be-created) alias instead of `#<aliasPrefix><room_slug>:<server>`. */
  alias?: string;
  name?: string;
  topic?: string;
  /** Stream URL template, or null for no stream in this room. */
  stream?: string | null;
  captions?: string | null;
  poster?: string | null;
  /** Jitsi room template for this room. */
  jitsiRoom?: string;
  widgets?: WidgetKind[];
  /** JSON URL for the stand-booth widget (stand content). */
  stand?: string;
  /** JSON URL for the food-truck-menu widget. */
  menu?: string;
}

export interface HostConfig {
  /** Where dist/ is served: pages are `<widgetBase>/widgets/<kind>.html`. */
  widgetBase: string;
  /** Homeserver name for aliases in the plan; apply asks the server (whoami) when absent. */
  serverName?: string;
  aliasPrefix: string;
  roomName: string;
  topic: string;
  stream?: string;
  captions?: string;
  poster?: string;
  jitsi?: { domain: string; room: string };
  /** Q&A starts this many minutes before a talk ends (0: no Q&A time). */
  qaMinutes: number;
  widgets: WidgetKind[];
  powerLevels: { users: Record<string, number> };
  rooms: Record<string, RoomOverride>;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

export const DEFAULT_WIDGETS: WidgetKind[] = ['talk-player', 'qa-queue'];
const TEMPLATE_VARS = ['room', 'room_slug', 'conference', 'conference_slug'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function expandTemplate(template: string, vars: Record<string, string>): string {
  return template.replace(/\{([a-z_]+)\}/g, (m, name: string) => vars[name] ?? m);
}

/** Checks a template: known variables only; for URLs, https once expanded with sample values. */
function checkTemplate(problems: string[], path: string, value: unknown, kind: 'url' | 'text' | 'jitsiRoom'): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    problems.push(`${path}: expected a non-empty string`);
    return undefined;
  }
  for (const m of value.matchAll(/\{([^}]*)\}/g)) {
    if (!TEMPLATE_VARS.includes(m[1]!)) problems.push(`${path}: unknown template variable {${m[1]}} (allowed: ${TEMPLATE_VARS.map((v) => `{${v}}`).join(' ')})`);
  }
  const sample = expandTemplate(value, { room: 'D.rust', room_slug: 'd-rust', conference: 'FOSDEM 2021', conference_slug: 'fosdem-2021' });
  if (kind === 'url') {
    const p = httpsProblem(sample.replace(/ /g, '%20'));
    if (p) problems.push(`${path}: ${p}`);
  } else if (kind === 'jitsiRoom' && !isJitsiRoomName(sample)) {
    problems.push(`${path}: Jitsi room names are letters, digits, "." "_" "-" (up to 128, starting with a letter or digit); "${value}" expands to "${sample}"`);
  }
  return value.trim();
}

function checkKeys(problems: string[], path: string, obj: Obj, allowed: string[]): void {
  for (const k of Object.keys(obj)) if (!allowed.includes(k)) problems.push(`${path ? path + '.' : ''}${k}: unknown setting (allowed: ${allowed.join(', ')})`);
}

function checkWidgets(problems: string[], path: string, v: unknown): WidgetKind[] | undefined {
  if (!Array.isArray(v)) {
    problems.push(`${path}: expected a list of widget kinds (${WIDGET_KINDS.join(', ')})`);
    return undefined;
  }
  const out: WidgetKind[] = [];
  v.forEach((k, i) => {
    if (typeof k === 'string' && isWidgetKind(k)) {
      if (!out.includes(k)) out.push(k);
    } else problems.push(`${path}[${i}]: unknown widget kind ${JSON.stringify(k)} (expected one of ${WIDGET_KINDS.join(', ')})`);
  });
  return out;
}

const ROOM_KEYS = ['skip', 'alias', 'name', 'topic', 'stream', 'captions', 'poster', 'jitsiRoom', 'widgets', 'stand', 'menu'];
const TOP_KEYS = ['$schema', 'widgetBase', 'serverName', 'aliasPrefix', 'roomName', 'topic', 'stream', 'captions', 'poster', 'jitsi', 'qaMinutes', 'widgets', 'powerLevels', 'rooms'];

/** Validates parsed JSON; `defaults` fill what the file leaves out (e.g. the alias prefix from the schedule). */
export function parseConfig(raw: unknown, defaults: { aliasPrefix: string; widgetBase?: string }): HostConfig {
  const problems: string[] = [];
  const c: Obj = isObj(raw) ? raw : {};
  if (!isObj(raw)) problems.push('(config): expected a JSON object');
  checkKeys(problems, '', c, TOP_KEYS);

  const widgetBase = c.widgetBase ?? defaults.widgetBase;
  if (widgetBase === undefined) problems.push('widgetBase: required — the https URL where devroom\'s dist/ is served (pages at <widgetBase>/widgets/<kind>.html)');
  else if (typeof widgetBase !== 'string') problems.push('widgetBase: expected a string');
  else {
    const p = httpsProblem(widgetBase);
    if (p) problems.push(`widgetBase: ${p}`);
  }

  let serverName: string | undefined;
  if (c.serverName !== undefined) {
    if (typeof c.serverName !== 'string' || !isHostname(c.serverName)) problems.push(`serverName: expected a homeserver name like example.org, got ${JSON.stringify(c.serverName)}`);
    else serverName = c.serverName;
  }
  const aliasPrefix = c.aliasPrefix ?? defaults.aliasPrefix;
  // Letters of any script (lowercase where the script has case), as room-slugs.ts makes them.
  if (typeof aliasPrefix !== 'string' || !/^[\p{Ll}\p{Lo}\p{Lm}\p{M}\p{Nd}._=\-/]*$/u.test(aliasPrefix)) {
    problems.push(`aliasPrefix: lowercase letters, digits and . _ = - / only, got ${JSON.stringify(aliasPrefix)}`);
  }

  const roomName = c.roomName === undefined ? '{room}' : checkTemplate(problems, 'roomName', c.roomName, 'text');
  const topic = c.topic === undefined ? '{conference} · {room}' : checkTemplate(problems, 'topic', c.topic, 'text');
  const stream = c.stream === undefined ? undefined : checkTemplate(problems, 'stream', c.stream, 'url');
  const captions = c.captions === undefined ? undefined : checkTemplate(problems, 'captions', c.captions, 'url');
  const poster = c.poster === undefined ? undefined : checkTemplate(problems, 'poster', c.poster, 'url');

  let jitsi: HostConfig['jitsi'];
  if (c.jitsi !== undefined) {
    if (!isObj(c.jitsi)) problems.push('jitsi: expected { "domain": "meet.example.org", "room": "conf-{room_slug}" }');
    else {
      checkKeys(problems, 'jitsi', c.jitsi, ['domain', 'room']);
      const domain = c.jitsi.domain;
      if (typeof domain !== 'string' || !isHostname(domain)) problems.push(`jitsi.domain: expected a host name like meet.jit.si, got ${JSON.stringify(domain)}`);
      const room = checkTemplate(problems, 'jitsi.room', c.jitsi.room ?? '{conference_slug}-{room_slug}', 'jitsiRoom');
      if (typeof domain === 'string' && room) jitsi = { domain, room };
    }
  }

  let qaMinutes = 10;
  if (c.qaMinutes !== undefined) {
    if (typeof c.qaMinutes !== 'number' || !Number.isInteger(c.qaMinutes) || c.qaMinutes < 0 || c.qaMinutes > 240) problems.push('qaMinutes: expected a whole number of minutes 0–240');
    else qaMinutes = c.qaMinutes;
  }
  const widgets = c.widgets === undefined ? DEFAULT_WIDGETS : (checkWidgets(problems, 'widgets', c.widgets) ?? []);

  const users: Record<string, number> = {};
  if (c.powerLevels !== undefined) {
    if (!isObj(c.powerLevels)) problems.push('powerLevels: expected { "users": { "@admin:example.org": 100 } }');
    else {
      checkKeys(problems, 'powerLevels', c.powerLevels, ['users']);
      const u = c.powerLevels.users;
      if (u !== undefined && !isObj(u)) problems.push('powerLevels.users: expected an object of user id → level');
      else if (u) {
        for (const [id, level] of Object.entries(u)) {
          if (!isUserId(id)) problems.push(`powerLevels.users: "${id}" is not a Matrix user id (@name:server)`);
          else if (typeof level !== 'number' || !Number.isInteger(level) || level < 0 || level > 100) problems.push(`powerLevels.users["${id}"]: expected a whole number 0–100`);
          else users[id] = level;
        }
      }
    }
  }

  const rooms: Record<string, RoomOverride> = {};
  if (c.rooms !== undefined) {
    if (!isObj(c.rooms)) problems.push('rooms: expected an object of schedule room name (or pattern with *) → settings');
    else
      for (const [pattern, r] of Object.entries(c.rooms)) {
        const path = `rooms[${JSON.stringify(pattern)}]`;
        if (!isObj(r)) {
          problems.push(`${path}: expected an object`);
          continue;
        }
        checkKeys(problems, path, r, ROOM_KEYS);
        const o: RoomOverride = {};
        if (r.skip !== undefined) {
          if (typeof r.skip !== 'boolean') problems.push(`${path}.skip: expected true or false`);
          else o.skip = r.skip;
        }
        if (r.alias !== undefined) {
          if (typeof r.alias !== 'string' || !/^#[^:\s]+:[^\s]+$/.test(r.alias)) problems.push(`${path}.alias: expected a full alias like #room:example.org, got ${JSON.stringify(r.alias)}`);
          else o.alias = r.alias;
        }
        for (const key of ['name', 'topic'] as const) if (r[key] !== undefined) o[key] = checkTemplate(problems, `${path}.${key}`, r[key], 'text');
        for (const key of ['stream', 'captions', 'poster'] as const) {
          if (r[key] === null) o[key] = null;
          else if (r[key] !== undefined) o[key] = checkTemplate(problems, `${path}.${key}`, r[key], 'url');
        }
        for (const key of ['stand', 'menu'] as const) if (r[key] !== undefined) o[key] = checkTemplate(problems, `${path}.${key}`, r[key], 'url');
        if (r.jitsiRoom !== undefined) o.jitsiRoom = checkTemplate(problems, `${path}.jitsiRoom`, r.jitsiRoom, 'jitsiRoom');
        if (r.widgets !== undefined) o.widgets = checkWidgets(problems, `${path}.widgets`, r.widgets);
        rooms[pattern] = o;
      }
  }

  if (problems.length) throw new ConfigError(problems);
  return {
    widgetBase: widgetBase as string,
    ...(serverName ? { serverName } : {}),
    aliasPrefix: aliasPrefix as string,
    roomName: roomName!,
    topic: topic!,
    ...(stream ? { stream } : {}),
    ...(captions ? { captions } : {}),
    ...(poster ? { poster } : {}),
    ...(jitsi ? { jitsi } : {}),
    qaMinutes,
    widgets,
    powerLevels: { users },
    rooms,
  };
}

/** Settings for one schedule room: patterns in file order, then the exact name, win last. */
export function roomSettings(config: HostConfig, room: string): RoomOverride {
  const out: RoomOverride = {};
  const matches = (pattern: string) =>
    pattern.includes('*') ? new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(room) : false;
  for (const [pattern, o] of Object.entries(config.rooms)) if (matches(pattern)) Object.assign(out, o);
  const exact = config.rooms[room];
  if (exact) Object.assign(out, exact);
  return out;
}
