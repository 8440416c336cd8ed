/**
 * The menu of one food truck. In a widget it is the content of the `dev.devroom.menu`
 * state event; on a plain page it comes from the `menu` property, a JSON `src` or an
 * inline `<script type="application/json">`. All of it is untrusted, so it only reaches
 * the DOM through `checkMenu`, which is strict: one bad field rejects the whole menu,
 * because a menu with a silently dropped allergen is worse than the last good menu.
 * It reports problems as codes; menu-issues.ts words them (the element loads it only
 * when a menu is invalid; `parseMenu` in menu-errors.ts checks and words at once).
 *
 * Money is an integer in the currency's minor unit (cents; yen; fils = 1/1000 dinar):
 * no floats ever reach a total.
 */

/** The 14 allergens of Regulation (EU) 1169/2011 Annex II, with stable ids. Other languages' names: strings.<lang>.ts. */
export const ALLERGENS = [
  { id: 'gluten', code: 'A', icon: '🌾', en: 'Cereals containing gluten' },
  { id: 'crustaceans', code: 'B', icon: '🦐', en: 'Crustaceans' },
  { id: 'eggs', code: 'C', icon: '🥚', en: 'Eggs' },
  { id: 'fish', code: 'D', icon: '🐟', en: 'Fish' },
  { id: 'peanuts', code: 'E', icon: '🥜', en: 'Peanuts' },
  { id: 'soybeans', code: 'F', icon: '🫘', en: 'Soybeans' },
  { id: 'milk', code: 'G', icon: '🥛', en: 'Milk (incl. lactose)' },
  { id: 'nuts', code: 'H', icon: '🌰', en: 'Tree nuts' },
  { id: 'celery', code: 'L', icon: '🥬', en: 'Celery' },
  { id: 'mustard', code: 'M', icon: '🟡', en: 'Mustard' },
  { id: 'sesame', code: 'N', icon: '⚪', en: 'Sesame seeds' },
  { id: 'sulphites', code: 'O', icon: '🍷', en: 'Sulphur dioxide and sulphites' },
  { id: 'lupin', code: 'P', icon: '🌸', en: 'Lupin' },
  { id: 'molluscs', code: 'R', icon: '🦪', en: 'Molluscs' },
] as const;

export type AllergenId = (typeof ALLERGENS)[number]['id'];
export const ALLERGEN_IDS: readonly AllergenId[] = ALLERGENS.map((a) => a.id);

/** Known diet tags get translated labels (strings.<lang>.ts); other lowercase tags (`a-z0-9-`) are allowed and shown as written. */
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

/** What is wrong with a field; menu-issues.ts has the words for each. */
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
/** `later`: the menu has option groups, time windows, opening hours, a cut-off, images or a vendor link, whose checks (menu-more.ts) are not loaded yet. */
export type MenuCheck = { ok: true; menu: Menu } | { ok: false; issues: MenuIssue[]; later?: boolean };

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

export type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const absent = (v: unknown): v is undefined | null => v === undefined || v === null;
const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
/** A diet tag: lowercase `a-z0-9-`, known ones are translated. */
export const DIET_TAG = /^[a-z][a-z0-9-]{0,31}$/;
// The issues of the checkMenu call in progress (it is synchronous, so one list suffices).
let issues: MenuIssue[] = [];
export const add = (at: string, code: IssueCode, ...values: unknown[]): undefined => void issues.push([at, code, ...values]);
export const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
/** Drops undefined fields, so optional fields are absent rather than `undefined`. */
export const compact = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export function text(o: Obj, key: string, path: string, required: boolean, max: number = MENU_LIMITS.text): string | undefined {
  const v = o[key];
  const at = join(path, key);
  if (absent(v) || (typeof v === 'string' && v.trim() === '')) return required ? add(at, 'required') : undefined;
  if (typeof v !== 'string') return add(at, 'text');
  const t = v.trim();
  return t.length > max ? add(at, 'long', max) : t;
}

export function id(o: Obj, path: string, seen: Set<string>): string | undefined {
  const v = o.id;
  const at = join(path, 'id');
  if (typeof v !== 'string' || !ID.test(v)) return add(at, 'id');
  if (seen.has(v)) return add(at, 'duplicate', v);
  seen.add(v);
  return v;
}

export function money(o: Obj, key: string, path: string, signed: boolean): number | undefined {
  const v = o[key] === undefined && signed ? 0 : o[key];
  const at = join(path, key);
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || (!signed && v < 0)) return add(at, signed ? 'int' : 'uint');
  return Math.abs(v) > MENU_LIMITS.price ? add(at, 'price') : v;
}

export const bool = (o: Obj, key: string, path: string) => typeof o[key] === 'boolean' || add(join(path, key), 'bool');

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

export const objects = <T>(o: Obj, key: string, path: string, max: number, required: boolean, each: (v: Obj, at: string) => T | undefined) =>
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

/** The checks of the rarer fields (not needed by a plain menu's first paint), registered by menu-more.ts when it loads. */
export interface MoreChecks {
  instant(o: Obj, key: string, path: string): string | undefined;
  url(o: Obj, key: string, path: string): string | undefined;
  image(o: Obj, path: string): MenuImage | undefined;
  options(o: Obj, path: string): OptionGroup[];
  window(o: Obj, path: string): TimeWindow | undefined;
  hours(o: Obj): OpeningPeriod[];
}
let more: MoreChecks | undefined;
/** The menu in check has a rarer field and menu-more.ts is not loaded yet. */
let later = false;
export const setMore = (m: MoreChecks): void => void (more = m);
/** A rarer field: absent (or an empty list) → `none`; else its check, once menu-more.ts is loaded. */
function rare<T>(o: Obj, key: string, none: T, check: (m: MoreChecks) => T): T {
  const v = o[key];
  if (absent(v) || (Array.isArray(none) && Array.isArray(v) && !v.length)) return none;
  if (more) return check(more);
  later = true;
  return none;
}

function parseItem(o: Obj, path: string, itemIds: Set<string>): MenuItem | undefined {
  const before = issues.length;
  const itemId = id(o, path, itemIds);
  const name = text(o, 'name', path, true);
  const description = text(o, 'description', path, false, MENU_LIMITS.description);
  const price = money(o, 'price', path, false);

  const image = rare(o, 'image', undefined, (m) => m.image(o, path));

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

  const options = rare(o, 'options', [], (m) => m.options(o, path));

  const availability = (o.availability === undefined ? 'available' : o.availability) as Availability;
  if (!AVAILABILITIES.includes(availability)) add(join(path, 'availability'), 'availability');

  const window = rare(o, 'window', undefined, (m) => m.window(o, path));

  if (issues.length > before || itemId === undefined || name === undefined || price === undefined) return undefined;
  return compact({
    id: itemId,
    name,
    description,
    image,
    price,
    diets,
    allergens: allergens ?? { contains: [], mayContain: [] },
    options,
    availability,
    window,
  });
}

let knownCurrencies: Set<string> | undefined;
function isKnownCurrency(code: string): boolean {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  if (!intl.supportedValuesOf) return true;
  knownCurrencies ??= new Set(intl.supportedValuesOf('currency'));
  return knownCurrencies.has(code);
}

/** Validates untrusted menu JSON. Problems are issues (`parseMenu` in menu-errors.ts words them). */
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
    const v = json.vendor;
    const vendorUrl = rare(v, 'url', undefined, (m) => m.url(v, 'url', 'vendor'));
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

  const openingHours = rare(json, 'openingHours', [], (m) => m.hours(json));

  const ordering: Menu['ordering'] = nested(json, 'ordering', '', (v, at) => {
    bool(v, 'open', at);
    return compact({ open: v.open === true, closesAt: rare(v, 'closesAt', undefined, (m) => m.instant(v, 'closesAt', at)) });
  }) ?? { open: false };

  const result: MenuCheck = later
    ? { ok: false, issues: [], later }
    : issues.length > 0 || !vendor || !currency
      ? { ok: false, issues }
      : { ok: true, menu: { vendor, currency, sections, openingHours, ordering } };
  issues = [];
  later = false;
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

// ---- labels (English; the component's dictionaries translate them) ----

export function allergenInfo(id: AllergenId): (typeof ALLERGENS)[number] {
  return ALLERGENS.find((a) => a.id === id) ?? ALLERGENS[0];
}

export const dietName = (tag: string): string => DIETS.find((d) => d.id === tag)?.en ?? tag;
