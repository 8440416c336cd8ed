/** The one schedule shape every importer produces (plan and apply never see formats). */

export const SCHEDULE_FORMATS = ['pentabarf', 'pentabarf-legacy', 'frab-xml', 'frab-json', 'pretalx-json'] as const;
export type ScheduleFormat = (typeof SCHEDULE_FORMATS)[number];

export interface ScheduleEvent {
  /** The schedule's own id, as a string (FOSDEM 2007 ids start at 0). */
  id: string;
  guid?: string;
  title: string;
  subtitle?: string;
  room: string;
  /** Congress day index and date the event belongs to (after-midnight events keep the previous day). */
  day: number;
  dayDate: string;
  /** UTC ISO 8601 (`…Z`). */
  start: string;
  end: string;
  durationMinutes: number;
  track?: string;
  type?: string;
  language?: string;
  slug?: string;
  url?: string;
  persons: string[];
}

export interface Schedule {
  format: ScheduleFormat;
  conference: {
    title: string;
    acronym?: string;
    start?: string;
    end?: string;
    /** IANA zone the local times were read in, when one was needed or given. */
    timeZone?: string;
    /** Where timeZone came from. `offsets`: every event carried an absolute time. */
    timeZoneSource: 'schedule' | 'option' | 'default' | 'offsets';
    dayChange?: string;
  };
  /** Rooms that hold at least one event, in schedule order. */
  rooms: string[];
  /** Every room the schedule names (FOSDEM lists containers that never hold events). */
  roomContainers: string[];
  events: ScheduleEvent[];
  /** Non-fatal oddities worth telling the host about. */
  warnings: string[];
}

/** A schedule that cannot be read: `where` is "line:column" (XML/JSON) or a JSON path. */
export class ScheduleError extends Error {
  constructor(
    readonly where: string,
    readonly detail: string,
  ) {
    super(where ? `${where}: ${detail}` : detail);
    this.name = 'ScheduleError';
  }
}

export interface ParseOptions {
  /** Force a format instead of detecting it. */
  format?: ScheduleFormat;
  /** IANA zone for schedules without one (FOSDEM's Pentabarf export defaults to Europe/Brussels). */
  timeZone?: string;
  /** Used in error messages. */
  fileName?: string;
}

/** Rooms with events, in order of first appearance. */
export function roomsOf(events: ScheduleEvent[]): string[] {
  const seen = new Set<string>();
  for (const e of events) seen.add(e.room);
  return [...seen];
}
