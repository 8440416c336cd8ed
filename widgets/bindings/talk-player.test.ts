import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/talk-player/define.js';
import type { DevroomTalkPlayer } from '../../components/talk-player/talk-player.js';
import { resetJitsiLoader } from '../../components/jitsi/jitsi-loader.js';
import { MemoryRoom } from '../room/memory-room.js';
import { bindTalkPlayer } from './talk-player.js';

const HOST = '@host:localhost';
const ALICE = '@alice:localhost';
const FAKE_JITSI = '/test/fixtures/jitsi/external_api.js';
const decode = (part: string) => JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as { context: { matrix: { token: string } } };

describe('talk player binding: Jitsi with openidtoken-jwt', function () {
  this.timeout(10000);
  afterEach(() => resetJitsiLoader());

  it('names the Jitsi room after the Matrix room and joins with a JWT made from the OpenID token', async () => {
    const room = new MemoryRoom({ creator: HOST, roomId: '!AbCdEf:matrix.org' });
    room.join(ALICE);
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player></devroom-talk-player>`);
    let openIdRequests = 0;
    const binding = bindTalkPlayer({
      room: room.as(ALICE),
      element: el,
      options: { jitsiAuth: 'openidtoken-jwt', jitsiDomain: 'meet.example.org', jitsiScriptUrl: FAKE_JITSI, jitsiRoom: 'ignored' },
      displayName: 'Alice',
      hasCapability: () => true,
      requestOpenId: async () => {
        openIdRequests++;
        return { access_token: 'openid-tok', matrix_server_name: 'localhost' };
      },
    });
    await binding.ready;
    await waitUntil(() => el.jitsiRoom === 'EFAWEQ3EIVTDU3LBORZGS6BON5ZGO', `Jitsi room is ${el.jitsiRoom}`);
    el.hallway = true;
    await el.updateComplete;
    // The first attempt waits for the token, then the player joins with it.
    expect(el.joinCall()).to.equal(false);
    await waitUntil(() => el.shadowRoot!.querySelector('[part="jitsi"] iframe'), 'never joined');
    expect(openIdRequests).to.equal(1);
    expect(decode(el.jwt!.split('.')[1]!).context.matrix.token).to.equal('openid-tok');
    el.leaveCall();
    binding.stop();
  });

  it('without jitsiAuth uses the configured room and asks for no token', async () => {
    const room = new MemoryRoom({ creator: HOST });
    room.join(ALICE);
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player></devroom-talk-player>`);
    const binding = bindTalkPlayer({
      room: room.as(ALICE),
      element: el,
      options: { jitsiDomain: 'meet.example.org', jitsiRoom: 'DevroomTalk' },
      hasCapability: () => true,
      requestOpenId: () => Promise.reject(new Error('must not be asked')),
    });
    await binding.ready;
    expect(el.jitsiRoom).to.equal('DevroomTalk');
    expect(el.jwt).to.equal(undefined);
    binding.stop();
  });
});
