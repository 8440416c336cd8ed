import type { ScheduleItem } from './stand.js';

/**
 * Booth schedule relative to a clock: which items run now, which one is next, and when
 * that answer changes (so the component re-renders exactly then, not on a polling tick).
 */
export type ScheduleMark = 'now' | 'next' | 'past' | 'later';

export interface ScheduleState {
  marks: ScheduleMark[];
  /** Epoch ms of the next start or end after `now`; undefined when nothing changes any more. */
  nextChange: number | undefined;
}

export function scheduleState(items: readonly ScheduleItem[], now: number): ScheduleState {
  const times = items.map((item) => ({ start: Date.parse(item.start), end: Date.parse(item.end) }));
  const upcoming = times.filter((t) => t.start > now).map((t) => t.start);
  const nextStart = upcoming.length ? Math.min(...upcoming) : undefined;
  const marks = times.map(({ start, end }): ScheduleMark => {
    if (start <= now && now < end) return 'now';
    if (end <= now) return 'past';
    // Every item starting at the earliest upcoming time is "next" (parallel demos).
    return start === nextStart ? 'next' : 'later';
  });
  const boundaries = times.flatMap((t) => [t.start, t.end]).filter((t) => t > now);
  return { marks, nextChange: boundaries.length ? Math.min(...boundaries) : undefined };
}

/** Formats a schedule slot in the viewer's time zone (or an explicit one), e.g. "Sat 10:00 – 10:30 CET". */
export function formatSlot(item: ScheduleItem, locale: string, timeZone?: string): string {
  const start = new Date(item.start);
  const end = new Date(item.end);
  const zone = timeZone ? { timeZone } : {};
  const day = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', ...zone });
  const time = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', ...zone });
  const zoneName =
    new Intl.DateTimeFormat(locale, { timeZoneName: 'short', ...zone })
      .formatToParts(end)
      .find((p) => p.type === 'timeZoneName')?.value ?? '';
  const sameDay = day.format(start) === day.format(end);
  const range = sameDay
    ? `${day.format(start)}, ${time.format(start)}–${time.format(end)}`
    : `${day.format(start)}, ${time.format(start)} – ${day.format(end)}, ${time.format(end)}`;
  return zoneName ? `${range} ${zoneName}` : range;
}
