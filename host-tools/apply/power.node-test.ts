import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEVROOM_EVENT_LEVELS, mergePowerLevels } from './power.js';

// Rooms of versions 1–9 made elsewhere may hold string levels; Synapse refuses new power
// levels with strings (400 M_BAD_JSON), so `devroom apply` writes them as the integers Synapse
// reads them as, or the room could never be updated.
test('mergePowerLevels writes string levels as the integers Synapse reads them as', () => {
  const current = {
    users: { '@mod:example.org': '50', '@old:example.org': ' +20 ' },
    users_default: '0',
    events: { 'm.room.name': '50', 'dev.devroom.talk': '100' },
    events_default: '0',
    state_default: '50',
    ban: '50',
    kick: 50.0,
    redact: '50',
    invite: true,
    notifications: { room: '50' },
    historical: 100,
  };
  const merged = mergePowerLevels(current, { '@host:example.org': 50 });
  assert.deepEqual(merged, {
    users: { '@mod:example.org': 50, '@old:example.org': 20, '@host:example.org': 50 },
    users_default: 0,
    events: { 'm.room.name': 50, ...DEVROOM_EVENT_LEVELS },
    events_default: 0,
    state_default: 50,
    ban: 50,
    kick: 50,
    redact: 50,
    invite: 1,
    notifications: { room: 50 },
    historical: 100,
  });
});

test('mergePowerLevels leaves what Synapse cannot read as it is (the server then names it)', () => {
  const merged = mergePowerLevels({ users: { '@a:example.org': '5e1' }, ban: 'high' }, {});
  assert.equal((merged.users as Record<string, unknown>)['@a:example.org'], '5e1');
  assert.equal(merged.ban, 'high');
});
