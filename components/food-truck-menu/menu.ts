import { checkUrl } from '../shared/safe-url.js';

/**
 * The menu of one food truck. In a widget it is the content of the `dev.devroom.menu`
 * state event; on a plain page it comes from the `menu` property, a JSON `src` or an
 * inline `<script type="application/json">`. All of it is untrusted, so it only reaches
 * the DOM through `parseMenu`, which is strict: one bad field rejects the whole menu,
 * because a menu with a silently dropped allergen is worse than the last good menu.
 *
 * Money is an integer in the currency's minor unit (cents; yen; fils = 1/1000 dinar):
 * no floats ever reach a total.
 */

/** The 14 allergens of Regulation (EU) 1169/2011 Annex II, with stable ids. */
export const ALLERGENS = [
  { id: 'gluten', code: 'A', icon: '🌾', en: 'Cereals containing gluten', de: 'Glutenhaltiges Getreide' },
  { id: 'crustaceans', code: 'B', icon: '🦐', en: 'Crustaceans', de: 'Krebstiere' },
  { id: 'eggs', code: 'C', icon: '🥚', en: 'Eggs', de: 'Eier' },
  { id: 'fish', code: 'D', icon: '🐟', en: 'Fish', de: 'Fisch' },
  { id: 'peanuts', code: 'E', icon: '🥜', en: 'Peanuts', de: 'Erdnüsse' },
  { id: 'soybeans', code: 'F', icon: '🫘', en: 'Soybeans', de: 'Soja' },
  { id: 'milk', code: 'G', icon: '🥛', en: 'Milk (incl. lactose)', de: 'Milch (inkl. Laktose)' },
  { id: 'nuts', code: 'H', icon: '🌰', en: 'Tree nuts', de: 'Schalenfrüchte (Nüsse)' },
  { id: 'celery', code: 'L', icon: '🥬', en: 'Celery', de: 'Sellerie' },
  { id: 'mustard', code: 'M', icon: '🟡', en: 'Mustard', de: 'Senf' },
  { id: 'sesame', code: 'N', icon: '⚪', en: 'Sesame seeds', de: 'Sesamsamen' },
  { id: 'sulphites', code: 'O', icon: '🍷', en: 'Sulphur dioxide and sulphites', de: 'Schwefeldioxid und Sulfite' },
  { id: 'lupin', code: 'P', icon: '🌸', en: 'Lupin', de: 'Lupinen' },
  { id: 'molluscs', code: 'R', icon: '🦪', en: 'Molluscs', de: 'Weichtiere' },
] as const;

export type AllergenId = (typeof ALLERGENS)[number]['id'];
export const ALLERGEN_IDS: readonly AllergenId[] = ALLERGENS.map((a) => a.id);

/** Known diet tags get translated labels; other lowercase tags (`a-z0-9-`) are allowed and shown as written. */
export const DIETS = [
  { id: 'vegan', en: 'Vegan', de: 'Vegan', schema: 'VeganDiet' },
  { id: 'vegetarian', en: 'Vegetarian', de: 'Vegetarisch', schema: 'VegetarianDiet' },
  { id: 'gluten-free', en: 'Gluten-free', de: 'Glutenfrei', schema: 'GlutenFreeDiet' },
  { id: 'lactose-free', en: 'Lactose-free', de: 'Laktosefrei', schema: 'LowLactoseDiet' },
  { id: 'halal', en: 'Halal', de: 'Halal', schema: 'HalalDiet' },
  { id: 'kosher', en: 'Kosher', de: 'Koscher', schema: 'KosherDiet' },
  { id: 'pescatarian', en: 'Pescatarian', de: 'Pescetarisch', schema: undefined },
] as const;

export const AVAILABILITIES = ['available', 'low', 'sold-out', 'hidden'] as const;
export type Availability = (typeof AVAILABILITIES)[number];

export interface MenuImage {
  /** https (or http) URL. */
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

export const MENU_LIMITS = {
  text: 120,
  description: 1000,
  sections: 30,
  items: 200,
  optionGroups: 10,
  choices: 30,
  diets: 12,
  openingHours: 31,
  /** 1 000 000 minor units = 10 000.00 EUR: a typo guard, not a business rule. */
  price: 1_000_000,
} as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
const DIET_TAG = /^[a-z][a-z0-9-]{0,31}$/;
// An offset is required: a time without one means a different instant for every viewer.
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

class Errors {
  readonly list: string[] = [];
  add(path: string, message: string): undefined {
    this.list.push(`${path}: ${message}`);
    return undefined;
  }
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

function text(e: Errors, o: Obj, key: string, path: string, required: boolean, max: number = MENU_LIMITS.text): string | undefined {
  const v = o[key];
  const at = join(path, key);
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
    return required ? e.add(at, 'is required') : undefined;
  }
  if (typeof v !== 'string') return e.add(at, 'expected text');
  const t = v.trim();
  if (t.length > max) return e.add(at, `must be at most ${max} characters`);
  return t;
}

function id(e: Errors, o: Obj, path: string, seen: Set<string>): string | undefined {
  const v = o.id;
  const at = join(path, 'id');
  if (typeof v !== 'string' || !ID.test(v)) return e.add(at, 'expected an id (letters, digits, _ . : -; at most 64)');
  if (seen.has(v)) return e.add(at, `duplicate id "${v}"`);
  seen.add(v);
  return v;
}

function money(e: Errors, o: Obj, key: string, path: string, signed: boolean, fallback?: number): number | undefined {
  const v = o[key];
  const at = join(path, key);
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || (!signed && v < 0)) {
    return e.add(at, signed ? 'expected an integer (minor units)' : 'expected a non-negative integer (minor units)');
  }
  if (Math.abs(v) > MENU_LIMITS.price) return e.add(at, `must be at most ${MENU_LIMITS.price} minor units`);
  return v;
}

function instant(e: Errors, o: Obj, key: string, path: string, required: boolean): string | undefined {
  const v = o[key];
  const at = join(path, key);
  if (v === undefined || v === null) return required ? e.add(at, 'is required') : undefined;
  if (typeof v !== 'string' || !ISO_WITH_OFFSET.test(v) || Number.isNaN(Date.parse(v))) {
    return e.add(at, 'expected an ISO 8601 date-time with offset, e.g. 2026-02-01T12:00:00+01:00');
  }
  return v;
}

function list(e: Errors, o: Obj, key: string, path: string, max: number, required: boolean): unknown[] | undefined {
  const v = o[key];
  const at = join(path, key);
  if (v === undefined || v === null) return required ? (e.add(at, 'is required'), undefined) : [];
  if (!Array.isArray(v)) return e.add(at, 'expected a list');
  if (v.length > max) return e.add(at, `must have at most ${max} entries`);
  return v;
}

function objects<T>(e: Errors, o: Obj, key: string, path: string, max: number, required: boolean, each: (v: Obj, p: string) => T | undefined): T[] {
  const out: T[] = [];
  (list(e, o, key, path, max, required) ?? []).forEach((v, i) => {
    const p = `${join(path, key)}[${i}]`;
    if (!isObj(v)) return e.add(p, 'expected an object');
    const parsed = each(v, p);
    if (parsed !== undefined) out.push(parsed);
    return undefined;
  });
  return out;
}

function window_(e: Errors, o: Obj, key: string, path: string): TimeWindow | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  const at = join(path, key);
  if (!isObj(v)) return e.add(at, 'expected an object {from?, until?}');
  const from = instant(e, v, 'from', at, false);
  const until = instant(e, v, 'until', at, false);
  if (from && until && Date.parse(from) >= Date.parse(until)) return e.add(at, '"from" must be before "until"');
  return { ...(from ? { from } : {}), ...(until ? { until } : {}) };
}

function allergenList(e: Errors, o: Obj, key: string, path: string): AllergenId[] {
  const out: AllergenId[] = [];
  (list(e, o, key, path, ALLERGENS.length * 2, false) ?? []).forEach((v, i) => {
    if (typeof v !== 'string' || !(ALLERGEN_IDS as readonly string[]).includes(v)) {
      e.add(`${join(path, key)}[${i}]`, `unknown allergen ${JSON.stringify(v)}; expected one of: ${ALLERGEN_IDS.join(', ')}`);
    } else if (!out.includes(v as AllergenId)) out.push(v as AllergenId);
  });
  return out;
}

function parseItem(e: Errors, o: Obj, path: string, itemIds: Set<string>): MenuItem | undefined {
  const before = e.list.length;
  const itemId = id(e, o, path, itemIds);
  const name = text(e, o, 'name', path, true);
  const description = text(e, o, 'description', path, false, MENU_LIMITS.description);
  const price = money(e, o, 'price', path, false);

  let image: MenuImage | undefined;
  if (o.image !== undefined && o.image !== null) {
    const ip = join(path, 'image');
    if (!isObj(o.image)) e.add(ip, 'expected an object {url, alt}');
    else {
      const raw = text(e, o.image, 'url', ip, true, 2048);
      const alt = typeof o.image.alt === 'string' ? o.image.alt.trim() : e.add(join(ip, 'alt'), 'is required (use "" only for a purely decorative image)');
      if (raw !== undefined) {
        const checked = checkUrl(raw, { absolute: true });
        if (!checked.ok) e.add(join(ip, 'url'), checked.reason);
        else if (alt !== undefined) image = { url: checked.url, alt };
      }
    }
  }

  const diets: string[] = [];
  (list(e, o, 'diets', path, MENU_LIMITS.diets, false) ?? []).forEach((v, i) => {
    if (typeof v !== 'string' || !DIET_TAG.test(v)) e.add(`${join(path, 'diets')}[${i}]`, 'expected a lowercase diet tag such as "vegan"');
    else if (!diets.includes(v)) diets.push(v);
  });

  let allergens: MenuItem['allergens'] = { contains: [], mayContain: [] };
  const ap = join(path, 'allergens');
  if (o.allergens === undefined || o.allergens === null) {
    // Explicit is better: an item with unknown allergens must say so with empty lists.
    e.add(ap, 'is required ({contains: [], mayContain: []} when there are none)');
  } else if (!isObj(o.allergens)) e.add(ap, 'expected an object {contains, mayContain}');
  else {
    const contains = allergenList(e, o.allergens, 'contains', ap);
    const mayContain = allergenList(e, o.allergens, 'mayContain', ap);
    for (const a of mayContain) {
      if (contains.includes(a)) e.add(join(ap, 'mayContain'), `"${a}" is also listed in contains`);
    }
    allergens = { contains, mayContain };
  }

  const groupIds = new Set<string>();
  const options = objects(e, o, 'options', path, MENU_LIMITS.optionGroups, false, (g, gp) => {
    const gid = id(e, g, gp, groupIds);
    const gname = text(e, g, 'name', gp, true);
    const choiceIds = new Set<string>();
    const choices = objects(e, g, 'choices', gp, MENU_LIMITS.choices, true, (c, cp) => {
      const cid = id(e, c, cp, choiceIds);
      const cname = text(e, c, 'name', cp, true);
      const priceDelta = money(e, c, 'priceDelta', cp, true, 0);
      if (c.available !== undefined && typeof c.available !== 'boolean') e.add(join(cp, 'available'), 'expected true or false');
      if (cid === undefined || cname === undefined || priceDelta === undefined) return undefined;
      return { id: cid, name: cname, priceDelta, available: c.available !== false };
    });
    const min = g.min === undefined ? 0 : g.min;
    const max = g.max === undefined ? 1 : g.max;
    if (typeof min !== 'number' || !Number.isInteger(min) || min < 0) return e.add(join(gp, 'min'), 'expected a non-negative integer');
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max < min) {
      return e.add(join(gp, 'max'), 'expected an integer ≥ 1 and ≥ min');
    }
    if (min > choices.length) return e.add(join(gp, 'min'), `is ${min} but there are only ${choices.length} choices`);
    if (gid === undefined || gname === undefined) return undefined;
    return { id: gid, name: gname, min, max, choices };
  });

  let availability: Availability = 'available';
  if (o.availability !== undefined) {
    if (typeof o.availability === 'string' && (AVAILABILITIES as readonly string[]).includes(o.availability)) {
      availability = o.availability as Availability;
    } else e.add(join(path, 'availability'), `expected one of: ${AVAILABILITIES.join(', ')}`);
  }
  const win = window_(e, o, 'window', path);

  if (e.list.length > before || itemId === undefined || name === undefined || price === undefined) return undefined;
  return {
    id: itemId,
    name,
    ...(description ? { description } : {}),
    ...(image ? { image } : {}),
    price,
    diets,
    allergens,
    options,
    availability,
    ...(win ? { window: win } : {}),
  };
}

let knownCurrencies: Set<string> | undefined;
function isKnownCurrency(code: string): boolean {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  if (!intl.supportedValuesOf) return true;
  knownCurrencies ??= new Set(intl.supportedValuesOf('currency'));
  return knownCurrencies.has(code);
}

/** Validates untrusted menu JSON. Errors are `path: message`, e.g. `sections[1].items[0].price: expected …`. */
export function parseMenu(json: unknown): MenuParseResult {
  const e = new Errors();
  if (!isObj(json)) return { ok: false, errors: ['menu: expected a JSON object'] };

  let vendor: Menu['vendor'] | undefined;
  if (typeof json.vendor === 'string') {
    const name = text(e, json, 'vendor', '', true);
    if (name) vendor = { name };
  } else if (isObj(json.vendor)) {
    const name = text(e, json.vendor, 'name', 'vendor', true);
    const location = text(e, json.vendor, 'location', 'vendor', false);
    const rawUrl = text(e, json.vendor, 'url', 'vendor', false, 2048);
    let url: string | undefined;
    if (rawUrl) {
      const checked = checkUrl(rawUrl, { absolute: true });
      if (checked.ok) url = checked.url;
      else e.add('vendor.url', checked.reason);
    }
    if (name) vendor = { name, ...(location ? { location } : {}), ...(url ? { url } : {}) };
  } else e.add('vendor', 'is required (a name, or {name, location?, url?})');

  let currency: string | undefined;
  if (typeof json.currency !== 'string' || !/^[A-Z]{3}$/.test(json.currency)) {
    e.add('currency', 'expected an ISO 4217 code in upper case, e.g. "EUR"');
  } else if (!isKnownCurrency(json.currency)) e.add('currency', `unknown ISO 4217 currency "${json.currency}"`);
  else currency = json.currency;

  const sectionIds = new Set<string>();
  const itemIds = new Set<string>();
  let itemCount = 0;
  const sections = objects(e, json, 'sections', '', MENU_LIMITS.sections, true, (s, sp) => {
    const sid = id(e, s, sp, sectionIds);
    const name = text(e, s, 'name', sp, true);
    const description = text(e, s, 'description', sp, false, MENU_LIMITS.description);
    const items = objects(e, s, 'items', sp, MENU_LIMITS.items, true, (i, ip) => parseItem(e, i, ip, itemIds));
    itemCount += items.length;
    if (sid === undefined || name === undefined) return undefined;
    return { id: sid, name, ...(description ? { description } : {}), items };
  });
  if (itemCount > MENU_LIMITS.items) e.add('sections', `must hold at most ${MENU_LIMITS.items} items in all`);

  const openingHours = objects(e, json, 'openingHours', '', MENU_LIMITS.openingHours, false, (p, pp) => {
    const opens = instant(e, p, 'opens', pp, true);
    const closes = instant(e, p, 'closes', pp, true);
    if (!opens || !closes) return undefined;
    if (Date.parse(opens) >= Date.parse(closes)) return e.add(pp, '"opens" must be before "closes"');
    return { opens, closes };
  });

  let ordering: Menu['ordering'] = { open: false };
  if (json.ordering !== undefined && json.ordering !== null) {
    if (!isObj(json.ordering)) e.add('ordering', 'expected an object {open, closesAt?}');
    else {
      if (typeof json.ordering.open !== 'boolean') e.add('ordering.open', 'expected true or false');
      const closesAt = instant(e, json.ordering, 'closesAt', 'ordering', false);
      ordering = { open: json.ordering.open === true, ...(closesAt ? { closesAt } : {}) };
    }
  }

  if (e.list.length > 0 || !vendor || !currency) return { ok: false, errors: e.list };
  return { ok: true, menu: { vendor, currency, sections, openingHours, ordering } };
}

/** Every item with its section, in menu order. */
export function allItems(menu: Menu): MenuItem[] {
  return menu.sections.flatMap((s) => s.items);
}

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
  return value <= MENU_LIMITS.price ? value : undefined;
}

// ---- labels ----

const baseLang = (locale: string) => (locale.toLowerCase().startsWith('de') ? 'de' : 'en');

export function allergenInfo(id: AllergenId): (typeof ALLERGENS)[number] {
  return ALLERGENS.find((a) => a.id === id) ?? ALLERGENS[0];
}

export function allergenName(id: AllergenId, locale: string): string {
  return allergenInfo(id)[baseLang(locale)];
}

export function dietName(tag: string, locale: string): string {
  const known = DIETS.find((d) => d.id === tag);
  return known ? known[baseLang(locale)] : tag;
}
