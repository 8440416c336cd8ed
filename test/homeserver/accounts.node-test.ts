// The test homeserver's HTTP surface and accounts: CORS and errors like Synapse, the
// shared-secret admin registration, guests, login, whoami, logout.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { registerGuest, registerUser, uniqueLocalpart } from './accounts.js';
import { startTestHomeserver } from './server.js';
import type { TestHomeserver } from './server.js';
import { api, client, user, V3 } from './test-helpers.js';

let hs: TestHomeserver;
before(async () => {
  hs = await startTestHomeserver();
});
after(() => hs.stop());

test('CORS like Synapse: any origin, no Max-Age; a pre-flight is answered 204 without a body', async () => {
  const pre = await fetch(`${hs.url}${V3}/sync`, { method: 'OPTIONS', headers: { Origin: 'https://example.org', 'Access-Control-Request-Headers': 'authorization' } });
  assert.equal(pre.status, 204);
  assert.equal(await pre.text(), '');
  assert.equal(pre.headers.get('access-control-allow-origin'), '*');
  assert.equal(pre.headers.get('access-control-allow-methods'), 'GET, HEAD, POST, PUT, DELETE, OPTIONS');
  assert.equal(pre.headers.get('access-control-allow-headers'), 'X-Requested-With, Content-Type, Authorization, Date');
  assert.equal(pre.headers.get('access-control-max-age'), null);
  const versions = await api(hs.url, undefined, 'GET', '/_matrix/client/versions');
  assert.equal(versions.headers.get('access-control-allow-origin'), '*');
  const error = await api(hs.url, undefined, 'GET', `${V3}/sync`);
  assert.equal(error.headers.get('access-control-allow-origin'), '*', 'errors carry CORS headers too');
  assert.ok(hs.requests.some((r) => r.method === 'OPTIONS' && r.path === `${V3}/sync` && r.status === 204), 'pre-flights are recorded');
});

test('versions; no .well-known; unknown endpoints 404 M_UNRECOGNIZED, wrong methods 405', async () => {
  const v = await api<{ versions: string[]; unstable_features: object }>(hs.url, undefined, 'GET', '/_matrix/client/versions');
  assert.ok(v.body.versions.includes('r0.6.1') && v.body.versions.includes('v1.12'));
  assert.deepEqual(v.body.unstable_features, {});
  assert.equal((await api(hs.url, undefined, 'GET', '/.well-known/matrix/client')).status, 404);
  const unknown = await api(hs.url, undefined, 'GET', `${V3}/no/such/thing`);
  assert.deepEqual([unknown.status, unknown.body.errcode], [404, 'M_UNRECOGNIZED']);
  const wrongMethod = await api(hs.url, undefined, 'DELETE', `${V3}/createRoom`);
  assert.deepEqual([wrongMethod.status, wrongMethod.body.errcode], [405, 'M_UNRECOGNIZED']);
});

test('tokens: missing → 401 M_MISSING_TOKEN, unknown → 401 M_UNKNOWN_TOKEN; header or access_token parameter', async () => {
  const missing = await api(hs.url, undefined, 'GET', `${V3}/account/whoami`);
  assert.deepEqual([missing.status, missing.body.errcode], [401, 'M_MISSING_TOKEN']);
  const bad = await api(hs.url, { accessToken: 'nope' }, 'GET', `${V3}/account/whoami`);
  assert.deepEqual([bad.status, bad.body.errcode], [401, 'M_UNKNOWN_TOKEN']);
  const alice = await user(hs, 'alice');
  const byQuery = await api(hs.url, undefined, 'GET', `${V3}/account/whoami?access_token=${alice.accessToken}`);
  assert.equal(byQuery.body.user_id, alice.userId);
  const record = [...hs.requests].reverse().find((r) => r.path === `${V3}/account/whoami`);
  assert.equal(record?.user, alice.userId, 'requests are recorded with their user, without the query');
});

test('admin registration: HMAC-SHA1 over nonce, user, password, admin flag; single-use nonce; wrong mac 403; taken 400 M_USER_IN_USE', async () => {
  const localpart = uniqueLocalpart('reg');
  const account = await registerUser(hs.url, hs.registrationSharedSecret, localpart, { admin: true, displayName: 'Reg Istered' });
  assert.equal(account.userId, `@${localpart}:${hs.serverName}`);
  assert.match(account.deviceId, /^[A-Z]{10}$/);
  const who = await client(hs, account).get(`${V3}/account/whoami`);
  assert.deepEqual(who.body, { user_id: account.userId, is_guest: false, device_id: account.deviceId });
  assert.deepEqual((await client(hs, account).get(`${V3}/profile/${encodeURIComponent(account.userId)}`)).body, { displayname: 'Reg Istered' });

  const nonce = (await api<{ nonce: string }>(hs.url, undefined, 'GET', '/_synapse/admin/v1/register')).body.nonce;
  const mac = (user: string, password: string, secret = hs.registrationSharedSecret) =>
    createHmac('sha1', secret).update(`${nonce}\0${user}\0${password}\0notadmin`).digest('hex');
  const wrong = await api(hs.url, undefined, 'POST', '/_synapse/admin/v1/register', { nonce, username: 'mallory', password: 'p', mac: mac('mallory', 'p', 'guess') });
  assert.equal(wrong.status, 403);
  const reused = await api(hs.url, undefined, 'POST', '/_synapse/admin/v1/register', { nonce, username: 'mallory', password: 'p', mac: mac('mallory', 'p') });
  assert.deepEqual([reused.status, reused.body.error], [400, 'unrecognised nonce'], 'a nonce is gone after one use, even a failed one');

  await assert.rejects(registerUser(hs.url, hs.registrationSharedSecret, localpart), /400 M_USER_IN_USE/);
  await assert.rejects(registerUser(hs.url, 'not-the-secret', uniqueLocalpart('x')), /403/);
  // Without a display name Synapse uses the localpart.
  const plain = await user(hs, 'plain');
  assert.equal((await client(hs, plain).get(`${V3}/profile/${encodeURIComponent(plain.userId)}/displayname`)).body.displayname, plain.userId.slice(1).split(':')[0]);
});

test('registration: guests get an account; normal registration is disabled (403 M_FORBIDDEN)', async () => {
  const guest = await registerGuest(hs.url);
  assert.match(guest.userId, /^@\d+:localhost$/);
  const who = await client(hs, guest).get(`${V3}/account/whoami`);
  assert.deepEqual(who.body, { user_id: guest.userId, is_guest: true, device_id: 'guest_device' });
  const normal = await api(hs.url, undefined, 'POST', `${V3}/register`, { username: 'someone', password: 'x' });
  assert.deepEqual([normal.status, normal.body.errcode], [403, 'M_FORBIDDEN']);
  const noGuests = await startTestHomeserver({ guests: false });
  try {
    const refused = await api(noGuests.url, undefined, 'POST', `${V3}/register?kind=guest`, {});
    assert.deepEqual([refused.status, refused.body.errcode], [403, 'M_FORBIDDEN']);
  } finally {
    await noGuests.stop();
  }
});

test('login with m.id.user, whoami, logout', async () => {
  const localpart = uniqueLocalpart('login');
  const account = await registerUser(hs.url, hs.registrationSharedSecret, localpart, { password: 'hunter2' });
  assert.deepEqual((await api(hs.url, undefined, 'GET', `${V3}/login`)).body.flows, [{ type: 'm.login.password' }, { type: 'm.login.application_service' }]);
  const bad = await api(hs.url, undefined, 'POST', `${V3}/login`, { type: 'm.login.password', identifier: { type: 'm.id.user', user: localpart }, password: 'wrong' });
  assert.deepEqual([bad.status, bad.body.errcode], [403, 'M_FORBIDDEN']);
  const ok = await api<{ user_id: string; access_token: string; device_id: string }>(hs.url, undefined, 'POST', `${V3}/login`, {
    type: 'm.login.password',
    identifier: { type: 'm.id.user', user: localpart },
    password: 'hunter2',
  });
  assert.equal(ok.body.user_id, account.userId);
  assert.notEqual(ok.body.device_id, account.deviceId, 'a login is a new device');
  const session = { accessToken: ok.body.access_token };
  assert.equal((await client(hs, session).get(`${V3}/account/whoami`)).body.device_id, ok.body.device_id);
  assert.equal((await client(hs, session).post(`${V3}/logout`)).status, 200);
  assert.equal((await client(hs, session).get(`${V3}/account/whoami`)).body.errcode, 'M_UNKNOWN_TOKEN');
});

test('control API: the request log and settings can be read and changed at run time', async () => {
  await api(hs.url, undefined, 'POST', '/_devroom_test/requests/reset');
  await api(hs.url, undefined, 'GET', '/_matrix/client/versions');
  const log = await api<{ requests: { method: string; path: string; status: number }[] }>(hs.url, undefined, 'GET', '/_devroom_test/requests');
  assert.deepEqual(
    log.body.requests.map((r) => `${r.method} ${r.path} ${r.status}`),
    ['GET /_matrix/client/versions 200'],
    'the control API itself is not logged',
  );
  const set = await api(hs.url, undefined, 'POST', '/_devroom_test/config', { relationsDefaultLimit: 7 });
  assert.equal(set.body.relationsDefaultLimit, 7);
  assert.deepEqual((await api(hs.url, undefined, 'GET', '/_devroom_test/config')).body, { relationsDefaultLimit: 7, rateLimit: false });
  await api(hs.url, undefined, 'POST', '/_devroom_test/config', { relationsDefaultLimit: 5 });
});
