import { expect, fixture, html } from '@open-wc/testing';
import sinon from 'sinon';
import '../../components/qa-queue/define.js';
import '../../components/stand-booth/define.js';
import '../../components/food-truck-menu/define.js';
import '../../components/talk-player/define.js';
import type { DevroomQaQueue } from '../../components/qa-queue/qa-queue.js';
import type { DevroomRoomStatus } from '../../components/room-status/room-status.js';
import { visibleText } from '../../test/support/visible-text.js';
import { TestHomeserver } from '../room/cs-test-server.js';
import type { TestEvent } from '../room/cs-test-server.js';
import { bindPublicRoom } from './public-room.js';
import type { PublicRoomBinding } from './public-room.js';

/** The Q&A wall of a public room, against test/support/matrix-cs-plugin.mjs. */

const bindings: PublicRoomBinding[] = [];
afterEach(() => {
  for (const b of bindings.splice(0)) b.stop();
  sinon.restore();
});

const FAST = { syncTimeoutMs: 5000, pollIntervalMs: 300, minBackoffMs: 200, maxBackoffMs: 1000 };

async function until(check: () => boolean, ms = 4000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const ROOT: TestEvent = { type: 'm.room.message', content: { msgtype: 'm.notice', body: 'Q&A' }, event_id: '$root' };
const ROOT_STATE: TestEvent = { type: 'dev.devroom.root', state_key: 'qa', content: { event_id: '$root' } };
const question = (id: string, body: string): TestEvent => ({
  type: 'm.room.message',
  event_id: id,
  sender: '@alice:test.local',
  content: { msgtype: 'm.text', body, 'm.relates_to': { rel_type: 'm.reference', event_id: '$root' } },
});
const vote = (on: string, who: string): TestEvent => ({
  type: 'm.reaction',
  sender: who,
  content: { 'm.relates_to': { rel_type: 'm.annotation', event_id: on, key: '👍' } },
});

async function wall(server: TestHomeserver, room = '#public:test.local'): Promise<{ el: DevroomQaQueue; binding: PublicRoomBinding; page: HTMLElement }> {
  const page = await fixture<HTMLDivElement>(html`<div><devroom-qa-queue homeserver=${server.url} room=${room}></devroom-qa-queue></div>`);
  const el = page.querySelector('devroom-qa-queue') as DevroomQaQueue;
  const binding = bindPublicRoom(el, FAST);
  bindings.push(binding);
  return { el, binding, page };
}

/** What a person reads on the page, once the elements have rendered. */
async function pageText(page: HTMLElement): Promise<string> {
  await Promise.all([...page.querySelectorAll<HTMLElement & { updateComplete?: Promise<unknown> }>('*')].map((e) => e.updateComplete));
  return visibleText(page).trim();
}

/** `<tag homeserver room>`: the four tags from one template. */
function unsafeTag(tag: string, homeserver: string): HTMLElement {
  const el = document.createElement(tag);
  el.setAttribute('homeserver', homeserver);
  el.setAttribute('room', '#public:test.local');
  return el;
}

const text = (el: Element) => el.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '';

async function statusText(status: DevroomRoomStatus): Promise<string> {
  await status.updateComplete;
  return text(status);
}

describe('bindPublicRoom: the Q&A wall of a public room', () => {
  it('shows the ranked questions read-only, with a link to the room', async () => {
    const server = new TestHomeserver('pub-load');
    await server.setup({
      events: [ROOT, ROOT_STATE, question('$q1', 'Will there be slides?'), question('$q2', 'Which licence?'), vote('$q2', '@b:test.local'), vote('$q2', '@c:test.local')],
    });
    const { el, binding } = await wall(server);
    await binding.ready;
    await el.updateComplete;
    expect(text(el)).to.contain('Will there be slides?').and.to.contain('Which licence?');
    // Ranked: two votes first.
    const rows = [...el.shadowRoot!.querySelectorAll('[part~="question-text"]')].map((n) => n.textContent?.trim());
    expect(rows[0]).to.contain('Which licence?');
    expect(el.shadowRoot!.querySelector('textarea')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part~="vote-button"]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part~="vote-count"]')?.textContent).to.contain('2');
    const link = el.shadowRoot!.querySelector<HTMLAnchorElement>('[part~="room-link"] a');
    expect(link?.href).to.equal('https://matrix.to/#/%23public%3Atest.local');
    expect(binding.status.state).to.equal('live');
    expect(binding.status.getBoundingClientRect().height).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('shows a new question and a new vote within one sync cycle', async () => {
    const server = new TestHomeserver('pub-live');
    await server.setup({ events: [ROOT, ROOT_STATE, question('$q1', 'First?')] });
    const { el, binding } = await wall(server);
    await binding.ready;
    const syncsBefore = (await server.stats()).counts.sync ?? 0;
    await server.send(question('$q2', 'Second, live?'));
    await until(() => text(el).includes('Second, live?'), 2000, 'the live question');
    await server.send(vote('$q2', '@d:test.local'));
    await until(() => el.shadowRoot!.querySelector('[part~="vote-count"]')?.textContent?.includes('1') === true, 2000, 'the live vote');
    expect(((await server.stats()).counts.sync ?? 0) - syncsBefore).to.be.at.most(3);
  });

  it('shows a pin live in the /messages fallback (guests may not join a world-readable room)', async () => {
    const server = new TestHomeserver('pub-poll-pin');
    await server.setup({ guestAccess: 'forbidden', events: [ROOT, ROOT_STATE, question('$q1', 'Pin me?')] });
    const { el, binding } = await wall(server);
    await binding.ready;
    expect(binding.room.mode).to.equal('poll');
    expect(text(el)).to.contain('Pin me?').and.not.to.contain('Pinned');
    await server.send({ type: 'dev.devroom.qa.question', state_key: '$q1', sender: '@host:test.local', content: { pinned: true } });
    await until(() => text(el).includes('Pinned'), 3000, 'the pin');
  });

  it('shows no ask form and no empty list while it connects, only that it connects', async () => {
    const server = new TestHomeserver('pub-connecting');
    await server.setup({ events: [ROOT, ROOT_STATE, question('$q1', 'Visible once live')] });
    await server.down('status');
    const { el, binding, page } = await wall(server);
    expect(await pageText(page)).to.equal('Connecting to the room …');
    await until(() => binding.status.state === 'retrying', 3000, 'retrying');
    const seen = await pageText(page);
    expect(seen).to.match(/^The server cannot be reached\. Trying again/);
    expect(seen).not.to.contain('Ask a question').and.not.to.contain('No questions yet');
    await server.up();
    await binding.ready;
    expect(await pageText(page)).to.contain('Visible once live').and.not.to.contain('Ask a question');
    expect(el.hidden).to.equal(false);
  });

  for (const [what, setup, says] of [
    ['not world-readable, no guest access', { historyVisibility: 'shared', guestAccess: 'forbidden' }, 'This room is not public: only its members can read it.'],
    ['guest accounts refused', { guestRegistration: false }, 'This server does not let visitors read rooms without an account.'],
    ['gone', { roomExists: false }, 'This room does not exist. Check its address.'],
  ] as const) {
    it(`says why a room cannot be read (${what}) instead of an empty, writable element, for every tag`, async () => {
      const server = new TestHomeserver('pub-unreadable');
      await server.setup({ ...setup, events: [ROOT, ROOT_STATE] });
      const page = await fixture<HTMLDivElement>(html`<div>
        ${['devroom-qa-queue', 'devroom-stand-booth', 'devroom-food-truck-menu', 'devroom-talk-player'].map(
          (tag) => html`<section data-tag=${tag}>${unsafeTag(tag, server.url)}</section>`,
        )}
      </div>`);
      for (const el of page.querySelectorAll<HTMLElement>('[homeserver]')) {
        const binding = bindPublicRoom(el, FAST);
        bindings.push(binding);
        await binding.ready.catch(() => undefined);
      }
      // Per tag: the reason and what to do instead, nothing of the element (no form, no "not set up yet").
      const shown: Record<string, string> = {};
      const expected: Record<string, string> = {};
      for (const section of page.querySelectorAll<HTMLElement>('section')) {
        shown[section.dataset.tag!] = await pageText(section);
        expected[section.dataset.tag!] = `${says} Open the room in a Matrix client`;
        const link = section.querySelector('devroom-room-status')?.shadowRoot?.querySelector('a');
        expect(link?.getAttribute('href')).to.equal('https://matrix.to/#/%23public%3Atest.local');
      }
      expect(shown).to.deep.equal(expected);
    });
  }

  it('says so when the room stops being readable while shown (history made members-only)', async () => {
    const server = new TestHomeserver('pub-closed-later');
    await server.setup({ guestAccess: 'forbidden', events: [ROOT, ROOT_STATE, question('$q1', 'Still here?')] });
    const { binding, page } = await wall(server);
    await binding.ready;
    expect(await pageText(page)).to.contain('Still here?');
    await server.send({ type: 'm.room.history_visibility', state_key: '', sender: '@host:test.local', content: { history_visibility: 'shared' } });
    await until(() => binding.status.state === 'not-world-readable', 3000, 'the room to be unreadable');
    expect(await pageText(page)).to.equal('This room is not public: only its members can read it. Open the room in a Matrix client');
  });

  it('four elements of one room on one page share one guest account and one connection', async () => {
    const server = new TestHomeserver('pub-shared');
    await server.setup({ maxSyncTimeoutMs: 400, events: [ROOT, ROOT_STATE, question('$q1', 'Shared?')] });
    const page = await fixture<HTMLDivElement>(html`<div>
      ${['devroom-qa-queue', 'devroom-stand-booth', 'devroom-food-truck-menu', 'devroom-talk-player'].map((tag) => unsafeTag(tag, server.url))}
    </div>`);
    const started = [...page.querySelectorAll<HTMLElement>('[homeserver]')].map((el) => bindPublicRoom(el, FAST));
    bindings.push(...started);
    await Promise.all(started.map((b) => b.ready));
    expect(await pageText(page)).to.contain('Shared?');
    expect((await server.stats()).counts).to.include({ directory: 1, register: 1, state: 1, join: 1 });
    // Idle: one /sync loop (400 ms long polls here, 30 s normally), not four.
    await server.control({ op: 'clearLog' });
    await new Promise((r) => setTimeout(r, 2000));
    const idle = (await server.stats()).counts;
    expect(idle.sync ?? 0).to.be.within(3, 7);
    expect(Object.keys(idle)).to.deep.equal(['sync']);
    // The connection ends with the last element bound to it.
    for (const b of started.slice(0, 3)) b.stop();
    expect(started[3]!.room.status.state).to.equal('live');
    started[3]!.stop();
    expect(started[3]!.room.status.state).to.equal('stopped');
  });

  it('says when guest access is disabled, and links to the room', async () => {
    const server = new TestHomeserver('pub-noguest');
    await server.setup({ guestRegistration: false });
    const { binding } = await wall(server);
    await binding.ready.catch(() => undefined);
    expect(binding.status.state).to.equal('guest-disabled');
    expect(await statusText(binding.status)).to.contain('does not let visitors read rooms without an account');
    expect(binding.status.shadowRoot!.querySelector('[role="alert"] a')?.getAttribute('href')).to.equal('https://matrix.to/#/%23public%3Atest.local');
    await expect(binding.status).to.be.accessible();
  });

  it('says when the room is not world-readable', async () => {
    const server = new TestHomeserver('pub-private');
    await server.setup({ historyVisibility: 'shared', guestAccess: 'forbidden' });
    const { binding } = await wall(server);
    await binding.ready.catch(() => undefined);
    expect(binding.status.state).to.equal('not-world-readable');
    expect(await statusText(binding.status)).to.contain('only its members can read it');
  });

  it('says when the room does not exist', async () => {
    const server = new TestHomeserver('pub-missing');
    await server.setup();
    const { binding } = await wall(server, '#missing:test.local');
    await binding.ready.catch(() => undefined);
    expect(binding.status.state).to.equal('not-found');
    expect(await statusText(binding.status)).to.contain('This room does not exist');
  });

  it('says when the element does not name a room, in the page language, and asks no server', async () => {
    const page = await fixture<HTMLDivElement>(html`<div lang="de"><devroom-qa-queue homeserver="matrix.example.org" room="talk-42"></devroom-qa-queue></div>`);
    sinon.stub(console, 'warn');
    const binding = bindPublicRoom(page.querySelector('devroom-qa-queue')!, FAST);
    bindings.push(binding);
    await binding.ready.catch(() => undefined);
    expect(binding.status.state).to.equal('invalid-attributes');
    expect(await statusText(binding.status)).to.contain('Der Raum kann nicht angezeigt werden (Attribute homeserver und room');
    expect(binding.room.status.state).to.equal('stopped');
    await expect(binding.status).to.be.accessible();
  });

  it('shows "unreachable, trying again" while the server is down and recovers by itself', async () => {
    const server = new TestHomeserver('pub-down');
    await server.setup({ events: [ROOT, ROOT_STATE, question('$q1', 'Before the outage')] });
    const { el, binding } = await wall(server);
    await binding.ready;
    await server.down('close');
    await until(() => binding.status.state === 'retrying', 3000, 'retrying');
    expect(await statusText(binding.status)).to.match(/cannot be reached\. Trying again/);
    expect(binding.status.shadowRoot!.querySelector('[role="status"]')).to.not.equal(null);
    await server.up();
    await server.send(question('$q2', 'After the outage'));
    await until(() => text(el).includes('After the outage'), 4000, 'the question after recovery');
    expect(binding.status.state).to.equal('live');
    expect(text(el)).to.contain('Before the outage');
  });

  it('stops requesting when stopped (element removed)', async () => {
    const server = new TestHomeserver('pub-stop');
    await server.setup({ maxSyncTimeoutMs: 300, events: [ROOT, ROOT_STATE] });
    const { binding } = await wall(server);
    await binding.ready;
    binding.stop();
    expect(binding.status.isConnected).to.equal(false);
    const at = await server.stats();
    await new Promise((r) => setTimeout(r, 800));
    expect((await server.stats()).log.length).to.equal(at.log.length);
  });
});
