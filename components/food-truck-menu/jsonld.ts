import { decimalPrice } from './menu.js';
import type { Menu, MenuItem } from './menu.js';

/**
 * schema.org `Menu` for search engines on plain pages (the element puts it into its light DOM;
 * widgets set `no-json-ld`). Hidden items are left out; sold-out
 * and low items keep their place with an Offer availability. schema.org has no allergen
 * property, so allergens stay in the visible page only.
 */
export type JsonLd = Record<string, unknown>;

const AVAILABILITY: Record<MenuItem['availability'], string> = {
  available: 'https://schema.org/InStock',
  low: 'https://schema.org/LimitedAvailability',
  'sold-out': 'https://schema.org/SoldOut',
  hidden: 'https://schema.org/Discontinued',
};

/** schema.org RestrictedDiet values of the known diet tags (pescatarian has none). */
const DIET: Record<string, string> = {
  vegan: 'VeganDiet',
  vegetarian: 'VegetarianDiet',
  'gluten-free': 'GlutenFreeDiet',
  'lactose-free': 'LowLactoseDiet',
  halal: 'HalalDiet',
  kosher: 'KosherDiet',
};

function item(menu: Menu, i: MenuItem): JsonLd {
  const diets = i.diets.flatMap((d) => (Object.hasOwn(DIET, d) ? [`https://schema.org/${DIET[d]}`] : []));
  const addOns = i.options.flatMap((g) =>
    g.choices.map((c) => ({
      '@type': 'MenuItem',
      name: `${g.name}: ${c.name}`,
      offers: { '@type': 'Offer', price: decimalPrice(c.priceDelta, menu.currency), priceCurrency: menu.currency },
    })),
  );
  return {
    '@type': 'MenuItem',
    '@id': `#menu-item-${i.id}`,
    name: i.name,
    ...(i.description ? { description: i.description } : {}),
    // An mxc:// image means nothing to a crawler (and is served only to logged-in users).
    ...(i.image?.url.startsWith('https:') ? { image: i.image.url } : {}),
    offers: {
      '@type': 'Offer',
      price: decimalPrice(i.price, menu.currency),
      priceCurrency: menu.currency,
      availability: AVAILABILITY[i.availability],
      ...(i.window?.from ? { availabilityStarts: i.window.from } : {}),
      ...(i.window?.until ? { availabilityEnds: i.window.until } : {}),
    },
    ...(diets.length ? { suitableForDiet: diets } : {}),
    ...(addOns.length ? { menuAddOn: addOns } : {}),
  };
}

export function menuToJsonLd(menu: Menu, options: { inLanguage?: string } = {}): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'Menu',
    name: menu.vendor.name,
    ...(options.inLanguage ? { inLanguage: options.inLanguage } : {}),
    ...(menu.vendor.url ? { url: menu.vendor.url } : {}),
    hasMenuSection: menu.sections
      .map((s) => ({
        '@type': 'MenuSection',
        name: s.name,
        ...(s.description ? { description: s.description } : {}),
        hasMenuItem: s.items.filter((i) => i.availability !== 'hidden').map((i) => item(menu, i)),
      }))
      .filter((s) => s.hasMenuItem.length > 0),
  };
}
