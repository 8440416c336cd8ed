import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import '../../components/qa-queue/define.js';
import type { DevroomQaQueue } from '../../components/qa-queue/qa-queue.js';
import { DEVROOM_EVENT_LEVELS } from '../../host-tools/apply/power.js';
import { afterTest, mount } from '../../test/support/cleanup.js';
import { MemoryRoom } from '../room/memory-room.js';
import type { Room } from '../room/room.js';
import { EventTypes } from '../schema/namespace.js';
import { unsentKey } from '../shared/unsent.js';
import { bindQaQueue } from './binding.js';

/**
 * Issue #14.3 in a room with a schedule (#16): a question asked in talk A and kept in this browser
 * is talk A's. After a reload in talk B, one that reached A's root is not offered again; one that
 * never arrived is offered saying so, and goes to A's root on Retry.
 */
const MOD = '@mo:localhost';
const ALICE = '@alice:localhost';
const MIN = 60_000;
const T0 = new Date(new Date().setHours(10, 0, 0, 0)).getTime();
const iso = (ms: number) => new Date(ms).toISOString();
const TALKS = ['a', 'b'].map((id, i) => ({ id, title: `Talk ${id.toUpperCase()}`, speakers: [], startsAt: iso(T0 + (i ? i * 10 : 1) * MIN), endsAt: iso(T0 + (i + 1) * 10 * MIN) }));

const rowTexts = (el: DevroomQaQueue) => [...el.shadowRoot!.querySelectorAll('[part~="question"] .text')].map((p) => p.textContent!.trim());
const task = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });
async function settle(el: DevroomQaQueue, tasks = 200): Promise<void> {
  for (let i = 0; i < tasks; i++) {
    await task();
    await el.updateComplete;
  }
}

describe('Q&A per talk: an unsent question after a reload in the next talk', function () {
  this.timeout(20000);
  let clock: sinon.SinonFakeTimers | undefined;
  afterEach(() => clock?.restore());

  /** Talk A is on; Alice asks, and the page goes while the send is on its way (its reply never comes back). */
  async function askAndLeave() {
    const room = new MemoryRoom({ creator: MOD, powerLevels: { events: { ...DEVROOM_EVENT_LEVELS } } });
    room.join(ALICE);
    room.setState(EventTypes.schedule, '', { talks: TALKS });
    const roots = new Map<string, string>();
    for (const t of TALKS) {
      const id = room.inject('m.room.message', { msgtype: 'm.notice', body: `Q&A — ${t.title}` }, MOD).event_id;
      room.setState(EventTypes.root, `qa:${t.id}`, { event_id: id }, MOD);
      roots.set(t.id, id);
    }
    const view = room.as(ALICE);
    const key = unsentKey('qa', view);
    localStorage.removeItem(key);
    afterTest(() => localStorage.removeItem(key));
    clock = sinon.useFakeTimers({ now: T0 + 2 * MIN, toFake: ['Date', 'setTimeout', 'clearTimeout'] });

    let inFlight: Parameters<Room['sendEvent']> | undefined;
    const closing = new Proxy(view, {
      get(t, prop) {
        if (prop === 'sendEvent') return (...args: Parameters<Room['sendEvent']>) => ((inFlight = args), new Promise(() => {}));
        const value = Reflect.get(t, prop, t) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(t) : value;
      },
    });
    const first = mount<DevroomQaQueue>('devroom-qa-queue');
    first.lang = 'en';
    const b1 = bindQaQueue(first, closing, { recheckMs: 0 });
    await b1.ready;
    await settle(first);
    const input = first.shadowRoot!.querySelector('textarea#ask') as HTMLTextAreaElement;
    input.value = 'Asked in talk A';
    input.dispatchEvent(new Event('input'));
    await first.updateComplete;
    (first.shadowRoot!.querySelector('[part="ask-button"]') as HTMLButtonElement).click();
    // Sent by a part that loads with the first question (unsent-questions.ts): a real task at a time.
    for (let i = 0; i < 20_000 && !inFlight; i++) await task();
    expect(inFlight, 'the send started').to.not.equal(undefined);
    expect(localStorage.getItem(key), 'kept in the browser').to.contain('Asked in talk A');
    b1.stop();
    first.remove();
    return { room, roots, view, inFlight: inFlight! };
  }

  /** The reload, in talk B. */
  async function reloadInTalkB(view: Room): Promise<DevroomQaQueue> {
    await clock!.tickAsync(10 * MIN);
    const el = mount<DevroomQaQueue>('devroom-qa-queue');
    el.lang = 'en';
    const b2 = bindQaQueue(el, view, { recheckMs: 0 });
    afterTest(() => b2.stop());
    await b2.ready;
    await settle(el);
    expect(el.talk).to.equal('b');
    return el;
  }

  const retryButton = (el: DevroomQaQueue) => [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Retry');
  const copies = (room: MemoryRoom) => room.timeline.filter((e) => e.content.body === 'Asked in talk A');
  const target = (e: { content: Record<string, unknown> }) => (e.content['m.relates_to'] as { event_id: string }).event_id;

  it('one that reached talk A’s root during the reload is not offered again as "Not sent" in talk B', async () => {
    const { room, roots, view, inFlight } = await askAndLeave();
    // The server got it anyway, under talk A's root.
    await view.sendEvent(...inFlight);
    expect(target(copies(room)[0]!)).to.equal(roots.get('a'));

    const el = await reloadInTalkB(view);
    // Whatever a person presses, nothing goes twice and nothing goes to talk B.
    retryButton(el)?.click();
    await settle(el);
    expect(el.shadowRoot!.textContent, 'talk B’s queue').to.not.contain('Not sent');
    expect(rowTexts(el), 'talk A’s question is not talk B’s').to.deep.equal([]);
    expect(copies(room)).to.have.length(1);
  });

  it('one that never arrived is offered in talk B saying it was asked in an earlier talk; Retry sends it to talk A’s root', async () => {
    const { room, roots, view } = await askAndLeave();
    const el = await reloadInTalkB(view);
    expect(el.shadowRoot!.textContent).to.contain('Not sent');
    expect(el.shadowRoot!.textContent).to.contain('Asked during an earlier talk, which has ended.');
    retryButton(el)!.click();
    for (let i = 0; i < 20_000 && !copies(room).length; i++) await task();
    await settle(el);
    expect(copies(room), 'sent once').to.have.length(1);
    expect(target(copies(room)[0]!), 'to talk A’s root').to.equal(roots.get('a'));
    expect(rowTexts(el), 'not talk B’s').to.deep.equal([]);
    expect(el.shadowRoot!.textContent).to.not.contain('Not sent');
  });
});
