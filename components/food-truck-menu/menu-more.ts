import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { DevroomFoodTruckMenu } from './food-truck-menu.js';
import { checkUrl } from '../shared/safe-url.js';
import { absent, add, bool, compact, id, join, money, nested, objects, setMore, text } from './menu.js';
import type { Menu, OpeningPeriod, OptionChoice, OptionGroup, TimeWindow, Obj } from './menu.js';

/**
 * The menu fields a plain menu's first paint does without: option groups, time windows,
 * opening hours, the ordering cut-off, images and the vendor's link. Their checks
 * (registered with checkMenu on import) and the header/badge rendering load only for a
 * menu that has them; checkMenu asks for this module first (`later`), and the element
 * accepts such a menu once it is here.
 */

// An offset is required: a time without one means a different instant for every viewer.
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function instant(o: Obj, key: string, path: string, required?: boolean): string | undefined {
  const v = o[key];
  const at = join(path, key);
  if (absent(v)) return required ? add(at, 'required') : undefined;
  return typeof v !== 'string' || !ISO_WITH_OFFSET.test(v) || Number.isNaN(Date.parse(v)) ? add(at, 'instant') : v;
}

function url(o: Obj, key: string, path: string, required?: boolean): string | undefined {
  const raw = text(o, key, path, !!required, 2048);
  if (raw === undefined) return undefined;
  const checked = checkUrl(raw, { absolute: true });
  return checked.ok ? checked.url : add(join(path, key), 'url', checked.reason);
}

setMore({
  instant,
  url,
  image: (o, path) =>
    nested(o, 'image', path, (v, at) => {
      const imageUrl = url(v, 'url', at, true);
      const alt = typeof v.alt === 'string' ? v.alt.trim() : add(join(at, 'alt'), 'alt');
      return imageUrl !== undefined && alt !== undefined ? { url: imageUrl, alt } : undefined;
    }),
  options(o, path) {
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
  },
  window: (o, path) =>
    nested(o, 'window', path, (v, at): TimeWindow | undefined => {
      const from = instant(v, 'from', at);
      const until = instant(v, 'until', at);
      if (from && until && Date.parse(from) >= Date.parse(until)) return add(at, 'window');
      return compact({ from, until });
    }),
  hours: (o) =>
    objects(o, 'openingHours', '', 31, false, (p, pp): OpeningPeriod | undefined => {
      const opens = instant(p, 'opens', pp, true);
      const closes = instant(p, 'closes', pp, true);
      if (!opens || !closes) return undefined;
      return Date.parse(opens) < Date.parse(closes) ? { opens, closes } : add(pp, 'period');
    }),
});

type Host = DevroomFoodTruckMenu;

const STRINGS = {
  en: {
    openNow: (until: string) => `Open now, until ${until}`,
    closedNow: 'Closed now',
    openingHours: 'Opening hours',
    from: (time: string) => `From ${time}`,
    until: (time: string) => `Until ${time}`,
  },
  de: {
    openNow: (until: string) => `Jetzt geöffnet, bis ${until}`,
    closedNow: 'Jetzt geschlossen',
    openingHours: 'Öffnungszeiten',
    from: (time: string) => `Ab ${time}`,
    until: (time: string) => `Bis ${time}`,
  },
};
/** This module's words in the element's language (it re-renders when that changes). */
const words = (h: Host) => (h.i18n.lang.startsWith('de') ? STRINGS.de : STRINGS.en);

/** A time of day (with the weekday when it is not today). */
export function time(h: Host, iso: string): string {
  const d = new Date(iso);
  return new Intl.DateTimeFormat(h.i18n.locale, {
    ...(new Date(h._now).toDateString() === d.toDateString() ? {} : { weekday: 'short' }),
    hour: 'numeric',
    minute: '2-digit',
  }).format(d);
}

/** The header's "open now / closed" line (with `extra`, the ordering cut-off) and the upcoming periods. */
export function renderHours(h: Host, menu: Menu, extra: unknown): TemplateResult {
  const now = h._now;
  const w = words(h);
  const current = menu.openingHours.find((p) => now >= Date.parse(p.opens) && now < Date.parse(p.closes));
  const upcoming = menu.openingHours.filter((p) => Date.parse(p.closes) > now);
  return html`<p class="hours">
      <span class=${current ? 'open' : 'closed'}>${current ? w.openNow(time(h, current.closes)) : w.closedNow}</span>${extra}
    </p>
    ${upcoming.length > 1 || (upcoming.length === 1 && !current)
      ? html`<details class="periods">
          <summary>${w.openingHours}</summary>
          <ul>
            ${upcoming.map((p) => html`<li>${time(h, p.opens)} – ${time(h, p.closes)}</li>`)}
          </ul>
        </details>`
      : nothing}`;
}

/** "From 11:00" before an item's window opens, "Until 11:00" while it lasts. */
export function windowText(h: Host, w: TimeWindow): string | undefined {
  const t = words(h);
  return w.from && h._now < Date.parse(w.from) ? t.from(time(h, w.from)) : w.until ? t.until(time(h, w.until)) : undefined;
}
