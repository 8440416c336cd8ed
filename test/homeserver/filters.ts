/**
 * Event filters as Synapse applies them (api/filtering.py and storage `filter_to_clause`).
 * Two places differ, and clients can tell:
 * - in memory (/sync), `types`/`not_types` match with `*` wildcards;
 * - /messages first selects rows in SQL with exact `type = ?` / `sender = ?` (no
 *   wildcards), then runs the in-memory check too. So `{"types": ["dev.devroom.*"]}`
 *   finds nothing in /messages, while `not_types` wildcards still exclude.
 */
import type { JsonObject } from './events.js';
import { isObject } from './events.js';
import { badJson } from './http.js';

export interface EventFilter {
  types?: string[];
  notTypes: string[];
  senders?: string[];
  notSenders: string[];
  rooms?: string[];
  notRooms: string[];
  limit: number;
  lazyLoadMembers: boolean;
  containsUrl?: boolean;
}

function strings(value: unknown, name: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw badJson(`${name} must be a list of strings`);
  return value as string[];
}

/** Parses one filter object (`RoomEventFilter`); Synapse's timeline limit defaults to 10. */
export function parseEventFilter(json: unknown, defaultLimit = 10): EventFilter {
  const f = isObject(json) ? json : {};
  const limit = typeof f.limit === 'number' && f.limit > 0 ? Math.floor(f.limit) : defaultLimit;
  const types = strings(f.types, 'types');
  const senders = strings(f.senders, 'senders');
  const rooms = strings(f.rooms, 'rooms');
  return {
    ...(types ? { types } : {}),
    notTypes: strings(f.not_types, 'not_types') ?? [],
    ...(senders ? { senders } : {}),
    notSenders: strings(f.not_senders, 'not_senders') ?? [],
    ...(rooms ? { rooms } : {}),
    notRooms: strings(f.not_rooms, 'not_rooms') ?? [],
    limit,
    lazyLoadMembers: f.lazy_load_members === true,
    ...(typeof f.contains_url === 'boolean' ? { containsUrl: f.contains_url } : {}),
  };
}

/** Synapse's `_matches_wildcard`: `*` matches any run of characters. */
function matchesWildcard(actual: string, pattern: string): boolean {
  if (!pattern.includes('*')) return actual === pattern;
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(actual);
}

interface Filterable {
  type: string;
  sender: string;
  room_id: string;
  content: JsonObject;
}

/** The in-memory check (`Filter.check`), wildcards in types. */
export function matchesInMemory(filter: EventFilter, event: Filterable): boolean {
  if (filter.notTypes.some((t) => matchesWildcard(event.type, t))) return false;
  if (filter.types && !filter.types.some((t) => matchesWildcard(event.type, t))) return false;
  if (filter.notSenders.includes(event.sender)) return false;
  if (filter.senders && !filter.senders.includes(event.sender)) return false;
  if (filter.notRooms.includes(event.room_id)) return false;
  if (filter.rooms && !filter.rooms.includes(event.room_id)) return false;
  if (filter.containsUrl !== undefined && (typeof event.content.url === 'string') !== filter.containsUrl) return false;
  return true;
}

/** The SQL stage of /messages (`filter_to_clause`): exact matches only; an empty list adds no clause. */
export function matchesSql(filter: EventFilter, event: Filterable): boolean {
  if (filter.types?.length && !filter.types.includes(event.type)) return false;
  if (filter.notTypes.includes(event.type)) return false;
  if (filter.senders?.length && !filter.senders.includes(event.sender)) return false;
  if (filter.notSenders.includes(event.sender)) return false;
  return true;
}

/** A room filter's `rooms`/`not_rooms` decide which rooms /sync includes at all. */
export function roomAllowed(roomFilter: JsonObject | undefined, roomId: string): boolean {
  if (!roomFilter) return true;
  const rooms = strings(roomFilter.rooms, 'rooms');
  const notRooms = strings(roomFilter.not_rooms, 'not_rooms') ?? [];
  if (notRooms.includes(roomId)) return false;
  return !rooms || rooms.includes(roomId);
}
