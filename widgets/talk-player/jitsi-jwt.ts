/**
 * Element's `openidtoken-jwt` Jitsi auth (prosody-mod-auth-matrix-user-verification):
 * the widget asks the client for an OpenID token and wraps it in a JWT that the Jitsi
 * server's Prosody module verifies with the homeserver. The JWT's signature is not what
 * is checked (the module verifies the OpenID token), which is why Element signs it with
 * a fixed secret; so do we. The Jitsi room name must be the Matrix room id, base32
 * without padding, for the module to check membership.
 */

import type { DevroomTalkPlayer } from '../../components/talk-player/talk-player.js';

const encoder = new TextEncoder();

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const json64 = (value: unknown) => base64url(encoder.encode(JSON.stringify(value)));

/** RFC 4648 base32 (upper case, no padding) of the UTF-8 room id. */
export function jitsiRoomForMatrixRoom(roomId: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of encoder.encode(roomId)) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

export async function jitsiJwt(input: {
  domain: string;
  roomId: string;
  openId: { access_token?: string; matrix_server_name?: string };
  displayName: string;
  avatarUrl?: string;
}): Promise<string> {
  if (!input.openId.access_token) throw new Error('the client gave no OpenID token');
  const header = json64({ alg: 'HS256', typ: 'JWT' });
  const payload = json64({
    context: {
      user: { name: input.displayName, ...(input.avatarUrl ? { avatar: input.avatarUrl } : {}) },
      matrix: { token: input.openId.access_token, room_id: input.roomId, server_name: input.openId.matrix_server_name },
    },
    aud: 'jitsi',
    iss: 'jitsi',
    sub: input.domain,
    room: '*',
  });
  const key = await crypto.subtle.importKey('raw', encoder.encode('notused'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const signature = await crypto.subtle.sign('HMAC', key, encoder.encode(`${header}.${payload}`));
  return `${header}.${payload}.${base64url(new Uint8Array(signature))}`;
}

/**
 * A join first fetches an OpenID token from the client and makes the JWT, then joins
 * (once: the element then has its `jwt`). Returns the cleanup.
 */
export function joinWithJwt(
  el: DevroomTalkPlayer,
  roomId: string,
  displayName: string,
  requestOpenId: () => Promise<{ access_token?: string; matrix_server_name?: string }>,
): () => void {
  const onJoin = (ev: GlobalEventHandlersEventMap['devroom-join-call']) => {
    if (el.jwt) return;
    ev.preventDefault();
    const { domain, auto } = ev.detail;
    requestOpenId()
      .then((openId) => jitsiJwt({ domain, roomId, openId, displayName }))
      .then((jwt) => {
        el.jwt = jwt;
        el.joinCall(auto);
      })
      .catch((error: unknown) => console.warn('devroom: no OpenID token for Jitsi', error));
  };
  el.addEventListener('devroom-join-call', onJoin);
  return () => el.removeEventListener('devroom-join-call', onJoin);
}
