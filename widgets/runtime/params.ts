/**
 * Widget URL parameters. Element appends `widgetId` and `parentUrl` to the query string;
 * everything else travels in the URL fragment (like Element's own Jitsi wrapper) so it
 * never reaches the web server that hosts the widget page. Values are Element's template
 * variables, substituted by the client when it loads the widget.
 */

export type Theme = 'light' | 'dark';

/** The parameters Element fills in from its template variables: the reader takes them out of `extra`. */
const TEMPLATE_NAMES = ['userId', 'roomId', 'displayName', 'avatarUrl', 'widgetId', 'theme', 'lang', 'deviceId', 'baseUrl'] as const;

export type TemplateParam = (typeof TEMPLATE_NAMES)[number];

/**
 * Our fragment parameter → Element template variable, for the URL builder. Only the builder
 * reads the variables, so widget pages (which read names only) do not carry them.
 */
export const TEMPLATE_PARAMS = {
  userId: '$matrix_user_id',
  roomId: '$matrix_room_id',
  displayName: '$matrix_display_name',
  avatarUrl: '$matrix_avatar_url',
  widgetId: '$matrix_widget_id',
  theme: '$org.matrix.msc2873.client_theme',
  lang: '$org.matrix.msc2873.client_language',
  deviceId: '$org.matrix.msc3819.matrix_device_id',
  baseUrl: '$org.matrix.msc4039.matrix_base_url',
} as const satisfies Record<TemplateParam, string>;

export interface WidgetParams {
  widgetId: string;
  parentUrl: string;
  /** Origin of `parentUrl`: the only origin the widget accepts messages from. */
  parentOrigin: string;
  userId: string;
  roomId: string;
  displayName: string;
  avatarUrl?: string;
  /** Absent when the client gave none: follow prefers-color-scheme. */
  theme?: Theme;
  /** The client's theme name as given (Element: `light`, `dark`, `light-high-contrast`, custom ids). */
  clientTheme?: string;
  /** BCP 47, lower case; `en` when the client gave none. */
  lang: string;
  deviceId?: string;
  baseUrl?: string;
  /** Every other fragment/query parameter (widget `data` keys), unsubstituted templates dropped. */
  extra: Record<string, string>;
}

export type ParamsResult =
  | { mode: 'widget'; params: WidgetParams }
  /** Opened outside a Matrix client: run the component as a plain page. */
  | { mode: 'standalone'; lang: string; theme?: Theme; extra: Record<string, string> }
  | { mode: 'invalid'; lang: string; error: WidgetParamsError };

/**
 * A widget URL parameter the runtime cannot work with: which one, and what it held. The
 * broken-URL screen (loaded only then) explains what the parameter must be.
 */
export class WidgetParamsError extends Error {
  constructor(
    readonly param: 'parentUrl' | 'userId' | 'roomId',
    readonly value: string | undefined,
  ) {
    super(`widget URL parameter ${param}: ${value === undefined ? 'missing' : `not valid: ${value}`}`);
    this.name = 'WidgetParamsError';
  }
}

/**
 * The widget URL to put into `im.vector.modular.widgets` (or `/addwidget`): the page URL
 * plus a fragment of template variables, and `$key` placeholders for widget `data` keys.
 */
export function widgetUrlTemplate(pageUrl: string, options: { include?: TemplateParam[]; dataKeys?: string[] } = {}): string {
  const include = options.include ?? (['userId', 'roomId', 'displayName', 'avatarUrl', 'theme', 'lang', 'deviceId', 'baseUrl'] as TemplateParam[]);
  const url = new URL(pageUrl);
  url.hash = '';
  const parts = [
    ...include.map((name) => `${name}=${TEMPLATE_PARAMS[name]}`),
    ...(options.dataKeys ?? []).map((key) => `${encodeURIComponent(key)}=$${key}`),
  ];
  return `${url.toString()}#${parts.join('&')}`;
}

const USER_ID = /^@[^:\s]+:\S+$/;
// Room ids are `!opaque:server`, or `!opaque` from room version 12 on.
const ROOM_ID = /^![^\s]+$/;
const LANG = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i;

/** A value the client left as `$template` (it did not know the variable) counts as absent. */
function present(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === '' || trimmed.startsWith('$') ? undefined : trimmed;
}

/** Element's theme ids: anything with "dark" in it is dark (e.g. `dark`, `dark-custom-…`). */
export function normaliseTheme(value: string | undefined): Theme | undefined {
  if (!value) return undefined;
  return /dark/i.test(value) ? 'dark' : 'light';
}

export function normaliseLang(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const tag = value.replace(/_/g, '-');
  return LANG.test(tag) ? tag.toLowerCase() : undefined;
}

/** Fragment parameters: `#a=1&b=2`, also `#?a=1` and `#/?a=1` as some hosts write them. */
function fragmentParams(hash: string): URLSearchParams {
  return new URLSearchParams(hash.replace(/^#\/?\??/, ''));
}

/**
 * Reads where we run and with what. `widgetId`/`parentUrl` come from the query (Element
 * puts them there); the rest from the fragment, falling back to the query.
 */
export function readWidgetParams(
  location: Pick<Location, 'href'> = window.location,
  embedded: boolean = window.parent !== window,
): ParamsResult {
  const url = new URL(location.href);
  const fragment = fragmentParams(url.hash);
  const query = url.searchParams;
  const get = (name: string) => present(fragment.get(name)) ?? present(query.get(name));

  const known = new Set<string>([...TEMPLATE_NAMES, 'parentUrl']);
  const extra: Record<string, string> = {};
  for (const source of [query, fragment]) {
    for (const [key, value] of source) {
      const v = present(value);
      if (!known.has(key) && v !== undefined) extra[key] = v;
    }
  }
  const lang = normaliseLang(get('lang')) ?? 'en';
  const theme = normaliseTheme(get('theme'));

  const widgetId = present(query.get('widgetId')) ?? present(fragment.get('widgetId'));
  const parentUrl = present(query.get('parentUrl'));
  if (!embedded || !widgetId || !parentUrl) {
    return { mode: 'standalone', lang, ...(theme ? { theme } : {}), extra };
  }

  const invalid = (param: WidgetParamsError['param'], value: string | undefined): ParamsResult => ({ mode: 'invalid', lang, error: new WidgetParamsError(param, value) });
  let parentOrigin: string;
  try {
    const parent = new URL(parentUrl);
    if (parent.protocol !== 'https:' && parent.protocol !== 'http:') return invalid('parentUrl', parentUrl);
    parentOrigin = parent.origin;
  } catch {
    return invalid('parentUrl', parentUrl);
  }
  const userId = get('userId');
  if (!userId || !USER_ID.test(userId)) return invalid('userId', userId);
  const roomId = get('roomId');
  if (!roomId || !ROOM_ID.test(roomId)) return invalid('roomId', roomId);
  // The optional ones are undefined when absent (no conditional spreads: bytes in every page).
  return {
    mode: 'widget',
    params: {
      widgetId,
      parentUrl,
      parentOrigin,
      userId,
      roomId,
      displayName: get('displayName') ?? userId,
      lang,
      extra,
      theme,
      clientTheme: get('theme'),
      avatarUrl: get('avatarUrl'),
      deviceId: get('deviceId'),
      baseUrl: get('baseUrl'),
    },
  };
}
