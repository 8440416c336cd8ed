/**
 * Form labels and hints for the CLI's widget options (host-tools/apply/widget-url.ts
 * KIND_OPTIONS decides which options exist and how they are validated; this only names them).
 */
import { kebab } from '../../host-tools/cli/args.js';
import { KIND_OPTIONS, type WidgetKind } from '../../host-tools/apply/widget-url.js';

export interface FieldInfo {
  key: string;
  label: string;
  hint: string;
  /** Input type: url for https URLs, text otherwise (ISO times are typed, datetime-local has no zone). */
  type: 'url' | 'text';
  placeholder: string;
}

const TIME_HINT = 'ISO 8601 with a zone, e.g. 2021-02-06T10:30:00+01:00 (Z for UTC).';

const COMMON: Record<string, Omit<FieldInfo, 'key' | 'hint' | 'type' | 'placeholder'> & { hint: string; placeholder: string }> = {
  captions: { label: 'Captions (WebVTT) URL', hint: 'https:// only.', placeholder: 'https://stream.example.org/d-rust.en.vtt' },
  poster: { label: 'Poster image URL', hint: 'Shown before the stream starts. https:// only.', placeholder: 'https://stream.example.org/d-rust.jpg' },
  title: { label: 'Title', hint: 'Up to 500 characters.', placeholder: 'Rust in the kernel' },
  startsAt: { label: 'Talk starts at', hint: TIME_HINT, placeholder: '2021-02-06T10:30:00+01:00' },
  qaAt: { label: 'Q&A starts at', hint: `${TIME_HINT} Between the start and the end.`, placeholder: '2021-02-06T11:00:00+01:00' },
  endsAt: { label: 'Talk ends at', hint: TIME_HINT, placeholder: '2021-02-06T11:15:00+01:00' },
  jitsiDomain: { label: 'Jitsi domain', hint: 'Host name of the Jitsi server, without https://.', placeholder: 'meet.jit.si' },
  jitsiRoom: {
    label: 'Jitsi room name',
    hint: 'Letters, digits, "." "_" "-"; starts with a letter or digit; at most 128. Needs a Jitsi domain.',
    placeholder: 'fosdem21-d-rust',
  },
};

/** `src` means something different per kind. */
const SRC: Record<WidgetKind, { label: string; hint: string; placeholder: string }> = {
  'talk-player': { label: 'HLS stream URL', hint: 'The .m3u8 playlist. https:// only.', placeholder: 'https://stream.example.org/d-rust.m3u8' },
  'qa-queue': { label: '', hint: '', placeholder: '' },
  'stand-booth': { label: 'Stand JSON URL', hint: 'Read only when the page runs outside Matrix (a plain page); in a room the widget shows the room\'s stand. https:// only.', placeholder: 'https://example.org/stand.json' },
  'food-truck-menu': { label: 'Menu JSON URL', hint: 'Read only when the page runs outside Matrix (a plain page); in a room the widget shows the room\'s menu. https:// only.', placeholder: 'https://example.org/menu.json' },
};

/** The fields of a kind, in the CLI's URL order. */
export function fieldsFor(kind: WidgetKind): FieldInfo[] {
  return Object.entries(KIND_OPTIONS[kind]).map(([key, check]) => {
    const info = key === 'src' ? SRC[kind] : COMMON[key];
    const label = info?.label ?? key;
    return {
      key,
      label,
      hint: `${info?.hint ?? ''} CLI: --${kebab(key)}`.trim(),
      type: check === 'url' ? 'url' : 'text',
      placeholder: info?.placeholder ?? '',
    };
  });
}

export const KIND_LABELS: Record<WidgetKind, string> = {
  'talk-player': 'Talk player',
  'qa-queue': 'Q&A queue',
  'stand-booth': 'Stand booth',
  'food-truck-menu': 'Food-truck menu',
};
