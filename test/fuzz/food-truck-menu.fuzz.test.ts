import type { BindContext } from '../../widgets/shared/binding.js';
import { expect } from '@open-wc/testing';
import '../../components/food-truck-menu/define.js';
import type { DevroomFoodTruckMenu } from '../../components/food-truck-menu/food-truck-menu.js';
import { sampleMenuJson } from '../../components/food-truck-menu/test-fixtures.js';
import { bindFoodTruckMenu } from '../../widgets/food-truck-menu/binding.js';
import { rejections } from '../../widgets/shared/rejection-tally.js';
import type { RoomEvent } from '../../widgets/room/room.js';
import { EventTypes } from '../../widgets/schema/namespace.js';
import { afterTest } from '../support/cleanup.js';
import { Feed } from './feed.js';
import { expectSoon, feedLive, report, runProblems, settle, sleep, watchPage, seat } from './harness.js';
import type { Label } from './harness.js';
import { HOSTILE_URLS, extraKeys, huge, oddRelation, oddText, withProtoKeys } from './hostile.js';
import { rng } from './prng.js';
import type { Rng } from './prng.js';
import { FUZZ_EVENTS, FUZZ_SEED } from './seed.js';
import { ADMIN, ALICE, MOD, PLAIN_USERS, SPOOFED, fuzzRoom, oddPowerLevels } from './users.js';

/**
 * <devroom-food-truck-menu> bound to a room that sends hostile events (issue #14): the menu,
 * the orders root, orders and their statuses, redactions (which the truck does not read: it
 * has no capability for them) and power levels. Two seats: the vendor (MOD, every order, the
 * queue) and a customer (ALICE, her own orders and the cart).
 */

const VENDOR = MOD;
const NOT_USER_IDS = ['not-a-user-id', '', '@admin', '@a b:fuzz.example'];

/** A menu checkMenu accepts, open now, with odd but legitimate text and, now and then, an image. */
function goodMenu(r: Rng): Record<string, unknown> {
  const menu = JSON.parse(JSON.stringify(sampleMenuJson())) as { vendor: Record<string, unknown>; sections: { name: string; items: Record<string, unknown>[] }[] } & Record<string, unknown>;
  const now = Date.now();
  menu.openingHours = [{ opens: new Date(now - 3_600_000).toISOString(), closes: new Date(now + 10 * 3_600_000).toISOString() }];
  menu.ordering = { open: r.chance(0.9), closesAt: new Date(now + 9 * 3_600_000).toISOString() };
  menu.vendor.name = oddText(r, 120);
  for (const section of menu.sections) {
    section.name = oddText(r, 120);
    for (const item of section.items) {
      item.name = oddText(r, 120);
      if (r.chance(0.5)) item.description = oddText(r, 1000);
      item.availability = r.pick(['available', 'low', 'sold-out', 'hidden']);
      if (r.chance(0.1)) item.image = { url: r.pick(['https://localhost:1/w.png', 'mxc://fuzz.example/abcDEF']), alt: oddText(r, 120) };
    }
  }
  if (r.chance(0.2)) Object.assign(menu, extraKeys(r));
  return r.chance(0.1) ? withProtoKeys(r, menu) : menu;
}

/** One mutation that checkMenu refuses. */
function badMenu(r: Rng): { content: Record<string, unknown>; recipe: string } {
  const menu = goodMenu(r) as { sections: { items: Record<string, unknown>[] }[] } & Record<string, unknown>;
  const item = menu.sections[0]!.items[0]!;
  const what = r.pick(['currency', 'price', 'id', 'name', 'allergens', 'image', 'availability', 'sections', 'vendor', 'duplicate']);
  if (what === 'currency') menu.currency = r.pick<unknown>(['euros', 'EURO', 'XXZ', 42, null]);
  else if (what === 'price') item.price = r.pick<unknown>([-1, 1.5, 2e6, '450', null]);
  else if (what === 'id') item.id = r.pick<unknown>(['', 'has space', '__proto__ x', 42, huge(r, 65)]);
  else if (what === 'name') item.name = r.pick<unknown>([huge(r, 121), 42, '  ', null]);
  else if (what === 'allergens') delete item.allergens;
  else if (what === 'image') item.image = { url: r.pick(HOSTILE_URLS.filter((u) => !u.startsWith('https'))), alt: 'x' };
  else if (what === 'availability') item.availability = r.pick<unknown>(['gone', 1, '']);
  else if (what === 'sections') menu.sections = r.pick<unknown>(['x', {}, null]) as never;
  else if (what === 'vendor') menu.vendor = r.pick<unknown>([42, [], null]);
  else menu.sections[0]!.items.push({ ...item });
  return { content: menu, recipe: `menu, bad ${what}` };
}

interface Order {
  id: string;
  sender: string;
  key: string;
}

class TruckFuzz extends Feed {
  root!: string;
  /** Orders the vendor's queue shows (the first of a sender's localId). */
  readonly counted = new Map<string, Order>();
  readonly byKey = new Map<string, string>();
  /** Every valid order read (counted or a copy). */
  readonly known = new Map<string, Order>();
  readonly copied = new Set<string>();
  /** Statuses the vendor trusts: id → the order they name. */
  readonly statuses = new Map<string, string>();

  setUp(): void {
    this.state(EventTypes.menu, '', goodMenu(this.r), VENDOR, 'valid', 'menu');
    this.root = this.inject('m.room.message', { msgtype: 'm.notice', body: 'Orders' }, VENDOR, 'irrelevant', 'root notice').event_id;
    this.restoreRoot();
  }

  /** After the history: the current menu and root state are good ones (a fresh reader sees only those). */
  restoreRoot(): void {
    this.state(EventTypes.root, 'orders', { event_id: this.root }, VENDOR, 'valid', 'root');
  }

  order(): RoomEvent {
    const r = this.r;
    const sender = r.pick([...PLAIN_USERS, ALICE]);
    const line = () => ({
      itemId: r.pick(['classic', 'vegan', 'gone', '__proto__']),
      name: oddText(r, 200),
      quantity: 1 + r.int(99),
      unitPrice: r.int(2_000_000) - 1_000_000,
      ...(r.chance(0.3) ? { choices: [{ groupId: 'topping', choiceIds: ['cream'], label: oddText(r, 300) }] } : {}),
      ...(r.chance(0.3) ? { note: oddText(r, 500) } : {}),
    });
    const content: Record<string, unknown> = {
      localId: `o-${r.int(1e9)}`,
      lines: Array.from({ length: 1 + r.int(3) }, line),
      total: r.int(100_000_000),
      currency: 'EUR',
      ...(r.chance(0.3) ? { note: oddText(r, 500) } : {}),
      'm.relates_to': { rel_type: 'm.reference', event_id: this.root },
    };
    const roll = r.next();
    if (roll < 0.55) {
      const copyOf = r.chance(0.1) ? r.pick([...this.counted.values()].filter((o) => o.sender === sender)) : undefined;
      if (copyOf) content.localId = copyOf.key.split('\n')[1];
      if (r.chance(0.1)) Object.assign(content, extraKeys(r));
      const event = this.room.inject(EventTypes.order, r.chance(0.05) ? withProtoKeys(r, content) : content, sender);
      const key = `${sender}\n${content.localId as string}`;
      const order = { id: event.event_id, sender, key };
      if (this.byKey.has(key)) {
        this.known.set(order.id, order);
        this.copied.add(key);
        return this.add(event, 'invalid', 'order, a copy (same sender and localId)');
      }
      this.byKey.set(key, order.id);
      this.counted.set(order.id, order);
      this.known.set(order.id, order);
      return this.add(event, 'valid', 'order');
    }
    if (roll < 0.9) {
      const what = r.pick(['localId', 'currency', 'total', 'note', 'lines', 'line', 'choices', 'sender']);
      let from = sender;
      const lines = content.lines as Record<string, unknown>[];
      if (what === 'localId') content.localId = r.pick<unknown>([undefined, '', huge(r, 129), 42]);
      else if (what === 'currency') content.currency = r.pick<unknown>(['eur', 'EURO', '', 42]);
      else if (what === 'total') content.total = r.pick<unknown>([-1, 1.5, 100_000_001, '100', null]);
      else if (what === 'note') content.note = r.pick<unknown>([huge(r, 501), 42, []]);
      else if (what === 'lines') content.lines = r.pick<unknown>([[], 'x', null, Array.from({ length: 51 }, line)]);
      else if (what === 'line') lines[0] = r.pick<Record<string, unknown>>([{ ...lines[0], quantity: 0 }, { ...lines[0], quantity: 100 }, { ...lines[0], unitPrice: 0.5 }, { ...lines[0], itemId: '' }, { ...lines[0], name: huge(r, 201) }, { ...lines[0], note: 42 }]);
      else if (what === 'choices') lines[0] = { ...lines[0], choices: r.pick<unknown>(['x', [{ groupId: 'g' }], [{ groupId: 'g', choiceIds: [42], label: 'x' }], [{ groupId: 'g', choiceIds: [], label: 42 }]]) };
      else from = r.pick(NOT_USER_IDS);
      if (content.localId === undefined) delete content.localId;
      return this.inject(EventTypes.order, content, from, 'invalid', `order, bad ${what}`);
    }
    content['m.relates_to'] = oddRelation(r, this.root, this.nextId);
    return this.inject(EventTypes.order, content, sender, 'irrelevant', 'order, not under the root');
  }

  status(): void {
    const r = this.r;
    const orders = [...this.known.values()];
    const order = orders.length ? r.pick(orders) : undefined;
    const content: Record<string, unknown> = {
      order: order?.id ?? '$nothing',
      status: r.pick(['received', 'preparing', 'ready', 'collected', 'cancelled', 'rejected']),
      ...(r.chance(0.3) ? { reason: oddText(r, 300) } : {}),
      ...(r.chance(0.3) ? { pickupNumber: 1 + r.int(999) } : {}),
      'm.relates_to': { rel_type: 'm.reference', event_id: this.root },
    };
    let sender = VENDOR;
    let label: Label = order ? 'valid' : 'invalid';
    let recipe = order ? 'status' : 'status, no order yet';
    const roll = r.next();
    if (roll < 0.15) {
      sender = r.pick([...SPOOFED, ALICE]);
      label = 'invalid';
      recipe = 'status, from someone without the power';
    } else if (roll < 0.4) {
      const what = r.pick(['status', 'reason', 'pickup', 'order', 'unknown', 'relation']);
      label = 'invalid';
      recipe = `status, bad ${what}`;
      if (what === 'status') content.status = r.pick<unknown>(['done', 'READY', '', 1, null]);
      else if (what === 'reason') content.reason = r.pick<unknown>([huge(r, 301), 42]);
      else if (what === 'pickup') content.pickupNumber = r.pick<unknown>([0, 1000, 1.5, '7', null]);
      else if (what === 'order') content.order = r.pick<unknown>([undefined, 42, 'nope', '$has space']);
      else if (what === 'unknown') content.order = `$unknown-${r.int(1e6)}`;
      else content['m.relates_to'] = oddRelation(r, this.root, this.nextId);
      if (content.order === undefined) delete content.order;
      // A status relating elsewhere is not in the root's relations: history never reads it.
      if (what === 'relation' && !this.live) label = 'irrelevant';
    }
    const event = this.inject(EventTypes.orderStatus, content, sender, label, recipe);
    if (label === 'valid') this.statuses.set(event.event_id, order!.id);
  }

  /** The truck does not read redactions; before it opens, the server's redaction takes an order out of the history. */
  redaction(): void {
    const r = this.r;
    if (this.live || !this.counted.size) {
      const target = r.pick([this.nextId, ...this.counted.keys(), `$nothing-${r.int(1e6)}`].slice(0, 3));
      return void this.inject('m.room.redaction', { redacts: target }, r.pick([VENDOR, ...SPOOFED]), 'irrelevant', 'redaction (not read by the truck)');
    }
    const candidates = [...this.counted.values()].filter((o) => !this.copied.has(o.key));
    if (!candidates.length) return;
    const order = r.pick(candidates);
    const sender = r.chance(0.5) ? VENDOR : order.sender;
    if (this.room.membership(sender) !== 'join') this.room.join(sender);
    void this.room.as(sender).redact(order.id);
    this.counted.delete(order.id);
    this.known.delete(order.id);
    this.byKey.delete(order.key);
    this.log.relabel(order.id, 'irrelevant', 'order redacted before the truck opened');
    for (const [id, named] of this.statuses) {
      if (named !== order.id) continue;
      this.statuses.delete(id);
      this.log.relabel(id, 'invalid', 'status of an order redacted before the truck opened');
    }
  }

  step(): void {
    const r = this.r;
    const roll = r.next();
    if (roll < 0.35) this.order();
    else if (roll < 0.6) this.status();
    else if (roll < 0.66) this.redaction();
    else if (roll < 0.74) {
      const valid = r.chance(0.5);
      const { content, recipe } = valid ? { content: goodMenu(r), recipe: 'menu' } : badMenu(r);
      this.state(EventTypes.menu, '', content, r.pick([VENDOR, ADMIN, ...SPOOFED]), valid ? 'valid' : 'invalid', recipe);
    } else if (roll < 0.78) {
      const content = r.pick<Record<string, unknown>>([{}, { event_id: 42 }, { event_id: 'nope' }, { event_id: null, previous: [this.root] }]);
      this.state(EventTypes.root, 'orders', content, VENDOR, 'invalid', 'root, bad event_id');
    } else if (roll < 0.81) this.state('m.room.power_levels', '', oddPowerLevels(r), ADMIN, 'valid', 'odd power levels');
    else {
      const pick = r.int(5);
      if (pick === 4) this.loop(EventTypes.order, { localId: `o-${r.int(1e9)}`, lines: [{ itemId: 'classic', name: 'x', quantity: 1, unitPrice: 1 }], total: 1, currency: 'EUR' }, ALICE);
      else if (pick === 3) this.protoTyped();
      else if (pick === 0) this.inject('m.room.message', { msgtype: 'm.text', body: oddText(r), 'm.relates_to': { rel_type: 'm.reference', event_id: this.root } }, ALICE, 'irrelevant', 'message under the root');
      else if (pick === 1) this.state(EventTypes.root, r.pick(['qa', 'Orders', '__proto__']), { event_id: this.root }, VENDOR, 'irrelevant', 'other root');
      else this.state(EventTypes.menu, r.pick(['x', '__proto__']), goodMenu(r), VENDOR, 'irrelevant', 'menu, other key');
    }
  }
}

describe('fuzz: food-truck menu', function () {
  this.timeout(60_000);

  it(`${FUZZ_EVENTS} hostile events: nothing escapes, no script runs, every rejection has a reason`, async () => {
    const page = watchPage();
    afterTest(() => page.stop());
    const started = performance.now();
    const room = fuzzRoom();
    const fuzz = new TruckFuzz(room, rng(FUZZ_SEED ^ 0x7e0c));
    fuzz.setUp();
    while (fuzz.count < FUZZ_EVENTS * 0.1) fuzz.step();
    fuzz.state(EventTypes.menu, '', goodMenu(fuzz.r), VENDOR, 'valid', 'menu');
    fuzz.restoreRoot();
    await sleep(0); // the history redactions

    const seatOf = (user: string) => seat<DevroomFoodTruckMenu, BindContext>('devroom-food-truck-menu', bindFoodTruckMenu, room.as(user));
    const vendor = await seatOf(VENDOR);
    const customer = await seatOf(ALICE);
    await settle(vendor);
    fuzz.live = true;

    await feedLive(fuzz, FUZZ_EVENTS, [vendor, customer]);
    const fed = performance.now() - started;

    const problems = runProblems(page, [vendor, customer], fuzz.log);
    // The vendor's queue holds every valid order once and every trusted status; Alice sees hers.
    const compare = (what: string, shown: string[], expected: string[]) => {
      const want = new Set(expected);
      const have = new Set(shown);
      const missing = expected.filter((id) => !have.has(id));
      const extra = shown.filter((id) => !want.has(id));
      if (missing.length) problems.push(`${what}: ${missing.length} missing, e.g. ${missing.slice(0, 3).join(', ')}`);
      if (extra.length) problems.push(`${what}: ${extra.length} that should not be there, e.g. ${extra.slice(0, 3).join(', ')}`);
    };
    compare('vendor orders', vendor.orders.map((o) => o.id), [...fuzz.counted.keys()]);
    compare('vendor statuses', vendor.statusEvents.map((s) => s.id), [...fuzz.statuses.keys()]);
    compare('customer orders', customer.orders.map((o) => o.id), [...fuzz.counted.values()].filter((o) => o.sender === ALICE).map((o) => o.id));

    // Still working: the vendor marks an order ready, and Alice orders.
    const order = [...fuzz.counted.values()].pop()!;
    const before = room.timeline.length;
    vendor.dispatchEvent(new CustomEvent('devroom-order-status', { detail: { orderId: order.id, status: 'cancelled', reason: 'fuzz' }, bubbles: true, composed: true }));
    customer.dispatchEvent(
      new CustomEvent('devroom-place-order', {
        detail: { orderLocalId: 'o-after-fuzz', lines: [{ itemId: 'classic', name: 'Classic waffle', quantity: 1, unitPrice: 450, choices: [] }], total: 450, currency: 'EUR' },
        bubbles: true,
        composed: true,
      }),
    );
    const sent = () => room.timeline.slice(before);
    await expectSoon(problems, () => sent().some((e) => e.type === EventTypes.orderStatus && e.sender === VENDOR && e.content.order === order.id), 'the status reaches the room');
    await expectSoon(problems, () => sent().some((e) => e.type === EventTypes.order && e.sender === ALICE && e.content.localId === 'o-after-fuzz'), 'the order reaches the room');
    await expectSoon(problems, () => vendor.orders.some((o) => o.localId === 'o-after-fuzz'), 'the vendor sees the new order');
    if (!vendor.shadowRoot!.childElementCount || !customer.shadowRoot!.childElementCount) problems.push('a seat renders nothing');

    console.log(`fuzz food-truck menu: seed ${FUZZ_SEED}, ${FUZZ_EVENTS} events ${JSON.stringify(fuzz.log.counts())}, ${rejections.total} rejections, ${Math.round(fed)} ms (two seats)`);
    expect(problems.length, report('food-truck menu', FUZZ_SEED, problems)).to.equal(0);
  });
});
