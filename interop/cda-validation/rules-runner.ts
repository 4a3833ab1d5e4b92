import type { Document as DomDocument, Element as DomElement } from '@xmldom/xmldom';

import type { CompiledSchematron } from './compile.js';
import { KitDocuments } from './native/documents.js';
import { NativeSchematron } from './native/native-schematron.js';
import { treeOf, type XDocument } from './native/tree.js';
import type { CdaFinding } from './result.js';
import type { SaxonDocument } from './run-schematron.js';
import type { ValueSetPool } from './value-set-pool.js';

/** A document to check, in the form each engine reads, each made on first use. */
export class RulesDocument {
  private tree?: XDocument;
  private saxon?: Promise<SaxonDocument>;

  /** `dom` is the document (or its ClinicalDocument) parsed; `text` the same as text, for SaxonJS. */
  constructor(
    private readonly dom: DomDocument | DomElement,
    private readonly text: string,
  ) {}

  forNative(): XDocument {
    this.tree ??= treeOf(this.dom);
    return this.tree;
  }

  forSaxon(): Promise<SaxonDocument> {
    this.saxon ??= import('./run-schematron.js').then(({ parseForSaxon }) => parseForSaxon(this.text));
    return this.saxon;
  }
}

/**
 * Where the rules read their value sets: the kit's files for the native engine, shared by every schematron;
 * SaxonJS's pool of parsed documents, made (and SaxonJS loaded) only for rules the native engine refused.
 */
export class RulesSources {
  readonly kitDocuments: KitDocuments;
  private valueSets?: Promise<ValueSetPool>;

  constructor(kitDir: string) {
    this.kitDocuments = new KitDocuments(kitDir);
  }

  saxonValueSets(): Promise<ValueSetPool> {
    this.valueSets ??= import('./value-set-pool.js').then(({ ValueSetPool }) => new ValueSetPool());
    return this.valueSets;
  }
}

/** A schematron ready to check documents, whichever engine runs it. */
export interface RulesRunner {
  readonly name: string;
  /** The findings; throws when the rules stop on the document. */
  run(doc: RulesDocument): Promise<CdaFinding[]>;
}

/**
 * The runner of compiled rules: the native engine when it evaluates all of them (`native` in the compiled
 * form), SaxonJS on the compiled stylesheet otherwise. Value sets are read from the kit in `kitDir`.
 */
export async function loadRules(
  compiled: CompiledSchematron,
  kitDir: string,
  sources: RulesSources,
): Promise<RulesRunner> {
  const { native, schematron } = compiled.rules;
  if (native !== undefined) {
    const rules = new NativeSchematron(schematron, native, sources.kitDocuments.forSchematron(native.source));
    return { name: rules.name, run: (doc) => Promise.resolve(rules.run(doc.forNative())) };
  }
  // SaxonJS loads only for rules the native engine refused.
  const { LoadedSchematron } = await import('./run-schematron.js');
  const rules = await LoadedSchematron.load(compiled, kitDir, await sources.saxonValueSets());
  return { name: rules.name, run: async (doc) => rules.run(await doc.forSaxon()) };
}
