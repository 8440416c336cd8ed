import { expect, fixture, html } from '@open-wc/testing';
import sinon from 'sinon';
import '../../components/qa-queue/define.js';
import type { DevroomQaQueue } from '../../components/qa-queue/qa-queue.js';
import { TestHomeserver } from '../room/cs-test-server.js';
import type { TestEvent } from '../room/cs-test-server.js';
import { bindPublicRoom } from './public-room.js';
import type { PublicRoomBinding } from './public-room.js';

/** The Q&A wall of a public room over bad answers (test/support/matrix-cs-plugin.mjs faults). */

const bindings: PublicRoomBinding[] = [];
afterEach(() => {
  for (const b of bindings.splice(0)) b.stop();
  sinon.restore();
});

const FAST = { syncTimeoutMs: 5000, pollIntervalMs: 300, minBackoffMs: 200, maxBackoffMs: 1000, guests: false as const };

const ROOT: TestEvent = { type: 'm.room.message', content: { msgtype: 'm.notice', body: 'Q&A' }, event_id: '$root' };
const ROOT_STATE: TestEvent = { type: 'dev.devroom.root', state_key: 'qa', content: { event_id: '$root' } };
const question = (id: string, body: string): TestEvent => ({
  type: 'm.room.message',
  event_id: id,
  sender: '@alice:test.local',
  content: { msgtype: 'm.text', body, 'm.relates_to': { rel_type: 'm.reference', event_id: '$root' } },
});
const vote = (on: string, who: string): TestEvent => ({ type: 'm.reaction', sender: who, content: { 'm.relates_to': { rel_type: 'm.annotation', event_id: on, key: '👍' } } });

const text = (el: Element) => el.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '';

describe('bindPublicRoom over bad answers', () => {
  it('shows the Q&A history without the one malformed question (content null) and without a null among the events', async () => {
    const server = new TestHomeserver('pub-bad-events');
    await server.setup({ events: [ROOT, ROOT_STATE, question('$q1', 'Kept, first?'), question('$q2', 'Spoilt?'), question('$q3', 'Kept, third?'), vote('$q3', '@b:test.local')] });
    sinon.stub(console, 'warn');
    await server.control({ op: 'fault', kind: 'null-entry', endpoint: 'state' });
    await server.control({ op: 'fault', kind: 'null-content', endpoint: 'relations', eventId: '$q2' });
    await server.control({ op: 'fault', kind: 'null-entry', endpoint: 'relations', count: 3 });
    const page = await fixture<HTMLDivElement>(html`<div><devroom-qa-queue homeserver=${server.url} room="#public:test.local"></devroom-qa-queue></div>`);
    const el = page.querySelector('devroom-qa-queue') as DevroomQaQueue;
    const binding = bindPublicRoom(el, FAST);
    bindings.push(binding);
    await binding.ready;
    await el.updateComplete;
    expect(text(el)).to.contain('Kept, first?').and.to.contain('Kept, third?').and.not.to.contain('Spoilt?');
    expect(el.shadowRoot!.querySelector('[part~="vote-count"]')?.textContent).to.contain('1');
    expect(binding.status.state).to.equal('live');
    expect(binding.room.rejected.content).to.equal(1);
    expect(binding.room.rejected.event).to.be.at.least(2);
  });
});
