// Schedule files in other encodings than UTF-8: honoured when declared (XML declaration,
// byte-order mark, JSON's UTF-16/32 byte pattern), refused with the file and encoding named
// otherwise — never read into U+FFFD. The first tests run the real `devroom` process, which
// reads the bytes from disk.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCli, runCli, type BuiltCli } from '../../test/node/cli-process.js';
import { SHARED_MISSING, hasSharedSchedules, ownSchedules, sharedSchedules } from '../../test/node/repo.js';
import { decodeSchedule } from './decode.js';
import { ScheduleError } from './model.js';

const BASE = 'https://widgets.example.org/devroom';
let cli: BuiltCli;
before(() => {
  cli = buildCli();
});
after(() => cli.dispose());

interface PlanJson {
  conference: string;
  rooms: { room: string; talks: { title: string; speakers: string[] }[] }[];
}

async function plan(file: string): Promise<{ code: number; plan?: PlanJson; err: string; out: string }> {
  const r = await runCli(cli, ['plan', file, '--widget-base', BASE, '--json']);
  return { ...r, ...(r.code === 0 ? { plan: JSON.parse(r.out) as PlanJson } : {}) };
}

test('a Latin-1 Pentabarf file read as its XML declaration says', async () => {
  const r = await plan(join(ownSchedules, 'pentabarf-latin1.xml'));
  assert.equal(r.code, 0, r.err);
  assert.ok(!r.out.includes('\uFFFD'), 'no U+FFFD anywhere in the plan');
  assert.equal(r.plan!.conference, 'Journées du Logiciel Libre');
  const room = r.plan!.rooms[0]!;
  assert.equal(room.room, 'Salle Été');
  assert.equal(room.talks[0]!.title, 'Café, crème brûlée et ½ noyau');
  assert.deepEqual(room.talks[0]!.speakers, ['José Núñez', 'Jürgen Groß']);
});

test('a UTF-16 frab JSON file with a byte-order mark', async () => {
  const r = await plan(join(ownSchedules, 'frab-utf16.json'));
  assert.equal(r.code, 0, r.err);
  assert.equal(r.plan!.conference, 'Ærø Conference 会議');
  const room = r.plan!.rooms[0]!;
  assert.equal(room.room, 'Sal Ærø');
  assert.equal(room.talks[0]!.title, '🦀 Rust på dansk — Ørsted');
  assert.deepEqual(room.talks[0]!.speakers, ['Zoë Åberg', '山田 太郎']);
});

test('Latin-1 bytes with no declaration are refused, naming the file, the position and the encoding', async () => {
  const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
  const xml = join(cli.dir, 'undeclared.xml');
  writeFileSync(xml, latin1('<schedule>\n  <conference><title>Journ\u00e9es</title></conference>\n</schedule>\n'));
  let r = await plan(xml);
  assert.equal(r.code, 2);
  assert.match(r.err, /undeclared\.xml:2:27: .*not UTF-8.*byte 0xE9/);
  assert.match(r.err, /encoding="ISO-8859-1"/, 'says how to declare Latin-1');

  const json = join(cli.dir, 'latin1.json');
  writeFileSync(json, latin1('{"schedule": {"conference": {"title": "Journ\u00e9es", "days": []}}}'));
  r = await plan(json);
  assert.equal(r.code, 2);
  assert.match(r.err, /latin1\.json:1:45: .*not UTF-8.*byte 0xE9.*JSON must be UTF-8/);

  // The config file too.
  writeFileSync(join(cli.dir, 'config.json'), latin1('{"widgetBase": "https://x.example", "roomName": "Salle {room} \u00e9t\u00e9"}'));
  const c = await runCli(cli, ['plan', join(ownSchedules, 'frab.xml'), '--config', join(cli.dir, 'config.json')]);
  assert.equal(c.code, 2);
  assert.match(c.err, /invalid config file:\n {2}- .*config\.json:1:\d+: not UTF-8: byte 0xE9/);
});

// decodeSchedule itself: every way a file can say its encoding.

const utf16 = (text: string, le: boolean) => {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    out[2 * i + (le ? 0 : 1)] = u & 0xff;
    out[2 * i + (le ? 1 : 0)] = u >> 8;
  }
  return out;
};
const utf32 = (text: string, le: boolean) => {
  const cps = [...text].map((c) => c.codePointAt(0)!);
  const out = new Uint8Array(cps.length * 4);
  const view = new DataView(out.buffer);
  cps.forEach((cp, i) => view.setUint32(4 * i, cp, le));
  return out;
};
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let i = 0;
  for (const p of parts) {
    out.set(p, i);
    i += p.length;
  }
  return out;
};
const fault = (bytes: Uint8Array): ScheduleError => {
  try {
    decodeSchedule(bytes);
  } catch (e) {
    if (e instanceof ScheduleError) return e;
    throw e;
  }
  assert.fail('expected a ScheduleError');
};

test('decodeSchedule: BOMs, UTF-16/32 without BOM, declarations', () => {
  const xml = '<?xml version="1.0" encoding="UTF-16"?>\n<schedule><title>Zoë 🦀 会議</title></schedule>\n';
  const json = '{"title": "Zoë 🦀 会議"}';
  const cases: [string, Uint8Array, string, string, string][] = [
    ['UTF-8 BOM', concat(Uint8Array.of(0xef, 0xbb, 0xbf), new TextEncoder().encode(json)), json, 'utf-8', 'bom'],
    ['UTF-16LE BOM', concat(Uint8Array.of(0xff, 0xfe), utf16(xml, true)), xml, 'utf-16le', 'bom'],
    ['UTF-16BE BOM', concat(Uint8Array.of(0xfe, 0xff), utf16(json, false)), json, 'utf-16be', 'bom'],
    ['UTF-16BE, no BOM', utf16(xml, false), xml, 'utf-16be', 'byte pattern'],
    ['UTF-16LE, no BOM', utf16(json, true), json, 'utf-16le', 'byte pattern'],
    ['UTF-32LE BOM', concat(Uint8Array.of(0xff, 0xfe, 0, 0), utf32(json, true)), json, 'utf-32le', 'bom'],
    ['UTF-32BE, no BOM', utf32(json, false), json, 'utf-32be', 'byte pattern'],
    ['plain UTF-8', new TextEncoder().encode(json), json, 'utf-8', 'default'],
  ];
  for (const [name, bytes, text, encoding, source] of cases) assert.deepEqual(decodeSchedule(bytes), { text, encoding, source }, name);

  // Declared 8-bit encodings; ISO-8859-1 is read as browsers read it (windows-1252: 0x80 is €).
  const declared = (label: string, body: number[]) => concat(new TextEncoder().encode(`<?xml version='1.0' encoding='${label}'?>\n<t>`), Uint8Array.from(body), new TextEncoder().encode('</t>'));
  const body = (label: string, bytes: number[]) => /<t>.*<\/t>$/.exec(decodeSchedule(declared(label, bytes)).text)?.[0];
  assert.equal(body('ISO-8859-1', [0x43, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x93, 0x94]), '<t>Café €“”</t>');
  assert.equal(body('windows-1251', [0xc7, 0xe0, 0xeb]), '<t>Зал</t>');
  assert.equal(body('Shift_JIS', [0x89, 0xef, 0x8b, 0x63]), '<t>会議</t>');
  // A literal U+FFFD the file really contains is kept (it was damaged before it reached us).
  assert.equal(decodeSchedule(new TextEncoder().encode('{"t": "\uFFFD"}')).text, '{"t": "\uFFFD"}');
});

test('decodeSchedule refuses what it cannot read, saying where and why', () => {
  let e = fault(new TextEncoder().encode('<?xml version="1.0" encoding="EBCDIC-XYZ"?><a/>'));
  assert.match(e.message, /encoding "EBCDIC-XYZ", which devroom cannot read/);
  e = fault(new TextEncoder().encode('<?xml version="1.0" encoding="UTF-16"?><a/>'));
  assert.match(e.message, /says encoding="UTF-16", but the file has no byte-order mark/);
  e = fault(concat(new TextEncoder().encode('<?xml version="1.0" encoding="utf-8"?>\n<a>\n  <b>Gro'), Uint8Array.of(0xdf), new TextEncoder().encode('</b></a>')));
  assert.equal(e.where, '3:9');
  assert.match(e.detail, /byte 0xDF .*its XML declaration says encoding="utf-8".*change the declaration to encoding="ISO-8859-1"/);
  e = fault(concat(Uint8Array.of(0xff, 0xfe), utf16('{"a":\n"', true), Uint8Array.of(0x00, 0xd8), utf16('x"}', true)));
  assert.equal(e.where, '2:2');
  assert.match(e.detail, /not UTF-16LE: an unpaired surrogate .*byte-order mark/);
  e = fault(concat(Uint8Array.of(0xff, 0xfe, 0, 0), utf32('{', true), Uint8Array.of(0, 0, 0x11, 0)));
  assert.match(e.message, /^1:2: not UTF-32: 0x110000 is not a Unicode character/);
});

test('decodeSchedule: the largest real schedule in well under a second', (t) => {
  if (!hasSharedSchedules()) return t.skip(SHARED_MISSING);
  const bytes = readFileSync(join(sharedSchedules, 'fosdem-2021.xml'));
  const t0 = performance.now();
  const { text, encoding } = decodeSchedule(bytes);
  const ms = performance.now() - t0;
  t.diagnostic(`decoded fosdem-2021.xml (${bytes.length} bytes, ${encoding}) in ${ms.toFixed(0)} ms`);
  assert.equal(text, readFileSync(join(sharedSchedules, 'fosdem-2021.xml'), 'utf8'));
  assert.ok(ms < 500, `${ms} ms`);
});
