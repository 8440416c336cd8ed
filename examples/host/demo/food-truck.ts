import type { MemoryRoom } from '../../../widgets/room/memory-room.js';
import { EventTypes } from '../../../widgets/schema/namespace.js';
import type { MediaStore } from '../../../widgets/testing/media.js';
import { ATTENDEES } from '../demo-room.js';
import { uploadFoodTruckMedia } from './media.js';

/**
 * The demo food truck: "Frit'Kot Fosdem" run by Vera (vendor, power 50: queue, sold-out
 * toggles, prices), open from an hour ago until late, with the orders root already
 * created and a few orders: Alice's is ready for pickup (number 12), Bob's is being
 * prepared (13), Alice collected an earlier one and Carol's has just come in. Switch
 * between Alice, Bob, Carol and Vera to see the customer and vendor views.
 *
 * With `media` (the host's content repository) the small cone's picture is uploaded there
 * and the menu refers to it by mxc://, so the widget shows it through the client
 * (MSC4039 `download_file`), as a vendor's picture uploaded in Element would be.
 */
export function seedFoodTruck(room: MemoryRoom, media?: MediaStore): void {
  const now = Date.now();
  const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
  const vendor = ATTENDEES.vendor;

  room.setState(
    EventTypes.menu,
    '',
    {
      vendor: { name: "Frit'Kot Fosdem", location: 'ULB Solbosch, between buildings H and K' },
      currency: 'EUR',
      // Relative to now so the demo truck is always open.
      openingHours: [{ opens: at(-60), closes: at(8 * 60) }],
      ordering: { open: true, closesAt: at(7 * 60 + 30) },
      sections: [
        {
          id: 'frites',
          name: 'Frites',
          description: 'Twice fried in beef tallow — ask for the vegetable-oil fryer.',
          items: [
            {
              id: 'cone-small',
              name: 'Small cone of frites',
              description: 'Bintje potatoes, cut by hand this morning.',
              price: 350,
              ...(media ? { image: { url: uploadFoodTruckMedia(media).frites, alt: 'A paper cone of golden frites with mayonnaise' } } : {}),
              diets: ['gluten-free'],
              allergens: { contains: [], mayContain: ['gluten'] },
              options: [
                {
                  id: 'sauce',
                  name: 'Sauce',
                  min: 0,
                  max: 2,
                  choices: [
                    { id: 'mayo', name: 'Mayonnaise', priceDelta: 80 },
                    { id: 'andalouse', name: 'Andalouse', priceDelta: 80 },
                    { id: 'samourai', name: 'Samouraï', priceDelta: 80 },
                    { id: 'curry-ketchup', name: 'Curry ketchup', priceDelta: 80, available: false },
                  ],
                },
              ],
            },
            {
              id: 'cone-large',
              name: 'Large cone of frites',
              price: 450,
              diets: ['gluten-free'],
              allergens: { contains: [], mayContain: ['gluten'] },
              availability: 'low',
            },
          ],
        },
        {
          id: 'snacks',
          name: 'Snacks',
          items: [
            {
              id: 'fricadelle',
              name: 'Fricadelle',
              description: 'The Belgian classic: a skinless minced-meat sausage, deep fried.',
              price: 400,
              allergens: { contains: ['gluten', 'milk', 'celery', 'mustard'], mayContain: ['eggs', 'soybeans'] },
            },
            {
              id: 'croquette',
              name: 'Cheese croquettes (2)',
              price: 550,
              diets: ['vegetarian'],
              allergens: { contains: ['gluten', 'milk', 'eggs'], mayContain: ['nuts'] },
            },
            {
              id: 'falafel',
              name: 'Falafel wrap',
              description: 'Chickpea falafel, hummus, pickled red cabbage.',
              price: 750,
              diets: ['vegan', 'vegetarian'],
              allergens: { contains: ['gluten', 'sesame'], mayContain: ['mustard'] },
              availability: 'sold-out',
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
              id: 'beer',
              name: 'Belgian blond beer',
              description: '33 cl, 6.5 %.',
              price: 450,
              diets: ['vegan', 'vegetarian'],
              allergens: { contains: ['gluten'], mayContain: [] },
              window: { from: at(-30) },
            },
          ],
        },
      ],
    },
    vendor,
  );

  // The orders root, as Vera's widget creates it the first time she opens it.
  const notice = room.inject(
    'm.room.message',
    { msgtype: 'm.notice', body: "Orders for Frit'Kot Fosdem: order in the devroom widget", [EventTypes.root]: { purpose: 'orders' } },
    vendor,
  );
  room.setState(EventTypes.root, 'orders', { event_id: notice.event_id }, vendor);
  const root = { rel_type: 'm.reference', event_id: notice.event_id };

  const order = (sender: string, localId: string, lines: { itemId: string; name: string; quantity: number; unitPrice: number; label?: string }[], note?: string) =>
    room.inject(
      EventTypes.order,
      {
        localId,
        lines: lines.map(({ label, ...l }) => ({ ...l, choices: label ? [{ groupId: 'sauce', choiceIds: ['andalouse'], label }] : [] })),
        ...(note ? { note } : {}),
        total: lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0),
        currency: 'EUR',
        'm.relates_to': root,
      },
      sender,
    ).event_id;
  // A status relates to the orders root and names its order (docs/schema.md).
  const status = (orderId: string, content: Record<string, unknown>) => room.inject(EventTypes.orderStatus, { order: orderId, ...content, 'm.relates_to': root }, vendor);

  const earlier = order(ATTENDEES.alice, 'demo-alice-1', [{ itemId: 'mate', name: 'Club-Mate', quantity: 1, unitPrice: 300 }]);
  status(earlier, { status: 'received', pickupNumber: 11 });
  status(earlier, { status: 'ready' });
  status(earlier, { status: 'collected' });

  const alices = order(ATTENDEES.alice, 'demo-alice-2', [{ itemId: 'cone-small', name: 'Small cone of frites', quantity: 1, unitPrice: 430, label: 'Andalouse' }]);
  status(alices, { status: 'received', pickupNumber: 12 });
  status(alices, { status: 'preparing' });
  status(alices, { status: 'ready' });

  const bobs = order(
    ATTENDEES.bob,
    'demo-bob-1',
    [
      { itemId: 'croquette', name: 'Cheese croquettes (2)', quantity: 1, unitPrice: 550 },
      { itemId: 'beer', name: 'Belgian blond beer', quantity: 2, unitPrice: 450 },
    ],
    'One beer for my friend at the Rust stand',
  );
  status(bobs, { status: 'received', pickupNumber: 13 });
  status(bobs, { status: 'preparing' });

  // Carol's order has just come in: the vendor's queue has something to accept.
  order(ATTENDEES.carol, 'demo-carol-1', [{ itemId: 'fricadelle', name: 'Fricadelle', quantity: 1, unitPrice: 400 }]);
}
