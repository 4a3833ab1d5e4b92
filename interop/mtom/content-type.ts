import { PasserelleError } from '../../api/errors/index.js';

/** A parsed Content-Type: the media type in lower case and its parameters (names in lower case). */
export interface ContentType {
  readonly mediaType: string;
  readonly parameters: ReadonlyMap<string, string>;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Parses a Content-Type header (RFC 9110: `type/subtype; name=value; name="quoted \" value"`). A typed
 * MTOM_MALFORMED error for anything that does not follow the grammar.
 */
export function parseContentType(header: string): ContentType {
  const malformed = (): PasserelleError => new PasserelleError('MTOM_MALFORMED', { reason: 'unreadable Content-Type' });
  const semicolon = header.indexOf(';');
  const mediaType = (semicolon < 0 ? header : header.slice(0, semicolon)).trim().toLowerCase();
  if (!/^[!#$%&'*+.^_`|~0-9a-z-]+\/[!#$%&'*+.^_`|~0-9a-z-]+$/.test(mediaType)) throw malformed();
  const parameters = new Map<string, string>();
  let rest = semicolon < 0 ? '' : header.slice(semicolon + 1);
  while (rest.trim() !== '') {
    const match = /^\s*([^=\s;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;\s]*)\s*(?:;|$)/.exec(rest);
    if (!match || !TOKEN.test(match[1]!)) throw malformed();
    const raw = match[2]!;
    parameters.set(match[1]!.toLowerCase(), raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw);
    rest = rest.slice(match[0].length);
  }
  return { mediaType, parameters };
}

/** A parameter value, quoted when it is not a plain token. */
export function parameter(name: string, value: string): string {
  return TOKEN.test(value) ? `${name}=${value}` : `${name}="${value.replace(/(["\\])/g, '\\$1')}"`;
}
