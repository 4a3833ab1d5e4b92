import { isSch, type SchElement, type SchNode, schChildren, schDescendants } from './model.js';

/**
 * Instantiates abstract patterns (ISO `pattern is-a="…"` with `param`s) and drops the abstract ones, as
 * `iso_abstract_expand` does. Parameters are substituted in attribute values only.
 */
export function expandAbstractPatterns(schema: SchElement): { schema: SchElement; problems: string[] } {
  const problems: string[] = [];
  const abstracts = new Map<string, SchElement>();
  for (const pattern of schDescendants(schema, 'pattern')) {
    const id = pattern.attrs.id;
    if (pattern.attrs.abstract === 'true' && id !== undefined && !abstracts.has(id)) abstracts.set(id, pattern);
  }

  const expand = (node: SchNode): SchNode[] => {
    if (typeof node === 'string') return [node];
    if (isSch(node, 'pattern') && node.attrs.abstract === 'true') return [];
    if (isSch(node, 'pattern') && node.attrs['is-a'] !== undefined) {
      const model = abstracts.get(node.attrs['is-a']);
      if (model === undefined) problems.push(`abstract pattern not found: ${node.attrs['is-a']}`);
      // Longest names first, so that $path_jdv is replaced before $path could eat its start.
      const params = schChildren(node, 'param')
        .map((p) => ({ name: p.attrs.name ?? '', value: p.attrs.value ?? '' }))
        .sort((a, b) => b.name.length - a.name.length);
      const { 'is-a': _isA, abstract: _abstract, ...attrs } = node.attrs;
      return [{ ...node, attrs, children: (model?.children ?? []).map((c) => instantiate(c, params)) }];
    }
    return [{ ...node, children: node.children.flatMap(expand) }];
  };

  const root = expand(schema)[0];
  if (root === undefined || typeof root === 'string') throw new Error('schematron root cannot be abstract');
  return { schema: root, problems };
}

interface Param {
  readonly name: string;
  readonly value: string;
}

function instantiate(node: SchNode, params: readonly Param[]): SchNode {
  if (typeof node === 'string') return node;
  const attrs: Record<string, string> = {};
  for (const [key, value] of Object.entries(node.attrs)) attrs[key] = substitute(value, params);
  return { ...node, attrs, children: node.children.map((c) => instantiate(c, params)) };
}

/**
 * A `$name` is replaced only where the name ends, that is before a character that XML Schema regular
 * expressions do not count as a word character (punctuation, separators, controls), except `.` and `-`,
 * or at the end. This is the reference compiler's rule, kept to the letter so both find the same things.
 */
export function substitute(text: string, params: readonly Param[]): string {
  let result = text;
  for (const { name, value } of params) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
    const pattern = new RegExp(String.raw`\$${escaped}(?=(?![.\-])[\p{P}\p{Z}\p{C}]|$)`, 'gu');
    result = result.replace(pattern, () => value);
  }
  return result;
}
