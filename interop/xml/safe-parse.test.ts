import { describe, expect, it } from 'vitest';

import { thrown } from '../../api/errors/test-support/outcomes.js';

import { parseXml } from './safe-parse.js';

describe('parseXml', () => {
  it('parses a plain document with namespaces', () => {
    const doc = parseXml('<?xml version="1.0"?><!-- c --><a xmlns="urn:x"><b>1</b></a>');
    expect(doc.documentElement?.localName).toBe('a');
    expect(doc.documentElement?.namespaceURI).toBe('urn:x');
  });

  it('refuses an external entity (XXE) without reading the file', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>';
    expect(thrown(() => parseXml(xxe))).toBe('XML_FORBIDDEN_CONSTRUCT');
  });

  it('refuses an entity bomb before expanding anything', () => {
    const bomb = '<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><l>&b;</l>';
    expect(thrown(() => parseXml(bomb))).toBe('XML_FORBIDDEN_CONSTRUCT');
  });

  it('reports malformed XML as a typed error', () => {
    expect(thrown(() => parseXml('<a><b></a>'))).toBe('XML_MALFORMED');
    expect(thrown(() => parseXml(''))).toBe('XML_MALFORMED');
    expect(thrown(() => parseXml('not xml at all'))).toBe('XML_MALFORMED');
  });

  it('refuses a document longer than the limit', () => {
    expect(thrown(() => parseXml('<a>12345</a>', { maxLength: 5 }))).toBe('XML_MALFORMED');
  });
});
