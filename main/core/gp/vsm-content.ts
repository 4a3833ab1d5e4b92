import type { VsmContent } from '../../../api/contract/index.js';
import { PasserelleError } from '../../../api/errors/index.js';
import type { CdaHeaderInput, VsmBody, VsmInput } from '../../../interop/cda/index.js';
import { ALLERGY_TYPES, findConcept } from '../../../interop/value-sets/index.js';

/** CIM-10 (ICD-10, French edition), the terminology of the VSM's problems. */
const CIM10 = '2.16.840.1.113883.6.3';
/**
 * A CIM-10 code's shape (a letter, two digits, then an optional subdivision). The CIM-10 itself is not in the
 * ANS kit (licensed apart), so its codes are checked by shape, the value sets the kit holds by membership.
 */
const CIM10_CODE = /^[A-Z]\d{2}(\.\d{1,2})?$/;

/** The model's mandatory sections, as the VSM 2023.01 rules name them, and the field that holds each. */
const SECTIONS = [
  { field: 'pathologies', section: 'Pathologies, antécédents, allergies et facteurs de risque' },
  { field: 'results', section: 'Résultats' },
  { field: 'treatments', section: 'Traitement au long cours' },
] as const;

/** A synthesis whose three sections are there; the treatments' holds at least one medication. */
export type CompleteVsmContent = VsmContent & Required<Pick<VsmContent, 'pathologies' | 'results' | 'treatments'>>;

/**
 * Refuses a synthesis without one of the three mandatory sections (VSM_SECTION_MISSING names it), or with a code
 * outside the value set its field requires (VSM_CODE_UNKNOWN): what the GP wrote is checked before anything is
 * built, in words she can act on.
 */
export function checkVsmContent(content: VsmContent): CompleteVsmContent {
  for (const { field, section } of SECTIONS) {
    const value = content[field];
    // IHE PCC requires a medication entry in the long-term treatment section: an empty list is no section.
    if (value === undefined || (field === 'treatments' && content.treatments?.length === 0))
      throw new PasserelleError('VSM_SECTION_MISSING', { section, field });
  }
  const complete = content as CompleteVsmContent;
  const { active, past, allergies } = complete.pathologies;
  for (const [list, name] of [
    [active, 'pathologies.active'],
    [past, 'pathologies.past'],
  ] as const) {
    list.forEach((problem, i) => {
      if (!CIM10_CODE.test(problem.cim10))
        throw new PasserelleError('VSM_CODE_UNKNOWN', {
          field: `${name}[${i}].cim10`,
          code: problem.cim10,
          valueSet: 'CIM-10',
        });
    });
  }
  allergies.forEach((allergy, i) => {
    if (!findConcept(ALLERGY_TYPES, allergy.type))
      throw new PasserelleError('VSM_CODE_UNKNOWN', {
        field: `pathologies.allergies[${i}].type`,
        code: allergy.type,
        valueSet: ALLERGY_TYPES.name,
      });
  });
  return complete;
}

const day = (iso: string | undefined): string | undefined => iso?.replace(/-/g, '');

/** The builder's input: the checked content under the header the session wrote, the author as médecin traitant. */
export function vsmInput(content: CompleteVsmContent, header: CdaHeaderInput): VsmInput {
  const author = header.authors[0]!;
  const problems = (list: CompleteVsmContent['pathologies']['active']): VsmInput['activeProblems'] =>
    list.map((p) => ({
      label: p.label,
      code: { code: p.cim10, displayName: p.label, codeSystem: CIM10, codeSystemName: 'CIM-10' },
      ...(p.start ? { start: day(p.start) } : {}),
      ...(p.end ? { end: day(p.end) } : {}),
    }));
  return {
    header,
    attendingPhysician: { id: author.id, familyName: author.familyName, givenName: author.givenName },
    activeProblems: problems(content.pathologies.active),
    pastProblems: problems(content.pathologies.past),
    allergies: content.pathologies.allergies.map((a) => {
      const type = findConcept(ALLERGY_TYPES, a.type)!;
      return {
        type: { ...type, codeSystemName: 'SNOMED CT' },
        agent: a.agent,
        ...(a.start ? { start: day(a.start) } : {}),
      };
    }),
    riskFactors: content.pathologies.riskFactors,
    results: content.results,
    treatments: content.treatments.map((t) => ({
      product: t.product,
      start: day(t.start)!,
      ...(t.end ? { end: day(t.end) } : {}),
      dosage: t.dosage,
      dose: t.dose,
      ...(t.every ? { every: t.every } : {}),
    })),
  };
}

/** `YYYYMMDD` → `YYYY-MM-DD`. */
const isoDay = (day: string): string => `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`;
const dated = <K extends string>(key: K, day: string | undefined): Partial<Record<K, string>> =>
  (day === undefined ? {} : { [key]: isoDay(day) }) as Partial<Record<K, string>>;

const codedValue = ({ code, displayName, codeSystem }: VsmBody['treatments'][number]['product']) => ({
  code,
  displayName,
  codeSystem,
});

type ContentProblem = CompleteVsmContent['pathologies']['active'][number];

/** A synthesis read back from the record (`readVsm`), as the content the GP edits: the inverse of `vsmInput`. */
export function vsmContentOf(body: VsmBody, title?: string): CompleteVsmContent {
  const problems = (list: VsmBody['activeProblems']): ContentProblem[] =>
    list.map((p) => ({ label: p.label, cim10: p.code.code, ...dated('start', p.start), ...dated('end', p.end) }));
  return {
    ...(title ? { title } : {}),
    pathologies: {
      active: problems(body.activeProblems),
      past: problems(body.pastProblems),
      allergies: body.allergies.map((a) => ({
        type: a.type.code,
        agent: codedValue(a.agent),
        ...dated('start', a.start),
      })),
      riskFactors: body.riskFactors,
    },
    results: body.results,
    treatments: body.treatments.map((t) => ({
      product: codedValue(t.product),
      start: isoDay(t.start),
      ...dated('end', t.end),
      dosage: t.dosage,
      dose: t.dose,
      ...(t.every ? { every: t.every } : {}),
    })),
  };
}
