import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

import type { Element as DomElement, Node as DomNode } from '@xmldom/xmldom';

import { parseXml } from '../../xml/safe-parse.js';
import { locateIgnoringCase } from './locate.js';
import { type SchElement, type SchNode, SCH_NS } from './model.js';
import { applyRewrites } from './rewrites.js';

export interface LoadedSchema {
  readonly root: SchElement;
  /** Every file read, main schema first: the compiled form depends on all of them. */
  readonly files: readonly string[];
  /** Includes whose target is missing from the kit: their rules cannot be checked. */
  readonly missingIncludes: readonly string[];
  /** How many attribute values each rewrite of {@link applyRewrites} changed. */
  readonly rewrites: Readonly<Record<string, number>>;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

/**
 * Reads a schematron with its includes resolved (ISO `sch:include`: the included file's root element takes
 * the place of the include), looking up files without regard to case below `includeRoot`, and applies the
 * documented rewrites. Comments and processing instructions are dropped.
 */
export function loadSchema(path: string, includeRoot: string): LoadedSchema {
  const files: string[] = [];
  const missingIncludes: string[] = [];
  const rewrites: Record<string, number> = {};

  const convert = (element: DomElement, file: string): SchElement => {
    const attrs: Record<string, string> = {};
    for (let i = 0; i < element.attributes.length; i += 1) {
      const attr = element.attributes.item(i);
      if (!attr || attr.name === 'xmlns' || attr.name.startsWith('xmlns:')) continue;
      const { value, applied } = applyRewrites(attr.value);
      for (const id of applied) rewrites[id] = (rewrites[id] ?? 0) + 1;
      attrs[attr.name] = value;
    }
    if (element.namespaceURI === SCH_NS && element.localName === 'include') {
      const href = attrs.href ?? '';
      const target = locateIgnoringCase(resolve(dirname(file), href), includeRoot);
      if (target === undefined) {
        missingIncludes.push(`${href} (${file})`);
        return { ns: SCH_NS, name: 'include-missing', attrs, children: [] };
      }
      return read(target);
    }
    const children: SchNode[] = [];
    for (let node: DomNode | null = element.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === ELEMENT_NODE) children.push(convert(node as DomElement, file));
      else if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) children.push(node.nodeValue ?? '');
    }
    return { ns: element.namespaceURI ?? '', name: element.localName ?? element.nodeName, attrs, children };
  };

  const read = (file: string): SchElement => {
    files.push(file);
    const doc = parseXml(readFileSync(file, 'utf8'));
    return convert(doc.documentElement as DomElement, file);
  };

  return { root: read(path), files, missingIncludes, rewrites };
}
