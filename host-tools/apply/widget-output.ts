/**
 * What `devroom widget` prints, as data and as text. Pure (no Node modules) so the
 * configurator page (examples/configurator/) shows exactly what the CLI would print.
 */
import { LAYOUT_EVENT, WIDGET_EVENT, layoutFor, slugify, widgetContent, widgetId, type LayoutContent, type WidgetContent } from './widget-state.js';
import { buildWidgetUrl, type WidgetKind, type WidgetOptions } from './widget-url.js';

export interface WidgetRequest {
  /** Where devroom's dist/ is served (https). */
  base: string;
  kind: WidgetKind;
  options?: WidgetOptions;
  /** Room name or slug for the stable widget id (default "room"). */
  room?: string;
  /** Widget name shown in Element (default per kind). */
  name?: string;
}

export interface WidgetOutput {
  kind: WidgetKind;
  widgetId: string;
  url: string;
  addwidget: string;
  content: WidgetContent;
  layout: LayoutContent;
  stateEvents: [{ type: typeof WIDGET_EVENT; state_key: string; content: WidgetContent }, { type: typeof LAYOUT_EVENT; state_key: ''; content: LayoutContent }];
}

/** Validates and builds; throws WidgetOptionError (problems named by option key, e.g. "startsAt: …"). */
export function describeWidget({ base, kind, options = {}, room, name }: WidgetRequest): WidgetOutput {
  const url = buildWidgetUrl(base, kind, options);
  const id = widgetId(kind, slugify(room ?? 'room'));
  const content = widgetContent(kind, url, options, name);
  const layout = layoutFor([{ id, kind }]);
  return {
    kind,
    widgetId: id,
    url,
    addwidget: `/addwidget ${url}`,
    content,
    layout,
    stateEvents: [
      { type: WIDGET_EVENT, state_key: id, content },
      { type: LAYOUT_EVENT, state_key: '', content: layout },
    ],
  };
}

/** The CLI's `--json` output. */
export function widgetJson(out: WidgetOutput): string {
  const { kind, widgetId: id, url, addwidget, stateEvents } = out;
  return JSON.stringify({ kind, widgetId: id, url, addwidget, stateEvents }, null, 2) + '\n';
}

/** State event contents as the CLI prints them. */
export const contentJson = (out: WidgetOutput): string => JSON.stringify(out.content, null, 2);
export const layoutJson = (out: WidgetOutput): string => JSON.stringify(out.layout, null, 2);

/** The CLI's human-readable output. */
export function widgetText(out: WidgetOutput): string {
  return [
    `Widget URL (Element fills in the $… variables and adds widgetId/parentUrl):`,
    `  ${out.url}`,
    ``,
    `In Element, as a room moderator (Element picks a random widget id and type m.custom):`,
    `  ${out.addwidget}`,
    ``,
    `Or send these state events (stable widget id, devroom's widget type):`,
    `${WIDGET_EVENT} (state key "${out.widgetId}"):`,
    contentJson(out),
    `${LAYOUT_EVENT} (state key ""):`,
    layoutJson(out),
    '',
  ].join('\n');
}
