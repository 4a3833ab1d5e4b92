import { describe, expect, it } from 'vitest';

import { XML_NS } from './namespaces.js';
import { parseXml } from './safe-parse.js';
import {
  appendXml,
  declare,
  element,
  hole,
  serializeAroundHole,
  serializeNode,
  serializeXml,
  serialized,
} from './writer.js';

const HOSTILE = `O'HARA & <script>"x"</script> ]]> é 🩺`;

describe('the XML writer', () => {
  it('writes texts and attribute values as data, whatever they hold', () => {
    const xml = serializeXml(element('a', { title: HOSTILE }, element('b', {}, HOSTILE)));
    const root = parseXml(xml).documentElement!;
    expect(root.getAttribute('title')).toBe(HOSTILE);
    expect(root.textContent).toBe(HOSTILE);
    expect(root.childNodes.length).toBe(1);
  });

  it('leaves out undefined attributes, false and undefined children, and flattens lists', () => {
    const xml = serializeXml(
      element('a', { kept: 'k', dropped: undefined, count: 3 }, false, undefined, [element('b'), [element('c')]]),
    );
    expect(xml).toBe('<a kept="k" count="3"><b/><c/></a>');
  });

  it('starts a whole document with the XML declaration', () => {
    expect(serializeXml(element('a'), { declaration: true })).toBe('<?xml version="1.0" encoding="UTF-8"?><a/>');
  });

  it('puts a prefixed name in the namespace XML_NS gives the prefix, an unprefixed one in the declared default', () => {
    const xml = serializeXml(
      element(
        'soap:Envelope',
        declare('soap'),
        element('soap:Body', {}, element('RECVITALE', { xmlns: XML_NS.insiVitale }, element('Cle', {}, '22'))),
        element('value', { 'xsi:type': 'CD' }),
      ),
    );
    const root = parseXml(xml).documentElement!;
    const body = root.firstChild!.firstChild!.firstChild!;
    expect(root.namespaceURI).toBe(XML_NS.soap);
    expect(root.firstChild!.firstChild!.namespaceURI).toBe(XML_NS.insiVitale);
    expect(body.namespaceURI).toBe(XML_NS.insiVitale);
    expect(root.lastChild!.namespaceURI).toBeNull();
    // Declared once where given; the xsi prefix where first needed.
    expect(xml.match(/xmlns:soap=/g)).toHaveLength(1);
    expect(xml).toContain(`<value xmlns:xsi="${XML_NS.xsi}" xsi:type="CD"/>`);
  });

  it('refuses a prefix that is not ours and a declaration binding one of ours elsewhere', () => {
    expect(() => serializeXml(element('foo:a'))).toThrow(/unknown XML prefix/);
    expect(() => serializeXml(element('a', { 'xsi:type': 'x', 'xmlns:xsi': 'urn:other' }))).toThrow(/XML_NS/);
  });

  it('places serialized XML as it is, but never under a default namespace that would capture it', () => {
    const signed = '<s:A xmlns:s="urn:s" ID="_1"><s:B>exact  spacing</s:B></s:A>';
    expect(serializeXml(element('wsse:Security', declare('wsse'), serialized(signed)))).toBe(
      `<wsse:Security xmlns:wsse="${XML_NS.wsse}">${signed}</wsse:Security>`,
    );
    expect(() => serializeXml(element('a', { xmlns: XML_NS.hl7 }, serialized('<b/>')))).toThrow(/default namespace/);
  });

  it('serializes a document around its one hole, and refuses to serialize a hole as a whole', () => {
    const shell = element('ClinicalDocument', { xmlns: XML_NS.hl7 }, element('text', {}, hole()), element('end'));
    const { before, after } = serializeAroundHole(shell);
    expect(before).toBe(`<ClinicalDocument xmlns="${XML_NS.hl7}"><text>`);
    expect(after).toBe('</text><end/></ClinicalDocument>');
    expect(() => serializeXml(shell)).toThrow(/hole/);
    expect(() => serializeAroundHole(element('a'))).toThrow(/hole/);
  });

  it('appends to a parsed document in the default namespace in scope there', () => {
    const doc = parseXml(`<a xmlns="urn:x"><b/></a>`);
    const b = doc.documentElement!.firstChild as Parameters<typeof appendXml>[0];
    appendXml(b, element('c', {}, 'text'), element('ds:Reference', { URI: '#x' }));
    expect(b.firstChild!.namespaceURI).toBe('urn:x');
    expect(b.lastChild!.namespaceURI).toBe(XML_NS.ds);
    expect(serializeNode(doc)).toBe(
      `<a xmlns="urn:x"><b><c>text</c><ds:Reference URI="#x" xmlns:ds="${XML_NS.ds}"/></b></a>`,
    );
    expect(() => appendXml(b, serialized('<d/>'))).toThrow(/DOM/);
  });

  it('writes, character for character, what the XML serializer writes of the same elements built as a DOM', () => {
    const tree = element(
      'soap:Envelope',
      { ...declare('soap', 'wsa'), 'xml:lang': 'fr' },
      element('soap:Header', {}, element('wsa:Action', { 'soap:mustUnderstand': 'true' }, 'urn:ihe:iti:2007:x')),
      element(
        'soap:Body',
        {},
        element(
          'lcm:SubmitObjectsRequest',
          { 'xsi:schemaLocation': 'x', 'xmlns:rim': XML_NS.rim },
          element(
            'rim:Slot',
            { name: HOSTILE, id: 'a\tb\nc\rd' },
            element('rim:ValueList', {}, element('rim:Value', {}, HOSTILE)),
          ),
          element('rim:Name', {}, ''),
          element('rim:Empty', {}, [], undefined, false, [[]]),
          element('ds:Signature', {}, element('ds:SignedInfo', { 'xmlns:ds': XML_NS.ds }, element('ds:Reference'))),
          element(
            'ClinicalDocument',
            { xmlns: XML_NS.hl7 },
            element('id', { root: '1.2' }),
            element('value', { 'xsi:type': 'CD' }, element('xsi:x')),
            element('inner', { xmlns: '' }, element('none', {}, 'text > & <')),
            element('rim:Back', { 'rim:at': '1' }),
          ),
        ),
      ),
    );
    const doc = parseXml('<root/>');
    const root = doc.documentElement!;
    appendXml(root, tree);
    expect(serializeXml(tree)).toBe(serializeNode(root.firstChild!));
  });
});
