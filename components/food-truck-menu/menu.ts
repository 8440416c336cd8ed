import { checkUrl } from '../shared/safe-url.js';

/**
 * The menu of one food truck. In a widget it is the content of the `dev.devroom.menu`
 * state event; on a plain page it comes from the `menu` property, a JSON `src` or an
 * inline `<script type="application/json">`. All of it is untrusted, so it only reaches
 * the DOM through `checkMenu`, which is strict: one bad field rejects the whole menu,
 * because a menu with a silently dropped allergen is worse than the last good menu.
 * It reports problems as codes; menu-errors.ts words them (the element loads it only
 * when a menu is invalid; its `parseMenu` checks and words at once).
 *
 * Money is an integer in the currency's minor unit (cents; yen; fils = 1/1000 dinar):
 * no floats ever reach a total.
 */

/** The 14 allergens of Regulation (EU) 1169/2011 Annex II, with stable ids. Other languages' names: food-truck-menu.<lang>.ts. */
export const ALLERGENS = [
  { id: 'gluten', code: 'A', en: 'Cereals containing gluten' },
  { id: 'crustaceans', code: 'B', en: 'Crustaceans' },
  { id: 'eggs', code: 'C', en: 'Eggs' },
  { id: 'fish', code: 'D', en: 'Fish' },
  { id: 'peanuts', code: 'E', en: 'Peanuts' },
  { id: 'soybeans', code: 'F', en: 'Soybeans' },
  { id: 'milk', code: 'G', en: 'Milk (incl. lactose)' },
  { id: 'nuts', code: 'H', en: 'Tree nuts' },
  { id: 'celery', code: 'L', en: 'Celery' },
  { id: 'mustard', code: 'M', en: 'Mustard' },
  { id: 'sesame', code: 'N', en: 'Sesame seeds' },
  { id: 'sulphites', code: 'O', en: 'Sulphur dioxide and sulphites' },
  { id: 'lupin', code: 'P', en: 'Lupin' },
  { id: 'molluscs', code: 'R', en: 'Molluscs' },
] as const;

export type AllergenId = (typeof ALLERGENS)[number]['id'];
export const ALLERGEN_IDS: readonly AllergenId[] = ALLERGENS.map((a) => a.id);

/** Known diet tags get translated labels (food-truck-menu.<lang>.ts); other lowercase tags (`a-z0-9-`) are allowed and shown as written. */
export const DIETS = [
  { id: 'vegan', en: 'Vegan' },
  { id: 'vegetarian', en: 'Vegetarian' },
  { id: 'gluten-free', en: 'Gluten-free' },
  { id: 'lactose-free', en: 'Lactose-free' },
  { id: 'halal', en: 'Halal' },
  { id: 'kosher', en: 'Kosher' },
  { id: 'pescatarian', en: 'Pescatarian' },
] as const;

export const AVAILABILITIES = ['available', 'low', 'sold-out', 'hidden'] as const;
export type Availability = (typeof AVAILABILITIES)[number];

export interface MenuImage {
  /** https, or `mxc://server/id` (Matrix media: shown through the client in a widget, as a placeholder elsewhere). */
  url: string;
  /** Required: an image without alt text fails people using screen readers. */
  alt: string;
}

export interface OptionChoice {
  id: string;
  name: string;
  /** Added to the item price, minor units; may be negative ("no cheese −0.50"). */
  priceDelta: number;
  /** Choices can run out too; default true. */
  available: boolean;
}

export interface OptionGroup {
  id: string;
  name: string;
  /** 0 = optional. */
  min: number;
  /** ≥ max(min, 1). */
  max: number;
  choices: OptionChoice[];
}

export interface TimeWindow {
  /** ISO 8601 instants with a UTC offset; either side may be open. */
  from?: string;
  until?: string;
}

export interface MenuItem {
  id: string;
  name: string;
  description?: string;
  image?: MenuImage;
  /** Minor units of the menu currency. */
  price: number;
  diets: string[];
  allergens: { contains: AllergenId[]; mayContain: AllergenId[] };
  options: OptionGroup[];
  availability: Availability;
  /** Orderable only within this window (breakfast until 11:00, …). */
  window?: TimeWindow;
}

export interface MenuSection {
  id: string;
  name: string;
  description?: string;
  items: MenuItem[];
}

export interface OpeningPeriod {
  /** ISO 8601 instants with offset. A conference is a few days: explicit periods, not a weekly schedule. */
  opens: string;
  closes: string;
}

export interface Menu {
  vendor: { name: string; location?: string; url?: string };
  /** ISO 4217, upper case. */
  currency: string;
  sections: MenuSection[];
  openingHours: OpeningPeriod[];
  ordering: { open: boolean; closesAt?: string };
}

export type MenuParseResult = { ok: true; menu: Menu } | { ok: false; errors: string[] };

/** What is wrong with a field; menu-errors.ts has the words for each. */
export type IssueCode =
  | 'json'
  | 'required'
  | 'text'
  | 'url'
  | 'long'
  | 'id'
  | 'duplicate'
  | 'int'
  | 'uint'
  | 'price'
  | 'instant'
  | 'bool'
  | 'list'
  | 'entries'
  | 'object'
  | 'shape'
  | 'vendor'
  | 'iso4217'
  | 'currency'
  | 'alt'
  | 'diet'
  | 'allergens'
  | 'allergen'
  | 'both'
  | 'min'
  | 'max'
  | 'choices'
  | 'availability'
  | 'window'
  | 'items'
  | 'period';
/** One problem: the field's path (`sections[1].items[0].price`), the code, and values for the message. */
export type MenuIssue = [at: string, code: IssueCode, ...values: unknown[]];
export type MenuCheck = { ok: true; menu: Menu } | { ok: false; issues: MenuIssue[] };

const MENU_LIMITS = {
  text: 120,
  description: 1000,
  sections: 30,
  items: 200,
  diets: 12,
  /** 1 000 000 minor units = 10 000.00 EUR: a typo guard, not a business rule. */
  price: 1_000_000,
} as const;
/** The largest price, in minor units, a menu (or a vendor's price edit) may have. */
export const MAX_PRICE = MENU_LIMITS.price;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const absent = (v: unknown): v is undefined | null => v === undefined || v === null;
const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
/** A diet tag: lowercase `a-z0-9-`, known ones are translated. */
export const DIET_TAG = /^[a-z][a-z0-9-]{0,31}$/;
// The issues of the checkMenu call in progress (it is synchronous, so one list suffices).
let issues: MenuIssue[] = [];
const add = (at: string, code: IssueCode, ...values: unknown[]): undefined => void issues.push([at, code, ...values]);
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
/** Drops undefined fields, so optional fields are absent rather than `undefined`. */
const compact = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

function text(o: Obj, key: string, path: string, required: boolean, max: number = MENU_LIMITS.text): string | undefined {
  const v = o[key];
  const at = join(path, key);
  if (absent(v) || (typeof v === 'string' && v.trim() === '')) return required ? add(at, 'required') : undefined;
  if (typeof v !== 'string') return add(at, 'text');
  const t = v.trim();
  return t.length > max ? add(at, 'long', max) : t;
}

function id(o: Obj, path: string, seen: Set<string>): string | undefined {
  const v = o.id;
  const at = join(path, 'id');
  if (typeof v !== 'string' || !ID.test(v)) return add(at, 'id');
  if (seen.has(v)) return add(at, 'duplicate', v);
  seen.add(v);
  return v;
}

function money(o: Obj, key: string, path: string, signed: boolean): number | undefined {
  const v = o[key] === undefined && signed ? 0 : o[key];
  const at = join(path, key);
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || (!signed && v < 0)) return add(at, signed ? 'int' : 'uint');
  return Math.abs(v) > MENU_LIMITS.price ? add(at, 'price') : v;
}

const bool = (o: Obj, key: string, path: string) => typeof o[key] === 'boolean' || add(join(path, key), 'bool');

/** An optional (or required) list, each entry checked by `each` (undefined = rejected). */
function list<T>(o: Obj, key: string, path: string, max: number, required: boolean, each: (v: unknown, at: string) => T | undefined): T[] {
  const v = o[key];
  const at = join(path, key);
  const out: T[] = [];
  if (absent(v)) {
    if (required) add(at, 'required');
  } else if (!Array.isArray(v)) add(at, 'list');
  else if (v.length > max) add(at, 'entries', max);
  else {
    v.forEach((x, i) => {
      const parsed = each(x, `${at}[${i}]`);
      if (parsed !== undefined) out.push(parsed);
    });
  }
  return out;
}

const objects = <T>(o: Obj, key: string, path: string, max: number, required: boolean, each: (v: Obj, at: string) => T | undefined) =>
  list(o, key, path, max, required, (v, at) => (isObj(v) ? each(v, at) : add(at, 'object')));

/** A list of tags without duplicates; a tag `ok` rejects is reported as `code` with the tag. */
const tags = <T extends string>(o: Obj, key: string, path: string, max: number, ok: (v: string) => boolean, code: IssueCode) =>
  [...new Set(list(o, key, path, max, false, (v, at) => (typeof v === 'string' && ok(v) ? (v as T) : add(at, code, v))))];

/** A nested object field; anything else is reported with the field's name (the message names its fields). */
export function nested<T>(o: Obj, key: string, path: string, parse: (v: Obj, at: string) => T | undefined): T | undefined {
  const v = o[key];
  if (absent(v)) return undefined;
  const at = join(path, key);
  return isObj(v) ? parse(v, at) : add(at, 'shape', key);
}

// ---- the fields with times, links, images and options ----

// An offset is required: a time without one means a different instant for every viewer.
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function instant(o: Obj, key: string, path: string, required?: boolean): string | undefined {
  const v = o[key];
  const at = join(path, key);
  if (absent(v)) return required ? add(at, 'required') : undefined;
  return typeof v !== 'string' || !ISO_WITH_OFFSET.test(v) || Number.isNaN(Date.parse(v)) ? add(at, 'instant') : v;
}

function url(o: Obj, key: string, path: string): string | undefined {
  const raw = text(o, key, path, false, 2048);
  if (raw === undefined) return undefined;
  const checked = checkUrl(raw, { absolute: true });
  return checked.ok ? checked.url : add(join(path, key), 'url', checked.reason);
}

/** Media uploaded through a Matrix client: `mxc://<server name>/<media id>` (a host or [IPv6], an optional port). */
const MXC = /^mxc:\/\/(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?\/[A-Za-z0-9_-]+$/;

/**
 * An item image: https, or mxc:// (shown through the client in a widget). Nothing else: an
 * http image is mixed content in clients and on https pages; javascript:/data:/blob: never.
 */
function imageUrl(o: Obj, path: string): string | undefined {
  const raw = text(o, 'url', path, true, 2048);
  if (raw === undefined || MXC.test(raw)) return raw;
  const checked = checkUrl(raw, { absolute: true });
  if (checked.ok && checked.url.startsWith('https:')) return checked.url;
  let reason = checked.ok ? '' : checked.reason;
  try {
    const scheme = new URL(raw).protocol;
    reason = scheme === 'mxc:' ? 'expected mxc://<server>/<media id>' : `refused ${scheme} URL: an image must be https:// or mxc://<server>/<media id>`;
  } catch {
    // not a URL at all: checkUrl's reason says so
  }
  return add(join(path, 'url'), 'url', reason);
}

const image = (o: Obj, path: string) =>
  nested(o, 'image', path, (v, at): MenuImage | undefined => {
    const src = imageUrl(v, at);
    const alt = typeof v.alt === 'string' ? v.alt.trim() : add(join(at, 'alt'), 'alt');
    return src !== undefined && alt !== undefined ? { url: src, alt } : undefined;
  });

function options(o: Obj, path: string): OptionGroup[] {
  const groupIds = new Set<string>();
  return objects(o, 'options', path, 10, false, (g, gp): OptionGroup | undefined => {
    const gid = id(g, gp, groupIds);
    const gname = text(g, 'name', gp, true);
    const choiceIds = new Set<string>();
    const choices = objects(g, 'choices', gp, 30, true, (c, cp): OptionChoice | undefined => {
      const cid = id(c, cp, choiceIds);
      const cname = text(c, 'name', cp, true);
      const priceDelta = money(c, 'priceDelta', cp, true);
      if (c.available !== undefined) bool(c, 'available', cp);
      if (cid === undefined || cname === undefined || priceDelta === undefined) return undefined;
      return { id: cid, name: cname, priceDelta, available: c.available !== false };
    });
    const { min = 0, max = 1 } = g;
    if (typeof min !== 'number' || !Number.isInteger(min) || min < 0) return add(join(gp, 'min'), 'min');
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max < min) return add(join(gp, 'max'), 'max');
    if (min > choices.length) return add(join(gp, 'min'), 'choices', min, choices.length);
    if (gid === undefined || gname === undefined) return undefined;
    return { id: gid, name: gname, min, max, choices };
  });
}

const timeWindow = (o: Obj, path: string) =>
  nested(o, 'window', path, (v, at): TimeWindow | undefined => {
    const from = instant(v, 'from', at);
    const until = instant(v, 'until', at);
    if (from && until && Date.parse(from) >= Date.parse(until)) return add(at, 'window');
    return compact({ from, until });
  });

const openingHours = (o: Obj) =>
  objects(o, 'openingHours', '', 31, false, (p, pp): OpeningPeriod | undefined => {
    const opens = instant(p, 'opens', pp, true);
    const closes = instant(p, 'closes', pp, true);
    if (!opens || !closes) return undefined;
    return Date.parse(opens) < Date.parse(closes) ? { opens, closes } : add(pp, 'period');
  });

function parseItem(o: Obj, path: string, itemIds: Set<string>): MenuItem | undefined {
  const before = issues.length;
  const itemId = id(o, path, itemIds);
  const name = text(o, 'name', path, true);
  const description = text(o, 'description', path, false, MENU_LIMITS.description);
  const price = money(o, 'price', path, false);

  const itemImage = image(o, path);

  const diets = tags(o, 'diets', path, MENU_LIMITS.diets, (v) => DIET_TAG.test(v), 'diet');

  const ap = join(path, 'allergens');
  // Explicit is better: an item with unknown allergens must say so with empty lists.
  if (absent(o.allergens)) add(ap, 'allergens');
  const allergenList = (key: string) =>
    tags<AllergenId>(o.allergens as Obj, key, ap, ALLERGENS.length * 2, (v) => (ALLERGEN_IDS as readonly string[]).includes(v), 'allergen');
  const allergens = nested(o, 'allergens', path, () => {
    const contains = allergenList('contains');
    const mayContain = allergenList('mayContain');
    for (const a of mayContain) if (contains.includes(a)) add(join(ap, 'mayContain'), 'both', a);
    return { contains, mayContain };
  });

  const itemOptions = options(o, path);

  const availability = (o.availability === undefined ? 'available' : o.availability) as Availability;
  if (!AVAILABILITIES.includes(availability)) add(join(path, 'availability'), 'availability');

  const itemWindow = timeWindow(o, path);

  if (issues.length > before || itemId === undefined || name === undefined || price === undefined) return undefined;
  return compact({
    id: itemId,
    name,
    description,
    image: itemImage,
    price,
    diets,
    allergens: allergens ?? { contains: [], mayContain: [] },
    options: itemOptions,
    availability,
    window: itemWindow,
  });
}

let knownCurrencies: Set<string> | undefined;
function isKnownCurrency(code: string): boolean {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  if (!intl.supportedValuesOf) return true;
  knownCurrencies ??= new Set(intl.supportedValuesOf('currency'));
  return knownCurrencies.has(code);
}

/** Validates untrusted menu JSON. Problems are issues (menu-errors.ts words them). */
export function checkMenu(json: unknown): MenuCheck {
  if (!isObj(json)) return { ok: false, issues: [['menu', 'json']] };
  issues = [];

  let vendor: Menu['vendor'] | undefined;
  if (typeof json.vendor === 'string') {
    const name = text(json, 'vendor', '', true);
    if (name) vendor = { name };
  } else if (isObj(json.vendor)) {
    const name = text(json.vendor, 'name', 'vendor', true);
    const location = text(json.vendor, 'location', 'vendor', false);
    const vendorUrl = url(json.vendor, 'url', 'vendor');
    if (name) vendor = compact({ name, location, url: vendorUrl });
  } else add('vendor', 'vendor');

  let currency: string | undefined;
  if (typeof json.currency !== 'string' || !/^[A-Z]{3}$/.test(json.currency)) add('currency', 'iso4217');
  else if (!isKnownCurrency(json.currency)) add('currency', 'currency', json.currency);
  else currency = json.currency;

  const sectionIds = new Set<string>();
  const itemIds = new Set<string>();
  let itemCount = 0;
  const sections = objects(json, 'sections', '', MENU_LIMITS.sections, true, (s, sp): MenuSection | undefined => {
    const sid = id(s, sp, sectionIds);
    const name = text(s, 'name', sp, true);
    const description = text(s, 'description', sp, false, MENU_LIMITS.description);
    const items = objects(s, 'items', sp, MENU_LIMITS.items, true, (i, ip) => parseItem(i, ip, itemIds));
    itemCount += items.length;
    if (sid === undefined || name === undefined) return undefined;
    return compact({ id: sid, name, description, items });
  });
  if (itemCount > MENU_LIMITS.items) add('sections', 'items', MENU_LIMITS.items);

  const hours = openingHours(json);

  const ordering: Menu['ordering'] = nested(json, 'ordering', '', (v, at) => {
    bool(v, 'open', at);
    return compact({ open: v.open === true, closesAt: instant(v, 'closesAt', at) });
  }) ?? { open: false };

  const result: MenuCheck =
    issues.length > 0 || !vendor || !currency ? { ok: false, issues } : { ok: true, menu: { vendor, currency, sections, openingHours: hours, ordering } };
  issues = [];
  return result;
}

// ---- money ----

const exponents = new Map<string, number>();

/**
 * Minor-unit exponent of a currency (EUR 2, JPY 0, KWD 3), from Intl's currency data.
 * Asked with a fixed locale: the exponent belongs to the currency, not to the viewer.
 */
export function currencyExponent(currency: string): number {
  let exp = exponents.get(currency);
  if (exp === undefined) {
    exp = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    exponents.set(currency, exp);
  }
  return exp;
}

/** `1999, 'EUR', 'de'` → `19,99 €`; `1500, 'JPY', 'en'` → `¥1,500`. */
export function formatPrice(minor: number, currency: string, locale: string): string {
  const exp = currencyExponent(currency);
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  } catch {
    format = new Intl.NumberFormat('en', { style: 'currency', currency });
  }
  return format.format(minor / 10 ** exp);
}

/** A price delta with an explicit sign: `+0,50 €`, `−1.00 US$`. Zero gives ''. */
export function formatDelta(minor: number, currency: string, locale: string): string {
  if (minor === 0) return '';
  return `${minor > 0 ? '+' : '−'}${formatPrice(Math.abs(minor), currency, locale)}`;
}

/** Decimal string for machines (schema.org, inputs): `450, 'EUR'` → `"4.50"`; JPY → `"1500"`. */
export function decimalPrice(minor: number, currency: string): string {
  const exp = currencyExponent(currency);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  if (exp === 0) return `${sign}${abs}`;
  const s = String(abs).padStart(exp + 1, '0');
  return `${sign}${s.slice(0, -exp)}.${s.slice(-exp)}`;
}

/**
 * Reads what a vendor typed into a price field: `4.50`, `4,50`, `4` → minor units.
 * Returns undefined for anything else (more decimals than the currency has, letters, …).
 */
export function parsePriceInput(input: string, currency: string): number | undefined {
  const exp = currencyExponent(currency);
  const m = /^\s*(\d{1,7})(?:[.,](\d+))?\s*$/.exec(input);
  if (!m) return undefined;
  const frac = m[2] ?? '';
  if (frac.length > exp) return undefined;
  const value = Number(m[1]) * 10 ** exp + Number(frac.padEnd(exp, '0') || '0');
  return value <= MAX_PRICE ? value : undefined;
}

// ---- items and times ----

export function findItem(menu: Menu, itemId: string): MenuItem | undefined {
  for (const s of menu.sections) for (const i of s.items) if (i.id === itemId) return i;
  return undefined;
}

/** Inside the item's time window (open ends count as inside). */
export function inWindow(window: TimeWindow | undefined, now: number): boolean {
  if (!window) return true;
  if (window.from && now < Date.parse(window.from)) return false;
  if (window.until && now >= Date.parse(window.until)) return false;
  return true;
}

/** Whether the truck is open: no opening hours given means "always". */
export function isOpen(menu: Menu, now: number): boolean {
  if (menu.openingHours.length === 0) return true;
  return menu.openingHours.some((p) => now >= Date.parse(p.opens) && now < Date.parse(p.closes));
}

/** Whether new orders are accepted now: ordering switched on, before the cut-off, and open. */
export function orderingOpen(menu: Menu, now: number): boolean {
  if (!menu.ordering.open) return false;
  if (menu.ordering.closesAt && now >= Date.parse(menu.ordering.closesAt)) return false;
  return isOpen(menu, now);
}

/** A time of day in `locale` (with the weekday when it is not the day of `now`). */
export function formatTime(iso: string, now: number, locale: string): string {
  const d = new Date(iso);
  return new Intl.DateTimeFormat(locale, {
    ...(new Date(now).toDateString() === d.toDateString() ? {} : { weekday: 'short' }),
    hour: 'numeric',
    minute: '2-digit',
  }).format(d);
}

// ---- labels (English; the component's dictionaries translate them) ----

export function allergenInfo(id: AllergenId): (typeof ALLERGENS)[number] {
  return ALLERGENS.find((a) => a.id === id) ?? ALLERGENS[0];
}

export const dietName = (tag: string): string => DIETS.find((d) => d.id === tag)?.en ?? tag;
