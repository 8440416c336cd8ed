/**
 * `im.vector.modular.widgets` and `io.element.widgets.layout` contents. Widget ids are
 * derived from kind + room slug so they never change between runs: Element remembers
 * capability approvals per widget id, and `apply` finds its own widgets again by id.
 */
import { asciiSlug } from './room-slugs.js';
import { WIDGET_TYPE, type WidgetKind } from './widget-url.js';

export const WIDGET_EVENT = 'im.vector.modular.widgets';
export const LAYOUT_EVENT = 'io.element.widgets.layout';
/** Every widget devroom manages has an id with this prefix; others' widgets are left alone. */
export const WIDGET_ID_PREFIX = 'devroom-';

export const WIDGET_NAMES: Record<WidgetKind, string> = {
  'talk-player': 'Talk',
  'qa-queue': 'Q&A',
  'stand-booth': 'Stand',
  'food-truck-menu': 'Menu',
};

/** Lowercase ASCII slug, "room" when nothing is left: "D.rust" → "d-rust" (see room-slugs.ts). */
export const slugify = (name: string): string => asciiSlug(name) || 'room';

export const widgetId = (kind: WidgetKind, roomSlug: string): string => `${WIDGET_ID_PREFIX}${kind}-${roomSlug}`;

export interface WidgetContent {
  type: string;
  url: string;
  name: string;
  data: Record<string, string>;
  waitForIframeLoad: false;
}

export function widgetContent(kind: WidgetKind, url: string, data: Record<string, string> = {}, name = WIDGET_NAMES[kind]): WidgetContent {
  // waitForIframeLoad false: the page calls sendContentLoaded() after its first render.
  return { type: WIDGET_TYPE[kind], url, name, data, waitForIframeLoad: false };
}

export interface LayoutEntry {
  container: 'top' | 'right';
  index: number;
  width: number;
  height: number;
}
export interface LayoutContent {
  widgets: Record<string, LayoutEntry>;
}

/** Preferred share of the top container per kind (percent); Element caps the top at 3 widgets. */
const WIDTH: Record<WidgetKind, number> = { 'talk-player': 65, 'qa-queue': 35, 'stand-booth': 100, 'food-truck-menu': 100 };
export const MAX_TOP = 3;

/** Top container for the first three widgets (widths normalised to 100), the rest on the right. */
export function layoutFor(widgets: { id: string; kind: WidgetKind }[], height = 60): LayoutContent {
  const top = widgets.slice(0, MAX_TOP);
  const total = top.reduce((n, w) => n + WIDTH[w.kind], 0) || 1;
  const out: LayoutContent = { widgets: {} };
  let used = 0;
  top.forEach((w, index) => {
    const width = index === top.length - 1 ? 100 - used : Math.round((WIDTH[w.kind] * 100) / total);
    used += width;
    out.widgets[w.id] = { container: 'top', index, width, height };
  });
  widgets.slice(MAX_TOP).forEach((w, i) => {
    out.widgets[w.id] = { container: 'right', index: i, width: 100, height: 100 };
  });
  return out;
}
