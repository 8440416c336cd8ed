import { expect } from '@open-wc/testing';
import { jitsiJwt, jitsiRoomForMatrixRoom } from './jitsi-jwt.js';

const decode = (part: string) => JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;

describe('openidtoken-jwt for Jitsi', () => {
  it('names the Jitsi room as base32 of the Matrix room id, without padding', () => {
    // Reference value: Python's base64.b32encode(b'!AbCdEf:matrix.org') with '=' removed.
    expect(jitsiRoomForMatrixRoom('!AbCdEf:matrix.org')).to.equal('EFAWEQ3EIVTDU3LBORZGS6BON5ZGO');
  });

  it('wraps the OpenID token as the Prosody module expects, signed HS256', async () => {
    const jwt = await jitsiJwt({
      domain: 'meet.example.org',
      roomId: '!room:example.org',
      openId: { access_token: 'tok', matrix_server_name: 'example.org' },
      displayName: 'Alice',
    });
    const [header, payload, signature] = jwt.split('.');
    expect(decode(header!)).to.deep.equal({ alg: 'HS256', typ: 'JWT' });
    expect(decode(payload!)).to.deep.equal({
      context: { user: { name: 'Alice' }, matrix: { token: 'tok', room_id: '!room:example.org', server_name: 'example.org' } },
      aud: 'jitsi',
      iss: 'jitsi',
      sub: 'meet.example.org',
      room: '*',
    });
    expect(signature).to.match(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses to build a token without an OpenID token', async () => {
    let error: unknown;
    try {
      await jitsiJwt({ domain: 'd', roomId: '!r:x', openId: {}, displayName: 'A' });
    } catch (e) {
      error = e;
    }
    expect(String(error)).to.contain('no OpenID token');
  });
});
