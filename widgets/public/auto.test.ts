import { expect } from '@open-wc/testing';
import '../../components/qa-queue/define.js';
import { TestHomeserver } from '../room/cs-test-server.js';
import { autoBindPublicRooms } from './auto.js';

/** The opt-in auto-binder: elements with homeserver + room are bound when they appear and stop when removed. */

async function until(check: () => boolean, ms = 4000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('widgets/public/auto', () => {
  it('binds an element added to the page and stops when it is removed', async () => {
    const stopAll = autoBindPublicRooms(); // idempotent with the import's own run
    const server = new TestHomeserver('auto');
    await server.setup({
      maxSyncTimeoutMs: 300,
      events: [
        { type: 'm.room.message', event_id: '$root', content: { msgtype: 'm.notice', body: 'Q&A' } },
        { type: 'dev.devroom.root', state_key: 'qa', content: { event_id: '$root' } },
        { type: 'm.room.message', sender: '@a:test.local', content: { msgtype: 'm.text', body: 'Auto-bound?', 'm.relates_to': { rel_type: 'm.reference', event_id: '$root' } } },
      ],
    });
    const el = document.createElement('devroom-qa-queue');
    el.setAttribute('homeserver', server.url);
    el.setAttribute('room', '#public:test.local');
    document.body.append(el);
    await until(() => el.shadowRoot?.textContent?.includes('Auto-bound?') === true, 4000, 'the question');
    expect(el.readOnly).to.equal(true);
    expect(el.previousElementSibling?.localName).to.equal('devroom-room-status');

    el.remove();
    await until(() => !document.querySelector('devroom-room-status'), 2000, 'the status to go');
    const at = (await server.stats()).log.length;
    await new Promise((r) => setTimeout(r, 700));
    expect((await server.stats()).log.length).to.equal(at);
    stopAll();
  });
});
