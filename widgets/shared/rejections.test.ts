import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { MemoryRoom } from '../room/memory-room.js';
import { waitFor } from '../../test/support/wait-for.js';
import { clearRejections, record as reject, rejections } from './rejection-tally.js';
import { reject as rejectLater } from './rejections.js';
import { StateWatch } from './room-sync.js';

const ADMIN = '@admin:example.org';
const event = (id: string, type = 'dev.devroom.order') => ({ event_id: id, type });

describe('rejections: every dropped event counted with a reason, bounded', () => {
  beforeEach(() => clearRejections());
  afterEach(() => sinon.restore());

  it('reject() loads the tally and records there (the first load carries only reject)', async () => {
    const warn = sinon.stub(console, 'warn');
    rejectLater(event('$later'), 'total: expected a non-negative integer (minor units)');
    await waitFor(() => rejections.total === 1, 'the record');
    expect(rejections.last[0]).to.deep.equal({ eventId: '$later', type: 'dev.devroom.order', reason: 'total: expected a non-negative integer (minor units)' });
    expect(warn.callCount).to.equal(1);
  });

  it('records the event, its type and the reason, and logs one line', () => {
    const warn = sinon.stub(console, 'warn');
    reject(event('$a'), 'lines: expected 1–50 lines');
    expect(rejections.total).to.equal(1);
    expect(rejections.last).to.deep.equal([{ eventId: '$a', type: 'dev.devroom.order', reason: 'lines: expected 1–50 lines' }]);
    expect(warn.callCount).to.equal(1);
    expect(warn.args[0]![0]).to.equal('devroom: dev.devroom.order $a rejected: lines: expected 1–50 lines');
  });

  it('counts by kind of reason (ids masked), with at most 100 kinds and "other"; keeps the last `limit` records', () => {
    sinon.stub(console, 'warn');
    for (let i = 0; i < 120; i++) reject(event(`$e${i}`), `it names $order${i}, not an order under a root we read`);
    expect(rejections.byReason.get('it names …, not an order under a root we read')).to.equal(120);
    for (let i = 0; i < 150; i++) reject(event(`$k${i}`), `kind ${i}`);
    expect(rejections.byReason.size).to.equal(101);
    expect(rejections.byReason.get('other')).to.equal(51);
    expect(rejections.total).to.equal(270);
    expect(rejections.last.length).to.equal(50);
    expect(rejections.last.at(-1)!.eventId).to.equal('$k149');
  });

  it('an event rejected twice (read from history and live) counts once', () => {
    sinon.stub(console, 'warn');
    reject(event('$twice'), 'bad');
    reject(event('$twice'), 'bad');
    expect(rejections.total).to.equal(1);
  });

  it('room data reaches the log without bidi overrides, zero-width or control characters, and cut short', () => {
    const warn = sinon.stub(console, 'warn');
    reject({ event_id: '$x\u202Egnp', type: 'm.room.message\u200B' }, `msgtype ${'\u202E'.repeat(10)}${'A'.repeat(70_000)} is not m.text`);
    const [record] = rejections.last;
    expect(record!.eventId).to.equal('$x\uFFFDgnp');
    expect(record!.type).to.equal('m.room.message\uFFFD');
    expect(record!.reason.length).to.equal(300);
    expect(String(warn.args[0]![0])).not.to.match(/[\u202E\u200B]/);
  });
});

describe('StateWatch with a check: a bad state event is rejected once and never replaces the last good one', () => {
  beforeEach(() => clearRejections());
  afterEach(() => sinon.restore());
  const check = (e: { content: Record<string, unknown> }) => (typeof e.content.n === 'number' ? undefined : 'n: expected a number');

  it('live and in the first read', async () => {
    sinon.stub(console, 'warn');
    const room = new MemoryRoom({ creator: ADMIN });
    const good = room.setState('org.example.s', 'k', { n: 1 });
    room.setState('org.example.s', 'other', { n: 'one' });
    const watch = new StateWatch(room.as(ADMIN), 'org.example.s', undefined, check);
    await watch.ready;
    expect(watch.get('k')?.event_id).to.equal(good.event_id);
    expect(watch.get('other')).to.equal(undefined);
    const bad = room.setState('org.example.s', 'k', { n: 'two' });
    expect(watch.get('k')?.event_id, 'the last good one stays').to.equal(good.event_id);
    await waitFor(() => rejections.total === 2, 'two rejections');
    expect(rejections.last.map((r) => r.eventId)).to.include(bad.event_id);
    watch.stop();
  });

  it('an event that arrives live during the first read and is read there too is judged once', async () => {
    sinon.stub(console, 'warn');
    const room = new MemoryRoom({ creator: ADMIN });
    const watch = new StateWatch(room.as(ADMIN), 'org.example.s', 'k', check);
    // Sent before the read is answered: delivered live (buffered) and returned by the read.
    room.setState('org.example.s', 'k', { n: 'bad' });
    await watch.ready;
    expect(watch.get('k')).to.equal(undefined);
    await new Promise((r) => setTimeout(r, 50));
    expect(rejections.total).to.equal(1);
    watch.stop();
  });
});
