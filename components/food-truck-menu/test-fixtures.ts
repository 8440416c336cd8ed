/** Sample menu JSON shared by the food-truck tests (and handy for demos). Not part of the bundle. */
interface ChoiceJson { id: string; name: string; priceDelta: number; available?: boolean }
interface ItemJson {
  id: string;
  name: string;
  price: number;
  allergens: { contains: string[]; mayContain: string[] };
  options?: { id: string; name: string; min: number; max: number; choices: ChoiceJson[] }[];
  [key: string]: unknown;
}
interface MenuJson {
  vendor: unknown;
  currency: string;
  openingHours: { opens: string; closes: string }[];
  ordering: { open: boolean; closesAt?: string };
  sections: { id: string; name: string; items: ItemJson[] }[];
}

export const sampleMenuJson = (): MenuJson => ({
  vendor: { name: 'Waffle Wagon', location: 'Building K, courtyard' },
  currency: 'EUR',
  openingHours: [{ opens: '2026-02-01T08:00:00+01:00', closes: '2026-02-01T18:00:00+01:00' }],
  ordering: { open: true, closesAt: '2026-02-01T17:30:00+01:00' },
  sections: [
    {
      id: 'waffles',
      name: 'Waffles',
      items: [
        {
          id: 'classic',
          name: 'Classic waffle',
          description: 'Liège style with pearl sugar',
          price: 450,
          diets: ['vegetarian'],
          allergens: { contains: ['gluten', 'eggs', 'milk'], mayContain: ['nuts'] },
          options: [
            {
              id: 'topping',
              name: 'Topping',
              min: 0,
              max: 2,
              choices: [
                { id: 'cream', name: 'Whipped cream', priceDelta: 50 },
                { id: 'choc', name: 'Chocolate', priceDelta: 80 },
              ],
            },
          ],
        },
        {
          id: 'vegan',
          name: 'Vegan waffle',
          price: 500,
          diets: ['vegan', 'vegetarian'],
          allergens: { contains: ['gluten', 'soybeans'], mayContain: [] },
          availability: 'low',
        },
        {
          id: 'secret',
          name: 'Secret waffle',
          price: 900,
          allergens: { contains: [], mayContain: [] },
          availability: 'hidden',
        },
      ],
    },
    {
      id: 'drinks',
      name: 'Drinks',
      items: [
        {
          id: 'mate',
          name: 'Club-Mate',
          price: 300,
          diets: ['vegan', 'vegetarian', 'gluten-free'],
          allergens: { contains: [], mayContain: [] },
        },
        {
          id: 'coffee',
          name: 'Coffee',
          price: 250,
          diets: ['vegetarian', 'gluten-free'],
          allergens: { contains: ['milk'], mayContain: [] },
          availability: 'sold-out',
        },
      ],
    },
  ],
});

/** 2026-02-01 12:00 CET: inside the opening hours of the sample menu. */
export const NOON = Date.parse('2026-02-01T12:00:00+01:00');
