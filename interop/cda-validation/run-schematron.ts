import { readFileSync } from 'node:fs';

import { DOMParser, type Element } from '@xmldom/xmldom';
import SaxonJS from 'saxon-js';

import { type CompiledSchematron, locateCompiledRules } from './compile.js';
import { type CdaFinding, severityOf } from './result.js';
import { normalizeSpace } from './schematron/model.js';

/** A document parsed once by SaxonJS, checked by every schematron. */
export type SaxonDocument = unknown;

export function parseForSaxon(xml: string): Promise<SaxonDocument> {
  return SaxonJS.getResource({ text: xml, type: 'xml' });
}

/** A compiled schematron kept in memory: its SEF is read and parsed once, then run on each document. */
export class LoadedSchematron {
  private readonly sef: unknown;

  /** `kitDir`: the kit the rules open their value sets from. */
  constructor(
    private readonly compiled: CompiledSchematron,
    kitDir: string,
  ) {
    this.sef = JSON.parse(locateCompiledRules(readFileSync(compiled.sefPath, 'utf8'), kitDir));
  }

  get name(): string {
    return this.compiled.rules.schematron;
  }

  /** Runs the rules; throws what SaxonJS throws when the rules stop on the document. */
  run(doc: SaxonDocument): CdaFinding[] {
    const { principalResult } = SaxonJS.transform(
      { stylesheetInternal: this.sef, sourceNode: doc, destination: 'serialized' },
      'sync',
    );
    const report = new DOMParser().parseFromString(principalResult, 'text/xml');
    const found: { pattern: number; finding: CdaFinding }[] = [];
    const { rules, patterns } = this.compiled.rules;
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
