import { expect } from '@open-wc/testing';
import type { IWidget } from 'matrix-widget-api';
import { sampleStand } from '../../components/stand-booth/test-fixtures.js';
import type { DevroomStandBooth } from '../../components/stand-booth/stand-booth.js';
import { DEVROOM_EVENT_LEVELS } from '../../host-tools/apply/power.js';
import { MemoryRoom } from '../room/memory-room.js';
import { widgetUrlTemplate } from '../runtime/params.js';
import { EventTypes } from '../schema/namespace.js';
import { WidgetHost } from '../testing/host.js';
import { approveAll } from '../testing/driver.js';
import { createRoot } from '../shared/create-root.js';
import { waitFor } from '../../test/support/wait-for.js';

const ADMIN = '@admin:example.org';
const ANN = '@ann:example.org'; // stand staff (power 50)
const VERA = '@vera:example.org';
const MALLORY = '@mallory:evil.example';

const hosts: { host: WidgetHost; container: HTMLElement }[] = [];
afterEach(() => {
  for (const { host, container } of hosts.splice(0)) {
    host.stop();
    container.remove();
  }
});

/** The incoming requests' "From …" lines as a person sees them: text clipped out of sight (the id on demand) left out. */
function fromLines(el: DevroomStandBooth): string[] {
  const contact = el.shadowRoot!.querySelector('devroom-stand-contact');
  const lines = [...(contact?.shadowRoot?.querySelectorAll('[part="incoming-requests"] li strong') ?? [])];
  return lines.map((line) => {
    const walker = line.ownerDocument.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    let text = '';
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.parentElement!.getBoundingClientRect().width > 1) text += node.textContent;
    return text.replace(/\s+/g, ' ').trim();
  });
}

async function staffBooth(room: MemoryRoom): Promise<DevroomStandBooth> {
  const container = document.createElement('div');
  document.body.append(container);
  const page = new URL('/widgets/stand-booth.html', location.href).toString();
  const widget: IWidget = { id: `stand-names-${hosts.length}`, creatorUserId: ADMIN, type: 'dev.devroom.stand', name: 'Stand', url: widgetUrlTemplate(page), waitForIframeLoad: false };
  const host = new WidgetHost({ room, userId: ANN, container, approve: approveAll, storage: null, widgets: [widget] }).start();
  hosts.push({ host, container });
  return waitFor(() => host.mounted(widget.id)?.iframe.contentDocument?.querySelector('devroom-stand-booth') ?? undefined, 'booth element');
}

describe("stand booth: staff see who left a contact request by name (Element's rules)", function () {
  this.timeout(15000);

  it('the name, the id on focus, a rename live; a look-alike name and an id-like name', async () => {
    const room = new MemoryRoom({ creator: ADMIN, powerLevels: { users: { [ANN]: 50 }, events: { ...DEVROOM_EVENT_LEVELS } } });
    room.join(ANN, { displayName: 'Ann' });
    room.join(VERA, { displayName: 'Vera Visitor' });
    room.join(MALLORY, { displayName: 'Mallory' });
    room.setState(EventTypes.stand, '', sampleStand(), ANN);
    const root = await createRoot(room.as(ANN), 'contacts', 'Contacts');
    const rel = { rel_type: 'm.reference', event_id: root.eventId };
    await room.as(VERA).sendEvent(EventTypes.contactRequest, { localId: 'c-v', message: 'Slides, please', 'm.relates_to': rel });
    const el = await staffBooth(room);
    await waitFor(() => fromLines(el).includes('From Vera Visitor'), 'From Vera Visitor');

    const contact = el.shadowRoot!.querySelector('devroom-stand-contact')!;
    const name = contact.shadowRoot!.querySelector<HTMLElement>('[part="incoming-requests"] .person')!;
    expect(name.title).to.equal(VERA);
    name.focus();
    expect(fromLines(el)).to.deep.equal([`From Vera Visitor (${VERA})`]);
    name.blur();

    room.join(VERA, { displayName: 'Vera' });
    await waitFor(() => fromLines(el).includes('From Vera'), 'the rename');

    // Mallory takes a name that looks like Vera's, then asks too: both show with their ids.
    room.join(MALLORY, { displayName: 'VERA' });
    await room.as(MALLORY).sendEvent(EventTypes.contactRequest, { localId: 'c-m', message: 'Me too', 'm.relates_to': rel });
    await waitFor(() => fromLines(el).length === 2, 'both requests');
    await waitFor(() => fromLines(el).includes(`From Vera (${VERA})`) && fromLines(el).includes(`From VERA (${MALLORY})`), 'both with their ids');

    room.join(MALLORY, { displayName: VERA });
    await waitFor(() => fromLines(el).includes(`From ${MALLORY}`) && fromLines(el).includes('From Vera'), 'the id for an id-like name');
  });
});
