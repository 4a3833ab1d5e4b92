import { DOMParser, type Document } from '@xmldom/xmldom';

import { PasserelleError } from '../../api/errors/index.js';
import { reuseXmldomPatterns } from './xmldom-patterns.js';

reuseXmldomPatterns();

/**
 * Where the prolog ends: the index of the root element's `<`. Comments and processing instructions are
 * skipped; a DOCTYPE anywhere in the prolog is refused before any parser sees it, because DTDs are how
 * entity bombs and external entities (XXE) get in, and no message we exchange needs one.
 */
function assertNoDoctype(xml: string): void {
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) return;
    if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) return;
      i = end + 2;
    } else if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0) return;
      i = end + 3;
    } else if (xml.startsWith('<!', lt)) {
      throw new PasserelleError('XML_FORBIDDEN_CONSTRUCT');
    } else {
      return;
    }
  }
}

export interface ParseOptions {
  /** Longest input accepted, in characters; a guard against memory exhaustion. */
  readonly maxLength?: number;
}

const DEFAULT_MAX_LENGTH = 64 * 1024 * 1024;

/**
 * Parses XML into a DOM with no DTD, no entity expansion and no network access, turning every parser
 * complaint into a typed error. Use it for every XML that crosses a boundary (SOAP bodies, CDA files,
 * card data, server replies).
 */
export function parseXml(xml: string, options: ParseOptions = {}): Document {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (xml.length > maxLength) {
    throw new PasserelleError('XML_MALFORMED', { reason: `document longer than ${maxLength} characters` });
  }
  assertNoDoctype(xml);
  const problems: string[] = [];
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') problems.push(message);
    },
  });
  let doc: Document;
  try {
    doc = parser.parseFromString(xml, 'text/xml');
  } catch (cause) {
    throw new PasserelleError('XML_MALFORMED', { reason: firstLine(cause) }, { cause });
  }
  if (problems.length > 0 || !doc.documentElement) {
    throw new PasserelleError('XML_MALFORMED', { reason: firstLine(problems[0] ?? 'no root element') });
  }
  return doc;
}

function firstLine(value: unknown): string {
  const text = value instanceof Error ? value.message : String(value);
  return (text.split('\n')[0] ?? '').slice(0, 300);
}
