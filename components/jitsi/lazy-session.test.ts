import { expect } from '@open-wc/testing';
import { LazyJitsiSession } from './lazy-session.js';
import type { JitsiLeaveReason } from './jitsi-session.js';
import { resetJitsiLoader } from './jitsi-loader.js';

const FAKE = '/test/fixtures/jitsi/external_api.js';
const fake = () => (window as unknown as { __fakeJitsi: { instances: { domain: string; disposed: boolean; emit(name: string, payload?: unknown): void }[] } }).__fakeJitsi;
const real = () => import('./jitsi-session.js');

function setup(load?: () => ReturnType<typeof real>) {
  const statuses: string[] = [];
  const left: { reason: JitsiLeaveReason; error?: string }[] = [];
  const host = {
    addController() {},
    removeController() {},
    requestUpdate: () => statuses.push(session.status),
    updateComplete: Promise.resolve(true),
  };
  const session: LazyJitsiSession = new LazyJitsiSession(host, { onLeft: (reason, error) => left.push({ reason, error }) }, load);
  const parent = document.createElement('div');
  document.body.append(parent);
  return { session, parent, statuses, left };
}

describe('Lazy Jitsi session (controller loaded on the first join)', () => {
  afterEach(() => {
    resetJitsiLoader();
    document.querySelectorAll('script[data-devroom-jitsi]').forEach((s) => s.remove());
  });

  it('is idle until a join, says loading at once, then the real session joins and reports leaving', async () => {
    const { session, parent, statuses, left } = setup();
    expect(session.status).to.equal('idle');
    expect(session.active).to.equal(false);
    const joined = session.join(parent, { domain: 'meet.example.org', room: 'Lazy1', scriptUrl: FAKE });
    expect(session.status).to.equal('loading');
    expect(statuses[0]).to.equal('loading');
    await joined;
    expect(session.status).to.equal('joining');
    expect(session.iframe).to.equal(parent.querySelector('iframe'));
    const api = fake().instances.at(-1)!;
    expect(api.domain).to.equal('meet.example.org');
    api.emit('videoConferenceLeft', {});
    expect(session.status).to.equal('idle');
    expect(left).to.deep.equal([{ reason: 'hangup', error: undefined }]);
    parent.remove();
  });

  it('a chunk that fails to load shows failed with the reason; retry loads it again and joins', async () => {
    let calls = 0;
    const { session, parent } = setup(() => (++calls === 1 ? Promise.reject(new Error('chunk offline')) : real()));
    await session.join(parent, { domain: 'a.example', room: 'Lazy2', scriptUrl: FAKE });
    expect(session.status).to.equal('failed');
    expect(session.error).to.equal('chunk offline');
    expect(parent.querySelector('iframe')).to.equal(null);
    await session.retry();
    expect(calls).to.equal(2);
    expect(session.error).to.equal(undefined);
    expect(session.status).to.equal('joining');
    expect(parent.querySelector('iframe')).to.not.equal(null);
    session.leave();
    expect(session.status).to.equal('idle');
    expect(fake().instances.at(-1)!.disposed).to.equal(true);
    parent.remove();
  });

  it('leaving while the chunk loads: no call appears when it arrives', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { session, parent, left } = setup(() => gate.then(real));
    const before = fake()?.instances.length ?? 0;
    const joined = session.join(parent, { domain: 'a.example', room: 'Lazy3', scriptUrl: FAKE });
    session.leave();
    expect(session.status).to.equal('idle');
    release();
    await joined;
    expect(session.status).to.equal('idle');
    expect(parent.querySelector('iframe')).to.equal(null);
    expect(fake()?.instances.length ?? 0).to.equal(before);
    expect(left).to.deep.equal([]);
    parent.remove();
  });
});
