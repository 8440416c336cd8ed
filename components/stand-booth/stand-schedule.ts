import { LIMITS, add, list, oneOf, readMore, text, url } from './stand.js';
import type { FeaturedVideo, Obj, ScheduleItem, ScheduleKind } from './stand.js';

/**
 * Reading a stand's schedule and featured video (checkStand's `readMore`), apart from
 * stand.ts so a stand without either never downloads it. Importing this module registers
 * the readers: the booth's extras (which show them) and stand-errors.ts (the editor's
 * strict parse) do.
 */

export const SCHEDULE_KINDS: readonly ScheduleKind[] = ['demo', 'maintainers', 'talk'];

// An offset is required: a time without one means a different instant for every viewer.
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function time(obj: Obj, key: string, path: string): string | undefined {
  const iso = text(obj, key, path, 40, true);
  if (iso === undefined || (ISO_WITH_OFFSET.test(iso) && !Number.isNaN(Date.parse(iso)))) return iso;
  return add(`${path}.${key}`, 'time');
}

// As in stand.ts: `list` and `nested` leave out any value whose reading added an issue.
function scheduleItem(o: Obj, path: string): ScheduleItem {
  const title = text(o, 'title', path, LIMITS.label, true);
  const kind = oneOf(o, 'kind', path, SCHEDULE_KINDS);
  const start = time(o, 'start', path);
  const end = time(o, 'end', path);
  if (start && end && Date.parse(end) <= Date.parse(start)) add(`${path}.end`, 'order');
  return { title, kind, start, end } as ScheduleItem;
}

readMore({
  schedule: (json) => list(json, 'schedule', LIMITS.schedule, scheduleItem).sort((a, b) => Date.parse(a.start) - Date.parse(b.start)),
  video: (v): FeaturedVideo => {
    const src = url(v, 'src', 'video', true);
    const title = text(v, 'title', 'video', LIMITS.label);
    const poster = url(v, 'poster', 'video', false);
    return { src, ...(title ? { title } : {}), ...(poster ? { poster } : {}) } as FeaturedVideo;
  },
});
