/**
 * Schedule (and config) file bytes → text, in the encoding the file declares:
 *
 * 1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) wins;
 * 2. else the zero-byte pattern of the first ASCII characters: "<?" or "{" in UTF-16/32
 *    without a BOM (XML 1.0 appendix F; RFC 4627 §3 — RFC 8259 wants UTF-8 between systems,
 *    but UTF-16 exports from Windows tools exist);
 * 3. else an XML declaration's `encoding="…"` (any label TextDecoder knows; as in browsers,
 *    "ISO-8859-1" reads as its superset windows-1252);
 * 4. else UTF-8 (XML's default, JSON's rule).
 *
 * Decoding is fatal: a byte the encoding cannot map is an error naming line:column, the byte
 * and the encoding — never a silent U+FFFD in a title or speaker name.
 */
import { ScheduleError } from './model.js';

export interface DecodedText {
  text: string;
  /** WHATWG encoding name, e.g. "utf-8", "windows-1252", "utf-16le", or "utf-32le". */
  encoding: string;
  /** Where the encoding came from. */
  source: 'bom' | 'byte pattern' | 'declaration' | 'default';
}

interface Sniffed {
  encoding: string;
  source: DecodedText['source'];
  /** Bytes to skip (the BOM). */
  skip: number;
  /** JSON by its first character (for the advice in errors). */
  json?: boolean;
}

const DECLARATION = /^<\?xml[ \t\r\n][^>]*?\bencoding[ \t\r\n]*=[ \t\r\n]*(["'])([A-Za-z][A-Za-z0-9._-]*)\1/;

function sniff(b: Uint8Array): Sniffed {
  const [b0, b1, b2, b3] = [b[0], b[1], b[2], b[3]];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', source: 'bom', skip: 3 };
  // UTF-32LE's BOM starts like UTF-16LE's: a UTF-16 file cannot start with U+0000.
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) return { encoding: 'utf-32le', source: 'bom', skip: 4 };
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return { encoding: 'utf-32be', source: 'bom', skip: 4 };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', source: 'bom', skip: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', source: 'bom', skip: 2 };
  if (b.length >= 4) {
    const z = [b0 === 0, b1 === 0, b2 === 0, b3 === 0].map((x) => (x ? '0' : 'x')).join('');
    const byPattern: Record<string, string> = { '000x': 'utf-32be', x000: 'utf-32le', '0x0x': 'utf-16be', x0x0: 'utf-16le' };
    const encoding = byPattern[z];
    if (encoding) return { encoding, source: 'byte pattern', skip: 0 };
  }
  // ASCII-compatible: the declaration, read as ASCII, may name the encoding.
  const head = String.fromCharCode(...b.subarray(0, 256));
  const declared = DECLARATION.exec(head)?.[2];
  if (declared) return { encoding: declared, source: 'declaration', skip: 0 };
  return { encoding: 'utf-8', source: 'default', skip: 0 };
}

const NAMES: Record<string, string> = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE', 'utf-32le': 'UTF-32LE', 'utf-32be': 'UTF-32BE' };
const nameOf = (encoding: string) => NAMES[encoding] ?? encoding;
const hex = (byte: number) => `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;

export function decodeSchedule(bytes: Uint8Array): DecodedText {
  const s = sniff(bytes);
  const body = bytes.subarray(s.skip);
  s.json = body.find((c) => c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09 && c !== 0) === 0x7b;
  if (s.encoding.startsWith('utf-32')) return { text: decodeUtf32(body, s.encoding === 'utf-32le', s), encoding: s.encoding, source: s.source };

  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(s.encoding, { fatal: true, ignoreBOM: true });
  } catch {
    throw new ScheduleError('1:1', `the XML declaration names encoding "${s.encoding}", which devroom cannot read: save the file as UTF-8 (and drop or change the declaration)`);
  }
  if (s.source === 'declaration' && decoder.encoding.startsWith('utf-16')) {
    // The bytes are 8-bit (we got here because they have no zero-byte pattern).
    throw new ScheduleError('1:1', `the XML declaration says encoding="${s.encoding}", but the file has no byte-order mark and is not UTF-16: fix the declaration (UTF-8?)`);
  }
  if (decoder.encoding === 'windows-1252') return { text: decodeWindows1252(body), encoding: decoder.encoding, source: s.source };
  try {
    return { text: decoder.decode(body), encoding: decoder.encoding, source: s.source };
  } catch {
    throw locateFault(body, decoder.encoding, s);
  }
}

/** Finds the first undecodable spot (only after a failure: line by line, then a binary search in the line). */
function locateFault(body: Uint8Array, encoding: string, s: Sniffed): ScheduleError {
  const unit = encoding.startsWith('utf-16') ? 2 : 1;
  const le = encoding === 'utf-16le';
  const isNewline = (i: number) => (unit === 1 ? body[i] === 0x0a : le ? body[i] === 0x0a && body[i + 1] === 0 : body[i] === 0 && body[i + 1] === 0x0a);
  // One streaming decoder across lines keeps multi-line state (e.g. ISO-2022 escapes) intact.
  const stream = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= body.length; i += unit) {
    if (i < body.length && !isNewline(i)) continue;
    const end = Math.min(body.length, i + unit);
    try {
      stream.decode(body.subarray(start, end), { stream: end < body.length });
    } catch {
      return faultInLine(body.subarray(start, end), line, encoding, s);
    }
    line++;
    start = end;
  }
  return new ScheduleError('', `not valid ${nameOf(encoding)} (${how(s)})`);
}

function faultInLine(bytes: Uint8Array, line: number, encoding: string, s: Sniffed): ScheduleError {
  const fails = (n: number) => {
    try {
      new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, n), { stream: true });
      return false;
    } catch {
      return true;
    }
  };
  // Smallest prefix the decoder rejects; the characters before it decode fine.
  let lo = 1;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (fails(mid)) hi = mid;
    else lo = mid + 1;
  }
  const good = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes.subarray(0, lo - 1), { stream: true });
  const column = good.length + 1;
  const offset = encoding === 'utf-8' ? new TextEncoder().encode(good).length : lo - 1;
  const what = encoding.startsWith('utf-16') ? 'an unpaired surrogate' : `byte ${hex(bytes[offset] ?? 0)}`;
  return new ScheduleError(`${line}:${column}`, `not ${nameOf(encoding)}: ${what} cannot be read as ${nameOf(encoding)} (${how(s)})${hint(s, encoding)}`);
}

function how(s: Sniffed): string {
  if (s.source === 'bom') return 'its byte-order mark says so';
  if (s.source === 'byte pattern') return 'its first bytes say so';
  if (s.source === 'declaration') return `its XML declaration says encoding="${s.encoding}"`;
  return 'the file declares no encoding, so UTF-8 applies';
}

function hint(s: Sniffed, encoding: string): string {
  if (encoding !== 'utf-8' || s.source === 'bom') return '';
  if (s.json) return '; JSON must be UTF-8 (RFC 8259): save the file as UTF-8';
  if (s.source === 'declaration') return '; if the file is Latin-1, change the declaration to encoding="ISO-8859-1" (or save the file as UTF-8)';
  return '; if the file is Latin-1, declare it in its first line, <?xml version="1.0" encoding="ISO-8859-1"?> (or save the file as UTF-8)';
}

// WHATWG's windows-1252 (what "ISO-8859-1", "latin1" and "US-ASCII" labels mean) is Latin-1
// except 0x80–0x9F. Node 20.18.3+ and 22.13+ decode that block as Latin-1 C1 controls
// (nodejs/node#60888), so the 32 code points are spelled out here; every byte maps.
const CP1252_80_9F = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function decodeWindows1252(b: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < b.length; i += 8192) {
    const codes = Array.from(b.subarray(i, i + 8192), (c) => (c >= 0x80 && c <= 0x9f ? CP1252_80_9F[c - 0x80]! : c));
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

/** UTF-32 (not in the WHATWG Encoding standard, so no TextDecoder): code point by code point. */
function decodeUtf32(b: Uint8Array, le: boolean, s: Sniffed): string {
  const parts: string[] = [];
  const chunk: number[] = [];
  let line = 1;
  let column = 1;
  for (let i = 0; i < b.length; i += 4) {
    if (i + 4 > b.length) throw new ScheduleError(`${line}:${column}`, `not UTF-32: the file ends inside a character (${how(s)})`);
    const cp = le ? (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0 : ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      throw new ScheduleError(`${line}:${column}`, `not UTF-32: 0x${cp.toString(16).toUpperCase()} is not a Unicode character (${how(s)})`);
    }
    chunk.push(cp);
    if (cp === 0x0a) {
      line++;
      column = 1;
    } else column += cp > 0xffff ? 2 : 1;
    if (chunk.length === 8192) parts.push(String.fromCodePoint(...chunk.splice(0)));
  }
  parts.push(String.fromCodePoint(...chunk));
  return parts.join('');
}
