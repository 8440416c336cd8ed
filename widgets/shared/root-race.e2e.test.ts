import { expect } from '@open-wc/testing';
import type { IWidget } from 'matrix-widget-api';
import { sampleStand } from '../../components/stand-booth/test-fixtures.js';
import type { DevroomStandBooth } from '../../components/stand-booth/stand-booth.js';
import { DEVROOM_EVENT_LEVELS } from '../../host-tools/apply/power.js';
import { MemoryRoom } from '../room/memory-room.js';
import { widgetUrlTemplate } from '../runtime/params.js';
import { EventTypes } from '../schema/namespace.js';
import { rootIds } from '../schema/root.js';
import { WidgetHost } from '../testing/host.js';
import type { MountedWidget } from '../testing/host.js';
import { approveAll } from '../testing/driver.js';
import { waitFor } from '../../test/support/wait-for.js';
import type { DevroomQaQueue } from '../../components/qa-queue/qa-queue.js';
import { SECTIONS } from '../../components/qa-queue/tally.js';
import { elementIn, leaveAll, sit, widgetFor } from '../../test/e2e/widget-harness.js';
import { visibleText } from '../../test/support/visible-text.js';

/**
 * The root race through the Element-like host (real widget pages, ClientWidgetApi,
 * update_state pushes): two stand staff members open the booth at the same moment, both
 * find no contacts root and both create one. Requests sent against either root reach every
 * staff member's booth, and one who opens later (docs/schema.md, "Roots").
 */

const ADMIN = '@admin:example.org';
const ANN = '@ann:example.org';
const BO = '@bo:example.org';
const ALICE = '@alice:example.org';
const BOB = '@bob:example.org';

function standRoom(): MemoryRoom {
  const room = new MemoryRoom({ creator: ADMIN, powerLevels: { users: { [ANN]: 50, [BO]: 50 }, events: { ...DEVROOM_EVENT_LEVELS } } });
  for (const u of [ANN, BO, ALICE, BOB]) room.join(u);
  room.setState(EventTypes.stand, '', sampleStand(), ANN);
  return room;
}

/** The homeserver holds the first two root state writes until both have arrived: both writers saw no root. */
function holdFirstRootWrites(room: MemoryRoom, parties = 2): void {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((r) => (release = r));
  const gate = room.gate.bind(room);
  room.gate = async (op, userId, type) => {
    await gate(op, userId, type);
    if (op === 'state' && type === EventTypes.root && arrived < parties) {
      if (++arrived === parties) release();
      await all;
    }
  };
}

let widgetCount = 0;
const hosts: { host: WidgetHost; container: HTMLElement }[] = [];
afterEach(() => {
  leaveAll();
  for (const { host, container } of hosts.splice(0)) {
    host.stop();
    container.remove();
  }
});

function open(room: MemoryRoom, userId: string): MountedWidget {
  const container = document.createElement('div');
  document.body.append(container);
  const widget: IWidget = {
    id: `race-stand-${++widgetCount}`,
    creatorUserId: ADMIN,
    type: 'dev.devroom.stand',
    name: 'Stand',
    url: widgetUrlTemplate(new URL('/widgets/stand-booth.html', location.href).toString()),
    waitForIframeLoad: false,
    data: {},
  };
  const host = new WidgetHost({ room, userId, container, approve: approveAll, storage: null, widgets: [widget] }).start();
  hosts.push({ host, container });
  return host.mounted(widget.id)!;
}

const text = visibleText;

const booth = (mounted: MountedWidget) => waitFor(() => mounted.iframe.contentDocument?.querySelector<DevroomStandBooth>('devroom-stand-booth'), 'booth element');
const rootWrites = (room: MemoryRoom) => room.timeline.filter((e) => e.type === EventTypes.root);
const stateIds = (room: MemoryRoom, purpose = 'contacts') => rootIds(room.getState(EventTypes.root, purpose)[0]?.content);

/** Types a question and presses Ask, as a person does. */
async function ask(el: DevroomQaQueue, text: string): Promise<void> {
  const input = el.shadowRoot!.querySelector<HTMLTextAreaElement>('textarea#ask')!;
  input.value = text;
  input.dispatchEvent(new Event('input'));
  await el.updateComplete;
  el.shadowRoot!.querySelector<HTMLButtonElement>('[part="ask-button"]')!.click();
}

const questionTexts = (el: DevroomQaQueue) =>
  SECTIONS.flatMap((s) => el.model.section(s).slice())
    .map((q) => q.text)
    .sort();

describe('root race through the Element-like host', function () {
  this.timeout(20_000);

  it('two staff members open the stand at once: requests against either root reach both booths and a later one', async () => {
    const room = standRoom();
    holdFirstRootWrites(room);
    const ann = await booth(open(room, ANN));
    const bo = await booth(open(room, BO));
    await waitFor(() => rootWrites(room).length >= 2, 'both staff members wrote a root');
    const [rootA, rootB] = rootWrites(room).map((e) => e.content.event_id as string);
    expect(rootA).to.not.equal(rootB);

    // Visitors whose widgets saw one root or the other.
    const rel = (root: string) => ({ rel_type: 'm.reference', event_id: root });
    await room.as(ALICE).sendEvent(EventTypes.contactRequest, { localId: 'c-a', message: 'Do you ship to Ghent?', 'm.relates_to': rel(rootA!) });
    await room.as(BOB).sendEvent(EventTypes.contactRequest, { localId: 'c-b', message: 'Is there an ARM build?', 'm.relates_to': rel(rootB!) });

    const both = (el: DevroomStandBooth) => text(el).includes('Do you ship to Ghent?') && text(el).includes('Is there an ARM build?');
    await waitFor(() => both(ann), 'both requests at Ann');
    await waitFor(() => both(bo), 'both requests at Bo');
    await waitFor(() => stateIds(room).length === 2, 'the state lists both roots');
    expect(stateIds(room)).to.have.members([rootA!, rootB!]);
    const writes = rootWrites(room).length;
    await new Promise((r) => setTimeout(r, 500));
    expect(rootWrites(room).length, 'no more writes').to.equal(writes);
    expect(writes).to.be.at.most(4);

    const later = await booth(open(room, BO));
    await waitFor(() => both(later), 'both requests for a booth opened later');
  });

  it('two moderators open the Q&A at the same moment (two roots): questions reach both queues and an attendee who opens later', async () => {
    const MOD1 = '@mo:example.org';
    const MOD2 = '@max:example.org';
    const room = new MemoryRoom({ creator: ADMIN, powerLevels: { users: { [MOD1]: 50, [MOD2]: 50 }, events: { ...DEVROOM_EVENT_LEVELS } } });
    for (const u of [MOD1, MOD2, ALICE]) room.join(u);
    holdFirstRootWrites(room);
    const qa = widgetFor('qa-queue', 'race-qa');
    const m1 = await elementIn<DevroomQaQueue>(await sit(room, MOD1, qa), 'devroom-qa-queue');
    const m2 = await elementIn<DevroomQaQueue>(await sit(room, MOD2, qa), 'devroom-qa-queue');
    await Promise.all([m1.updateComplete, m2.updateComplete]);
    await Promise.all([ask(m1, 'Asked by the first moderator'), ask(m2, 'Asked by the second moderator')]);

    const sent = await waitFor(() => {
      const qs = room.timeline.filter((e) => e.type === 'm.room.message' && e.content.msgtype === 'm.text');
      return qs.length === 2 && qs;
    }, 'both questions in the room');
    // Both widgets opened the Q&A at once, each with its own root; the questions went to whichever each had.
    const roots = rootWrites(room).slice(0, 2).map((e) => e.content.event_id as string);
    expect(roots[0], 'each wrote its own root').to.not.equal(roots[1]);
    for (const e of sent) expect(roots).to.include((e.content['m.relates_to'] as { event_id: string }).event_id);
    const both = ['Asked by the first moderator', 'Asked by the second moderator'];
    for (const el of [m1, m2]) await waitFor(() => String(questionTexts(el)) === String(both), 'both questions in each queue');
    await waitFor(() => stateIds(room, 'qa').length === 2, 'the state lists both roots');

    const late = await elementIn<DevroomQaQueue>(await sit(room, ALICE, qa), 'devroom-qa-queue');
    await waitFor(() => String(questionTexts(late)) === String(both), 'both questions for a late attendee');
    expect(rootWrites(room).length).to.be.at.most(4);
  });
});
