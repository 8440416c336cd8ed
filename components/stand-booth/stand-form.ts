import { parseStand } from './stand-errors.js';
import type { Stand, StandIssue } from './stand.js';

/**
 * The stand editor works on flat text fields: single values as inputs, lists as one entry
 * per line with `|` between columns (easy to type, paste and operate by keyboard). This
 * file converts between a Stand and those fields, and maps the validator's JSON paths
 * (`links[2].url`) back to a field and line so errors show inline where they were made.
 */
export const FORM_FIELDS = [
  'name',
  'tagline',
  'description',
  'logo',
  'banner',
  'jitsiDomain',
  'jitsiRoom',
  'videoSrc',
  'videoTitle',
  'videoPoster',
  'links',
  'downloads',
  'social',
  'staff',
  'schedule',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];
export type StandFormValues = Record<FormField, string>;

/** Columns per list field, in line order. */
export const LIST_COLUMNS = {
  links: ['kind', 'label', 'url'],
  downloads: ['label', 'url'],
  social: ['network', 'url'],
  staff: ['userId', 'name', 'role'],
  schedule: ['start', 'end', 'kind', 'title'],
} as const satisfies Partial<Record<FormField, readonly string[]>>;
type ListField = keyof typeof LIST_COLUMNS;
const LIST_FIELDS = Object.keys(LIST_COLUMNS) as ListField[];

export interface FormIssue {
  field: FormField;
  /** 1-based line in a list field. */
  line?: number;
  message: string;
}

const row = (...cells: (string | undefined)[]): string => {
  while (cells.length && !cells[cells.length - 1]) cells.pop();
  return cells.map((c) => c ?? '').join(' | ');
};

export function standToForm(stand: Stand | undefined): StandFormValues {
  return {
    name: stand?.name ?? '',
    tagline: stand?.tagline ?? '',
    description: stand?.description ?? '',
    logo: stand?.logo ?? '',
    banner: stand?.banner ?? '',
    jitsiDomain: stand?.jitsi?.domain ?? '',
    jitsiRoom: stand?.jitsi?.room ?? '',
    videoSrc: stand?.video?.src ?? '',
    videoTitle: stand?.video?.title ?? '',
    videoPoster: stand?.video?.poster ?? '',
    links: (stand?.links ?? []).map((l) => row(l.kind, l.label, l.url)).join('\n'),
    downloads: (stand?.downloads ?? []).map((l) => row(l.label, l.url)).join('\n'),
    social: (stand?.social ?? []).map((s) => row(s.network, s.url)).join('\n'),
    staff: (stand?.staff ?? []).map((s) => row(s.userId, s.name, s.role)).join('\n'),
    schedule: (stand?.schedule ?? []).map((s) => row(s.start, s.end, s.kind, s.title)).join('\n'),
  };
}

interface ListParse {
  entries: Record<string, string>[];
  /** Source line (1-based) of each entry. */
  lines: number[];
}

function parseLines(field: ListField, value: string): ListParse {
  const columns: readonly string[] = LIST_COLUMNS[field];
  const entries: Record<string, string>[] = [];
  const lines: number[] = [];
  value.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const cells = line.split('|').map((c) => c.trim());
    // A URL may itself contain "|": keep extra cells in the last column.
    const fitted = cells.length > columns.length ? [...cells.slice(0, columns.length - 1), cells.slice(columns.length - 1).join('|')] : cells;
    const entry: Record<string, string> = {};
    columns.forEach((col, i) => {
      const cell = fitted[i];
      if (cell) entry[col] = cell;
    });
    entries.push(entry);
    lines.push(index + 1);
  });
  return { entries, lines };
}

/** Builds stand JSON from the form (not yet validated). */
export function formToJson(values: StandFormValues): { json: Record<string, unknown>; lines: Record<ListField, number[]> } {
  const json: Record<string, unknown> = {};
  const put = (key: string, value: string): void => {
    if (value.trim() !== '') json[key] = key === 'description' ? value : value.trim();
  };
  put('name', values.name);
  put('tagline', values.tagline);
  put('description', values.description);
  put('logo', values.logo);
  put('banner', values.banner);
  if (values.jitsiDomain.trim() || values.jitsiRoom.trim()) {
    json.jitsi = { domain: values.jitsiDomain.trim(), room: values.jitsiRoom.trim() };
  }
  if (values.videoSrc.trim() || values.videoTitle.trim() || values.videoPoster.trim()) {
    const video: Record<string, string> = { src: values.videoSrc.trim() };
    if (values.videoTitle.trim()) video.title = values.videoTitle.trim();
    if (values.videoPoster.trim()) video.poster = values.videoPoster.trim();
    json.video = video;
  }
  const lines = {} as Record<ListField, number[]>;
  for (const field of LIST_FIELDS) {
    const parsed = parseLines(field, values[field]);
    json[field] = parsed.entries;
    lines[field] = parsed.lines;
  }
  return { json, lines };
}

const SCALAR_PATHS: Record<string, FormField> = {
  name: 'name',
  tagline: 'tagline',
  description: 'description',
  logo: 'logo',
  banner: 'banner',
  jitsi: 'jitsiDomain',
  'jitsi.domain': 'jitsiDomain',
  'jitsi.room': 'jitsiRoom',
  video: 'videoSrc',
  'video.src': 'videoSrc',
  'video.title': 'videoTitle',
  'video.poster': 'videoPoster',
};

function toFormIssue(issue: StandIssue, lines: Record<ListField, number[]>): FormIssue {
  const list = /^(links|downloads|social|staff|schedule)(?:\[(\d+)\](?:\.(\w+))?)?$/.exec(issue.path);
  if (list) {
    const field = list[1] as ListField;
    const index = list[2] === undefined ? undefined : Number(list[2]);
    const line = index === undefined ? undefined : lines[field][index];
    const column = list[3];
    return { field, ...(line ? { line } : {}), message: column ? `${column} ${issue.message}` : issue.message };
  }
  return { field: SCALAR_PATHS[issue.path] ?? 'name', message: issue.message };
}

export type FormResult = { ok: true; stand: Stand } | { ok: false; issues: FormIssue[] };

/** Validates the form strictly: a config with any issue is never handed out. */
export function formToStand(values: StandFormValues): FormResult {
  const { json, lines } = formToJson(values);
  const result = parseStand(json, { strict: true });
  if (result.ok) return { ok: true, stand: result.stand };
  return { ok: false, issues: result.errors.map((e) => toFormIssue(e, lines)) };
}
