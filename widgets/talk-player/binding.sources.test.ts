import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/talk-player/define.js';
import type { DevroomTalkPlayer } from '../../components/talk-player/talk-player.js';
import { resetJitsiLoader } from '../../components/jitsi/jitsi-loader.js';
import { MemoryRoom } from '../room/memory-room.js';
import { DEVROOM_EVENT_LEVELS } from '../../host-tools/apply/power.js';
import { EventTypes } from '../schema/namespace.js';
import { bindTalkPlayer } from './binding.js';

/**
 * Room content never chooses code to run (docs/security.md, "Script sources"): the Jitsi
 * IFrame API script and the Jitsi server come from the widget URL, the room names the meeting.
 */

const HOST = '@host:localhost';
const SAM = '@sam:localhost';
const ALICE = '@alice:localhost';
const FAKE_JITSI = '/test/fixtures/jitsi/external_api.js';
/** A script the room names: same origin, so it would really run if it were loaded. */
const ROOM_SCRIPT = `${FAKE_JITSI}?chosen-by=room`;

interface FakeApi {
  domain: string;
  options: { roomName: string };
}
const fakeApis = () => (window as unknown as { __fakeJitsi?: { instances: FakeApi[] } }).__fakeJitsi?.instances ?? [];
const scripts = () => [...document.querySelectorAll<HTMLScriptElement>('script[data-devroom-jitsi]')].map((s) => s.src);
const jitsiFrame = (el: DevroomTalkPlayer) => el.shadowRoot!.querySelector('[part="jitsi"] iframe');

/** Q&A is on and Sam is the speaker: his player joins the call by itself, no click. */
function qaRoom(talk: Record<string, unknown>): MemoryRoom {
  const room = new MemoryRoom({ creator: HOST, powerLevels: { events: { ...DEVROOM_EVENT_LEVELS } } });
  room.join(SAM);
  room.join(ALICE);
  room.setState(EventTypes.talk, '', { speakers: [{ name: 'Sam', userId: SAM }], phase: 'qa', jitsiRoom: 'DevroomTalk', ...talk });
  return room;
}

describe('talk player binding: the Jitsi script and server come from the widget URL, never the room', function () {
  this.timeout(10000);
  afterEach(() => {
    resetJitsiLoader();
    document.querySelectorAll('script[data-devroom-jitsi]').forEach((s) => s.remove());
  });

  it('a script URL and a server in the talk state alone start no call and load nothing', async () => {
    const room = qaRoom({ jitsiDomain: 'evil.example', jitsiScriptUrl: ROOM_SCRIPT });
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player></devroom-talk-player>`);
    const binding = bindTalkPlayer(el, room.as(SAM));
    await binding.ready;
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 200));
    expect(el.currentPhase).to.equal('qa');
    expect(el.jitsiScriptUrl).to.equal(undefined);
    expect(el.jitsiDomain).to.equal(undefined);
    expect(el.callAvailable).to.equal(false);
    expect(el.joinCall()).to.equal(false);
    expect(scripts()).to.deep.equal([]);
    binding.stop();
  });

  it('the widget URL’s server and script win over the room’s; the room still names the meeting', async () => {
    const room = qaRoom({ jitsiDomain: 'evil.example', jitsiRoom: 'RoomChosen', jitsiScriptUrl: ROOM_SCRIPT });
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player></devroom-talk-player>`);
    const binding = bindTalkPlayer(el, room.as(SAM), {
      options: { jitsiDomain: 'meet.example.org', jitsiScriptUrl: FAKE_JITSI },
    });
    await binding.ready;
    await waitUntil(() => jitsiFrame(el), 'the speaker never joined');
    const api = fakeApis().at(-1)!;
    expect(api.domain).to.equal('meet.example.org');
    expect(api.options.roomName).to.equal('RoomChosen');
    expect(scripts()).to.deep.equal([location.origin + FAKE_JITSI]);
    el.leaveCall();
    binding.stop();
  });

  it('with a script pinned in the widget URL and no server, the room names the server', async () => {
    const room = qaRoom({ jitsiDomain: 'other.example' });
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player></devroom-talk-player>`);
    const binding = bindTalkPlayer(el, room.as(SAM), { options: { jitsiScriptUrl: FAKE_JITSI } });
    await binding.ready;
    await waitUntil(() => jitsiFrame(el), 'the speaker never joined');
    expect(fakeApis().at(-1)!.domain).to.equal('other.example');
    expect(scripts()).to.deep.equal([location.origin + FAKE_JITSI]);
    el.leaveCall();
    binding.stop();
  });

  it('a widget URL script must be https or this origin; a refused one is reported and unused', async () => {
    const room = qaRoom({ jitsiDomain: 'meet.example.org', phase: 'talk' });
    for (const script of ['http://evil.example/external_api.js', '//evil.example/external_api.js', 'data:text/javascript,1']) {
      const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player></devroom-talk-player>`);
      const binding = bindTalkPlayer(el, room.as(SAM), { options: { jitsiDomain: 'meet.example.org', jitsiScriptUrl: script } });
      await binding.ready;
      expect(el.jitsiScriptUrl, script).to.equal(undefined);
      expect(el.jitsiDomain).to.equal('meet.example.org');
      expect(binding.problems.join('\n'), script).to.contain('jitsiScriptUrl');
      binding.stop();
    }
  });

  it('on a plain page (no widget URL), the page’s own jitsi-domain attribute is the server', async () => {
    const room = qaRoom({ jitsiDomain: 'evil.example' });
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player jitsi-domain="meet.example.org"></devroom-talk-player>`);
    const binding = bindTalkPlayer(el, room.as(ALICE));
    await binding.ready;
    await el.updateComplete;
    expect(el.jitsiDomain).to.equal('meet.example.org');
    expect(el.jitsiRoom).to.equal('DevroomTalk');
    binding.stop();
  });
});
