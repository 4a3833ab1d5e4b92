import { isSch, schChildren, type SchElement } from './model.js';
import { keyedDescendantSteps } from './rewrites.js';
import { xmlAttr } from './xslt-text.js';

/**
 * The global variables, name → XPath: the lets of the schema and of the active patterns, in document order,
 * the first declaration of a name winning, as in the ISO skeleton. A let without a value is the empty sequence.
 */
export function globalVariables(schema: SchElement, patterns: readonly SchElement[]): Map<string, string> {
  const globals = new Map<string, string>();
  const add = (l: SchElement): void => {
    const name = l.attrs.name;
    if (name !== undefined && !globals.has(name)) globals.set(name, l.attrs.value ?? '()');
  };
  for (const child of schema.children) {
    if (typeof child === 'string') continue;
    if (isSch(child, 'let')) add(child);
    else if (isSch(child, 'pattern') && patterns.includes(child)) for (const l of schChildren(child, 'let')) add(l);
  }
  return globals;
}

/** A let as the stylesheet declares it. */
export function variableDeclaration(name: string | undefined, value: string | undefined): string {
  return `<xsl:variable name="${xmlAttr(name)}" select="${xmlAttr(value === undefined ? value : keyedDescendantSteps(value))}"/>`;
}
