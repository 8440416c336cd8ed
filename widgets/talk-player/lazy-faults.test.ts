/**
 * The talk player widget's stage-and-host part (stage-and-host.ts: the checks of stage invites
 * and hands, loaded with the first of them) when the network drops as it loads
 * (test/support/chunk-faults.mjs fails the module and its automatic retry): what the invited
 * attendee sees meanwhile, and the invitation at the next change in the room once the network
 * is back. Its own file: a part loads once per page.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/talk-player/define.js';
import type { DevroomTalkPlayer } from '../../components/talk-player/talk-player.js';
import { DEVROOM_EVENT_LEVELS } from '../../host-tools/apply/power.js';
import { chunkFailed, chunkRequests, chunkServed, failChunk } from '../../test/support/lazy-faults.js';
import { MemoryRoom } from '../room/memory-room.js';
import { EventTypes } from '../schema/namespace.js';
import { stageKey } from '../qa-queue/stage-schema.js';
import { bindTalkPlayer } from './binding.js';

const HOST = '@host:localhost';
const ALICE = '@alice:localhost';
const joinButton = (el: DevroomTalkPlayer) => [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Join the stage');

describe('talk player widget when its stage-and-host part cannot load', function () {
  this.timeout(15_000);

  it('an invited attendee sees no invitation (and no call) until the next change in the room loads the part; then "Join the stage" works', async () => {
    const part = '/widgets/talk-player/stage-and-host.ts';
    await failChunk(part);
    const room = new MemoryRoom({ creator: HOST, powerLevels: { events: { ...DEVROOM_EVENT_LEVELS } } });
    room.join(ALICE);
    room.setState(EventTypes.talk, '', { title: 'Kernel news', speakers: [], phase: 'qa', jitsiRoom: 'DevroomTalk' });
    const el = await fixture<DevroomTalkPlayer>(html`<devroom-talk-player lang="en"></devroom-talk-player>`);
    const binding = bindTalkPlayer(el, room.as(ALICE), { options: { jitsiDomain: 'meet.example.org', jitsiScriptUrl: '/test/fixtures/jitsi/external_api.js' } });
    await binding.ready;
    room.setState(EventTypes.qaStage, stageKey(ALICE), { invited: true, by: HOST, at: Date.now() });
    await chunkFailed(part);
    await el.updateComplete;
    expect(el.stageInvite ?? null, 'no invitation').to.equal(null);
    expect(joinButton(el), 'no Join the stage').to.equal(undefined);
    expect(el.callAllowed, 'not on stage by an invite it could not check').to.equal(false);
    expect(el.shadowRoot!.textContent).to.contain('Kernel news');
    await new Promise((r) => setTimeout(r, 300));
    expect(await chunkRequests(part), 'no retry loop').to.deep.equal({ failed: 2, served: 0 });
    // The next change in the room (the host edits the talk) asks again.
    room.setState(EventTypes.talk, '', { title: 'Kernel news, live', speakers: [], phase: 'qa', jitsiRoom: 'DevroomTalk' }, HOST);
    await chunkServed(part);
    await waitUntil(() => joinButton(el), 'the invitation with Join the stage');
    joinButton(el)!.click();
    await waitUntil(() => room.getState(EventTypes.qaHand, ALICE)[0]?.content.stage === 'accepted', 'the answer written');
    await waitUntil(() => el.callAllowed, 'the call open to them');
    el.leaveCall();
    binding.stop();
  });
});
