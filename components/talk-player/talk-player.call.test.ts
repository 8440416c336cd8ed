import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import './define.js';
import type { DevroomTalkPlayer } from './talk-player.js';
import { FAKE_JITSI, button, control, fastPolicy, liveUrl, slateText, uid, waitAdvancing, waitStatus } from './test-helpers.js';
import { resetJitsiLoader } from '../jitsi/jitsi-loader.js';

interface FakeApi {
  domain: string;
  options: { roomName: string; jwt?: string; userInfo?: { displayName?: string } };
  disposed: boolean;
  emit(name: string, payload?: unknown): void;
  fail(payload?: unknown): void;
}
const lastApi = () => {
  const list = (window as unknown as { __fakeJitsi: { instances: FakeApi[] } }).__fakeJitsi.instances;
  return list[list.length - 1]!;
};
const iframe = (el: DevroomTalkPlayer) => el.shadowRoot!.querySelector('[part="jitsi"] iframe');

async function qaPlayer(id: string, props: { callAllowed?: boolean; autoJoin?: boolean; script?: string } = {}) {
  return fixture<DevroomTalkPlayer>(html`<devroom-talk-player
    src=${liveUrl(id)}
    phase="talk"
    jitsi-domain="meet.example.org"
    jitsi-room="DevroomTalk"
    jitsi-script-url=${props.script ?? FAKE_JITSI}
    display-name="Ada"
    .jwt=${'token-1'}
    ?call-allowed=${props.callAllowed ?? true}
    ?auto-join=${props.autoJoin ?? false}
    .playbackPolicy=${fastPolicy}
  ></devroom-talk-player>`);
}

describe('<devroom-talk-player> stream ⇄ Jitsi', function () {
  this.timeout(20000);
  afterEach(() => resetJitsiLoader());

  it('qa + callAllowed + autoJoin: hands over to Jitsi (stops HLS), hang-up returns to the live stream', async () => {
    const id = uid();
    const el = await qaPlayer(id, { autoJoin: true });
    await waitAdvancing(el);
    const joining = oneEvent(el, 'devroom-join-call');
    el.phase = 'qa';
    expect((await joining).detail).to.deep.equal({ domain: 'meet.example.org', room: 'DevroomTalk', auto: true });
    await waitUntil(() => iframe(el), 'no Jitsi iframe');
    const api = lastApi();
    expect(api.options.roomName).to.equal('DevroomTalk');
    expect(api.options.jwt).to.equal('token-1');
    expect(api.options.userInfo).to.deep.equal({ displayName: 'Ada' });
    expect(el.inCall).to.equal(true);
    // HLS loading stopped while in the call.
    const before = (await control(id, {})).requests;
    await new Promise((r) => setTimeout(r, 2500));
    const after = (await control(id, {})).requests;
    expect(after.playlist + after.segments).to.equal(before.playlist + before.segments);
    await waitUntil(() => el.call.status === 'joined');
    const left = oneEvent(el, 'devroom-leave-call');
    api.emit('videoConferenceLeft', {});
    expect((await left).detail).to.deep.equal({ reason: 'hangup' });
    expect(iframe(el)).to.equal(null);
    await waitAdvancing(el);
    expect(el.playback!.behindLive()).to.be.lessThan(10);
    el.remove();
  });

  it('readyToClose and a fatal errorOccurred both return to the stream (error shown)', async () => {
    const id = uid();
    const el = await qaPlayer(id);
    el.phase = 'qa';
    await el.updateComplete;
    button(el, 'Join the Q&A call')!.click();
    await waitUntil(() => iframe(el));
    lastApi().emit('readyToClose', {});
    await waitStatus(el, 'playing');
    expect(el.inCall).to.equal(false);

    button(el, 'Join the Q&A call')!.click();
    await waitUntil(() => iframe(el));
    const left = oneEvent(el, 'devroom-leave-call');
    lastApi().fail({ message: 'Connection lost' });
    expect((await left).detail).to.deep.equal({ reason: 'error', error: 'Connection lost' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="toolbar"]')!.textContent).to.contain('The call ended (Connection lost)');
    await waitStatus(el, 'playing');
    el.remove();
  });

  it('viewers without callAllowed keep the stream; leaving Q&A ends the call', async () => {
    const id = uid();
    const el = await qaPlayer(id, { callAllowed: false, autoJoin: true });
    el.phase = 'qa';
    await el.updateComplete;
    expect(button(el, 'Join the Q&A call')).to.equal(undefined);
    expect(el.inCall).to.equal(false);
    // The host opens the call to everyone (hallway): now offered.
    el.hallway = true;
    await el.updateComplete;
    button(el, 'Join the Q&A call')!.click();
    await waitUntil(() => iframe(el));
    el.hallway = false;
    const left = oneEvent(el, 'devroom-leave-call');
    await el.updateComplete;
    expect((await left).detail.reason).to.equal('phase');
    expect(iframe(el)).to.equal(null);
    el.remove();
  });

  it('stage invitation: accept joins the call, decline dismisses', async () => {
    const id = uid();
    const el = await qaPlayer(id, { callAllowed: false });
    el.phase = 'qa';
    el.stageInvite = { by: 'Grace' };
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="invite"]')!.textContent).to.contain('Grace invites you on stage');
    button(el, 'No, thanks')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="invite"]')).to.equal(null);
    el.stageInvite = { by: 'Grace' };
    await el.updateComplete;
    const accepted = oneEvent(el, 'devroom-accept-stage');
    button(el, 'Join the stage')!.click();
    await accepted;
    await waitUntil(() => iframe(el));
    el.remove();
  });

  it('Jitsi script fails to load: visible error + Retry works; Back to the stream', async () => {
    const id = uid();
    const el = await qaPlayer(id, { script: `/__hls-live/${id}/flaky/1${FAKE_JITSI}` });
    el.phase = 'qa';
    await el.updateComplete;
    button(el, 'Join the Q&A call')!.click();
    await waitUntil(() => el.call.status === 'failed');
    await el.updateComplete;
    expect(slateText(el)).to.contain('The call could not be loaded');
    button(el, 'Try again')!.click();
    await waitUntil(() => iframe(el), 'retry did not load the call');
    button(el, 'Leave the call')!.click();
    await waitAdvancing(el);
    el.remove();
  });

  it('a cancelled devroom-join-call keeps the stream', async () => {
    const id = uid();
    const el = await qaPlayer(id);
    el.phase = 'qa';
    await el.updateComplete;
    el.addEventListener('devroom-join-call', (e) => e.preventDefault());
    expect(el.joinCall()).to.equal(false);
    expect(el.inCall).to.equal(false);
    await expect(el).to.be.accessible();
    el.remove();
  });
});
