import { css, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { DevroomFoodTruckMenu } from './food-truck-menu.js';
import { addStyles } from '../shared/add-styles.js';
import { checkUrl } from '../shared/safe-url.js';
import { absent, add, bool, compact, id, join, money, nested, objects, setMore, text } from './menu.js';
import type { Menu, MenuItem, OpeningPeriod, OptionChoice, OptionGroup, TimeWindow, Obj } from './menu.js';
import type * as Media from './menu-media.js';

/**
 * The menu fields a plain menu's first paint does without: option groups, time windows,
 * opening hours, the ordering cut-off, images and the vendor's link. Their checks
 * (registered with checkMenu on import) and the header/badge/image rendering load only for a
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

/** Media uploaded through a Matrix client: `mxc://<server name>/<media id>` (a host or [IPv6], an optional port). */
const MXC = /^mxc:\/\/(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?\/[A-Za-z0-9_-]+$/;

/**
 * An item image: https, or mxc:// (shown through the client in a widget). Nothing else: an
 * http image is mixed content in clients and on https pages; javascript:/data:/blob: never.
 */
function checkImageUrl(o: Obj, path: string): string | undefined {
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

setMore({
  instant,
  url,
  image: (o, path) =>
    nested(o, 'image', path, (v, at) => {
      const src = checkImageUrl(v, at);
      const alt = typeof v.alt === 'string' ? v.alt.trim() : add(join(at, 'alt'), 'alt');
      return src !== undefined && alt !== undefined ? { url: src, alt } : undefined;
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

const imageStyles = css`
  .item img,
  .image-missing {
    /* 96×96 (the img from its width/height attributes) */
    border-radius: calc(var(--_radius) / 2);
    flex: none;
  }
  .item img {
    object-fit: cover;
  }
  .image-missing {
    box-sizing: border-box;
    display: flex;
    align-items: center;
    justify-content: center;
    width: 96px;
    height: 96px;
    padding: 4px;
    overflow: hidden;
    border: 1px dashed var(--_border);
    background: var(--_bg);
    color: var(--_fg);
    font-size: 0.8rem;
    text-align: center;
    overflow-wrap: anywhere;
  }
`;

/** menu-media.ts once loaded, and its load in flight. */
let media: typeof Media | undefined;
let mediaLoad: Promise<void> | undefined;

/**
 * The element's resolver for mxc:// images. Its module loads when the first such image
 * renders with a `loadMedia` set; if it cannot load, the placeholder stays and the next
 * render asks again.
 */
function mediaOf(h: Host): Media.MenuMedia | undefined {
  if (media) return (h._media ??= new media.MenuMedia(h));
  mediaLoad ??= import('./menu-media.js').then(
    (m) => void (media = m),
    (error: unknown) => {
      mediaLoad = undefined;
      console.error('devroom-food-truck-menu: could not load a part', error);
    },
  );
  // Not on failure: an update would ask again at once, and offline that would loop.
  void mediaLoad.then(() => media && h.requestUpdate());
  return undefined;
}

/**
 * An item's image. An `mxc://` one is shown once the element's `loadMedia` (a widget: the
 * client's download_file, menu-media.ts) has it. Until then, when it cannot be had, and on a
 * plain page, the placeholder with the image's alt text (the item's name, hidden from screen
 * readers, for a decorative one): never a broken image. A plain page has no client to ask,
 * and homeservers serve media only to a logged-in user (MSC3916 authenticated media).
 */
export function renderImage(h: Host, { image, name }: MenuItem): TemplateResult | typeof nothing {
  if (!image) return nothing;
  addStyles(h, imageStyles);
  const { url, alt } = image;
  const src = !url.startsWith('mxc:') ? url : h.loadMedia ? mediaOf(h)?.url(url) : undefined;
  return src
    ? html`<img src=${src} alt=${alt} loading="lazy" width="96" height="96" @error=${() => h._media?.broken(url)} />`
    : html`<span class="image-missing" aria-hidden=${alt ? nothing : 'true'}>${alt || name}</span>`;
}
