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
import type { CapabilityApprover } from '../testing/driver.js';
import { READ_MEMBERS } from '../shared/read-members.js';
import { waitFor } from '../../test/support/wait-for.js';

/**
 * Issue #17: the stand's staff list names people as Element does (docs/security.md, "People's
 * names"), for every visitor: a member by their room display name (the id on hover, on focus and
 * for screen readers; "Name (@id)" when names look alike), never by the name the host typed into
 * the stand, which could be anyone's. Someone whose member event the client does not hold shows
 * by the typed name with the id always beside it. Through the real page and an Element-like host.
 */

const ADMIN = '@admin:example.org';
const ANN = '@ann:example.org'; // stand staff (power 50)
const BO = '@bo:example.org';
const MALLORY = '@mallory:evil.example';
const CARL = '@carl:example.org'; // listed, but no member event the client holds
const ALICE = '@alice:example.org'; // the visitor

const hosts: { host: WidgetHost; container: HTMLElement }[] = [];
afterEach(() => {
  for (const { host, container } of hosts.splice(0)) {
    host.stop();
    container.remove();
  }
});

/** The staff list's names as a person sees them: text clipped out of sight (the id on demand) left out. */
function seen(el: DevroomStandBooth): string[] {
  return [...el.shadowRoot!.querySelectorAll('[part~="people"] li.staff-member strong')].map((line) => {
    const walker = line.ownerDocument.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    let text = '';
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.parentElement!.getBoundingClientRect().width > 1) text += node.textContent;
    return text.replace(/\s+/g, ' ').trim();
  });
}

/** What a screen reader reads for each name: all of its text (clipped text too), nothing aria-hidden. */
function heard(el: DevroomStandBooth): string[] {
  return [...el.shadowRoot!.querySelectorAll('[part~="people"] li.staff-member strong')].map((line) => (line.textContent ?? '').replace(/\s+/g, ' ').trim());
}

async function visitorBooth(room: MemoryRoom, approve: CapabilityApprover = approveAll): Promise<DevroomStandBooth> {
  const container = document.createElement('div');
  document.body.append(container);
  const page = new URL('/widgets/stand-booth.html', location.href).toString();
  const widget: IWidget = { id: `stand-staff-names-${hosts.length}`, creatorUserId: ADMIN, type: 'dev.devroom.stand', name: 'Stand', url: widgetUrlTemplate(page), waitForIframeLoad: false };
  const host = new WidgetHost({ room, userId: ALICE, container, approve, storage: null, widgets: [widget] }).start();
  hosts.push({ host, container });
  return waitFor(() => host.mounted(widget.id)?.iframe.contentDocument?.querySelector('devroom-stand-booth') ?? undefined, 'booth element');
}

function staffRoom(): MemoryRoom {
  const room = new MemoryRoom({ creator: ADMIN, powerLevels: { users: { [ANN]: 50 }, events: { ...DEVROOM_EVENT_LEVELS } } });
  room.join(ANN, { displayName: 'Ann Lee' });
  room.join(BO, { displayName: 'Bo' });
  room.join(MALLORY, { displayName: 'Mallory' });
  room.join(ALICE, { displayName: 'Alice' });
  const staff = [
    { userId: ANN, name: 'Ann', role: 'Maintainer' },
    // The host typed Bo's name for Mallory: she must not pass as Bo.
    { userId: MALLORY, name: 'Bo', role: 'Release manager' },
    { userId: CARL, name: 'Bo' },
  ];
  room.setState(EventTypes.stand, '', { ...sampleStand(), staff }, ANN);
  return room;
}

describe("stand booth: the staff list names people by the room's names (Element's rules)", function () {
  this.timeout(15000);

  it('display names, not typed ones; the id on focus and for screen readers; look-alikes and unknown members with their ids', async () => {
    const room = staffRoom();
    const el = await visitorBooth(room);
    await waitFor(() => seen(el)[0] === 'Ann Lee', 'Ann by her display name');
    expect(seen(el)).to.deep.equal(['Ann Lee', 'Mallory', `Bo (${CARL})`]);
    expect(heard(el)).to.deep.equal([`Ann Lee (${ANN})`, `Mallory (${MALLORY})`, `Bo (${CARL})`]);
    // The role the host typed stays: it adds what the name does not say.
    const roles = [...el.shadowRoot!.querySelectorAll('[part~="people"] li .role')].map((r) => r.textContent);
    expect(roles).to.deep.equal(['Maintainer', 'Release manager']);

    const ann = el.shadowRoot!.querySelector<HTMLElement>('[part~="people"] li .person')!;
    expect(ann.title).to.equal(ANN);
    ann.focus();
    expect(seen(el)[0]).to.equal(`Ann Lee (${ANN})`);
    ann.blur();

    // Mallory takes a name that looks like Ann's: both show with their ids.
    room.join(MALLORY, { displayName: 'ANN LEE' });
    await waitFor(() => seen(el)[1] === `ANN LEE (${MALLORY})`, 'the look-alike with her id');
    expect(seen(el)).to.deep.equal([`Ann Lee (${ANN})`, `ANN LEE (${MALLORY})`, `Bo (${CARL})`]);

    // Once Carl joins, his own name.
    room.join(CARL, { displayName: 'Carl' });
    await waitFor(() => seen(el)[2] === 'Carl', "Carl's own name");
  });

  it("without the member capability: the stand's names, each with its id beside it", async () => {
    const room = staffRoom();
    const noNames: CapabilityApprover = async (requested) => new Set([...requested].filter((c) => c !== READ_MEMBERS));
    const el = await visitorBooth(room, noNames);
    await waitFor(() => seen(el).length === 3, 'the staff list');
    await new Promise((r) => setTimeout(r, 300));
    expect(seen(el)).to.deep.equal([`Ann (${ANN})`, `Bo (${MALLORY})`, `Bo (${CARL})`]);
    expect(heard(el)).to.deep.equal([`Ann (${ANN})`, `Bo (${MALLORY})`, `Bo (${CARL})`]);
    // Who is at the booth says the same.
    room.setState(EventTypes.standPresence, MALLORY, { present: true, since: Date.now() }, MALLORY);
    const atBooth = () => el.shadowRoot!.querySelector('[part~="people"] p')!.textContent;
    await waitFor(() => atBooth()!.startsWith('At the booth now'), 'Mallory at the booth');
    expect(atBooth()).to.equal(`At the booth now: Bo (${MALLORY})`);
  });
});
