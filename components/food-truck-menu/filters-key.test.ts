import { expect } from '@open-wc/testing';
// register.ts only (as the widget page does): the filter panel's module is not loaded yet.
import './register.js';
import type { DevroomFoodTruckMenu } from './food-truck-menu.js';
import { filterStorageKey } from './filters-key.js';
import { sampleMenuJson } from './test-fixtures.js';

describe('<devroom-food-truck-menu> with filters remembered in this browser', () => {
  afterEach(() => localStorage.removeItem(filterStorageKey('Waffle Wagon')));

  it('waits for the filter module before showing items: a hidden item is never on screen', async () => {
    localStorage.setItem(filterStorageKey('Waffle Wagon'), JSON.stringify({ avoid: ['milk'], strict: true, diets: [] }));
    const menu = sampleMenuJson();
    delete (menu as { openingHours?: unknown }).openingHours;
    delete menu.ordering.closesAt;
    for (const s of menu.sections) for (const i of s.items) delete i.options;
    const el = document.createElement('devroom-food-truck-menu') as DevroomFoodTruckMenu;
    el.lang = 'en';
    el.menu = menu;
    document.body.append(el);
    const seen = new Set<string>();
    const names = () => [...el.shadowRoot!.querySelectorAll('.item h4')].map((h) => h.textContent!.trim());
    const watch = new MutationObserver(() => names().forEach((n) => seen.add(n)));
    watch.observe(el.shadowRoot!, { childList: true, subtree: true, characterData: true });
    try {
      await el.updateComplete;
      expect(names()).to.deep.equal(['Vegan waffle', 'Club-Mate']);
      expect([...seen]).to.not.include('Classic waffle');
      expect(el.shadowRoot!.querySelector('summary')!.textContent!.trim()).to.equal('Filters (1)');
    } finally {
      watch.disconnect();
      el.remove();
    }
  });

  it('without remembered filters the menu shows at once, and the filter module is not loaded', async () => {
    const el = document.createElement('devroom-food-truck-menu') as DevroomFoodTruckMenu;
    el.lang = 'en';
    el.menu = { vendor: 'Waffle Wagon', currency: 'EUR', sections: [{ id: 's', name: 'S', items: [{ id: 'a', name: 'A', price: 100, allergens: { contains: [], mayContain: [] } }] }] };
    document.body.append(el);
    try {
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('.item h4')!.textContent).to.equal('A');
      expect(el.shadowRoot!.querySelectorAll('.filters label'), 'no filter checkboxes').to.have.length(0);
    } finally {
      el.remove();
    }
  });
});
