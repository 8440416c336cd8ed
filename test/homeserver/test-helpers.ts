/** Helpers for the test homeserver's own node tests. */
import type { Account } from './accounts.js';
import { registerUser, uniqueLocalpart } from './accounts.js';
import type { TestHomeserver } from './server.js';

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

/** One client-server request; `who` is an account (its token is sent) or nobody. */
export async function api<T = Record<string, unknown>>(
  base: string,
  who: Pick<Account, 'accessToken'> | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer<T>> {
  const response = await fetch(base + path, {
    method,
    headers: {
      ...(who ? { Authorization: `Bearer ${who.accessToken}` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as T, headers: response.headers };
}

export const enc = encodeURIComponent;

/** A client bound to one account: `c.get(path)`, `c.put(path, body)`, … */
export function client(hs: Pick<TestHomeserver, 'url'>, who: Pick<Account, 'accessToken'> | undefined) {
  return {
    get: <T = Record<string, unknown>>(path: string) => api<T>(hs.url, who, 'GET', path),
    post: <T = Record<string, unknown>>(path: string, body: unknown = {}) => api<T>(hs.url, who, 'POST', path, body),
    put: <T = Record<string, unknown>>(path: string, body: unknown = {}) => api<T>(hs.url, who, 'PUT', path, body),
    del: <T = Record<string, unknown>>(path: string) => api<T>(hs.url, who, 'DELETE', path),
  };
}

export const V3 = '/_matrix/client/v3';

export function user(hs: TestHomeserver, prefix: string, opts: { admin?: boolean; displayName?: string } = {}): Promise<Account> {
  return registerUser(hs.url, hs.registrationSharedSecret, uniqueLocalpart(prefix), opts);
}

let txn = 0;
export const txnId = () => `t${Date.now()}-${++txn}`;

/** Creates a room as `owner` and returns its id. */
export async function createRoom(hs: TestHomeserver, owner: Account, body: Record<string, unknown> = {}): Promise<string> {
  const r = await api<{ room_id: string }>(hs.url, owner, 'POST', `${V3}/createRoom`, body);
  if (r.status !== 200) throw new Error(`createRoom → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.room_id;
}

/** Sends a message event and returns its id. */
export async function send(hs: TestHomeserver, who: Account, roomId: string, type: string, content: Record<string, unknown>): Promise<string> {
  const r = await api<{ event_id: string }>(hs.url, who, 'PUT', `${V3}/rooms/${enc(roomId)}/send/${enc(type)}/${txnId()}`, content);
  if (r.status !== 200) throw new Error(`send → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.event_id;
}

export async function join(hs: TestHomeserver, who: Account, roomId: string): Promise<void> {
  const r = await api(hs.url, who, 'POST', `${V3}/join/${enc(roomId)}`, {});
  if (r.status !== 200) throw new Error(`join → ${r.status} ${JSON.stringify(r.body)}`);
}

export function react(hs: TestHomeserver, who: Account, roomId: string, eventId: string, key: string): Promise<Answer<{ event_id: string; errcode?: string; error?: string }>> {
  return api(hs.url, who, 'PUT', `${V3}/rooms/${enc(roomId)}/send/m.reaction/${txnId()}`, {
    'm.relates_to': { rel_type: 'm.annotation', event_id: eventId, key },
  });
}
