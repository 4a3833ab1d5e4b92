import type { Element } from '@xmldom/xmldom';

/** Child elements of `parent` with the given namespace (null: any) and local name (undefined: any). */
export function childElements(parent: Element, namespace: string | null, localName?: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType !== node.ELEMENT_NODE) continue;
    const element = node as Element;
    if (
      (localName === undefined || element.localName === localName) &&
      (namespace === null || element.namespaceURI === namespace)
    ) {
      found.push(element);
    }
  }
  return found;
}

/** The first such child, or undefined. */
export function firstChild(parent: Element, namespace: string | null, localName: string): Element | undefined {
  return childElements(parent, namespace, localName)[0];
}

/** The first element found by following `path` from `from` (each step a local name in `namespace`). */
export function descend(from: Element, namespace: string | null, ...path: string[]): Element | undefined {
  let current: Element | undefined = from;
  for (const step of path) {
    if (!current) return undefined;
    current = firstChild(current, namespace, step);
  }
  return current;
}

/** Trimmed text of the first such child; undefined when absent or empty. */
export function childText(parent: Element, namespace: string | null, localName: string): string | undefined {
  const text = firstChild(parent, namespace, localName)?.textContent?.trim();
  return text === undefined || text === '' ? undefined : text;
}
