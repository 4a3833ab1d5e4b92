/**
 * A schematron as plain data: the compiler works on this tree rather than on a DOM, so that includes can be
 * spliced in and abstract patterns instantiated without mutating parsed documents.
 */
export const SCH_NS = 'http://purl.oclc.org/dsdl/schematron';

export interface SchElement {
  /** Namespace URI; schematron elements are recognised by it, anything else is message markup. */
  readonly ns: string;
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly SchNode[];
}

export type SchNode = SchElement | string;

export function isSch(node: SchNode, name?: string): boolean {
  return typeof node !== 'string' && node.ns === SCH_NS && (name === undefined || node.name === name);
}

export function schChildren(element: SchElement, name: string): SchElement[] {
  return element.children.filter((c): c is SchElement => isSch(c, name));
}

/** Every schematron element below `element` (itself excluded), in document order. */
export function* schDescendants(element: SchElement, name: string): Generator<SchElement> {
  for (const child of element.children) {
    if (typeof child === 'string') continue;
    if (isSch(child, name)) yield child;
    yield* schDescendants(child, name);
  }
}

/** What a rule runs, in order: its lets, checks and `extends`, without its other content. */
export function ruleBody(rule: SchElement): SchElement[] {
  return rule.children.filter(
    (c): c is SchElement => isSch(c, 'let') || isSch(c, 'assert') || isSch(c, 'report') || isSch(c, 'extends'),
  );
}

/** The text of a node and everything below it. */
export function textOf(node: SchNode): string {
  return typeof node === 'string' ? node : node.children.map(textOf).join('');
}

/** Runs of whitespace made one space, and the ends trimmed, as XPath's `normalize-space` does. */
export function normalizeSpace(value: string): string {
  return value.replace(/[ \t\r\n]+/g, ' ').trim();
}

/** An optional attribute (or text) as an optional property: absent, never present and undefined. */
export function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
