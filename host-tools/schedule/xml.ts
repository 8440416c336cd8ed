/**
 * A small, strict XML parser for schedule files (no dependency: the CLI must stay light and
 * schedules are plain data XML). Supports elements, single/double-quoted attributes, the
 * five predefined entities and numeric character references, CDATA, comments, processing
 * instructions and a DOCTYPE without internal entities. Anything else is an error that
 * names the line:column and what was expected — a host fixing a hand-edited schedule
 * needs to find the fault, not a stack trace.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  /** 1-based position of the `<` that opened the element. */
  line: number;
  column: number;
}
export type XmlNode = XmlElement | string;

export class XmlError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly detail: string,
  ) {
    super(`${line}:${column}: ${detail}`);
    this.name = 'XmlError';
  }
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

// XML 1.0 name characters (ASCII subset spelled out, everything above 0x7F accepted).
const NAME_START = /[A-Za-z_:\u00C0-\uFFFF]/;
const NAME_CHAR = /[A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFF]/;

class Parser {
  private pos = 0;
  // Incremental position → line/column (positions asked for only grow, apart from errors).
  private lineAt = 0;
  private line = 1;

  constructor(private readonly src: string) {}

  where(pos: number): { line: number; column: number } {
    if (pos < this.lineAt) {
      this.lineAt = 0;
      this.line = 1;
    }
    // Count newlines between the last known line start and pos.
    for (let i = this.src.indexOf('\n', this.lineAt); i !== -1 && i < pos; i = this.src.indexOf('\n', i + 1)) {
      this.line++;
      this.lineAt = i + 1;
    }
    return { line: this.line, column: pos - this.lineAt + 1 };
  }

  fail(detail: string, pos = this.pos): never {
    const { line, column } = this.where(pos);
    throw new XmlError(line, column, detail);
  }

  private found(): string {
    if (this.pos >= this.src.length) return 'end of file';
    const ch = this.src[this.pos]!;
    return ch === '\n' ? 'a line break' : `"${ch}"`;
  }

  parseDocument(): XmlElement {
    if (this.src.charCodeAt(0) === 0xfeff) this.pos = 1;
    let root: XmlElement | undefined;
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.src.length) break;
      if (this.src.startsWith('<?', this.pos)) this.skipPi();
      else if (this.src.startsWith('<!--', this.pos)) this.skipComment();
      else if (this.src.startsWith('<!DOCTYPE', this.pos)) {
        if (root) this.fail('a DOCTYPE must come before the root element');
        this.skipDoctype();
      } else if (this.src[this.pos] === '<' && !root) root = this.parseElement();
      else if (root) this.fail(`expected end of document after </${root.name}>, found ${this.found()}`);
      else this.fail(`expected the root element ("<"), found ${this.found()}`);
    }
    if (!root) this.fail('expected a root element, found end of file');
    return root;
  }

  private skipSpace(): void {
    while (this.pos < this.src.length) {
      const c = this.src.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) this.pos++;
      else break;
    }
  }

  private skipPi(): void {
    const start = this.pos;
    const end = this.src.indexOf('?>', this.pos + 2);
    if (end === -1) this.fail('expected "?>" to close this processing instruction', start);
    this.pos = end + 2;
  }

  private skipComment(): void {
    const start = this.pos;
    const end = this.src.indexOf('-->', this.pos + 4);
    if (end === -1) this.fail('expected "-->" to close this comment', start);
    const dd = this.src.indexOf('--', this.pos + 4);
    if (dd < end) this.fail('"--" is not allowed inside a comment', dd);
    this.pos = end + 3;
  }

  private skipDoctype(): void {
    const start = this.pos;
    const bracket = this.src.indexOf('[', this.pos);
    const close = this.src.indexOf('>', this.pos);
    if (close === -1) this.fail('expected ">" to close the DOCTYPE', start);
    if (bracket !== -1 && bracket < close) this.fail('DOCTYPE internal subsets (custom entities) are not supported', bracket);
    this.pos = close + 1;
  }

  private parseName(what: string): string {
    const start = this.pos;
    if (!NAME_START.test(this.src[this.pos] ?? '')) this.fail(`expected ${what}, found ${this.found()}`);
    this.pos++;
    while (this.pos < this.src.length && NAME_CHAR.test(this.src[this.pos]!)) this.pos++;
    return this.src.slice(start, this.pos);
  }

  private parseElement(): XmlElement {
    const open = this.pos;
    const { line, column } = this.where(open);
    this.pos++; // <
    const name = this.parseName('an element name after "<"');
    const attrs: Record<string, string> = Object.create(null);
    for (;;) {
      const before = this.pos;
      this.skipSpace();
      const ch = this.src[this.pos];
      if (ch === '>') {
        this.pos++;
        break;
      }
      if (ch === '/') {
        if (this.src[this.pos + 1] !== '>') {
          this.pos++;
          this.fail(`expected ">" after "/" in <${name}>, found ${this.found()}`);
        }
        this.pos += 2;
        return { name, attrs, children: [], line, column };
      }
      if (ch === undefined) this.fail(`expected ">" to close <${name}> opened at ${line}:${column}, found end of file`);
      if (this.pos === before) this.fail(`expected whitespace, ">" or "/>" in <${name}>, found ${this.found()}`);
      const attrPos = this.pos;
      const attr = this.parseName(`an attribute name or ">" in <${name}>`);
      this.skipSpace();
      if (this.src[this.pos] !== '=') this.fail(`expected "=" after attribute ${attr}, found ${this.found()}`);
      this.pos++;
      this.skipSpace();
      const quote = this.src[this.pos];
      if (quote !== '"' && quote !== "'") this.fail(`expected a quoted value for attribute ${attr}, found ${this.found()}`);
      const end = this.src.indexOf(quote, this.pos + 1);
      if (end === -1) this.fail(`expected closing ${quote} for attribute ${attr}`, this.pos);
      const raw = this.src.slice(this.pos + 1, end);
      const lt = raw.indexOf('<');
      if (lt !== -1) this.fail(`"<" is not allowed in attribute values (attribute ${attr})`, this.pos + 1 + lt);
      if (attr in attrs) this.fail(`duplicate attribute ${attr} in <${name}>`, attrPos);
      // Attribute-value normalisation: whitespace characters become spaces.
      attrs[attr] = this.decode(raw, this.pos + 1).replace(/[\t\n]/g, ' ');
      this.pos = end + 1;
    }
    const children: XmlNode[] = [];
    let text = '';
    const flush = () => {
      if (text) children.push(text);
      text = '';
    };
    for (;;) {
      const lt = this.src.indexOf('<', this.pos);
      if (lt === -1) {
        this.pos = this.src.length;
        this.fail(`expected </${name}> to close <${name}> opened at ${line}:${column}, found end of file`);
      }
      if (lt > this.pos) text += this.decode(this.src.slice(this.pos, lt), this.pos);
      this.pos = lt;
      if (this.src.startsWith('</', lt)) {
        this.pos += 2;
        const closePos = lt;
        const closing = this.parseName('an element name after "</"');
        if (closing !== name) this.fail(`expected </${name}> (opened at ${line}:${column}), found </${closing}>`, closePos);
        this.skipSpace();
        if (this.src[this.pos] !== '>') this.fail(`expected ">" to end </${name}>, found ${this.found()}`);
        this.pos++;
        flush();
        return { name, attrs, children, line, column };
      }
      if (this.src.startsWith('<!--', lt)) this.skipComment();
      else if (this.src.startsWith('<![CDATA[', lt)) {
        const end = this.src.indexOf(']]>', lt + 9);
        if (end === -1) this.fail('expected "]]>" to close this CDATA section');
        text += this.src.slice(lt + 9, end);
        this.pos = end + 3;
      } else if (this.src.startsWith('<?', lt)) this.skipPi();
      else if (this.src.startsWith('<!', lt)) this.fail('expected an element, comment or CDATA section after "<!"');
      else {
        flush();
        children.push(this.parseElement());
      }
    }
  }

  /** Decodes entity and character references in text starting at `offset`. */
  private decode(raw: string, offset: number): string {
    const gtGt = raw.indexOf(']]>');
    if (gtGt !== -1) this.fail('"]]>" is not allowed in text', offset + gtGt);
    if (raw.indexOf('&') === -1) return raw;
    let out = '';
    let i = 0;
    for (;;) {
      const amp = raw.indexOf('&', i);
      if (amp === -1) return out + raw.slice(i);
      out += raw.slice(i, amp);
      const semi = raw.indexOf(';', amp);
      const ref = semi === -1 ? '' : raw.slice(amp + 1, semi);
      if (semi === -1 || semi - amp > 12 || !/^(#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*)$/.test(ref)) {
        this.fail('expected an entity like &amp; &lt; &#233; or &#xE9; ("&" must be written as &amp;)', offset + amp);
      }
      if (ref[0] === '#') {
        const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        const valid =
          code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
        if (!valid) this.fail(`&${ref}; is not a valid XML character`, offset + amp);
        out += String.fromCodePoint(code);
      } else {
        const value = PREDEFINED[ref];
        if (value === undefined) this.fail(`unknown entity &${ref}; (expected one of &lt; &gt; &amp; &quot; &apos; or a numeric reference)`, offset + amp);
        out += value;
      }
      i = semi + 1;
    }
  }
}

/** Parses a whole document and returns its root element. Throws XmlError. */
export function parseXml(text: string): XmlElement {
  // XML end-of-line handling: CRLF and lone CR become LF before parsing.
  return new Parser(text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n')).parseDocument();
}

// Small helpers for reading data-style XML.

export const elements = (el: XmlElement, name?: string): XmlElement[] =>
  el.children.filter((c): c is XmlElement => typeof c !== 'string' && (name === undefined || c.name === name));

export const child = (el: XmlElement, name: string): XmlElement | undefined =>
  el.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === name);

/** Text content of an element (descendants included), untrimmed. */
export function textOf(el: XmlElement): string {
  let out = '';
  for (const c of el.children) out += typeof c === 'string' ? c : textOf(c);
  return out;
}

/** Trimmed text of a child element; undefined when the child is missing or empty. */
export function childText(el: XmlElement, name: string): string | undefined {
  const c = child(el, name);
  if (!c) return undefined;
  const t = textOf(c).trim();
  return t === '' ? undefined : t;
}
