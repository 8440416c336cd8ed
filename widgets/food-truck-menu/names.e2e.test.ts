import { expect } from '@open-wc/testing';
import type { IWidget } from 'matrix-widget-api';
import type { DevroomFoodTruckMenu } from '../../components/food-truck-menu/food-truck-menu.js';
import { sampleMenuJson } from '../../components/food-truck-menu/test-fixtures.js';
import { DEVROOM_EVENT_LEVELS } from '../../host-tools/apply/power.js';
import { MemoryRoom } from '../room/memory-room.js';
import { widgetUrlTemplate } from '../runtime/params.js';
import { EventTypes } from '../schema/namespace.js';
import { approveAll } from '../testing/driver.js';
import { WidgetHost } from '../testing/host.js';
import { waitFor } from '../../test/support/wait-for.js';

const ADMIN = '@admin:example.org';
const VENDOR = '@vendor:example.org';
const ANA = '@ana:example.org';
const MALLORY = '@mallory:evil.example';
const PAGE = new URL('/widgets/food-truck-menu.html', location.href).toString();

const hosts: WidgetHost[] = [];
afterEach(() => {
  for (const host of hosts.splice(0)) {
    const container = host.element.parentElement;
    host.stop();
    container?.remove();
  }
});

/** Who ordered, per order card, as the vendor sees it: text clipped out of sight (the id on demand) left out. */
function whoOrdered(el: DevroomFoodTruckMenu): string[] {
  return [...el.shadowRoot!.querySelectorAll('.queue .order-head > span:not(.muted)')].map((span) => {
    const walker = span.ownerDocument.createTreeWalker(span, NodeFilter.SHOW_TEXT);
    let text = '';
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.parentElement!.getBoundingClientRect().width > 1) text += node.textContent;
    return text.replace(/\s+/g, ' ').trim();
  });
}

describe("food truck: the vendor's queue names who ordered (Element's rules)", function () {
  this.timeout(20_000);

  it('the name, the id on focus, a rename live; a look-alike and an id-like name show ids', async () => {
    const room = new MemoryRoom({ creator: ADMIN, powerLevels: { users: { [VENDOR]: 50 }, events: { ...DEVROOM_EVENT_LEVELS } } });
    room.join(VENDOR, { displayName: 'Vera Vendor' });
    room.join(ANA, { displayName: 'Ana Lima' });
    room.join(MALLORY, { displayName: 'Mallory' });
    const menu = sampleMenuJson() as ReturnType<typeof sampleMenuJson> & Record<string, unknown>;
    const now = Date.now();
    menu.openingHours = [{ opens: new Date(now - 3_600_000).toISOString(), closes: new Date(now + 10 * 3_600_000).toISOString() }];
    menu.ordering = { open: true, closesAt: new Date(now + 9 * 3_600_000).toISOString() };
    room.setState(EventTypes.menu, '', menu, VENDOR);

    const container = document.createElement('div');
    document.body.append(container);
    const widget: IWidget = { id: 'menu-names', creatorUserId: ADMIN, type: 'dev.devroom.menu', name: 'Food truck', url: widgetUrlTemplate(PAGE), waitForIframeLoad: false };
    const host = new WidgetHost({ room, userId: VENDOR, container, approve: approveAll, storage: null, widgets: [widget] }).start();
    hosts.push(host);
    const el = await waitFor(() => host.mounted(widget.id)?.iframe.contentDocument?.querySelector('devroom-food-truck-menu') ?? undefined, 'the element');
    // The vendor's widget opens ordering (the root) by itself.
    const rootId = await waitFor(() => room.getState(EventTypes.root, 'orders')[0]?.content.event_id as string | undefined, 'the orders root');
    const order = { lines: [{ itemId: 'mate', name: 'Club-Mate', quantity: 1, unitPrice: 300, choices: [] }], total: 300, currency: 'EUR', 'm.relates_to': { rel_type: 'm.reference', event_id: rootId } };
    await room.as(ANA).sendEvent(EventTypes.order, { localId: 'a1', ...order });
    const tab = await waitFor(() => [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('Orders (1)')), 'the Orders tab');
    tab.click();
    await waitFor(() => whoOrdered(el).includes('Ana Lima'), 'Ana by name');

    const name = el.shadowRoot!.querySelector<HTMLElement>('.queue .person')!;
    expect(name.title).to.equal(ANA);
    name.focus();
    expect(whoOrdered(el)).to.deep.equal([`Ana Lima (${ANA})`]);
    name.blur();

    room.join(ANA, { displayName: 'Ana' });
    await waitFor(() => whoOrdered(el).includes('Ana'), 'the rename');

    room.join(MALLORY, { displayName: 'ANA' });
    await room.as(MALLORY).sendEvent(EventTypes.order, { localId: 'm1', ...order });
    await waitFor(() => whoOrdered(el).includes(`Ana (${ANA})`) && whoOrdered(el).includes(`ANA (${MALLORY})`), 'both with their ids');

    room.join(MALLORY, { displayName: ANA });
    await waitFor(() => whoOrdered(el).includes(MALLORY) && whoOrdered(el).includes('Ana'), 'the id for an id-like name');
  });
});
