import { isElementNameTest, splitStep, splitTopLevel } from './guards.js';
import { schChildren, type SchElement } from './model.js';

/** A step's name test, as written (`cda:x`, `*`), and the steps below it. */
interface Trie {
  readonly children: Map<string, Trie>;
}

/** A step's name test without its predicates, or undefined when the step is not a child step with a name test. */
function nameTestOf(step: string): string | undefined {
  const { test } = splitStep(step);
  return isElementNameTest(test) ? test : undefined;
}

/**
 * Where a context can match, as a root (`//x` or `x` anywhere, `/x` the document element) and the child steps below it;
 * undefined when the context has any other form (another axis, a `//` further on, an attribute, a function).
 */
function pathOf(branch: string): { root: string; steps: string[] } | undefined {
  const parts = splitTopLevel(branch.trim(), '/');
  const absolute = parts[0]?.trim() === '';
  // `//x/y` and, as a pattern, `x/y` match below an `x` anywhere; `/x/y` below the document element only.
  const anywhere = !absolute || parts[1]?.trim() === '';
  const rest = !absolute ? parts : parts.slice(anywhere ? 2 : 1);
  if (rest.length === 0) return undefined;
  const names = rest.map(nameTestOf);
  if (names.some((n) => n === undefined)) return undefined;
  const [first, ...steps] = names as string[];
  if (first === '*') return undefined;
  return { root: `${anywhere ? '//' : '/'}${first}`, steps };
}

function selectOf(trie: Trie): string {
  const below = [...trie.children].map(([name, child]) =>
    child.children.size === 0 ? name : `${name}/(${selectOf(child)})`,
  );
  return ['.', ...below].join(' | ');
}

/**
 * The nodes the rules of `patterns` can match, as one XPath: when every context is a path of child steps with
 * name tests from a named root (`//cda:ClinicalDocument[…]/cda:recordTarget/cda:patientRole/*`, the form of
 * every ART-DECOR header rule), the document node and the elements along those paths, predicates left out, so
 * a superset of what the rules match; undefined when a context has any other form, and every element must be
 * visited. A path expression gives its nodes once each, in document order: the order the walk visits them.
 *
 * The header rules name a few hundred elements of the header; walking every element of a long document's body
 * and trying them against rules that can only match in the header cost 0.7 ms an element (2.3 s for a 1.5 MB
 * patient summary).
 */
export function reachableNodes(patterns: readonly SchElement[]): string | undefined {
  const roots = new Map<string, Trie>();
  for (const pattern of patterns) {
    for (const rule of schChildren(pattern, 'rule')) {
      if (rule.attrs.abstract === 'true') continue;
      const context = rule.attrs.context ?? '';
      // The document node is always visited.
      if (context.trim() === '/') continue;
      for (const branch of splitTopLevel(context, '|')) {
        const path = pathOf(branch);
        if (path === undefined) return undefined;
        let trie = roots.get(path.root);
        if (trie === undefined) roots.set(path.root, (trie = { children: new Map() }));
        for (const step of path.steps) {
          let child: Trie | undefined = trie.children.get(step);
          if (child === undefined) trie.children.set(step, (child = { children: new Map() }));
          trie = child;
        }
      }
    }
  }
  if (roots.size === 0) return undefined;
  return ['(/)', ...[...roots].map(([root, trie]) => `${root}/(${selectOf(trie)})`)].join(' | ');
}
