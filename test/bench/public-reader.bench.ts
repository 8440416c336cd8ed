/**
 * The public reader's idle cost (issue #14.7): one plain page with the four tags bound to one
 * public room, read live as a guest, on the in-process test homeserver over HTTP — bound the
 * way widgets/public/public-room.homeserver-test.ts binds them. Counted from the server's
 * request log (so CORS pre-flights count too: the page runs on another origin than the
 * homeserver), over a quiet minute with the reader's default /sync timeout (30 s): nothing is
 * extrapolated. Figures only; the bounds asserted are sanity checks.
 *   npx web-test-runner --config web-test-runner.bench.config.mjs --files test/bench/public-reader.bench.ts
 */
import { expect } from '@open-wc/testing';
import '../../components/qa-queue/define.js';
import '../../components/food-truck-menu/define.js';
import '../../components/stand-booth/define.js';
import '../../components/talk-player/define.js';
import { sampleMenuJson } from '../../components/food-truck-menu/test-fixtures.js';
import { sampleStand } from '../../components/stand-booth/test-fixtures.js';
import { bindPublicRoom } from '../../widgets/public/public-room.js';
import type { PublicRoomBinding } from '../../widgets/public/public-room.js';
import { EventTypes } from '../../widgets/schema/namespace.js';
import { registerUser, uniqueLocalpart } from '../homeserver/accounts.js';
import type { Account } from '../homeserver/accounts.js';
import { record } from './report.js';

const IDLE_MS = 60_000;
const TAGS = ['devroom-qa-queue', 'devroom-food-truck-menu', 'devroom-stand-booth', 'devroom-talk-player'] as const;

interface HomeserverInfo {
  url: string;
  serverName: string;
  registrationSharedSecret: string;
  controls: boolean;
}

// Not test/element/conference.ts's helpers: they bring matrix-js-sdk into the page, and this
// page should hold the public reader alone.
const homeserver = async (): Promise<HomeserverInfo> => (await fetch('/__homeserver')).json() as Promise<HomeserverInfo>;

/** A set-up call as the organiser. */
async function api<T = Record<string, unknown>>(account: Account, method: string, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${account.baseUrl}/_matrix/client${path}`, {
    method,
    headers: { Authorization: `Bearer ${account.accessToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json().catch(() => ({}))) as T;
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${JSON.stringify(json)}`);
  return json;
}

interface RequestRecord {
  method: string;
  path: string;
  user?: string;
  status: number;
  at: number;
}

async function requestLog(url: string): Promise<RequestRecord[]> {
  return ((await (await fetch(`${url}/_devroom_test/requests`)).json()) as { requests: RequestRecord[] }).requests;
}

const enc = encodeURIComponent;
const at = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
/** `GET sync`, `POST register`: the request without the client-server prefix and ids. */
const short = (r: RequestRecord) =>
  `${r.method} ${r.path.replace(/^\/_matrix\/client\/[^/]+\//, '').replace(/![^/]+/, '{room}').replace(/#[^/]+/, '{alias}').replace(/\$[^/]+/, '{event}')}`;

describe('public reader idle cost (test homeserver)', function () {
  this.timeout(180_000);
  const bound: PublicRoomBinding[] = [];
  const page = document.createElement('main');
  after(() => {
    for (const b of bound.splice(0)) b.stop();
    page.remove();
  });

  it('one page with four tags: requests per minute idle, CORS pre-flights included', async function () {
    const hs = await homeserver();
    if (!hs.controls) {
      console.log('public-reader bench: skipped, this homeserver has no request log (/_devroom_test)');
      await record('public', 'idle requests per minute', 'skipped: needs the test homeserver (request log)');
      this.skip();
    }

    // The organiser's public room: world-readable, guests may join (the /sync path), with
    // devroom state for every tag: a Q&A root with two questions and a vote, menu, stand, talk.
    const organiser = await registerUser(hs.url, hs.registrationSharedSecret, uniqueLocalpart('bench-organiser'), { admin: true });
    const localpart = uniqueLocalpart('bench-public');
    const { room_id: roomId } = await api<{ room_id: string }>(organiser, 'POST', '/v3/createRoom', {
      preset: 'public_chat',
      room_alias_name: localpart,
      initial_state: [
        { type: 'm.room.history_visibility', state_key: '', content: { history_visibility: 'world_readable' } },
        { type: 'm.room.guest_access', state_key: '', content: { guest_access: 'can_join' } },
      ],
    });
    let txn = 0;
    const send = async (type: string, content: Record<string, unknown>) =>
      (await api<{ event_id: string }>(organiser, 'PUT', `/v3/rooms/${enc(roomId)}/send/${enc(type)}/bench-${Date.now()}-${txn++}`, content)).event_id;
    const state = (type: string, content: Record<string, unknown>, key = '') => api(organiser, 'PUT', `/v3/rooms/${enc(roomId)}/state/${enc(type)}/${enc(key)}`, content);
    const root = await send('m.room.message', { msgtype: 'm.notice', body: 'Q&A' });
    await state(EventTypes.root, { event_id: root }, 'qa');
    await send('m.room.message', { msgtype: 'm.text', body: 'Idle question one', 'm.relates_to': { rel_type: 'm.reference', event_id: root } });
    const q2 = await send('m.room.message', { msgtype: 'm.text', body: 'Idle question two', 'm.relates_to': { rel_type: 'm.reference', event_id: root } });
    await send('m.reaction', { 'm.relates_to': { rel_type: 'm.annotation', event_id: q2, key: '👍' } });
    const menu = sampleMenuJson();
    menu.openingHours = [{ opens: at(-2), closes: at(4) }];
    await state(EventTypes.menu, menu as unknown as Record<string, unknown>);
    const stand = sampleStand();
    delete stand.logo; // no mxc:// download on a plain page
    delete stand.jitsi;
    await state(EventTypes.stand, stand);
    await state(EventTypes.talk, { title: 'Idle talk', startsAt: at(-1), endsAt: at(1) });

    // A first visit: no guest account stored by an earlier run in this browser profile.
    for (const key of Object.keys(localStorage)) if (key.startsWith('devroom.guest:')) localStorage.removeItem(key);
    const started = Date.now();
    for (const tag of TAGS) {
      const el = document.createElement(tag);
      el.setAttribute('homeserver', hs.url);
      el.setAttribute('room', `#${localpart}:${hs.serverName}`);
      page.append(el);
    }
    document.body.append(page);
    bound.push(...[...page.children].map((el) => bindPublicRoom(el as HTMLElement)));
    await Promise.all(bound.map((b) => b.ready));
    const shownMs = Date.now() - started;
    const guest = bound[0]!.room.userId;
    expect(bound[0]!.room.mode).to.equal('sync');

    // Start-up: everything the page sent until it showed the room (the organiser is done by now).
    await new Promise((r) => setTimeout(r, 1000));
    const startup = (await requestLog(hs.url)).filter((r) => r.at >= started && (r.user === guest || r.user === undefined));
    const startupPreflights = startup.filter((r) => r.method === 'OPTIONS').length;

    // A quiet minute: nothing happens in the room.
    const from = Date.now();
    await new Promise((r) => setTimeout(r, IDLE_MS));
    // The log records a request when it ends: stopping ends the long poll in flight.
    for (const b of bound.splice(0)) b.stop();
    await new Promise((r) => setTimeout(r, 500));
    const idle = (await requestLog(hs.url)).filter((r) => r.at >= from && r.at < from + IDLE_MS && (r.user === guest || r.method === 'OPTIONS'));
    const preflights = idle.filter((r) => r.method === 'OPTIONS').length;
    const perMinute = (idle.length * 60_000) / IDLE_MS;

    const count = (list: RequestRecord[]) => {
      const byKind = new Map<string, number>();
      for (const r of list) byKind.set(short(r), (byKind.get(short(r)) ?? 0) + 1);
      return [...byKind].map(([k, n]) => `${n}× ${k}`).join(', ');
    };
    console.log(`[public-reader] start-up (four tags, first visit): ${startup.length} requests (${startupPreflights} pre-flights) in ${shownMs} ms: ${count(startup)}`);
    console.log(`[public-reader] idle (four tags, ${IDLE_MS / 1000} s, /sync timeout 30 s): ${idle.length} requests (${preflights} pre-flights): ${count(idle) || 'none'}`);
    await record('public', 'idle requests per minute (CORS pre-flights included)', perMinute, '', `${count(idle) || 'none'}; ${IDLE_MS / 1000} s measured with the default 30 s /sync timeout, not extrapolated`);
    await record('public', 'CORS pre-flights per minute idle', (preflights * 60_000) / IDLE_MS, '', 'GETs carry the token as access_token, no custom header');
    await record('public', 'start-up requests, first visit (pre-flights included)', startup.length, '', `${startupPreflights} pre-flights; ${count(startup)}`);
    await record('public', 'start-up: binding → all four tags show the room', shownMs, 'ms', 'one guest, one connection for the four tags');

    expect(idle.length).to.be.below(30);
  });
});
