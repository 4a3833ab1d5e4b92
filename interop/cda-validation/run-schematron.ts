import { readFileSync } from 'node:fs';

import { DOMParser, type Element } from '@xmldom/xmldom';
import SaxonJS from 'saxon-js';

import { type CompiledSchematron, locateCompiledRules } from './compile.js';
import { type CdaFinding, severityOf } from './result.js';
import { normalizeSpace } from './schematron/model.js';
import type { ValueSetPool } from './value-set-pool.js';

/** A document parsed once by SaxonJS, checked by every schematron. */
export type SaxonDocument = unknown;

export function parseForSaxon(xml: string): Promise<SaxonDocument> {
  return SaxonJS.getResource({ text: xml, type: 'xml' });
}

/** A compiled schematron kept in memory: its SEF is read and parsed once, then run on each document. */
export class LoadedSchematron {
  private constructor(
    private readonly compiled: CompiledSchematron,
    private readonly sef: unknown,
    private readonly valueSets: ValueSetPool,
  ) {}

  /**
   * Reads the compiled rules with their value sets opened from the kit in `kitDir`, and parses into `valueSets`
   * (shared by the schematrons of one validator) the value sets they name.
   */
  static async load(compiled: CompiledSchematron, kitDir: string, valueSets: ValueSetPool): Promise<LoadedSchematron> {
    if (compiled.sefPath === undefined)
      throw new Error(`${compiled.rules.schematron} was compiled without a stylesheet`);
    const text = locateCompiledRules(readFileSync(compiled.sefPath, 'utf8'), kitDir);
    await valueSets.add(text);
    return new LoadedSchematron(compiled, JSON.parse(text), valueSets);
  }

  get name(): string {
    return this.compiled.rules.schematron;
  }

  /** Runs the rules; throws what SaxonJS throws when the rules stop on the document. */
  run(doc: SaxonDocument): CdaFinding[] {
    const { principalResult } = SaxonJS.transform(
      {
        stylesheetInternal: this.sef,
        sourceNode: doc,
        destination: 'serialized',
        documentPool: this.valueSets.entries,
      },
      'sync',
    );
    const report = new DOMParser().parseFromString(principalResult, 'text/xml');
    const found: { pattern: number; finding: CdaFinding }[] = [];
    const { rules, patterns } = this.compiled.rules.stylesheet ?? { rules: [], patterns: [] };
    for (const f of Array.from(report.getElementsByTagName('f'))) {
      const rule = rules[Number(f.getAttribute('i'))];
      if (rule === undefined) continue;
      const index = Number((f.parentNode as Element | null)?.getAttribute('i'));
      const pattern = patterns[index];
      const ruleId = rule.id ?? pattern?.id;
      found.push({
        pattern: index,
        finding: {
          step: 'schematron',
          schematron: this.name,
          ...(ruleId === undefined || ruleId === '' ? {} : { ruleId }),
          location: f.getAttribute('l') ?? '',
          severity: severityOf(rule.role),
          message: rule.message ?? normalizeSpace(f.textContent ?? ''),
          test: rule.test,
          ...(rule.see === undefined ? {} : { see: rule.see }),
        },
      });
    }
    // The stylesheet walks the document once for all patterns; the ANS reports list pattern by pattern.
    return found.sort((a, b) => a.pattern - b.pattern).map((f) => f.finding);
  }
}
