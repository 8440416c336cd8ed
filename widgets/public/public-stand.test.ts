import { expect, fixture, html } from '@open-wc/testing';
import '../../components/stand-booth/define.js';
import type { DevroomStandBooth } from '../../components/stand-booth/stand-booth.js';
import { sampleStand } from '../../components/stand-booth/test-fixtures.js';
import { waitFor } from '../../test/support/wait-for.js';
import { TestHomeserver } from '../room/cs-test-server.js';
import type { TestEvent } from '../room/cs-test-server.js';
import { EventTypes } from '../schema/namespace.js';
import { bindPublicRoom } from './public-room.js';
import type { PublicRoomBinding } from './public-room.js';

/** The stand booth on a plain page, read-only, from a public room (test/support/matrix-cs-plugin.mjs). */

const bindings: PublicRoomBinding[] = [];
afterEach(() => {
  for (const b of bindings.splice(0)) b.stop();
});

const FAST = { syncTimeoutMs: 5000, minBackoffMs: 200, maxBackoffMs: 1000 };
const ANN = '@ann:example.org';

const standState = (change: (s: Record<string, unknown>) => void = () => undefined): TestEvent => {
  const content = sampleStand();
  // No mxc logo (there is no media download without a login) and no Jitsi booth.
  delete content.logo;
  delete content.jitsi;
  change(content);
  return { type: EventTypes.stand, state_key: '', sender: ANN, content };
};
const presence = (userId: string, present: boolean): TestEvent => ({ type: EventTypes.standPresence, state_key: userId, sender: userId, content: { present, since: Date.now() } });
// The booth is open for contacts: a root exists, so a visitor with a login would see the form.
const CONTACTS_NOTICE: TestEvent = { type: 'm.room.message', event_id: '$contacts', sender: ANN, content: { msgtype: 'm.notice', body: 'Contacts' } };
const CONTACTS_ROOT: TestEvent = { type: EventTypes.root, state_key: 'contacts', sender: ANN, content: { event_id: '$contacts' } };

async function booth(server: TestHomeserver): Promise<{ el: DevroomStandBooth; binding: PublicRoomBinding }> {
  const parent = await fixture<HTMLDivElement>(html`<div><devroom-stand-booth homeserver=${server.url} room="#public:test.local"></devroom-stand-booth></div>`);
  const el = parent.querySelector('devroom-stand-booth')!;
  const binding = bindPublicRoom(el, FAST);
  bindings.push(binding);
  await binding.ready;
  await el.updateComplete;
  return { el, binding };
}

const text = (el: Element) => el.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '';
const part = (el: Element, name: string) => el.shadowRoot!.querySelector(`[part~="${name}"]`);

describe('bindPublicRoom: the stand booth of a public room', () => {
  it('shows the stand and who is at the booth, without contact form, presence toggle or editing', async () => {
    const server = new TestHomeserver('pub-stand-load');
    await server.setup({ events: [standState(), presence(ANN, true), CONTACTS_NOTICE, CONTACTS_ROOT] });
    const { el, binding } = await booth(server);
    expect(part(el, 'name')?.textContent).to.equal('Kitten Linux');
    expect(text(el)).to.contain('At the booth now: Ann');
    expect(el.interactive).to.equal(false);
    expect(el.shadowRoot!.querySelector('devroom-stand-contact')).to.equal(null);
    expect(part(el, 'presence-toggle')).to.equal(null);
    expect(part(el, 'edit-button')).to.equal(null);
    // Nothing about contacts was read: no relations request for the root.
    expect((await server.stats()).counts.relations ?? 0).to.equal(0);
    const link = el.shadowRoot!.querySelector<HTMLAnchorElement>('[part~="room-link"] a');
    expect(link?.href).to.equal('https://matrix.to/#/%23public%3Atest.local');
    expect(link?.textContent).to.contain('Write to us');
    expect(binding.status.state).to.equal('live');
    await expect(el).to.be.accessible();
  });

  it('follows stand edits and presence live, within one sync cycle', async () => {
    const server = new TestHomeserver('pub-stand-live');
    await server.setup({ events: [standState()] });
    const { el } = await booth(server);
    expect(text(el)).to.contain('Nobody is at the booth right now.');
    const before = await server.stats();
    await server.send(standState((s) => (s.tagline = 'Now with a live installer')));
    await waitFor(() => part(el, 'tagline')?.textContent === 'Now with a live installer', 'the new tagline', 2000);
    await server.send(presence('@bo:example.org', true));
    await waitFor(() => text(el).includes('At the booth now: Bo'), 'Bo at the booth', 2000);
    expect(((await server.stats()).counts.sync ?? 0) - (before.counts.sync ?? 0)).to.be.at.most(4);
    // Still read-only after the updates.
    expect(el.shadowRoot!.querySelector('devroom-stand-contact')).to.equal(null);
    expect(part(el, 'presence-toggle')).to.equal(null);
    expect(part(el, 'edit-button')).to.equal(null);
  });
});
