import { randomUUID } from 'node:crypto';

import { element, type XmlChild, type XmlElement } from '../xml/writer.js';
import type { Allergy, CodedInput, Problem, Treatment } from './body-model.js';
import { coded } from './header-xml.js';

/** Building blocks of CI-SIS structured bodies, after the ANS examples (VSM_1.4, LDL-SES_2022.01). */

export const LOINC = '2.16.840.1.113883.6.1';
const SNOMED_CT = '2.16.840.1.113883.6.96';

export const loinc = (code: string, displayName: string): CodedInput => ({
  code,
  displayName,
  codeSystem: LOINC,
  codeSystemName: 'LOINC',
});

const templates = (...roots: string[]): XmlElement[] => roots.map((root) => element('templateId', { root }));
/** A fresh entry or section id: a UUID root, as the ANS examples write them. */
export const uuid = (): XmlElement => element('id', { root: randomUUID().toUpperCase() });
const reference = (id: string): XmlElement => element('reference', { value: `#${id}` });

/** The narrative ids of one document: unique, and stable in the order the body is written. */
export class NarrativeIds {
  private next = 0;
  constructor(private readonly prefix: string) {}
  take(): string {
    this.next += 1;
    return `${this.prefix}-${this.next}`;
  }
}

export interface SectionParts {
  readonly templateIds: readonly string[];
  readonly code: CodedInput;
  readonly title: string;
  readonly text?: XmlChild;
  readonly entries?: readonly XmlChild[];
  readonly subsections?: readonly XmlChild[];
  /** Most CI-SIS sections carry an id; a few templates forbid or ignore it. */
  readonly withId?: boolean;
}

export function section(parts: SectionParts): XmlElement {
  return element(
    'component',
    {},
    element(
      'section',
      {},
      templates(...parts.templateIds),
      parts.withId !== false && uuid(),
      coded('code', parts.code),
      element('title', {}, parts.title),
      parts.text !== undefined && element('text', {}, parts.text),
      (parts.entries ?? []).map((entry) => element('entry', {}, entry)),
      parts.subsections ?? [],
    ),
  );
}

/** A narrative table; a cell given as `[id, text]` is a content element entries refer to. */
export function table(
  headings: readonly string[],
  rows: readonly (readonly (string | readonly [string, string])[])[],
): XmlElement {
  const cell = (value: string | readonly [string, string]): XmlElement =>
    element('td', {}, typeof value === 'string' ? value : element('content', { ID: value[0] }, value[1]));
  return element(
    'table',
    { border: '0' },
    element(
      'thead',
      {},
      element(
        'tr',
        {},
        headings.map((h) => element('th', {}, h)),
      ),
    ),
    element(
      'tbody',
      {},
      rows.map((row) => element('tr', {}, row.map(cell))),
    ),
  );
}

/** A paragraph list of lines, or one line saying there is nothing. */
export function lines(items: readonly string[], none: string): XmlElement[] {
  return items.length === 0 ? [element('paragraph', {}, none)] : items.map((item) => element('paragraph', {}, item));
}

const frenchDay = (day: string | undefined): string =>
  day ? `${day.slice(6, 8)}/${day.slice(4, 6)}/${day.slice(0, 4)}` : '-';

function interval(start: string | undefined, end: string | undefined, type?: string): XmlElement {
  return element(
    'effectiveTime',
    type ? { 'xsi:type': type } : {},
    start ? element('low', { value: start }) : element('low', { nullFlavor: 'UNK' }),
    end && element('high', { value: end }),
  );
}

/**
 * An IHE concern entry (a list act) holding one observation about the patient: the concern templates, then
 * `ownTemplateIds`, the list's (IHE then CI-SIS).
 */
function concernEntry(
  ownTemplateIds: readonly string[],
  status: 'active' | 'completed',
  effectiveTime: XmlElement,
  observation: XmlElement,
): XmlElement {
  return element(
    'act',
    { classCode: 'ACT', moodCode: 'EVN' },
    templates('2.16.840.1.113883.10.20.1.27', '1.3.6.1.4.1.19376.1.5.3.1.4.5.1', ...ownTemplateIds),
    uuid(),
    element('code', { nullFlavor: 'NA' }),
    element('statusCode', { code: status }),
    effectiveTime,
    element('entryRelationship', { typeCode: 'SUBJ', inversionInd: 'false' }, observation),
  );
}

/** FR-Liste-des-problemes holding one FR-Probleme: active while it has no end. */
export function problemEntry(problem: Problem, textId: string): XmlElement {
  return concernEntry(
    ['1.3.6.1.4.1.19376.1.5.3.1.4.5.2', '1.2.250.1.213.1.1.3.39'],
    problem.end ? 'completed' : 'active',
    interval(problem.start, problem.end),
    element(
      'observation',
      { classCode: 'OBS', moodCode: 'EVN', negationInd: 'false' },
      templates('2.16.840.1.113883.10.20.1.28', '1.3.6.1.4.1.19376.1.5.3.1.4.5', '1.2.250.1.213.1.1.3.37'),
      uuid(),
      coded('code', {
        code: '282291009',
        displayName: 'interprétation diagnostique',
        codeSystem: SNOMED_CT,
        codeSystemName: 'SNOMED CT',
      }),
      element('text', {}, reference(textId)),
      element('statusCode', { code: 'completed' }),
      interval(problem.start, problem.end),
      element(
        'value',
        {
          'xsi:type': 'CD',
          code: problem.code.code,
          displayName: problem.code.displayName,
          codeSystem: problem.code.codeSystem,
          codeSystemName: problem.code.codeSystemName,
        },
        element('originalText', {}, reference(textId)),
      ),
    ),
  );
}

export function problemsTable(problems: readonly Problem[], ids: readonly string[], heading: string): XmlElement {
  return table(
    ['Début', 'Fin', heading],
    problems.map((p, i) => [frenchDay(p.start), frenchDay(p.end), [ids[i] ?? '', p.label] as const]),
  );
}

/** FR-Liste-des-allergies-et-hypersensibilites holding one FR-Allergie-ou-hypersensibilite. */
function allergyEntry(allergy: Allergy, [typeId, agentId]: AllergyIds): XmlElement {
  return concernEntry(
    ['1.3.6.1.4.1.19376.1.5.3.1.4.5.3', '1.2.250.1.213.1.1.3.40'],
    'active',
    interval(allergy.start, undefined),
    element(
      'observation',
      { classCode: 'OBS', moodCode: 'EVN', negationInd: 'false' },
      templates(
        '2.16.840.1.113883.10.20.1.18',
        '2.16.840.1.113883.10.20.1.28',
        '1.3.6.1.4.1.19376.1.5.3.1.4.5',
        '1.3.6.1.4.1.19376.1.5.3.1.4.6',
        '1.2.250.1.213.1.1.3.41',
      ),
      uuid(),
      coded('code', allergy.type),
      element('text', {}, reference(typeId)),
      element('statusCode', { code: 'completed' }),
      interval(allergy.start, undefined, 'IVL_TS'),
      element('value', { 'xsi:type': 'CD' }, element('originalText', {}, reference(agentId))),
      element(
        'participant',
        { typeCode: 'CSM' },
        element(
          'participantRole',
          { classCode: 'MANU' },
          element(
            'playingEntity',
            { classCode: 'MMAT' },
            element(
              'code',
              {
                code: allergy.agent.code,
                displayName: allergy.agent.displayName,
                codeSystem: allergy.agent.codeSystem,
                codeSystemName: allergy.agent.codeSystemName,
              },
              element('originalText', {}, reference(agentId)),
            ),
          ),
        ),
      ),
    ),
  );
}

function allergiesTable(allergies: readonly Allergy[], ids: readonly AllergyIds[]): XmlElement {
  return table(
    ['Date', "Type d'allergie", 'Agent responsable'],
    allergies.map((a, i) => [
      frenchDay(a.start),
      [ids[i]?.[0] ?? '', a.type.displayName] as const,
      [ids[i]?.[1] ?? '', a.agent.displayName] as const,
    ]),
  );
}

/** The narrative ids of one allergy: its type's, then its agent's. */
export type AllergyIds = readonly [typeId: string, agentId: string];

/** Takes the narrative ids of each allergy, in the order the body is written. */
export function takeAllergyIds(allergies: readonly Allergy[], ids: NarrativeIds): AllergyIds[] {
  return allergies.map(() => [ids.take(), ids.take()] as const);
}

/** FR-Allergies-et-hypersensibilites: the allergies' table and one entry each, under the document's title. */
export function allergiesSection(
  allergies: readonly Allergy[],
  allergyIds: readonly AllergyIds[],
  title: string,
): XmlElement {
  return section({
    templateIds: ['2.16.840.1.113883.10.20.1.2', '1.3.6.1.4.1.19376.1.5.3.1.3.13', '1.2.250.1.213.1.1.2.137'],
    code: loinc('48765-2', 'Allergies et hypersensibilités'),
    title,
    text: allergiesTable(allergies, allergyIds),
    entries: allergies.map((allergy, i) => allergyEntry(allergy, allergyIds[i] ?? ['', ''])),
  });
}

/** FR-Traitement with its FR-Produit-de-sante. */
export function treatmentEntry(treatment: Treatment, textId: string): XmlElement {
  const { product, dose, every } = treatment;
  return element(
    'substanceAdministration',
    { classCode: 'SBADM', moodCode: 'EVN' },
    templates(
      '2.16.840.1.113883.10.20.1.24',
      '1.3.6.1.4.1.19376.1.5.3.1.4.7',
      '1.2.250.1.213.1.1.3.42',
      '1.3.6.1.4.1.19376.1.5.3.1.4.7.1',
    ),
    uuid(),
    element('code', {
      code: 'DRUG',
      displayName: 'Médicament',
      codeSystem: '2.16.840.1.113883.5.4',
      codeSystemName: 'HL7:ActCode',
    }),
    element('text', {}, reference(textId)),
    element('statusCode', { code: 'completed' }),
    element(
      'effectiveTime',
      { 'xsi:type': 'IVL_TS' },
      element('low', { value: treatment.start }),
      treatment.end ? element('high', { value: treatment.end }) : element('high', { nullFlavor: 'UNK' }),
    ),
    every &&
      element(
        'effectiveTime',
        { 'xsi:type': 'PIVL_TS', operator: 'A' },
        element('period', { value: every.value, unit: every.unit }),
      ),
    element(
      'doseQuantity',
      {},
      element('low', { value: dose.value, unit: dose.unit }),
      element('high', { value: dose.value, unit: dose.unit }),
    ),
    element(
      'consumable',
      {},
      element(
        'manufacturedProduct',
        {},
        templates('2.16.840.1.113883.10.20.1.53', '1.3.6.1.4.1.19376.1.5.3.1.4.7.2', '1.2.250.1.213.1.1.3.43'),
        element(
          'manufacturedMaterial',
          {},
          element(
            'code',
            {
              code: product.code,
              displayName: product.displayName,
              codeSystem: product.codeSystem,
              codeSystemName: product.codeSystemName,
            },
            element('originalText', {}, reference(textId)),
          ),
          element('name', {}, product.displayName),
        ),
      ),
    ),
  );
}

export function treatmentsTable(treatments: readonly Treatment[], ids: readonly string[]): XmlElement {
  return table(
    ['Début', 'Fin', 'Médicament', 'Posologie'],
    treatments.map((t, i) => [
      frenchDay(t.start),
      frenchDay(t.end),
      [ids[i] ?? '', t.product.displayName] as const,
      t.dosage,
    ]),
  );
}

/** The FR-Traitement entries of a list, with the table they refer to. */
export function treatmentsContent(
  treatments: readonly Treatment[],
  ids: NarrativeIds,
): { text: XmlElement; entries: XmlElement[] } {
  const textIds = treatments.map(() => ids.take());
  return {
    text: treatmentsTable(treatments, textIds),
    entries: treatments.map((t, i) => treatmentEntry(t, textIds[i] ?? '')),
  };
}
