import { type CdaFinding, severityOf } from '../result.js';
import { guardsOf } from '../schematron/guards.js';
import { normalizeSpace } from '../schematron/model.js';
import type { DocumentSource } from './documents.js';
import type { MessagePart, NativeCheck, NativeRules, Statement } from './program.js';
import type { XDocument, XElement, XNode } from './tree.js';
import { type Expr, UnsupportedXPath } from './xpath/ast.js';
import {
  compile,
  compileStep,
  compileTest,
  type Context,
  type Evaluate,
  isBooleanExpr,
  matches,
  type Test,
  type Variables,
} from './xpath/evaluate.js';
import { boundNames, inlineConstants } from './xpath/constants.js';
import { parseXPath } from './xpath/parse.js';
import { isNode, itemText, XPathError } from './xpath/values.js';

const HL7 = 'urn:hl7-org:v3';

/** Whether a node matches a rule's context, an XSLT pattern. */
type Matcher = (n: XNode, c: Context) => boolean;

type Body = ({ readonly let: string; readonly value: Evaluate } | { readonly check: CompiledCheck })[];

interface CompiledCheck {
  readonly entry: NativeCheck;
  readonly test: Test;
  readonly parts?: readonly (string | ((c: Context) => string))[];
}

interface CompiledRule {
  readonly pattern: number;
  readonly matches: Matcher;
  readonly body: Body;
}

/**
 * The rules' contexts as matchers: unions of paths of child (or attribute) steps, from the root or anywhere.
 * The header rules repeat the same paths hundreds of times (`//hl7:ClinicalDocument[…]/hl7:recordTarget/…`):
 * each distinct path is one matcher, whose answer on a node is kept for the rest of the document.
 */
class Matchers {
  private readonly built = new Map<string, Matcher>();
  private readonly memos: Map<XNode, boolean>[] = [];

  /** Forgets the answers kept: after each document. */
  reset(): void {
    for (const memo of this.memos) memo.clear();
  }

  /** A rule's context: its parts' answers are kept, its own is asked once per node anyway. */
  context(e: Expr): Matcher {
    return this.build(e);
  }

  of(e: Expr): Matcher {
    const key = JSON.stringify(e);
    let found = this.built.get(key);
    if (found === undefined) {
      const match = this.build(e);
      const memo = new Map<XNode, boolean>();
      this.memos.push(memo);
      found = (n, c) => {
        let answer = memo.get(n);
        if (answer === undefined) memo.set(n, (answer = match(n, c)));
        return answer;
      };
      this.built.set(key, found);
    }
    return found;
  }

  private build(e: Expr): Matcher {
    switch (e.type) {
      case 'set': {
        if (e.op !== 'union') break;
        const left = this.of(e.left);
        const right = this.of(e.right);
        return (n, c) => left(n, c) || right(n, c);
      }
      case 'root':
        return (n) => n.kind === 'document';
      case 'step':
        return stepMatcher(e);
      case 'path': {
        if (e.right.type !== 'step') break;
        const step = stepMatcher(e.right);
        const left = e.left;
        if (left.type === 'root') return (n, c) => step(n, c) && n.parent?.kind === 'document';
        if (left.type === 'path' && left.right.type === 'step' && left.right.axis === 'descendant-or-self') {
          if (left.right.test.kind !== 'node' || left.right.predicates.length > 0) break;
          if (left.left.type === 'root') return step;
          const above = this.of(left.left);
          return (n, c) => {
            if (!step(n, c)) return false;
            for (let a = n.parent; a !== undefined; a = a.parent) if (above(a, c)) return true;
            return false;
          };
        }
        const parent = this.of(left);
        return (n, c) => step(n, c) && n.parent !== undefined && parent(n.parent, c);
      }
      default:
        break;
    }
    throw new UnsupportedXPath('rule context of another form than a path of child steps');
  }
}

function stepMatcher(e: Expr & { type: 'step' }): Matcher {
  const { axis, test, predicates } = e;
  if (axis !== 'child' && axis !== 'attribute') throw new UnsupportedXPath(`rule context on the ${axis} axis`);
  if (predicates.length === 0) return (n) => n.parent !== undefined && matches(test, n, axis);
  if (predicates.every(isBooleanExpr)) {
    const tests = predicates.map(compileTest);
    return (n, c) => {
      if (n.parent === undefined || !matches(test, n, axis)) return false;
      const inner: Context = { item: n, position: 1, size: 1, vars: c.vars, env: c.env };
      return tests.every((t) => t(inner));
    };
  }
  // A position counts among the parent's nodes of that test: the node matches when the step from its parent finds it.
  const select = compileStep(axis, test, predicates);
  return (n, c) =>
    n.parent !== undefined &&
    matches(test, n, axis) &&
    select({ item: n.parent, position: 1, size: 1, vars: c.vars, env: c.env }).includes(n);
}

/** A node's location as the ANS reports write it: each element's local name, its position from the second same-named sibling on. */
export function locationOf(node: XNode): string {
  const steps: string[] = [];
  for (let n: XNode | undefined = node; n !== undefined && n.kind === 'element'; n = n.parent) {
    let i = 1;
    for (const s of n.parent.children) {
      if (s === n) break;
      if (s.kind === 'element' && s.local === n.local) i += 1;
    }
    steps.push(i > 1 ? `/${n.local}[${i}]` : `/${n.local}`);
  }
  return steps.reverse().join('');
}

function templateIdRoots(e: XElement): string[] {
  const roots: string[] = [];
  for (const c of e.elements)
    if (c.local === 'templateId' && c.ns === HL7)
      for (const a of c.attributes) if (a.local === 'root' && a.ns === '') roots.push(a.value);
  return roots;
}

/**
 * A schematron run natively: its expressions compiled to JavaScript over the document's tree, with the
 * semantics of its compiled stylesheet (`to-xslt.ts`): each element (and the document) visited once in
 * document order, on each the first matching rule of each pattern fired, findings listed pattern by pattern.
 * An element is tried only against the rules its guards (`guards.ts`) let through: its name, its parent's,
 * its templateIds.
 */
export class NativeSchematron {
  private readonly rules: CompiledRule[] = [];
  private readonly always: number[] = [];
  private readonly byKey = new Map<string, number[]>();
  /** The candidates of the nodes seen so far, by their keys (name, parent's name, templateIds). */
  private readonly byKeys = new Map<string, readonly number[]>();
  private readonly globals: readonly (readonly [string, Evaluate])[];
  private readonly matchers = new Matchers();

  /** Compiles the rules; throws {@link UnsupportedXPath} when an expression or context is not evaluated natively. */
  constructor(
    readonly name: string,
    private readonly program: NativeRules,
    private readonly documents: DocumentSource,
  ) {
    const namespaces = new Map(program.namespaces);
    namespaces.set('xml', 'http://www.w3.org/XML/1998/namespace');
    const parsed = new Map<string, Expr>();
    const read = (text: string): Expr => {
      let e = parsed.get(text);
      if (e === undefined) parsed.set(text, (e = parseXPath(text, namespaces)));
      return e;
    };
    const { constants: globalConstants, rebound: constantsRebound } = constantLets(program, read);
    const parse = (text: string, constants: ReadonlyMap<string, string> = globalConstants): Expr =>
      inlineConstants(read(text), constants);
    // Variable names are trimmed, as XSLT reads a variable's name (a kit's let is named with a trailing space).
    this.globals = program.globals.map(([n, v]) => [n.trim(), compile(parse(v))] as const);
    const compiledChecks = new Map<string, CompiledCheck>();
    const check = (number: number, constants: ReadonlyMap<string, string>): CompiledCheck => {
      const key = `${number} ${JSON.stringify([...constants])}`;
      let found = compiledChecks.get(key);
      if (found === undefined) {
        const entry = program.checks[number] as NativeCheck;
        const test = compileTest(parse(entry.test === '' ? 'true()' : entry.test, constants));
        found = {
          entry,
          test: entry.kind === 'assert' ? (c) => !test(c) : test,
          ...(entry.parts === undefined
            ? {}
            : { parts: entry.parts.map((p) => messagePart(p, (t) => parse(t, constants))) }),
        };
        compiledChecks.set(key, found);
      }
      return found;
    };
    // A rule's let of a string literal is a constant for what follows it in the rule, until a let of that name rebinds it.
    const body = (statements: readonly Statement[]): Body => {
      let constants: ReadonlyMap<string, string> = globalConstants;
      return statements.map((s) => {
        if (!('let' in s)) return { check: check(s.check, constants) };
        const name = s.let.trim();
        const value = compile(parse(s.value, constants));
        const raw = read(s.value);
        const scope = new Map(constants);
        if (raw.type === 'literal' && typeof raw.value === 'string' && !constantsRebound.has(name))
          scope.set(name, raw.value);
        else scope.delete(name);
        constants = scope;
        return { let: name, value };
      });
    };
    program.patterns.forEach((pattern, p) => {
      for (const rule of pattern.rules) {
        const index = this.rules.length;
        this.rules.push({ pattern: p, matches: this.matchers.context(parse(rule.context)), body: body(rule.body) });
        const guards = guardsOf(rule.context, namespaces);
        if (guards === undefined) this.always.push(index);
        else
          for (const g of guards) {
            const key = g.kind === 'templateId' ? `t ${g.root}` : `${g.kind} ${g.ns} ${g.local}`;
            const list = this.byKey.get(key);
            if (list === undefined) this.byKey.set(key, [index]);
            else if (list[list.length - 1] !== index) list.push(index);
          }
      }
    });
  }

  /** The findings on a document, pattern by pattern, each pattern's in document order. */
  run(doc: XDocument): CdaFinding[] {
    const env = { baseUri: this.documents.baseUri, document: (uri: string) => this.documents.document(uri) };
    // The global lets, each computed on first use with the document as context; the first of a name wins. No
    // prototype: a let may be named `toString` or `constructor`.
    const vars = Object.create(null) as Variables;
    const top: Context = { item: doc, position: 1, size: 1, vars, env };
    for (const [name, compute] of this.globals) vars[name] ??= { value: undefined, compute, context: top };
    const byPattern: CdaFinding[][] = this.program.patterns.map(() => []);
    const visit = (node: XDocument | XElement): void => {
      this.fire(node, { item: node, position: 1, size: 1, vars, env }, byPattern);
      for (const child of node.kind === 'element' ? node.elements : node.children)
        if (child.kind === 'element') visit(child);
    };
    try {
      visit(doc);
    } finally {
      // The answers kept hold the document's nodes: a patient's record must not outlive its check.
      this.matchers.reset();
    }
    return byPattern.flat();
  }

  /** The candidate rules of a node, in pattern then rule order, each once; the same for nodes of the same keys. */
  private candidates(node: XDocument | XElement): readonly number[] {
    // Only the keys some rule names: names and templateIds of the document's own never grow the table below.
    const keys = (
      node.kind === 'element'
        ? [
            `name ${node.ns} ${node.local}`,
            ...(node.parent.kind === 'element' ? [`parent ${node.parent.ns} ${node.parent.local}`] : []),
            ...templateIdRoots(node).map((root) => `t ${root}`),
          ]
        : []
    ).filter((key) => this.byKey.has(key));
    const signature = keys.join('\n');
    let found = this.byKeys.get(signature);
    if (found === undefined) {
      const all = [...this.always];
      for (const key of keys) all.push(...(this.byKey.get(key) ?? []));
      found = [...new Set(all)].sort((a, b) => a - b);
      this.byKeys.set(signature, found);
    }
    return found;
  }

  private fire(node: XDocument | XElement, c: Context, byPattern: CdaFinding[][]): void {
    let fired = -1;
    for (const index of this.candidates(node)) {
      const rule = this.rules[index] as CompiledRule;
      if (rule.pattern === fired || !rule.matches(node, c)) continue;
      fired = rule.pattern;
      this.runBody(rule, node, c, byPattern[rule.pattern] as CdaFinding[]);
    }
  }

  private runBody(rule: CompiledRule, node: XNode, c: Context, out: CdaFinding[]): void {
    // One frame for the rule's lets, each computed on first use. A let reads only what was declared before it: a
    // let that hides a name already visible (a global, an earlier let) starts a frame of its own.
    let scope = c;
    let frame: Variables | undefined;
    for (const s of rule.body) {
      if ('let' in s) {
        if (frame === undefined || s.let in frame) {
          frame = Object.create(scope.vars) as Variables;
          scope = { item: c.item, position: 1, size: 1, vars: frame, env: c.env };
        }
        frame[s.let] = { value: undefined, compute: s.value, context: scope };
        continue;
      }
      const { entry, test, parts } = s.check;
      if (!test(scope)) continue;
      const patternId = this.program.patterns[rule.pattern]?.id;
      const ruleId = entry.id ?? patternId;
      out.push({
        step: 'schematron',
        schematron: this.name,
        ...(ruleId === undefined || ruleId === '' ? {} : { ruleId }),
        location: locationOf(node),
        severity: severityOf(entry.role),
        message:
          entry.message ?? normalizeSpace((parts ?? []).map((p) => (typeof p === 'string' ? p : p(scope))).join('')),
        test: entry.test,
        ...(entry.see === undefined ? {} : { see: entry.see }),
      });
    }
  }
}

function messagePart(part: MessagePart, parse: (text: string) => Expr): string | ((c: Context) => string) {
  if (typeof part === 'string') return part;
  if ('select' in part) {
    const value = compile(parse(part.select));
    return (c) => value(c).map(itemText).join(' ');
  }
  const path = compile(parse(part.name));
  return (c) => {
    const nodes = path(c);
    if (nodes.length > 1) throw new XPathError('XPTY0004', 'name() takes one node');
    const [n] = nodes;
    if (n === undefined) return '';
    if (!isNode(n)) throw new XPathError('XPTY0004', 'name() takes a node');
    return n.kind === 'element' || n.kind === 'attribute' ? n.name : '';
  };
}

/**
 * The global lets whose value is a string literal (their references can be replaced by their values, where no
 * rule's let rebinds them), and the names a `for`, `some` or `every` binds, which are never replaced.
 */
function constantLets(
  program: NativeRules,
  read: (text: string) => Expr,
): { constants: Map<string, string>; rebound: Set<string> } {
  const rebound = new Set<string>();
  const texts: string[] = [...program.globals.map(([, v]) => v)];
  for (const c of program.checks) {
    texts.push(c.test === '' ? 'true()' : c.test);
    for (const p of c.parts ?? []) if (typeof p !== 'string') texts.push('select' in p ? p.select : p.name);
  }
  for (const pattern of program.patterns)
    for (const rule of pattern.rules) {
      texts.push(rule.context);
      for (const s of rule.body) if ('let' in s) texts.push(s.value);
    }
  for (const t of texts) for (const name of boundNames(read(t))) rebound.add(name);
  const constants = new Map<string, string>();
  for (const [name, value] of program.globals) {
    const e = read(value);
    if (e.type === 'literal' && typeof e.value === 'string' && !rebound.has(name.trim()))
      constants.set(name.trim(), e.value);
  }
  return { constants, rebound };
}

/** Why the native engine cannot run these rules (an expression or context it does not evaluate), or undefined. */
export function nativeRefusal(program: NativeRules): string | undefined {
  try {
    new NativeSchematron('', program, { baseUri: 'file:///', document: () => undefined });
    return undefined;
  } catch (cause) {
    if (cause instanceof UnsupportedXPath) return cause.message;
    throw cause;
  }
}
