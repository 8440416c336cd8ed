import { expect, waitUntil } from '@open-wc/testing';
import { JitsiSessionController } from './jitsi-session.js';
import type { JitsiLeaveReason } from './jitsi-session.js';
import { jitsiScriptUrl, loadJitsiApi, resetJitsiLoader } from './jitsi-loader.js';

const FAKE = '/test/fixtures/jitsi/external_api.js';
const uid = () => Math.random().toString(36).slice(2);

interface FakeApi {
  domain: string;
  options: { roomName: string; jwt?: string; userInfo?: { displayName?: string }; configOverwrite?: Record<string, unknown>; lang?: string };
  commands: unknown[][];
  disposed: boolean;
  emit(name: string, payload?: unknown): void;
  fail(payload?: unknown): void;
}
const fake = () => (window as unknown as { __fakeJitsi: { instances: FakeApi[]; loads: number } }).__fakeJitsi;
const lastApi = () => fake().instances[fake().instances.length - 1]!;

function setup() {
  const host = { addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true) };
  const left: { reason: JitsiLeaveReason; error?: string }[] = [];
  let joined = 0;
  const session = new JitsiSessionController(host, {
    onJoined: () => joined++,
    onLeft: (reason, error) => left.push({ reason, error }),
  });
  const parent = document.createElement('div');
  document.body.append(parent);
  return { session, parent, left, joined: () => joined };
}

describe('Jitsi session', () => {
  afterEach(() => {
    resetJitsiLoader();
    document.querySelectorAll('script[data-devroom-jitsi]').forEach((s) => s.remove());
  });

  it('builds the default script URL from the domain, or takes the override', () => {
    expect(jitsiScriptUrl('meet.example.org')).to.equal('https://meet.example.org/external_api.js');
    expect(jitsiScriptUrl('meet.example.org', 'https://cdn.example.org/libs/external_api.min.js')).to.equal(
      'https://cdn.example.org/libs/external_api.min.js',
    );
  });

  it('joins muted with name, jwt and language, then hangs up back to idle', async () => {
    const { session, parent, left, joined } = setup();
    await session.join(parent, { domain: 'meet.example.org', room: 'DevroomTalk1', scriptUrl: FAKE, displayName: 'Ada', jwt: 'tok', lang: 'de' });
    expect(session.status).to.equal('joining');
    const iframe = parent.querySelector('iframe');
    expect(iframe).to.not.equal(null);
    const api = lastApi();
    expect(api.domain).to.equal('meet.example.org');
    expect(api.options).to.deep.include({ roomName: 'DevroomTalk1', jwt: 'tok', lang: 'de' });
    expect(api.options.userInfo).to.deep.equal({ displayName: 'Ada' });
    expect(api.options.configOverwrite).to.include({ startWithAudioMuted: true, startWithVideoMuted: true, prejoinPageEnabled: false });
    await waitUntil(() => session.status === 'joined');
    expect(joined()).to.equal(1);
    // The person presses hang up inside Jitsi.
    api.emit('videoConferenceLeft', { roomName: 'DevroomTalk1' });
    expect(session.status).to.equal('idle');
    expect(left).to.deep.equal([{ reason: 'hangup', error: undefined }]);
    expect(api.disposed).to.equal(true);
    expect(parent.querySelector('iframe')).to.equal(null);
    parent.remove();
  });

  it('returns on readyToClose and on a fatal errorOccurred, ignores non-fatal errors', async () => {
    const { session, parent, left } = setup();
    await session.join(parent, { domain: 'a.example', room: 'r1', scriptUrl: FAKE });
    lastApi().emit('readyToClose', {});
    expect(left.at(-1)).to.deep.equal({ reason: 'ready-to-close', error: undefined });

    await session.join(parent, { domain: 'a.example', room: 'r1', scriptUrl: FAKE });
    lastApi().fail({ isFatal: false, message: 'camera busy' });
    expect(session.active).to.equal(true);
    lastApi().fail({ message: 'Connection lost' });
    expect(left.at(-1)).to.deep.equal({ reason: 'error', error: 'Connection lost' });
    expect(session.error).to.equal('Connection lost');
    parent.remove();
  });

  it('leave() hangs up and disposes without reporting a leave', async () => {
    const { session, parent, left } = setup();
    await session.join(parent, { domain: 'a.example', room: 'r1', scriptUrl: FAKE });
    const api = lastApi();
    session.leave();
    expect(api.commands).to.deep.equal([['hangup']]);
    expect(api.disposed).to.equal(true);
    expect(left).to.deep.equal([]);
    parent.remove();
  });

  it('shows a failed script load and loads again on retry (no cached failure)', async () => {
    const { session, parent } = setup();
    const url = `/__hls-live/${uid()}/flaky/1${FAKE}`;
    await session.join(parent, { domain: 'b.example', room: 'r2', scriptUrl: url });
    expect(session.status).to.equal('failed');
    expect(session.error).to.contain('could not load');
    expect(parent.querySelector('iframe')).to.equal(null);
    await session.retry();
    expect(session.error).to.equal(undefined);
    expect(session.status).to.equal('joining');
    expect(parent.querySelector('iframe')).to.not.equal(null);
    session.leave();
    parent.remove();
  });

  it('refuses javascript: script URLs', async () => {
    const { session, parent } = setup();
    await session.join(parent, { domain: 'c.example', room: 'r', scriptUrl: 'javascript:alert(1)' });
    expect(session.status).to.equal('failed');
    expect(session.error).to.contain('refused');
    parent.remove();
  });

  it('keeps one constructor per script URL, so two domains on one page both work', async () => {
    const urlA = FAKE;
    const urlB = `/__hls-live/${uid()}/flaky/0${FAKE}`;
    const [A, B] = await Promise.all([loadJitsiApi(urlA), loadJitsiApi(urlB)]);
    expect(A).to.not.equal(B);
    expect(await loadJitsiApi(urlA)).to.equal(A);
    const one = setup();
    const two = setup();
    await one.session.join(one.parent, { domain: 'one.example', room: 'x', scriptUrl: urlA });
    await two.session.join(two.parent, { domain: 'two.example', room: 'y', scriptUrl: urlB });
    const apis = fake().instances.slice(-2);
    expect(apis.map((a) => a.domain)).to.deep.equal(['one.example', 'two.example']);
    expect(one.parent.querySelectorAll('iframe').length).to.equal(1);
    expect(two.parent.querySelectorAll('iframe').length).to.equal(1);
    one.session.hostDisconnected();
    two.session.hostDisconnected();
    expect(apis.every((a) => a.disposed)).to.equal(true);
    one.parent.remove();
    two.parent.remove();
  });
});
