import { isSch, normalizeSpace, optional, textOf, type SchElement, type SchNode } from './model.js';
import { keyedDescendantSteps } from './rewrites.js';
import { xmlAttr, xmlText } from './xslt-text.js';

/** What the compiled stylesheet does not repeat: the static parts of each assert and report, by number. */
export interface RuleEntry {
  readonly kind: 'assert' | 'report';
  readonly id?: string;
  readonly role?: string;
  readonly test: string;
  readonly see?: string;
  /** The message when it has no `value-of` or `name` in it, whitespace normalised. */
  readonly message?: string;
}

/**
 * Asserts and reports translated to XSLT, and the table of their static parts. Identical checks (same test,
 * message and attributes) share one number. A failed assert, or a report that holds, writes `<f i="…" l="…">`:
 * the check's number, and the node's location as the ANS reports write it; the message goes in the finding
 * only when it is built from the document (`value-of`, `name`), otherwise the table holds it.
 */
export class CheckTable {
  readonly entries: RuleEntry[] = [];
  private readonly numbers = new Map<string, number>();

  /** The `<xsl:if>` that writes the check's finding. */
  translate(check: SchElement): string {
    const key = JSON.stringify(check);
    let number = this.numbers.get(key);
    const dynamic = hasDynamicMessage(check);
    if (number === undefined) {
      number = this.entries.length;
      this.numbers.set(key, number);
      this.entries.push(ruleEntryOf(check));
    }
    const finding = `<f i="${number}" l="{c:where(.)}">${dynamic ? check.children.map(messagePart).join('') : ''}</f>`;
    const test = keyedDescendantSteps(check.attrs.test ?? 'true()');
    return `<xsl:if test="${xmlAttr(check.name === 'assert' ? `not(${test})` : test)}">${finding}</xsl:if>`;
  }
}

/** What a finding of an assert or report says of it: its attributes, and its message unless built from the document. */
export function ruleEntryOf(check: SchElement): RuleEntry {
  return {
    kind: check.name === 'assert' ? 'assert' : 'report',
    ...optional('id', check.attrs.id),
    ...optional('role', check.attrs.role),
    test: check.attrs.test ?? '',
    ...optional('see', check.attrs.see),
    ...(hasDynamicMessage(check) ? {} : { message: normalizeSpace(textOf(check)) }),
  };
}

/** Whether a check's message holds a `value-of` or a `name`: it is then built from the document. */
export function hasDynamicMessage(el: SchElement): boolean {
  return el.children.some(
    (c) => typeof c !== 'string' && (isSch(c, 'value-of') || isSch(c, 'name') || hasDynamicMessage(c)),
  );
}

/** A piece of a message built from the document: text as it is, `value-of` and `name` evaluated. */
function messagePart(node: SchNode): string {
  if (typeof node === 'string') return `<xsl:text>${xmlText(node)}</xsl:text>`;
  if (isSch(node, 'value-of'))
    return `<xsl:value-of select="${xmlAttr(keyedDescendantSteps(node.attrs.select ?? ''))}"/>`;
  if (isSch(node, 'name')) return `<xsl:value-of select="${xmlAttr(`name(${node.attrs.path ?? '.'})`)}"/>`;
  return node.children.map(messagePart).join('');
}
