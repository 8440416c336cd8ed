import { expect } from '@open-wc/testing';
import { ALLERGENS, currencyExponent, decimalPrice, formatDelta, formatPrice, isOpen, orderingOpen, parsePriceInput } from './menu.js';
import { parseMenu } from './menu-errors.js';
import type { AllergenId, Menu } from './menu.js';
import { de } from './food-truck-menu.de.js';
import { menuToJsonLd } from './jsonld.js';
import { NOON, sampleMenuJson } from './test-fixtures.js';

// Intl uses no-break spaces between number and symbol; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

function parsed(): Menu {
  const r = parseMenu(sampleMenuJson());
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.menu;
}

describe('food-truck menu model', () => {
  describe('formatPrice', () => {
    it('formats EUR and USD in en and de', () => {
      expect(plain(formatPrice(1999, 'EUR', 'en'))).to.equal('€19.99');
      expect(plain(formatPrice(1999, 'EUR', 'de'))).to.equal('19,99 €');
      expect(plain(formatPrice(123456, 'EUR', 'de-DE'))).to.equal('1.234,56 €');
      expect(plain(formatPrice(450, 'USD', 'en-US'))).to.equal('$4.50');
      expect(plain(formatPrice(450, 'USD', 'de'))).to.equal('4,50 $');
    });

    it('uses 0 decimals for JPY and 3 for KWD', () => {
      expect(currencyExponent('JPY')).to.equal(0);
      expect(currencyExponent('KWD')).to.equal(3);
      expect(currencyExponent('EUR')).to.equal(2);
      expect(plain(formatPrice(1500, 'JPY', 'en'))).to.equal('¥1,500');
      expect(plain(formatPrice(1500, 'JPY', 'de'))).to.equal('1.500 ¥');
      expect(plain(formatPrice(1250, 'KWD', 'en'))).to.equal('KWD 1.250');
      expect(plain(formatPrice(1250, 'KWD', 'de'))).to.equal('1,250 KWD');
    });

    it('formats deltas with a sign and machine decimals exactly', () => {
      expect(plain(formatDelta(50, 'EUR', 'en'))).to.equal('+€0.50');
      expect(plain(formatDelta(-100, 'EUR', 'de'))).to.equal('−1,00 €');
      expect(formatDelta(0, 'EUR', 'en')).to.equal('');
      expect(decimalPrice(450, 'EUR')).to.equal('4.50');
      expect(decimalPrice(5, 'EUR')).to.equal('0.05');
      expect(decimalPrice(1500, 'JPY')).to.equal('1500');
      expect(decimalPrice(1250, 'KWD')).to.equal('1.250');
    });

    it('reads vendor price input per currency exponent', () => {
      expect(parsePriceInput('4,50', 'EUR')).to.equal(450);
      expect(parsePriceInput('4.5', 'EUR')).to.equal(450);
      expect(parsePriceInput('4', 'EUR')).to.equal(400);
      expect(parsePriceInput('4.505', 'EUR')).to.equal(undefined);
      expect(parsePriceInput('1500', 'JPY')).to.equal(1500);
      expect(parsePriceInput('15.5', 'JPY')).to.equal(undefined);
      expect(parsePriceInput('1.25', 'KWD')).to.equal(1250);
      expect(parsePriceInput('abc', 'EUR')).to.equal(undefined);
    });
  });

  describe('parseMenu', () => {
    it('accepts the sample and normalises defaults', () => {
      const menu = parsed();
      expect(menu.vendor.name).to.equal('Waffle Wagon');
      const mate = menu.sections[1]!.items[0]!;
      expect(mate.availability).to.equal('available');
      expect(mate.options).to.deep.equal([]);
      const topping = menu.sections[0]!.items[0]!.options![0]!;
      expect(topping.choices[0]).to.deep.equal({ id: 'cream', name: 'Whipped cream', priceDelta: 50, available: true });
    });

    it('accepts a plain vendor string', () => {
      const json = { ...sampleMenuJson(), vendor: 'Taco Truck' };
      const r = parseMenu(json);
      expect(r.ok && r.menu.vendor).to.deep.equal({ name: 'Taco Truck' });
    });

    it('reports path-based errors', () => {
      const json = sampleMenuJson() as Record<string, unknown> & ReturnType<typeof sampleMenuJson>;
      (json.sections[1]!.items[0] as Record<string, unknown>).price = 2.5;
      (json.sections[0]!.items[0]!.allergens as Record<string, unknown>).contains = ['gluten', 'shellfish'];
      json.currency = 'euro';
      const r = parseMenu(json);
      expect(r.ok).to.equal(false);
      if (r.ok) return;
      expect(r.errors).to.include('sections[1].items[0].price: expected a non-negative integer (minor units)');
      expect(r.errors.some((e) => e.startsWith('sections[0].items[0].allergens.contains[1]: unknown allergen "shellfish"'))).to.equal(true);
      expect(r.errors).to.include('currency: expected an ISO 4217 code in upper case, e.g. "EUR"');
    });

    it('rejects unknown currencies, duplicate ids, contradicting allergens, missing alt, unsafe image URLs', () => {
      const json = sampleMenuJson() as ReturnType<typeof sampleMenuJson> & Record<string, unknown>;
      json.currency = 'XYZ';
      (json.sections[0]!.items[1] as Record<string, unknown>).id = 'classic';
      json.sections[0]!.items[0]!.allergens.mayContain = ['milk'];
      (json.sections[1]!.items[0] as Record<string, unknown>).image = { url: 'https://example.org/mate.jpg' };
      (json.sections[1]!.items[1] as Record<string, unknown>).image = { url: 'javascript:alert(1)', alt: 'x' };
      const r = parseMenu(json);
      expect(r.ok).to.equal(false);
      if (r.ok) return;
      expect(r.errors).to.include('currency: unknown ISO 4217 currency "XYZ"');
      expect(r.errors).to.include('sections[0].items[1].id: duplicate id "classic"');
      expect(r.errors).to.include('sections[0].items[0].allergens.mayContain: "milk" is also listed in contains');
      expect(r.errors.some((e) => e.startsWith('sections[1].items[0].image.alt: is required'))).to.equal(true);
      expect(r.errors.some((e) => e.startsWith('sections[1].items[1].image.url: refused javascript:'))).to.equal(true);
    });

    it('requires explicit allergens and valid option bounds and time windows', () => {
      const json = sampleMenuJson();
      delete (json.sections[1]!.items[0] as Record<string, unknown>).allergens;
      json.sections[0]!.items[0]!.options![0]!.max = 0;
      (json.sections[0]!.items[1] as Record<string, unknown>).window = { from: '2026-02-01T12:00', until: '2026-02-01T11:00:00Z' };
      const r = parseMenu(json);
      if (r.ok) throw new Error('expected errors');
      expect(r.errors.some((e) => e.startsWith('sections[1].items[0].allergens: is required'))).to.equal(true);
      expect(r.errors).to.include('sections[0].items[0].options[0].max: expected an integer ≥ 1 and ≥ min');
      expect(r.errors.some((e) => e.startsWith('sections[0].items[1].window.from: expected an ISO 8601'))).to.equal(true);
    });

    it('words every kind of problem (the messages load only for invalid menus)', () => {
      const errors = (edit: (j: Record<string, unknown> & ReturnType<typeof sampleMenuJson>) => void) => {
        const json = sampleMenuJson() as Record<string, unknown> & ReturnType<typeof sampleMenuJson>;
        edit(json);
        const r = parseMenu(json);
        if (r.ok) throw new Error('expected errors');
        return r.errors;
      };
      const item = (j: ReturnType<typeof sampleMenuJson>, i = 0) => j.sections[0]!.items[i] as Record<string, unknown>;
      expect(errors((j) => delete j.vendor)).to.deep.equal(['vendor: is required (a name, or {name, location?, url?})']);
      expect(errors((j) => (j.openingHours = [{ opens: '2026-02-01T18:00:00+01:00', closes: '2026-02-01T08:00:00+01:00' }]))).to.deep.equal([
        'openingHours[0]: "opens" must be before "closes"',
      ]);
      expect(errors((j) => (j.ordering = true as never))).to.deep.equal(['ordering: expected an object {open, closesAt?}']);
      expect(errors((j) => ((j.ordering as Record<string, unknown>).open = 'yes'))).to.deep.equal(['ordering.open: expected true or false']);
      expect(errors((j) => (j.sections = [1] as never))).to.deep.equal(['sections[0]: expected an object']);
      expect(errors((j) => (j.sections = 'x' as never))).to.deep.equal(['sections: expected a list']);
      expect(
        errors((j) => {
          item(j).name = 7;
          item(j).description = 'x'.repeat(1001);
          item(j).id = '-bad';
          item(j).image = 'pic.jpg';
          item(j).diets = ['Vegan'];
          item(j).availability = 'gone';
          item(j).window = { from: '2026-02-01T12:00:00Z', until: '2026-02-01T11:00:00Z' };
          item(j, 1).price = 2_000_000;
          item(j, 2).diets = Array.from({ length: 13 }, (_, i) => `d${i}`);
        }),
      ).to.deep.equal([
        'sections[0].items[0].id: expected an id (letters, digits, _ . : -; at most 64)',
        'sections[0].items[0].name: expected text',
        'sections[0].items[0].description: must be at most 1000 characters',
        'sections[0].items[0].image: expected an object {url, alt}',
        'sections[0].items[0].diets[0]: expected a lowercase diet tag such as "vegan"',
        'sections[0].items[0].availability: expected one of: available, low, sold-out, hidden',
        'sections[0].items[0].window: "from" must be before "until"',
        'sections[0].items[1].price: must be at most 1000000 minor units',
        'sections[0].items[2].diets: must have at most 12 entries',
      ]);
      expect(
        errors((j) => {
          const group = j.sections[0]!.items[0]!.options![0]!;
          group.min = 3;
          (group.choices[0] as unknown as Record<string, unknown>).priceDelta = 0.5;
          (group.choices[1] as unknown as Record<string, unknown>).available = 'no';
        }),
      ).to.deep.equal([
        'sections[0].items[0].options[0].choices[0].priceDelta: expected an integer (minor units)',
        'sections[0].items[0].options[0].choices[1].available: expected true or false',
        'sections[0].items[0].options[0].max: expected an integer ≥ 1 and ≥ min',
      ]);
      expect(errors((j) => (j.sections[0]!.items[0]!.options![0]!.min = 3) && (j.sections[0]!.items[0]!.options![0]!.max = 3))).to.deep.equal([
        'sections[0].items[0].options[0].min: is 3 but there are only 2 choices',
      ]);
      expect(errors((j) => (j.sections[0]!.items[0]!.options![0]!.min = -1))).to.deep.equal([
        'sections[0].items[0].options[0].min: expected a non-negative integer',
      ]);
      const many = Array.from({ length: 201 }, (_, i) => ({ id: `i${i}`, name: 'x', price: 1, allergens: { contains: [], mayContain: [] } }));
      expect(errors((j) => (j.sections = [{ id: 'a', name: 'A', items: many.slice(0, 150) }, { id: 'b', name: 'B', items: many.slice(150) }]))).to.deep.equal([
        'sections: must hold at most 200 items in all',
      ]);
    });

    it('rejects non-objects', () => {
      expect(parseMenu(null)).to.deep.equal({ ok: false, errors: ['menu: expected a JSON object'] });
      expect(parseMenu([1])).to.deep.equal({ ok: false, errors: ['menu: expected a JSON object'] });
    });

    it('has the 14 EU allergens with en/de names', () => {
      expect(ALLERGENS).to.have.length(14);
      expect(new Set(ALLERGENS.map((a) => a.id)).size).to.equal(14);
      const deName = de.allergen as (id: AllergenId) => string;
      for (const a of ALLERGENS) expect(a.en && deName(a.id)).to.be.a('string').and.not.equal('');
      expect(new Set(ALLERGENS.map((a) => deName(a.id))).size).to.equal(14);
    });
  });

  describe('opening hours and ordering cut-off', () => {
    it('is open during opening hours and before the cut-off', () => {
      const menu = parsed();
      expect(isOpen(menu, NOON)).to.equal(true);
      expect(orderingOpen(menu, NOON)).to.equal(true);
      expect(orderingOpen(menu, Date.parse('2026-02-01T17:45:00+01:00'))).to.equal(false);
      expect(isOpen(menu, Date.parse('2026-02-01T17:45:00+01:00'))).to.equal(true);
      expect(isOpen(menu, Date.parse('2026-02-01T19:00:00+01:00'))).to.equal(false);
      expect(orderingOpen({ ...menu, ordering: { open: false } }, NOON)).to.equal(false);
    });
  });

  describe('menuToJsonLd', () => {
    it('produces a schema.org Menu without hidden items', () => {
      const ld = menuToJsonLd(parsed(), { inLanguage: 'en' });
      expect(ld['@context']).to.equal('https://schema.org');
      expect(ld['@type']).to.equal('Menu');
      expect(ld.name).to.equal('Waffle Wagon');
      const sections = ld.hasMenuSection as { name: string; hasMenuItem: Record<string, unknown>[] }[];
      expect(sections.map((s) => s.name)).to.deep.equal(['Waffles', 'Drinks']);
      const waffles = sections[0]!.hasMenuItem;
      expect(waffles.map((i) => i.name)).to.deep.equal(['Classic waffle', 'Vegan waffle']);
      expect(waffles[0]!.offers).to.deep.equal({
        '@type': 'Offer',
        price: '4.50',
        priceCurrency: 'EUR',
        availability: 'https://schema.org/InStock',
      });
      expect(waffles[1]!.suitableForDiet).to.deep.equal(['https://schema.org/VeganDiet', 'https://schema.org/VegetarianDiet']);
      expect((sections[1]!.hasMenuItem[1]!.offers as Record<string, unknown>).availability).to.equal('https://schema.org/SoldOut');
      expect((waffles[0]!.menuAddOn as unknown[]).length).to.equal(2);
    });
  });
});
