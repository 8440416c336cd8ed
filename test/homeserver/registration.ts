/**
 * Accounts: Synapse's shared-secret admin registration, guest registration (normal
 * registration is disabled, as on a conference homeserver), password login, whoami,
 * logout and profiles.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Ctx, Endpoint } from './context.js';
import type { Core, User } from './core.js';
import { CLIENT, forbidden, MatrixError, notFound, route } from './http.js';

/** Nonces live for 60 s (Synapse's NONCE_TIMEOUT) and are deleted on first use, right or wrong. */
const NONCE_TIMEOUT_MS = 60_000;
const nonces = new WeakMap<Core, Map<string, number>>();

function nonceStore(core: Core): Map<string, number> {
  let store = nonces.get(core);
  if (!store) nonces.set(core, (store = new Map()));
  const now = Date.now();
  for (const [nonce, at] of store) if (now - at > NONCE_TIMEOUT_MS) store.delete(nonce);
  return store;
}

function badRequest(message: string, errcode = 'M_UNKNOWN'): MatrixError {
  return new MatrixError(400, errcode, message);
}

/** Synapse's `check_username` for a localpart chosen by a client or admin. */
function checkUsername(core: Core, localpart: string): void {
  if (/^\d+$/.test(localpart)) throw badRequest('Numeric user IDs are reserved for guest users.', 'M_INVALID_USERNAME');
  if (!/^[a-z0-9._=\-/+]+$/.test(localpart)) throw badRequest("User ID can only contain characters a-z, 0-9, or '=_-./+'", 'M_INVALID_USERNAME');
  if (core.userId(localpart).length > 255) throw badRequest('User ID may not be longer than 255 characters', 'M_INVALID_USERNAME');
  if (core.users.has(core.userId(localpart))) throw badRequest('User ID already taken.', 'M_USER_IN_USE');
}

function adminRegister(ctx: Ctx, body: Record<string, unknown>) {
  const { core } = ctx;
  const store = nonceStore(core);
  if (!('nonce' in body)) throw badRequest('nonce must be specified', 'M_BAD_JSON');
  const nonce = String(body.nonce);
  if (!store.has(nonce)) throw badRequest('unrecognised nonce');
  store.delete(nonce);
  if (!('username' in body)) throw badRequest('username must be specified', 'M_BAD_JSON');
  const username = body.username;
  if (typeof username !== 'string' || username.length > 512 || username.includes('\0')) throw badRequest('Invalid username');
  if (!('password' in body)) throw badRequest('password must be specified', 'M_BAD_JSON');
  const password = body.password;
  if (typeof password !== 'string' || password.length > 512 || password.includes('\0')) throw badRequest('Invalid password');
  if (!('mac' in body)) throw badRequest('mac must be specified', 'M_BAD_JSON');
  const admin = Boolean(body.admin);
  const want = createHmac('sha1', core.config.registrationSharedSecret)
    .update(`${nonce}\0${username}\0${password}\0${admin ? 'admin' : 'notadmin'}`)
    .digest('hex');
  const got = Buffer.from(String(body.mac));
  if (got.length !== want.length || !timingSafeEqual(got, Buffer.from(want))) throw forbidden('HMAC incorrect');
  const localpart = username.toLowerCase();
  checkUsername(core, localpart);
  const displayname = typeof body.displayname === 'string' ? body.displayname : localpart;
  const user: User = { userId: core.userId(localpart), localpart, password, admin, guest: false, displayname };
  core.users.set(user.userId, user);
  const session = core.login(user.userId);
  return { user_id: user.userId, home_server: core.config.serverName, access_token: session.token, device_id: session.deviceId };
}

function register(ctx: Ctx) {
  const { core } = ctx;
  const kind = ctx.query.get('kind') ?? 'user';
  if (kind === 'guest') {
    if (!core.config.guests) throw forbidden('Guest access is disabled');
    core.limiter.check('registration', ctx.req.socket.remoteAddress ?? '');
    const localpart = core.nextGuestLocalpart();
    // Synapse names a generated account after its localpart.
    const user: User = { userId: core.userId(localpart), localpart, admin: false, guest: true, displayname: localpart };
    core.users.set(user.userId, user);
    // Every Synapse guest has the same device id.
    const session = core.login(user.userId, 'guest_device');
    return { user_id: user.userId, device_id: session.deviceId, access_token: session.token, home_server: core.config.serverName };
  }
  if (kind !== 'user') throw badRequest('Invalid kind');
  throw forbidden('Registration has been disabled');
}

async function login(ctx: Ctx) {
  const { core } = ctx;
  const body = await ctx.json();
  if (body.type !== 'm.login.password') throw new MatrixError(400, 'M_UNKNOWN', 'Unknown login type');
  core.limiter.check('login', ctx.req.socket.remoteAddress ?? '');
  const identifier = body.identifier as Record<string, unknown> | undefined;
  const name = identifier?.type === 'm.id.user' ? identifier.user : body.user;
  if (typeof name !== 'string') throw badRequest('Invalid username or password', 'M_FORBIDDEN');
  const userId = name.startsWith('@') ? name : core.userId(name.toLowerCase());
  const user = core.users.get(userId);
  if (!user || user.password === undefined || user.password !== body.password) throw forbidden('Invalid username or password');
  const session = core.login(user.userId, typeof body.device_id === 'string' ? body.device_id : undefined);
  return { user_id: user.userId, access_token: session.token, home_server: core.config.serverName, device_id: session.deviceId };
}

function profileOf(core: Core, userId: string): User {
  const user = core.users.get(userId);
  if (!user) throw notFound('Profile was not found');
  return user;
}

/** Synapse sends a new member event with the new name into every room the user is joined to. */
function setDisplayname(ctx: Ctx, userId: string, displayname: unknown) {
  const requester = ctx.auth({ allowGuest: true });
  if (requester.user.userId !== userId && !requester.user.admin) throw forbidden("Cannot set another user's displayname");
  if (typeof displayname !== 'string') throw new MatrixError(400, 'M_UNKNOWN', 'Unable to parse name');
  if (displayname.length > 256) throw new MatrixError(400, 'M_UNKNOWN', 'Displayname is too long (max 256)');
  const user = profileOf(ctx.core, userId);
  user.displayname = displayname;
  for (const { room, membership, event } of ctx.rooms.membershipsOf(userId)) {
    if (membership !== 'join') continue;
    const content = { ...event.data.content, displayname };
    ctx.rooms.send(requester, room, { type: 'm.room.member', stateKey: userId, content }, { ratelimit: false });
  }
  return {};
}

export const registrationEndpoints: Endpoint[] = [
  route('GET', '/_synapse/admin/v1/register', (ctx) => {
    const nonce = randomBytes(64).toString('hex');
    nonceStore(ctx.core).set(nonce, Date.now());
    return { nonce };
  }),
  route('POST', '/_synapse/admin/v1/register', async (ctx) => adminRegister(ctx, await ctx.json())),
  route('POST', `${CLIENT}/register`, (ctx) => register(ctx)),
  route('GET', `${CLIENT}/login`, () => ({ flows: [{ type: 'm.login.password' }, { type: 'm.login.application_service' }] })),
  route('POST', `${CLIENT}/login`, (ctx) => login(ctx)),
  route('GET', `${CLIENT}/account/whoami`, (ctx) => {
    const r = ctx.auth({ allowGuest: true });
    return { user_id: r.user.userId, is_guest: r.user.guest, device_id: r.deviceId };
  }),
  route('POST', `${CLIENT}/logout`, (ctx) => {
    const r = ctx.auth({ allowGuest: true });
    ctx.core.sessions.delete(r.token);
    return {};
  }),
  route('POST', `${CLIENT}/logout/all`, (ctx) => {
    const r = ctx.auth({ allowGuest: true });
    for (const [token, s] of ctx.core.sessions) if (s.userId === r.user.userId) ctx.core.sessions.delete(token);
    return {};
  }),
  route('GET', `${CLIENT}/profile/{userId}`, (ctx, [userId]) => {
    const user = profileOf(ctx.core, userId as string);
    return { ...(user.displayname !== undefined ? { displayname: user.displayname } : {}), ...(user.avatarUrl !== undefined ? { avatar_url: user.avatarUrl } : {}) };
  }),
  route('GET', `${CLIENT}/profile/{userId}/displayname`, (ctx, [userId]) => {
    const user = profileOf(ctx.core, userId as string);
    return user.displayname !== undefined ? { displayname: user.displayname } : {};
  }),
  route('PUT', `${CLIENT}/profile/{userId}/displayname`, async (ctx, [userId]) => setDisplayname(ctx, userId as string, (await ctx.json()).displayname)),
  route('GET', `${CLIENT}/profile/{userId}/avatar_url`, (ctx, [userId]) => {
    const user = profileOf(ctx.core, userId as string);
    return user.avatarUrl !== undefined ? { avatar_url: user.avatarUrl } : {};
  }),
];
