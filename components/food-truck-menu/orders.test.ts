import { expect } from '@open-wc/testing';
import { buildQueue, canTransition, foldOrders, foldStatus, nextPickupNumber, parseOrderContent, parseStatusContent } from './orders.js';
import type { Order, OrderStatusEvent } from './orders.js';

const MIN = 60_000;
const order = (id: string, placedAt: number): Order => ({
  id,
  localId: `local-${id}`,
  sender: '@ana:example.org',
  placedAt,
  lines: [{ itemId: 'mate', name: 'Club-Mate', choices: [], quantity: 1, unitPrice: 300 }],
  total: 300,
  currency: 'EUR',
});
let n = 0;
const ev = (orderId: string, status: OrderStatusEvent['status'], ts: number, extra: Partial<OrderStatusEvent> = {}): OrderStatusEvent => ({
  id: `$e${++n}`,
  orderId,
  status,
  ts,
  ...extra,
});

describe('food-truck order lifecycle', () => {
  it('allows forward transitions only', () => {
    expect(canTransition('placed', 'received')).to.equal(true);
    expect(canTransition('received', 'ready')).to.equal(true);
    expect(canTransition('ready', 'collected')).to.equal(true);
    expect(canTransition('ready', 'preparing')).to.equal(false);
    expect(canTransition('ready', 'rejected')).to.equal(false);
    expect(canTransition('collected', 'cancelled')).to.equal(false);
    expect(canTransition('rejected', 'received')).to.equal(false);
    expect(canTransition('placed', 'collected')).to.equal(false);
  });

  it('walks the full lifecycle with a pickup number', () => {
    const s = foldStatus(order('o1', 0), [
      ev('o1', 'received', 1 * MIN, { pickupNumber: 42 }),
      ev('o1', 'preparing', 2 * MIN),
      ev('o1', 'ready', 5 * MIN),
      ev('o1', 'collected', 7 * MIN),
    ]);
    expect(s.phase).to.equal('collected');
    expect(s.pickupNumber).to.equal(42);
    expect(s.readyAt).to.equal(5 * MIN);
    expect(s.history.map((h) => h.status)).to.deep.equal(['received', 'preparing', 'ready', 'collected']);
  });

  it('gives the same result whatever order events arrive in', () => {
    const events = [
      ev('o1', 'received', 1 * MIN, { pickupNumber: 7 }),
      ev('o1', 'preparing', 2 * MIN),
      ev('o1', 'ready', 4 * MIN),
    ];
    const reversed = [...events].reverse();
    const shuffled = [events[1]!, events[2]!, events[0]!];
    const a = foldStatus(order('o1', 0), events);
    expect(foldStatus(order('o1', 0), reversed)).to.deep.equal(a);
    expect(foldStatus(order('o1', 0), shuffled)).to.deep.equal(a);
    expect(a.phase).to.equal('ready');
  });

  it('ignores invalid transitions and keeps the latest valid state', () => {
    const s = foldStatus(order('o1', 0), [
      ev('o1', 'ready', 3 * MIN),
      ev('o1', 'preparing', 4 * MIN), // back from ready: ignored
      ev('o1', 'rejected', 5 * MIN, { reason: 'out of waffles' }), // reject after ready: ignored
      ev('o2', 'collected', 6 * MIN), // another order's event
    ]);
    expect(s.phase).to.equal('ready');
    expect(s.reason).to.equal(undefined);
  });

  it('records the rejection reason and stops there', () => {
    const s = foldStatus(order('o1', 0), [
      ev('o1', 'rejected', 1 * MIN, { reason: 'Kitchen closed' }),
      ev('o1', 'ready', 2 * MIN),
    ]);
    expect(s.phase).to.equal('rejected');
    expect(s.reason).to.equal('Kitchen closed');
  });

  it('builds the vendor queue: by phase, oldest first, counts, average wait', () => {
    const orders = [order('a', 10 * MIN), order('b', 0), order('c', 5 * MIN), order('d', 1 * MIN), order('e', 2 * MIN)];
    const events = [
      ev('d', 'ready', 5 * MIN), // waited 4 min
      ev('e', 'ready', 10 * MIN), // waited 8 min
      ev('e', 'collected', 11 * MIN),
      ev('c', 'preparing', 6 * MIN),
    ];
    const q = buildQueue(foldOrders(orders, events), 20 * MIN);
    expect(q.byPhase.placed.map((s) => s.order.id)).to.deep.equal(['b', 'a']);
    expect(q.counts).to.deep.equal({ placed: 2, received: 0, preparing: 1, ready: 1, collected: 1, cancelled: 0, rejected: 0 });
    expect(q.active).to.equal(4);
    expect(q.averageWaitMs).to.equal(6 * MIN);
    expect(q.longestWaitMs).to.equal(20 * MIN);
    expect(buildQueue([], 0).averageWaitMs).to.equal(null);
  });

  it('keeps one state per order id when an order arrives twice', () => {
    expect(foldOrders([order('a', 0), order('a', 0)], [])).to.have.length(1);
  });

  it('hands out short pickup numbers, wrapping and skipping active ones', () => {
    expect(nextPickupNumber([])).to.equal(1);
    const states = foldOrders(
      [order('a', 0), order('b', 1)],
      [ev('a', 'received', 1, { pickupNumber: 99 }), ev('b', 'received', 0, { pickupNumber: 1 })],
    );
    // Last assigned is 99 → wraps to 1, which is in use by b → 2.
    expect(nextPickupNumber(states)).to.equal(2);
  });

  it('validates order and status event content', () => {
    const good = { localId: 'x1', lines: [{ itemId: 'mate', name: 'Club-Mate', quantity: 1, unitPrice: 300 }], total: 300, currency: 'EUR' };
    expect(parseOrderContent(good).ok).to.equal(true);
    expect(parseOrderContent({ ...good, lines: [] })).to.deep.equal({ ok: false, error: 'lines: expected 1–50 lines' });
    expect(parseOrderContent({ ...good, total: -1 }).ok).to.equal(false);
    expect(parseStatusContent({ status: 'ready', pickupNumber: 42 })).to.deep.equal({ ok: true, content: { status: 'ready', pickupNumber: 42 } });
    expect(parseStatusContent({ status: 'eaten' }).ok).to.equal(false);
    expect(parseStatusContent({ status: 'ready', pickupNumber: 0 }).ok).to.equal(false);
  });
});
