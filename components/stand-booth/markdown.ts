import { safeUrl } from '../shared/safe-url.js';

/**
 * A deliberately tiny Markdown subset for stand descriptions: paragraphs, bullet and
 * numbered lists, links (`[text](url)`, `<url>`), **strong**, *em* and `code`. It parses
 * to a plain AST that the component renders with Lit templates, so text is always text:
 * raw HTML shows as literal characters, and link targets that are not http(s)/mailto
 * lose their link (the text stays).
 */
export type Inline =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  /** `href` is undefined when the target was refused. */
  | { type: 'link'; href: string | undefined; children: Inline[] };

export type Block =
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'list'; ordered: boolean; items: Inline[][] };

const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^\s{0,3}\d{1,9}[.)]\s+(.*)$/;

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | undefined;

  const flush = (): void => {
    if (paragraph.length) blocks.push({ type: 'paragraph', children: parseInline(paragraph.join(' ')) });
    if (list) blocks.push({ type: 'list', ordered: list.ordered, items: list.items.map((i) => parseInline(i)) });
    paragraph = [];
    list = undefined;
  };

  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      flush();
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      const ordered = Boolean(numbered);
      if (paragraph.length || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push(item[1] ?? '');
    } else if (list && /^\s+\S/.test(raw)) {
      // Indented continuation of the previous list item.
      list.items[list.items.length - 1] += ` ${line.trim()}`;
    } else {
      if (list) flush();
      paragraph.push(line.trim());
    }
  }
  flush();
  return blocks;
}

function linkTarget(raw: string): string | undefined {
  return safeUrl(raw.trim(), { absolute: true, allowMailto: true });
}

/** Inline parser: a single left-to-right scan, no backtracking regexes over the whole text. */
export function parseInline(source: string, depth = 0): Inline[] {
  const out: Inline[] = [];
  let buffer = '';
  const pushText = (): void => {
    if (buffer) out.push({ type: 'text', text: buffer });
    buffer = '';
  };
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    const rest = source.slice(i);
    if (ch === '\\' && i + 1 < source.length && /[\\`*_[\]()<>]/.test(source[i + 1] ?? '')) {
      buffer += source[i + 1];
      i += 2;
      continue;
    }
    if (ch === '`') {
      const end = source.indexOf('`', i + 1);
      if (end > i + 1) {
        pushText();
        out.push({ type: 'code', text: source.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (ch === '[' && depth < 2) {
      const link = /^\[([^\]]{1,500})\]\(((?:[^()\s]|\([^()\s]*\)){1,2048})\)/.exec(rest);
      if (link) {
        pushText();
        out.push({ type: 'link', href: linkTarget(link[2] ?? ''), children: parseInline(link[1] ?? '', depth + 1) });
        i += link[0].length;
        continue;
      }
    }
    if (ch === '<') {
      const auto = /^<((?:https?:\/\/|mailto:)[^\s<>]{1,2048})>/i.exec(rest);
      if (auto) {
        pushText();
        const target = auto[1] ?? '';
        out.push({ type: 'link', href: linkTarget(target), children: [{ type: 'text', text: target }] });
        i += auto[0].length;
        continue;
      }
    }
    if ((ch === '*' || ch === '_') && depth < 3) {
      const strong = rest.startsWith(ch + ch);
      const marker = strong ? ch + ch : ch;
      const end = source.indexOf(marker, i + marker.length);
      // Emphasis needs non-space content right inside the markers.
      const inner = end > i + marker.length ? source.slice(i + marker.length, end) : '';
      if (inner && inner.trim() === inner && !(ch === '_' && /\w/.test(source[i - 1] ?? ''))) {
        pushText();
        out.push({ type: strong ? 'strong' : 'em', children: parseInline(inner, depth + 1) });
        i = end + marker.length;
        continue;
      }
    }
    buffer += ch;
    i += 1;
  }
  pushText();
  return out;
}
