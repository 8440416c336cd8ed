// Room aliases, widget ids and {room_slug}: stable (a function of the room, not of the order
// the schedule lists rooms in), distinct, and readable for names in any script.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isJitsiRoomName } from '../../widgets/talk-player/schema.js';
import { run } from '../cli/cli.js';
import { roomSlugs } from './room-slugs.js';

interface PlannedRoomJson {
  room: string;
  slug: string;
  aliasLocalpart: string;
  widgets: { id: string }[];
  talk: { jitsiRoom?: string } | null;
}

/** A frab JSON schedule with one talk in each room, in the given order. */
function schedule(rooms: string[]): string {
  const entries = rooms.map((room, i) => [room, [{ id: i + 1, start: '10:00', duration: '00:30', room, title: `Talk ${i + 1}`, persons: [] }]]);
  return JSON.stringify({ schedule: { conference: { acronym: 'x', title: 'X', time_zone_name: 'Europe/Berlin', days: [{ index: 1, date: '2024-05-04', rooms: Object.fromEntries(entries) }] } } });
}

async function plan(rooms: string[], config: Record<string, unknown> = {}): Promise<{ rooms: Map<string, PlannedRoomJson>; warnings: string[] }> {
  const files: Record<string, string> = {
    's.json': schedule(rooms),
    'c.json': JSON.stringify({ widgetBase: 'https://widgets.example.org', aliasPrefix: 'x-', jitsi: { domain: 'meet.example.org', room: 'x-{room_slug}' }, ...config }),
  };
  let out = '';
  let err = '';
  const code = await run(['plan', 's.json', '--config', 'c.json', '--json', '--at', '2024-05-04T10:10:00+02:00'], {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    readFile: async (p) => files[p]!,
    env: {},
  });
  assert.equal(code, 0, err);
  const json = JSON.parse(out) as { rooms: PlannedRoomJson[]; warnings: string[] };
  return { rooms: new Map(json.rooms.map((r) => [r.room, r])), warnings: json.warnings };
}

const identity = (r: PlannedRoomJson) => ({ slug: r.slug, alias: r.aliasLocalpart, widgets: r.widgets.map((w) => w.id), jitsi: r.talk?.jitsiRoom });

test('colliding room names keep their aliases and widget ids when the schedule lists them in another order', async () => {
  const names = ['Room A', 'D.rust', 'Room-A', 'room a'];
  const a = await plan(names);
  const b = await plan([...names].reverse());
  for (const name of names) assert.deepEqual(identity(b.rooms.get(name)!), identity(a.rooms.get(name)!), name);

  const aliases = names.map((n) => a.rooms.get(n)!.aliasLocalpart);
  assert.equal(new Set(aliases).size, names.length, `distinct: ${aliases.join(' ')}`);
  assert.equal(a.rooms.get('D.rust')!.aliasLocalpart, 'x-d-rust', 'a room without a clash keeps its plain alias');
  for (const n of ['Room A', 'Room-A', 'room a']) {
    assert.match(a.rooms.get(n)!.aliasLocalpart, /^x-room-a-[0-9a-z]{4}$/, n);
    assert.match(a.rooms.get(n)!.slug, /^room-a-[0-9a-z]{4}$/, n);
  }
  assert.match(a.warnings.join('\n'), /"Room A", "Room-A" and "room a" .*same alias/);
});

test('non-Latin room names keep their letters in the alias; ASCII slugs stay distinct and Jitsi-safe', async () => {
  const names = ['Зал 1', 'Зал 2', '会議室', 'Αίθουσα Α', 'सभागार', 'Saal Ærø', 'Łódź', '🦀'];
  const { rooms } = await plan(names);
  const alias = (n: string) => rooms.get(n)!.aliasLocalpart;
  assert.equal(alias('Зал 1'), 'x-зал-1');
  assert.equal(alias('Зал 2'), 'x-зал-2');
  assert.equal(alias('会議室'), 'x-会議室');
  assert.equal(alias('Αίθουσα Α'), 'x-αίθουσα-α');
  assert.equal(alias('सभागार'), 'x-सभागार', 'combining vowel signs are kept');
  assert.equal(alias('Saal Ærø'), 'x-saal-aero', 'Latin names as before: plain ASCII');
  assert.equal(alias('Łódź'), 'x-lodz');
  assert.match(alias('🦀'), /^x-room-[0-9a-z]{4}$/, 'no letters at all: a hash');

  const slugs = names.map((n) => rooms.get(n)!.slug);
  assert.equal(new Set(slugs).size, names.length, `distinct: ${slugs.join(' ')}`);
  for (const n of names) {
    const r = rooms.get(n)!;
    assert.match(r.slug, /^[a-z0-9-]+$/, `${n}: ASCII slug ${r.slug}`);
    assert.ok(isJitsiRoomName(r.talk!.jitsiRoom!), `${n}: Jitsi room ${r.talk!.jitsiRoom}`);
  }
  assert.equal(rooms.get('Saal Ærø')!.slug, 'saal-aero');
  assert.match(rooms.get('Зал 1')!.slug, /^1-[0-9a-z]{4}$/, 'letters ASCII cannot show: the name\'s hash keeps it apart');
});

test('the default alias prefix of a conference with a non-Latin name is readable too', async () => {
  const files = { 's.json': schedule(['Зал 1']).replace('"acronym":"x","title":"X"', '"title":"Конференция 2024"') };
  let out = '';
  const code = await run(['plan', 's.json', '--widget-base', 'https://widgets.example.org', '--json'], { stdout: (t) => (out += t), stderr: () => {}, readFile: async (p) => files[p as 's.json'], env: {} });
  assert.equal(code, 0);
  assert.equal((JSON.parse(out) as { rooms: PlannedRoomJson[] }).rooms[0]!.aliasLocalpart, 'конференция-2024-зал-1');
});

test('roomSlugs: a hashed slug that meets another room\'s plain one steps both up, in any order', () => {
  const names = ['Room A', 'Room-A', 'Room A q4v1', 'Зал 1', '1 yram'];
  const first = roomSlugs(names).slugs;
  assert.equal(first.get('Room A')!.aliasSlug.length, 'room-a-'.length + 5, 'a longer hash after the second clash');
  for (const order of [[...names].reverse(), [names[2]!, names[0]!, names[4]!, names[1]!, names[3]!]]) assert.deepEqual(roomSlugs(order).slugs, first);
  for (const key of ['slug', 'aliasSlug'] as const) assert.equal(new Set([...first.values()].map((s) => s[key])).size, names.length, key);
});

test('a full alias longer than the 255 bytes Matrix allows is refused in the plan, naming the room and what to change', async () => {
  const attempt = async (config: Record<string, unknown>) => {
    const files: Record<string, string> = {
      's.json': schedule(['D.rust', '会議室']),
      'c.json': JSON.stringify({ widgetBase: 'https://widgets.example.org', aliasPrefix: 'x-', ...config }),
    };
    let err = '';
    const code = await run(['plan', 's.json', '--config', 'c.json', '--json'], { stdout: () => {}, stderr: (t) => (err += t), readFile: async (p) => files[p]!, env: {} });
    return { code, err };
  };
  // "#" + prefix + "d-rust" + ":example.org": 19 bytes besides the prefix; "会議室" is 9 bytes in UTF-8, so 22.
  const fits = await attempt({ serverName: 'example.org', aliasPrefix: `${'a'.repeat(232)}-` });
  assert.equal(fits.code, 0, `255 bytes are allowed: ${fits.err}`);
  const long = await attempt({ serverName: 'example.org', aliasPrefix: `${'a'.repeat(236)}-` });
  assert.equal(long.code, 2);
  assert.match(long.err, /invalid plan:\n {2}- room "D\.rust": alias #a+…a*-d-rust:example\.org is 256 bytes, Matrix allows 255: shorten aliasPrefix or set rooms\["D\.rust"\]\.alias\n/);
  assert.match(long.err, /room "会議室": alias #a+…a*-会議室:example\.org is 259 bytes/, 'bytes, not characters');
  // Without serverName the server is not known yet: the localpart alone must leave room for one.
  const unknownServer = await attempt({ aliasPrefix: `${'a'.repeat(250)}-` });
  assert.equal(unknownServer.code, 2);
  assert.match(unknownServer.err, /room "D\.rust": alias #a+…a*-d-rust:… has 259 bytes before the server name, Matrix allows 255 in all: shorten aliasPrefix/);
  // An alias chosen in the config is checked the same way.
  const chosen = await attempt({ rooms: { 'D.rust': { alias: `#${'k'.repeat(250)}:example.org` } } });
  assert.equal(chosen.code, 2);
  assert.match(chosen.err, /room "D\.rust": alias #k+…k+:example\.org is 263 bytes, Matrix allows 255: set a shorter rooms\["D\.rust"\]\.alias/);
});
