import { expect } from '@open-wc/testing';
import type { IWidget } from 'matrix-widget-api';
import { sampleStand } from '../../components/stand-booth/test-fixtures.js';
import type { DevroomStandBooth } from '../../components/stand-booth/stand-booth.js';
import { DEVROOM_EVENT_LEVELS } from '../../host-tools/apply/power.js';
import { MemoryRoom } from '../room/memory-room.js';
import { widgetUrlTemplate } from '../runtime/params.js';
import { capabilityList } from '../runtime/capabilities.js';
import { EventTypes } from '../schema/namespace.js';
import { WidgetHost } from '../testing/host.js';
import type { MountedWidget } from '../testing/host.js';
import { approveAll } from '../testing/driver.js';
import type { CapabilityApprover } from '../testing/driver.js';
import { createRoot } from '../shared/create-root.js';
import { standCapabilities } from './capabilities.js';
import { waitFor } from '../../test/support/wait-for.js';
import { visibleText } from '../../test/support/visible-text.js';

const ADMIN = '@admin:example.org';
const ANN = '@ann:example.org'; // stand staff (power 50)
const BO = '@bo:example.org'; // stand staff (power 50)
const ALICE = '@alice:example.org';
const BOB = '@bob:example.org';
const FAKE_JITSI = '/test/fixtures/jitsi/external_api.js';
const READ_RELATIONS = 'action:org.matrix.msc3869.read_relations';

function standRoom(): MemoryRoom {
  const room = new MemoryRoom({ creator: ADMIN, powerLevels: { users: { [ANN]: 50, [BO]: 50 }, events: { ...DEVROOM_EVENT_LEVELS } } });
  room.join(ANN, { displayName: 'Ann' });
  room.join(BO, { displayName: 'Bo' });
  room.join(ALICE, { displayName: 'Alice' });
  room.join(BOB, { displayName: 'Bob' });
  room.setState(EventTypes.stand, '', sampleStand(), ANN);
  return room;
}

/** Each simulated person gets their own widget id: two ClientWidgetApis with one id on a page hear each other's iframes. */
let widgetCount = 0;
function standWidget(): IWidget {
  const page = new URL('/widgets/stand-booth.html', location.href).toString();
  return {
    id: `stand-${++widgetCount}`,
    creatorUserId: ADMIN,
    type: 'dev.devroom.stand',
    name: 'Stand',
    url: widgetUrlTemplate(page, { dataKeys: ['jitsiScriptUrl'] }),
    waitForIframeLoad: false,
    data: { jitsiScriptUrl: FAKE_JITSI },
  };
}

const hosts: { host: WidgetHost; container: HTMLElement }[] = [];
afterEach(() => {
  for (const { host, container } of hosts.splice(0)) {
    host.stop();
    container.remove();
  }
});

function open(room: MemoryRoom, userId: string, approve: CapabilityApprover = approveAll): { host: WidgetHost; mounted: () => MountedWidget } {
  const container = document.createElement('div');
  document.body.append(container);
  const widget = standWidget();
  const host = new WidgetHost({ room, userId, container, approve, storage: null, widgets: [widget] }).start();
  hosts.push({ host, container });
  return { host, mounted: () => host.mounted(widget.id)! };
}


const text = visibleText;

/** Finds an element through shadow roots. */
function find<T extends Element>(node: ParentNode, selector: string): T | undefined {
  const direct = node.querySelector<T>(selector);
  if (direct) return direct;
  for (const el of node.querySelectorAll('*')) {
    if (el.shadowRoot) {
      const inner = find<T>(el.shadowRoot, selector);
      if (inner) return inner;
    }
  }
  return undefined;
}

async function booth(mounted: MountedWidget, until?: (text: string) => boolean): Promise<DevroomStandBooth> {
  const el = await waitFor(() => mounted.iframe.contentDocument?.querySelector('devroom-stand-booth'), 'booth element');
  await waitFor(() => text(el).includes('Kitten Linux') && (!until || until(text(el))), 'booth content');
  await el.updateComplete;
  return el;
}

const button = (el: Element, part: string) => waitFor(() => find<HTMLButtonElement>(el.shadowRoot!, `[part~="${part}"]`), part);

function type(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

async function leaveContact(el: DevroomStandBooth, message: string, contact = ''): Promise<void> {
  const message$ = await waitFor(() => find<HTMLTextAreaElement>(el.shadowRoot!, '#message'), 'message field');
  type(message$, message);
  if (contact) type(find<HTMLInputElement>(el.shadowRoot!, '#contact')!, contact);
  (await button(el, 'send-button')).click();
}

const contactEvents = (room: MemoryRoom) => room.timeline.filter((e) => e.type === EventTypes.contactRequest);

async function seedContacts(room: MemoryRoom): Promise<string> {
  const root = await createRoot(room.as(ANN), 'contacts', 'Contact requests for Kitten Linux');
  const rel = { rel_type: 'm.reference', event_id: root.eventId };
  const a = await room.as(ALICE).sendEvent(EventTypes.contactRequest, { localId: 'c-a1', message: 'Do you ship to Ghent?', contact: 'alice@example.org', 'm.relates_to': rel });
  await room.as(BOB).sendEvent(EventTypes.contactRequest, { localId: 'c-b1', message: 'Can I help with docs?', 'm.relates_to': rel });
  await room.as(BOB).sendEvent(EventTypes.contactRequest, { localId: 'c-b2', message: 'Is there an ARM build?', 'm.relates_to': rel });
  // A status from a visitor (say, sent while the room had other power levels) is not trusted.
  room.inject(EventTypes.contactStatus, { request: a, status: 'answered', 'm.relates_to': rel }, BOB);
  return root.eventId;
}

describe('stand booth widget (through the Element-like host)', () => {
  it('renders the stand from room state with bounded startup requests (visitor vs staff)', async () => {
    const room = standRoom();
    await seedContacts(room);
    const visitor = open(room, ALICE);
    let visitorReads = 0;
    visitor.mounted().api.on(READ_RELATIONS, () => visitorReads++);
    const el = await booth(visitor.mounted(), (t) => t.includes('Do you ship to Ghent?'));
    const seen = text(el);
    expect(seen).to.contain('A tiny distribution for old laptops');
    expect(seen).to.contain('under five seconds');
    expect(seen).to.contain('Nobody is at the booth right now.');
    // Alice's own request, not yet answered: Bob's "answered" is not from staff.
    expect(seen).to.contain('Sent — the team will get back to you');
    expect(seen).not.to.contain('Can I help with docs?');
    expect(find(el.shadowRoot!, '[part~="edit-button"]')).to.equal(undefined);
    expect(find(el.shadowRoot!, '[part~="presence-toggle"]')).to.equal(undefined);
    // One relations page: the requests and their statuses (2 before statuses related to the root).
    await new Promise((r) => setTimeout(r, 100));
    expect(visitorReads).to.equal(1);
    // axe runs in the component tests (it cannot reach into another realm's iframe here).

    const staff = open(room, ANN);
    let staffReads = 0;
    staff.mounted().api.on(READ_RELATIONS, () => staffReads++);
    const staffEl = await booth(staff.mounted(), (t) => t.includes('Is there an ARM build?'));
    expect(text(staffEl)).to.contain('Can I help with docs?');
    expect(text(staffEl)).to.contain('alice@example.org');
    await button(staffEl, 'edit-button');
    await button(staffEl, 'presence-toggle');
    await new Promise((r) => setTimeout(r, 100));
    // One page, whatever the number of requests (4 before: the requests page + one read per request).
    expect(staffReads).to.equal(1);
  });

  it('updates every viewer live when staff edit the stand; invalid state never replaces the last good one', async () => {
    const room = standRoom();
    const visitorEl = await booth(open(room, ALICE).mounted());
    const staffEl = await booth(open(room, ANN).mounted());
    (await button(staffEl, 'edit-button')).click();
    const tagline = await waitFor(() => find<HTMLInputElement>(staffEl.shadowRoot!, '#f-tagline'), 'tagline field');
    type(tagline, 'Now with a graphical installer');
    (await button(staffEl, 'save-button')).click();
    await waitFor(() => text(visitorEl).includes('Now with a graphical installer'), 'visitor sees the edit');
    const state = room.getState(EventTypes.stand, '')[0]!;
    expect(state.sender).to.equal(ANN);
    expect(state.content.tagline).to.equal('Now with a graphical installer');

    // Someone with power writes garbage: dropped with a warning, the booth stays.
    room.setState(EventTypes.stand, '', { name: 42, links: 'nope' }, BO);
    await new Promise((r) => setTimeout(r, 200));
    expect(text(visitorEl)).to.contain('Now with a graphical installer');
    expect(find(visitorEl.shadowRoot!, '[part~="error"]')).to.equal(undefined);
  });

  it('staff set and clear their own presence; nobody can set it for someone else; stale presence expires', async () => {
    const room = standRoom();
    // Bo said "here" 13 hours ago and never left: stale.
    room.setState(EventTypes.standPresence, BO, { present: true, since: Date.now() - 13 * 3600_000 }, BO);
    const visitorEl = await booth(open(room, ALICE).mounted());
    expect(text(visitorEl)).to.contain('Nobody is at the booth right now.');
    const staffEl = await booth(open(room, ANN).mounted());
    const toggle = await button(staffEl, 'presence-toggle');
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    toggle.click();
    await waitFor(() => text(visitorEl).includes('At the booth now: Ann'), 'visitor sees Ann');
    expect(room.getState(EventTypes.standPresence, ANN)[0]!.content.present).to.equal(true);
    await waitFor(() => toggle.getAttribute('aria-pressed') === 'true', 'toggle pressed');
    toggle.click();
    await waitFor(() => text(visitorEl).includes('Nobody is at the booth right now.'), 'Ann left');

    // Alice cannot write Ann's (or Bob's) presence: the server refuses, and her UI has no way to try.
    for (const key of [ANN, BOB]) {
      let code = '';
      await room.as(ALICE).sendState(EventTypes.standPresence, key, { present: true, since: Date.now() }).catch((e: { code: string }) => (code = e.code));
      expect(code).to.equal('M_FORBIDDEN');
    }
    expect(find(visitorEl.shadowRoot!, '[part~="presence-toggle"]')).to.equal(undefined);
    // Presence of someone who is not stand staff is never shown.
    await room.as(BOB).sendState(EventTypes.standPresence, BOB, { present: true, since: Date.now() });
    await new Promise((r) => setTimeout(r, 200));
    expect(text(visitorEl)).to.contain('Nobody is at the booth right now.');
  });

  it('contact request round trip: visitor sends, staff mark answered, visitor sees answered', async () => {
    const room = standRoom();
    await createRoot(room.as(ANN), 'contacts', 'Contacts');
    const visitorEl = await booth(open(room, ALICE).mounted());
    const staffEl = await booth(open(room, ANN).mounted());
    await leaveContact(visitorEl, 'Please send me the slides', 'alice@example.org');
    await waitFor(() => text(visitorEl).includes('Sent — the team will get back to you'), 'sent');
    const [event] = contactEvents(room);
    expect(event!.sender).to.equal(ALICE);
    expect(event!.content).to.include({ message: 'Please send me the slides', contact: 'alice@example.org' });

    await waitFor(() => text(staffEl).includes('Please send me the slides'), 'staff see the request');
    expect(text(staffEl)).to.contain(ALICE);
    (await button(staffEl, 'status-button')).click();
    await waitFor(() => text(visitorEl).includes('Answered'), 'visitor sees answered');
    const status = room.timeline.find((e) => e.type === EventTypes.contactStatus)!;
    expect(status.sender).to.equal(ANN);
    // Relates to the root the request hangs off, and names the request.
    expect(status.content['m.relates_to']).to.deep.equal(event!.content['m.relates_to']);
    expect(status.content.request).to.equal(event!.event_id);
  });

  it('a failed send offers retry; the retry (and a duplicate delivery) count exactly once', async () => {
    const room = standRoom();
    await createRoot(room.as(ANN), 'contacts', 'Contacts');
    const el = await booth(open(room, ALICE).mounted());
    room.failNext('M_LIMIT_EXCEEDED', { op: 'send', type: EventTypes.contactRequest });
    await leaveContact(el, 'Is the ISO signed?');
    await waitFor(() => text(el).includes('Could not be sent'), 'failed');
    expect(text(el)).to.contain('too many requests');
    expect(contactEvents(room)).to.have.length(0);
    (await button(el, 'retry-button')).click();
    await waitFor(() => text(el).includes('Sent — the team will get back to you'), 'sent after retry');
    expect(contactEvents(room)).to.have.length(1);

    // A retry that reached the server twice (timeout, then retry): still one request.
    const [first] = contactEvents(room);
    await room.as(ALICE).sendEvent(EventTypes.contactRequest, { ...first!.content });
    await new Promise((r) => setTimeout(r, 200));
    expect(text(el).match(/Is the ISO signed\?/g)).to.have.length(1);
  });

  it('the first staff member to open it creates the contacts root; visitors before that see no form', async () => {
    const room = standRoom();
    const visitorEl = await booth(open(room, ALICE).mounted());
    await new Promise((r) => setTimeout(r, 200));
    expect(find(visitorEl.shadowRoot!, 'devroom-stand-contact')).to.equal(undefined);
    await booth(open(room, ANN).mounted());
    await waitFor(() => room.getState(EventTypes.root, 'contacts')[0], 'root state');
    const notice = room.timeline.find((e) => e.type === 'm.room.message')!;
    expect(notice.content.msgtype).to.equal('m.notice');
    expect(notice.sender).to.equal(ANN);
    // The visitor's widget notices the root and opens the form.
    await waitFor(() => find(visitorEl.shadowRoot!, '#message'), 'contact form for the visitor');
  });

  it('says it is loading while the person answers the permission prompt, and "not set up yet" only in a room without a stand', async () => {
    let decide: (() => void) | undefined;
    const asking: CapabilityApprover = (requested) => new Promise((resolve) => (decide = () => resolve(new Set(requested))));
    const visitor = open(standRoom(), ALICE, asking);
    await waitFor(() => decide, 'the permission prompt');
    const el = await waitFor(() => visitor.mounted().iframe.contentDocument?.querySelector('devroom-stand-booth'), 'booth element');
    await el.updateComplete;
    expect(text(el)).to.contain('Loading the stand…');
    expect(text(el)).not.to.contain('not been set up');
    decide!();
    await booth(visitor.mounted());
    expect(text(el)).not.to.contain('Loading');

    const bare = new MemoryRoom({ creator: ADMIN, powerLevels: { users: { [ANN]: 50 }, events: { ...DEVROOM_EVENT_LEVELS } } });
    bare.join(ALICE, { displayName: 'Alice' });
    const empty = open(bare, ALICE);
    const emptyEl = await waitFor(() => empty.mounted().iframe.contentDocument?.querySelector('devroom-stand-booth'), 'booth element');
    await waitFor(() => text(emptyEl).includes('This stand has not been set up yet.'), 'the empty state');
    expect(text(emptyEl)).not.to.contain('Loading');
  });

  it('works with only the required capabilities: staff controls hide instead of blocking', async () => {
    const room = standRoom();
    await createRoot(room.as(ANN), 'contacts', 'Contacts');
    const required = new Set(capabilityList(standCapabilities(ANN)).required);
    const onlyRequired: CapabilityApprover = async (requested) => new Set([...requested].filter((c) => required.has(c)));
    const el = await booth(open(room, ANN, onlyRequired).mounted());
    await new Promise((r) => setTimeout(r, 200));
    expect(find(el.shadowRoot!, '[part~="edit-button"]')).to.equal(undefined);
    expect(find(el.shadowRoot!, '[part~="presence-toggle"]')).to.equal(undefined);
    expect(find(el.shadowRoot!, '#message')).not.to.equal(undefined);
  });

  it('shows an mxc:// logo through the client (MSC4039 download_file) as a blob: URL', async () => {
    const room = standRoom();
    const { mounted } = open(room, ALICE);
    const downloads: string[] = [];
    mounted().driver.downloadFile = async (uri: string) => {
      downloads.push(uri);
      const png = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='), (c) => c.charCodeAt(0));
      return { file: new Blob([png], { type: 'image/png' }) };
    };
    const el = await booth(mounted());
    const logo = await waitFor(() => find<HTMLImageElement>(el.shadowRoot!, 'img[part="logo"]'), 'logo image');
    expect(logo.src).to.match(/^blob:/);
    expect(downloads).to.deep.equal(['mxc://example.org/abcDEF123']);
  });

  it('joins and leaves the video booth with the fake Jitsi, with the Matrix display name', async () => {
    const room = standRoom();
    const { mounted } = open(room, ALICE);
    const el = await booth(mounted());
    (await button(el, 'join-button')).click();
    const win = mounted().iframe.contentWindow as Window & { __fakeJitsi?: { instances: { options: { roomName: string; userInfo?: { displayName?: string } }; domain: string }[] } };
    const api = await waitFor(() => win.__fakeJitsi?.instances[0], 'Jitsi API');
    expect(api.domain).to.equal('meet.example.org');
    expect(api.options.roomName).to.equal('KittenLinuxBooth');
    expect(api.options.userInfo?.displayName).to.equal('Alice');
    await waitFor(() => find(el.shadowRoot!, '[part~="jitsi"] iframe'), 'Jitsi frame');
    (await button(el, 'leave-button')).click();
    await waitFor(() => find(el.shadowRoot!, '[part~="join-button"]'), 'back to the booth');
    expect(find(el.shadowRoot!, '[part~="jitsi"]')).to.equal(undefined);
  });

  it('renders from `src` on a plain page with no Matrix', async () => {
    const iframe = document.createElement('iframe');
    // The dev page opened directly (no widgetId/parentUrl): standalone mode with ?src=.
    iframe.src = `/widgets/stand-booth.html#src=${encodeURIComponent('/test/fixtures/stand/kitten.json')}`;
    document.body.append(iframe);
    try {
      const el = await waitFor(() => iframe.contentDocument?.querySelector('devroom-stand-booth'), 'standalone booth');
      await waitFor(() => text(el).includes('Kitten Linux'), 'stand from src');
      expect(el.interactive).to.equal(false);
      expect(find(el.shadowRoot!, '#message')).to.equal(undefined);
    } finally {
      iframe.remove();
    }
  });
});
