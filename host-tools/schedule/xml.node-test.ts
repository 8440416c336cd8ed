import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XmlError, child, childText, elements, parseXml, textOf } from './xml.js';

const err = (src: string): XmlError => {
  try {
    parseXml(src);
  } catch (e) {
    if (e instanceof XmlError) return e;
    throw e;
  }
  assert.fail(`expected an XmlError for ${JSON.stringify(src)}`);
};

test('elements, both quote styles, entities, CDATA, comments and PIs', () => {
  const root = parseXml(
    `\uFEFF<?xml version='1.0' encoding='utf-8' ?>\n<!DOCTYPE schedule>\n<!-- head -->\n<schedule a="1" b='two &amp; &quot;three&quot;'>\n` +
      `  <t>caf&#233; &#xE9;&#x1F600; &lt;p&gt; &apos;x&apos;</t>\n  <?pi stuff?>\n  <c><![CDATA[<b>raw & ok</b>]]></c>\n  <e/><e x = "y" />\n</schedule>\n<!-- tail -->\n`,
  );
  assert.equal(root.name, 'schedule');
  assert.deepEqual({ ...root.attrs }, { a: '1', b: 'two & "three"' });
  assert.equal(childText(root, 't'), "café é😀 <p> 'x'");
  assert.equal(textOf(child(root, 'c')!), '<b>raw & ok</b>');
  assert.equal(elements(root, 'e').length, 2);
  assert.equal(elements(root, 'e')[1]!.attrs.x, 'y');
  assert.equal(childText(root, 'missing'), undefined);
  const t = child(root, 't')!;
  assert.equal(t.line, 5);
  assert.equal(t.column, 3);
});

test('CRLF is normalised and positions still count lines', () => {
  const root = parseXml('<a>\r\n<b>x\r\ny</b>\r\n</a>');
  assert.equal(childText(root, 'b'), 'x\ny');
  assert.equal(child(root, 'b')!.line, 2);
});

test('attribute whitespace is normalised, &#xA; in text survives', () => {
  const root = parseXml('<a v="x\ty"><t>&#xA;line</t></a>');
  assert.equal(root.attrs.v, 'x y');
  assert.equal(textOf(child(root, 't')!), '\nline');
});

test('errors name line:column and what was expected', () => {
  let e = err('<a>\n  <b>text</c>\n</a>');
  assert.equal(e.line, 2);
  assert.equal(e.column, 10);
  assert.match(e.message, /^2:10: expected <\/b> \(opened at 2:3\), found <\/c>/);

  e = err('<a>\n<b>\n');
  assert.match(e.message, /expected <\/b> to close <b> opened at 2:1, found end of file/);

  e = err('<a x="1" x="2"/>');
  assert.match(e.message, /^1:10: duplicate attribute x/);

  e = err('<a x=1/>');
  assert.match(e.message, /^1:6: expected a quoted value for attribute x, found "1"/);

  e = err('<a>Tom & Jerry</a>');
  assert.match(e.message, /^1:8: expected an entity like &amp;/);

  e = err('<a>&nbsp;</a>');
  assert.match(e.message, /unknown entity &nbsp;/);

  e = err('<a>&#0;</a>');
  assert.match(e.message, /&#0; is not a valid XML character/);

  e = err('<a x="<"/>');
  assert.match(e.message, /"<" is not allowed in attribute values/);

  e = err('<a></a><b/>');
  assert.match(e.message, /^1:8: expected end of document after <\/a>, found "<"/);

  e = err('hello');
  assert.match(e.message, /^1:1: expected the root element/);

  e = err('');
  assert.match(e.message, /expected a root element, found end of file/);

  e = err('<a><!-- x -- y --></a>');
  assert.match(e.message, /"--" is not allowed inside a comment/);

  e = err('<a><![CDATA[x</a>');
  assert.match(e.message, /expected "\]\]>" to close this CDATA section/);

  e = err('<a b="1"c="2"/>');
  assert.match(e.message, /expected whitespace, ">" or "\/>" in <a>/);

  e = err('<!DOCTYPE a [<!ENTITY x "y">]><a/>');
  assert.match(e.message, /internal subsets/);

  e = err('< a/>');
  assert.match(e.message, /^1:2: expected an element name after "<", found " "/);
});
