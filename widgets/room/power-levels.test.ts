import { expect } from '@open-wc/testing';
import { canSend, normalisePowerLevels, parseLevel, requiredLevel, userLevel } from './power-levels.js';

/**
 * Power levels as Synapse reads them: `int(value)` (synapse/event_auth.py, get_user_power_level,
 * get_send_level, get_named_level). Rooms of versions 1–9 may hold strings (made by other
 * servers or older Synapse); a moderator at "50" is a moderator.
 */

const MOD = '@mod:example.org';
const levelOf = (value: unknown) => userLevel(normalisePowerLevels({ users: { [MOD]: value } }), MOD);

describe('power levels as Synapse reads them', () => {
  it('reads strings as Python int() does: whitespace, a sign, leading zeros, _ between digits', () => {
    const cases: [unknown, number][] = [
      ['50', 50],
      ['50 ', 50],
      [' +50\n', 50],
      ['-10', -10],
      ['050', 50],
      ['5_0', 50],
      ['\u00a050\u3000', 50], // no-break space, ideographic space: Python whitespace
      ['\x0b50\x0c', 50], // vertical tab, form feed
      ['50\x85\u2028', 50], // next line, line separator
    ];
    for (const [value, level] of cases) expect(levelOf(value), JSON.stringify(value)).to.equal(level);
  });

  it('reads other scripts’ digits (which Python reads) as unreadable: no power, never more', () => {
    for (const digits of ['\u0665\u0660', '\uff15\uff10', '\u{1d7d3}\u{1d7ce}']) {
      expect(parseLevel(digits), digits).to.equal(undefined);
      expect(levelOf(digits), digits).to.equal(-Infinity);
    }
  });

  it('truncates floats toward zero and reads booleans as 1 and 0 (int(True) is 1)', () => {
    expect(levelOf(50.9)).to.equal(50);
    expect(levelOf(-1.5)).to.equal(-1);
    expect(levelOf(true)).to.equal(1);
    expect(levelOf(false)).to.equal(0);
  });

  it('keeps huge values huge: "99999999999999999999" outranks 100', () => {
    const levels = normalisePowerLevels({ users: { [MOD]: '99999999999999999999', '@admin:example.org': 100 } });
    expect(userLevel(levels, MOD)).to.be.greaterThan(userLevel(levels, '@admin:example.org'));
  });

  it('what int() refuses makes every check that reads it fail, as Synapse’s auth does', () => {
    for (const bad of ['5e1', '50.0', '0x32', '', ' ', '+', '+ 50', '5__0', '_50', '50_', '5 0', 'fifty', '\ufeff50', '\u200b50', '\x1c50', '1'.repeat(4301), {}, [50]]) {
      const levels = normalisePowerLevels({ users: { [MOD]: bad }, users_default: 100, events: { 'dev.devroom.talk': bad } });
      // An unreadable user level gives no power; an unreadable required level lets nobody send.
      expect(canSend(levels, MOD, 'm.room.topic', true), JSON.stringify(bad)).to.equal(false);
      expect(canSend(levels, '@admin:example.org', 'dev.devroom.talk', true), JSON.stringify(bad)).to.equal(false);
    }
  });

  it('reads string event levels, defaults and named levels', () => {
    const levels = normalisePowerLevels({
      users: { [MOD]: '50', '@helper:example.org': '49' },
      users_default: '5',
      events: { 'dev.devroom.talk': ' 50 ' },
      events_default: '1',
      state_default: '75',
      redact: '60',
      ban: '70',
      kick: '65',
      invite: '3',
    });
    expect(canSend(levels, MOD, 'dev.devroom.talk', true)).to.equal(true);
    expect(canSend(levels, '@helper:example.org', 'dev.devroom.talk', true)).to.equal(false);
    expect(userLevel(levels, '@anyone:example.org')).to.equal(5);
    expect(requiredLevel(levels, 'm.room.topic', true)).to.equal(75);
    expect(requiredLevel(levels, 'm.room.message', false)).to.equal(1);
    expect([levels.redact, levels.ban, levels.kick, levels.invite]).to.deep.equal([60, 70, 65, 3]);
  });

  it('null falls back as in Synapse: a user or event entry to the defaults, users_default to 0, named levels to theirs', () => {
    const levels = normalisePowerLevels({ users: { [MOD]: null }, users_default: '20', events: { 'dev.devroom.talk': null }, state_default: 30, redact: null });
    expect(userLevel(levels, MOD)).to.equal(20);
    expect(requiredLevel(levels, 'dev.devroom.talk', true)).to.equal(30);
    expect(levels.redact).to.equal(50);
    expect(userLevel(normalisePowerLevels({ users_default: null }), MOD)).to.equal(0);
    // int(None) fails: a null state_default or events_default lets nobody send.
    expect(canSend(normalisePowerLevels({ users: { [MOD]: 100 }, state_default: null }), MOD, 'm.room.topic', true)).to.equal(false);
    expect(canSend(normalisePowerLevels({ users: { [MOD]: 100 }, events_default: null }), MOD, 'm.room.message', false)).to.equal(false);
  });

  it('event types and user ids named like Object.prototype members have levels like any other', () => {
    // JSON.parse keeps "__proto__" as a key, as a homeserver's JSON would.
    const levels = normalisePowerLevels(JSON.parse('{"users": {"__proto__": 100, "@a:x": 50}, "events": {"toString": 75, "__proto__": 60}}') as Record<string, unknown>);
    // Compared as text: a failure must not hand chai a function (Object) to print.
    const read = [
      requiredLevel(levels, 'constructor', false),
      requiredLevel(levels, 'hasOwnProperty', true),
      requiredLevel(levels, 'toString', false),
      requiredLevel(levels, '__proto__', false),
      userLevel(levels, '__proto__'),
      userLevel(levels, 'valueOf'),
    ].map((v) => typeof v);
    expect(read).to.deep.equal(Array(6).fill('number'));
    expect([
      requiredLevel(levels, 'constructor', false),
      requiredLevel(levels, 'hasOwnProperty', true),
      requiredLevel(levels, 'toString', false),
      requiredLevel(levels, '__proto__', false),
      userLevel(levels, '__proto__'),
      userLevel(levels, 'valueOf'),
    ]).to.deep.equal([0, 50, 75, 60, 100, 0]);
    expect(canSend(levels, '@a:x', 'constructor', false)).to.equal(true);
  });

  it('parseLevel: undefined where Synapse’s int() raises', () => {
    expect(parseLevel('  -7 ')).to.equal(-7);
    expect(parseLevel('7.0')).to.equal(undefined);
    expect(parseLevel(null)).to.equal(undefined);
    expect(parseLevel(Infinity)).to.equal(undefined);
  });
});
