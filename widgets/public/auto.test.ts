import { expect } from '@open-wc/testing';
import '../../components/qa-queue/define.js';
import { visibleText } from '../../test/support/visible-text.js';
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

  it('keeps one guest account per homeserver across page loads, and registers anew when its token is revoked', async () => {
    const server = new TestHomeserver('auto-reload');
    await server.setup({
      maxSyncTimeoutMs: 400,
      events: [
        { type: 'm.room.message', event_id: '$root', content: { msgtype: 'm.notice', body: 'Q&A' } },
        { type: 'dev.devroom.root', state_key: 'qa', content: { event_id: '$root' } },
        { type: 'm.room.message', sender: '@a:test.local', content: { msgtype: 'm.text', body: 'Same guest?', 'm.relates_to': { rel_type: 'm.reference', event_id: '$root' } } },
      ],
    });
    /** A page of our origin (same localStorage) with two tags on the room, loaded afresh each time. */
    const load = async () => {
      const frame = document.createElement('iframe');
      frame.srcdoc = `<!doctype html><body>
        <devroom-qa-queue homeserver="${server.url}" room="#public:test.local"></devroom-qa-queue>
        <devroom-qa-queue homeserver="${server.url}" room="#public:test.local" layout="projector"></devroom-qa-queue>
        <script type="module">import '/components/qa-queue/define.ts'; import '/widgets/public/auto.ts';</script></body>`;
      document.body.append(frame);
      await until(() => (frame.contentDocument?.body ? visibleText(frame.contentDocument.body).split('Same guest?').length === 3 : false), 6000, 'both walls');
      frame.remove();
    };
    await load();
    expect((await server.stats()).counts).to.include({ register: 1, join: 1 });
    expect((await server.stats()).joined).to.have.length(1);
    // A reload: the stored guest is checked (whoami) and kept; it is a member already, so no join either.
    await load();
    expect((await server.stats()).counts).to.include({ register: 1, whoami: 1, join: 1 });
    expect((await server.stats()).joined).to.have.length(1);
    // Its token revoked: the next load registers a new guest.
    await server.control({ op: 'revoke' });
    await load();
    expect((await server.stats()).counts).to.include({ register: 2, whoami: 2, join: 2 });
    await load();
    expect((await server.stats()).counts).to.include({ register: 2, whoami: 3, join: 2 });
  });
});
