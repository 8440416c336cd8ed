/**
 * Test accounts on the test homeserver or a real Synapse: the shared-secret admin
 * registration and guest registration. Isomorphic (global fetch and WebCrypto), so it
 * runs in Node tests and in the browser.
 */

export interface Account {
  userId: string;
  accessToken: string;
  deviceId: string;
  baseUrl: string;
}

export interface RegisterOptions {
  admin?: boolean;
  password?: string;
  displayName?: string;
}

async function call<T>(baseUrl: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(baseUrl.replace(/\/+$/, '') + path, {
    method,
    ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const json = (await response.json().catch(() => ({}))) as T & { errcode?: string; error?: string };
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${json.errcode ?? ''} ${json.error ?? ''}`.trim());
  return json;
}

async function hmacSha1Hex(secret: string, message: string): Promise<string> {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, enc.encode(message)));
  return Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Synapse's shared-secret registration (`/_synapse/admin/v1/register`): a single-use
 * nonce, then mac = HMAC-SHA1(secret, nonce \0 user \0 password \0 admin|notadmin).
 * The display name goes in the same request (Synapse defaults it to the localpart).
 */
export async function registerUser(baseUrl: string, sharedSecret: string, localpart: string, opts: RegisterOptions = {}): Promise<Account> {
  const { nonce } = await call<{ nonce: string }>(baseUrl, 'GET', '/_synapse/admin/v1/register');
  const password = opts.password ?? `pw-${localpart}-${Math.random().toString(36).slice(2)}`;
  const admin = opts.admin ?? false;
  const mac = await hmacSha1Hex(sharedSecret, `${nonce}\0${localpart}\0${password}\0${admin ? 'admin' : 'notadmin'}`);
  const result = await call<{ user_id: string; access_token: string; device_id: string }>(baseUrl, 'POST', '/_synapse/admin/v1/register', {
    nonce,
    username: localpart,
    password,
    admin,
    mac,
    ...(opts.displayName !== undefined ? { displayname: opts.displayName } : {}),
  });
  return { userId: result.user_id, accessToken: result.access_token, deviceId: result.device_id, baseUrl };
}

/** A guest account (POST /register?kind=guest); fails where the server disallows guests. */
export async function registerGuest(baseUrl: string): Promise<Account> {
  const result = await call<{ user_id: string; access_token: string; device_id: string }>(baseUrl, 'POST', '/_matrix/client/v3/register?kind=guest', {});
  return { userId: result.user_id, accessToken: result.access_token, deviceId: result.device_id, baseUrl };
}

/** `prefix` plus a random suffix, so runs against a long-lived real server never collide. */
export function uniqueLocalpart(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return `${prefix.toLowerCase()}-${Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('')}`;
}
