import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/talk-player/define.js';
import type { DevroomTalkPlayer } from '../../components/talk-player/talk-player.js';
import { resetJitsiLoader } from '../../components/jitsi/jitsi-loader.js';
import { MemoryRoom } from '../room/memory-room.js';
import { DEVROOM_EVENT_LEVELS } from '../../host-tools/apply/power.js';
import { EventTypes } from '../schema/namespace.js';
import { stageKey } from '../qa-queue/stage-schema.js';
import { bindTalkPlayer } from './binding.js';

const HOST = '@host:localhost';
const ALICE = '@alice:localhost';
const FAKE_JITSI = '/test/fixtures/jitsi/external_api.js';
const decode = (part: string) => JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as { context: { matrix: { token: string } } };

// First in this file: the first test needs a page that has not loaded the on-demand parts yet.
describe('talk player binding: stage invitation and host parts load on demand', function () {
  this.timeout(10000);
  afterEach(() => resetJitsiLoader());
  const fetched = (name: string) => performance.getEntriesByType('resource').some((e) => e.name.includes(name));

  it('an attendee loads them only with an invite; accepting writes the answer and opens the call to them', async () => {
    const room = new MemoryRoom({ creator: HOST, powerLevels: { events: { ...DEVROOM_EVENT_LEVELS } } });
    room.join(ALICE);
    room.setState(EventTypes.talk, '', { speakers: [], phase: 'qa', jitsiRoom: 'DevroomTalk' });
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player></devroom-talk-player>`);
    // The Jitsi server and script come from the widget URL (docs/security.md).
    const options = { jitsiDomain: 'meet.example.org', jitsiScriptUrl: FAKE_JITSI };
    const binding = bindTalkPlayer(el, room.as(ALICE), { options });
    await binding.ready;
    await el.updateComplete;
    expect(el.currentPhase).to.equal('qa');
    expect(el.callAllowed).to.equal(false);
    expect(fetched('stage-and-host')).to.equal(false);
    expect(fetched('/stage-controls.')).to.equal(false);

    room.setState(EventTypes.qaStage, stageKey(ALICE), { invited: true, by: HOST, at: Date.now() });
    await waitUntil(() => el.stageInvite, 'invite never reached the player');
    // The host has no display name here: named by id (binding.names.test.ts shows names).
    await waitUntil(() => el.stageInvite?.inviter, 'inviter not named');
    expect(el.stageInvite?.inviter).to.deep.equal({ id: HOST, withId: false, text: HOST });
    await el.updateComplete;
    const accept = Array.from(el.shadowRoot!.querySelectorAll('button')).find((b) => b.textContent!.trim() === 'Join the stage')!;
    accept.click();
    await waitUntil(() => room.getState(EventTypes.qaHand, ALICE)[0]?.content.stage === 'accepted', 'answer not written');
    await waitUntil(() => el.callAllowed && el.stageInvite === null, 'accepted invite did not open the call');
    el.leaveCall();
    binding.stop();
  });

  it('a host request writes the talk state', async () => {
    const room = new MemoryRoom({ creator: HOST });
    room.setState(EventTypes.talk, '', { title: 'Keynote', speakers: [] });
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player></devroom-talk-player>`);
    const binding = bindTalkPlayer(el, room.as(HOST));
    await binding.ready;
    await waitUntil(() => el.canHost, 'host controls not offered');
    el.dispatchEvent(new CustomEvent('devroom-phase-request', { detail: { phase: 'qa' } }));
    await waitUntil(() => room.getState(EventTypes.talk, '')[0]?.content.phase === 'qa', 'phase not written');
    el.dispatchEvent(new CustomEvent('devroom-hallway-request', { detail: { open: true } }));
    await waitUntil(() => room.getState(EventTypes.talk, '')[0]?.content.hallway === true, 'hallway not written');
    expect(room.getState(EventTypes.talk, '')[0]?.content.title).to.equal('Keynote');
    el.dispatchEvent(new CustomEvent('devroom-phase-request', { detail: { phase: null } }));
    await waitUntil(() => !('phase' in room.getState(EventTypes.talk, '')[0]!.content), 'override not dropped');
    binding.stop();
  });
});

describe('talk player binding: Jitsi with openidtoken-jwt', function () {
  this.timeout(10000);
  afterEach(() => resetJitsiLoader());

  it('names the Jitsi room after the Matrix room and joins with a JWT made from the OpenID token', async () => {
    const room = new MemoryRoom({ creator: HOST, roomId: '!AbCdEf:matrix.org' });
    room.join(ALICE);
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player></devroom-talk-player>`);
    let openIdRequests = 0;
    const binding = bindTalkPlayer(el, room.as(ALICE), {
      options: { jitsiAuth: 'openidtoken-jwt', jitsiDomain: 'meet.example.org', jitsiScriptUrl: FAKE_JITSI, jitsiRoom: 'ignored' },
      displayName: 'Alice',
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
    const binding = bindTalkPlayer(el, room.as(ALICE), {
      options: { jitsiDomain: 'meet.example.org', jitsiRoom: 'DevroomTalk' },
      requestOpenId: () => Promise.reject(new Error('must not be asked')),
    });
    await binding.ready;
    expect(el.jitsiRoom).to.equal('DevroomTalk');
    expect(el.jwt).to.equal(undefined);
    binding.stop();
  });
});
