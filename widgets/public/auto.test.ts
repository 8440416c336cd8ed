import { expect } from '@open-wc/testing';
import '../../components/qa-queue/define.js';
import { chunkFailed, failChunk } from '../../test/support/lazy-faults.js';
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

  it('works loaded alone, as the README says: it defines the elements it binds (only those on the page)', async () => {
    const server = new TestHomeserver('auto-alone');
    await server.setup({
      events: [
        { type: 'm.room.message', event_id: '$root', content: { msgtype: 'm.notice', body: 'Q&A' } },
        { type: 'dev.devroom.root', state_key: 'qa', content: { event_id: '$root' } },
        { type: 'm.room.message', sender: '@a:test.local', content: { msgtype: 'm.text', body: 'Nothing else loaded?', 'm.relates_to': { rel_type: 'm.reference', event_id: '$root' } } },
      ],
    });
    const frame = document.createElement('iframe');
    frame.srcdoc = `<!doctype html><body><devroom-qa-queue homeserver="${server.url}" room="#public:test.local"></devroom-qa-queue>
      <script type="module" src="/widgets/public/auto.ts"></script></body>`;
    document.body.append(frame);
    try {
      await until(() => (frame.contentDocument?.body ? visibleText(frame.contentDocument.body).includes('Nothing else loaded?') : false), 6000, 'the question');
      const defined = frame.contentWindow!.customElements;
      expect(defined.get('devroom-qa-queue')).to.not.equal(undefined);
      expect(defined.get('devroom-stand-booth')).to.equal(undefined);
      expect(defined.get('devroom-talk-player')).to.equal(undefined);
    } finally {
      frame.remove();
    }
  });

  it('says that part of the page could not load when an element cannot be fetched, and lets go of the room', async () => {
    const server = new TestHomeserver('auto-noload');
    await server.setup({ maxSyncTimeoutMs: 300 });
    await failChunk('/components/stand-booth/register.ts');
    const frame = document.createElement('iframe');
    frame.srcdoc = `<!doctype html><html lang="de"><body><devroom-stand-booth homeserver="${server.url}" room="#public:test.local"></devroom-stand-booth>
      <script type="module" src="/widgets/public/auto.ts"></script></body></html>`;
    document.body.append(frame);
    try {
      await chunkFailed('/components/stand-booth/register.ts', 1); // one request: only fault tests get the build's import retry
      const page = () => (frame.contentDocument?.body ? visibleText(frame.contentDocument.body).trim() : '');
      await until(() => page().startsWith('Ein Teil dieser Seite konnte nicht geladen werden.'), 4000, `the German message (shown: ${page()})`);
      expect(page()).to.equal('Ein Teil dieser Seite konnte nicht geladen werden. Lade die Seite neu, um es noch einmal zu versuchen. Raum in einem Matrix-Client öffnen');
      const at = (await server.stats()).log.length;
      await new Promise((r) => setTimeout(r, 800));
      expect((await server.stats()).log.length).to.equal(at);
    } finally {
      frame.remove();
    }
  });
});
