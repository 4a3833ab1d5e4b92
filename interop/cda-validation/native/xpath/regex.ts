import { UnsupportedXPath } from './ast.js';

/** What XML Schema's `\s` stands for: space, tab, line feed, carriage return (JavaScript's takes more). */
const XSD_SPACE = ' \\t\\n\\r';
const META = new Set(['\\', '|', '.', '-', '^', '?', '*', '+', '{', '}', '(', ')', '[', ']', '$']);

/**
 * An XPath regular expression (XML Schema's, with anchors) as a JavaScript one with the same matches, code point
 * by code point (the `u` flag): `\d` is every decimal digit, `\s` XML Schema's four spaces, `.` anything but a
 * line end. Flags: none or `i`. Refused (the rules then run as compiled): `\w`, `\i`, `\c`, `\p{…}`, back
 * references, class subtraction, other flags.
 */
export function translateRegex(pattern: string, flags = ''): RegExp {
  if (!/^i?$/.test(flags)) throw new UnsupportedXPath(`regular expression flags ${flags}`);
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern[i] as string;
    if (c === '\\') {
      const e = pattern[i + 1] ?? '';
      i += 1;
      if (e === 'd') out += '\\p{Nd}';
      else if (e === 'D' && !inClass) out += '\\P{Nd}';
      else if (e === 's') out += inClass ? XSD_SPACE : `[${XSD_SPACE}]`;
      else if (e === 'S' && !inClass) out += `[^${XSD_SPACE}]`;
      else if (e === 'n' || e === 'r' || e === 't') out += `\\${e}`;
      else if (META.has(e)) out += e === '-' && !inClass ? '-' : `\\${e}`;
      else throw new UnsupportedXPath(`regular expression escape \\${e}`);
    } else if (inClass) {
      if (c === '[' || (c === '-' && pattern[i + 1] === '[')) throw new UnsupportedXPath('class subtraction');
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
      if (pattern[i + 1] === '^') {
        out += '^';
        i += 1;
      }
      // A `]` or `-` first in a class is a character of it.
      if (pattern[i + 1] === ']' || pattern[i + 1] === '-') {
        out += `\\${pattern[i + 1]}`;
        i += 1;
      }
    } else if (c === '.') out += '[^\\n\\r]';
    else out += c;
  }
  try {
    return new RegExp(out, `${flags}u`);
  } catch {
    throw new UnsupportedXPath(`regular expression ${pattern}`);
  }
}

/**
 * An XPath replacement string (`$n` a group, `\$` and `\\` the characters) as JavaScript's (`$$` a dollar);
 * refused when it holds anything else after a backslash or a dollar.
 */
export function translateReplacement(replacement: string): string {
  let out = '';
  for (let i = 0; i < replacement.length; i += 1) {
    const c = replacement[i] as string;
    const next = replacement[i + 1] ?? '';
    if (c === '\\' && (next === '\\' || next === '$')) {
      out += next === '$' ? '$$' : '\\';
      i += 1;
    } else if (c === '$' && /\d/.test(next) && !/\d/.test(replacement[i + 2] ?? '')) {
      out += `$${next}`;
      i += 1;
    } else if (c === '\\' || c === '$') throw new UnsupportedXPath(`replacement ${replacement}`);
    else out += c;
  }
  return out;
}
