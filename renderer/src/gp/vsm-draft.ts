import type { VsmContent, VsmContentInput } from '../../../api/contract/index.js';

/** A coded value chosen in a value set. */
export interface Coded {
  readonly code: string;
  readonly displayName: string;
  readonly codeSystem: string;
}

/** The form's rows hold what the GP typed, as text; `contentOf` turns them into what `vsm.file` takes. */
export interface ProblemDraft {
  readonly label: string;
  readonly cim10: string;
  readonly start: string;
  readonly end: string;
}

export interface AllergyDraft {
  readonly type: Coded | undefined;
  readonly agent: Coded | undefined;
  readonly start: string;
}

export interface TreatmentDraft {
  readonly label: string;
  readonly code: string;
  readonly codeSystem: string;
  readonly start: string;
  readonly end: string;
  readonly dosage: string;
  readonly dose: string;
  readonly doseUnit: string;
  /** `value unit` (`1 d`, `12 h`), or '' when not coded. */
  readonly every: string;
}

export interface VsmDraft {
  readonly title: string;
  readonly active: readonly ProblemDraft[];
  readonly past: readonly ProblemDraft[];
  readonly allergies: readonly AllergyDraft[];
  /** One per line. */
  readonly riskFactors: string;
  /** One per line. */
  readonly results: string;
  readonly treatments: readonly TreatmentDraft[];
}

/** The CIS (Code Identifiant de Spécialité), the terminology of a treatment's product by default. */
export const CIS = '1.2.250.1.213.2.3.1';

export const EMPTY_PROBLEM: ProblemDraft = { label: '', cim10: '', start: '', end: '' };
export const EMPTY_ALLERGY: AllergyDraft = { type: undefined, agent: undefined, start: '' };
export const EMPTY_TREATMENT: TreatmentDraft = {
  label: '',
  code: '',
  codeSystem: CIS,
  start: '',
  end: '',
  dosage: '',
  dose: '1',
  doseUnit: '{tablet}',
  every: '1 d',
};

interface ProblemLike {
  readonly label: string;
  readonly cim10: string;
  readonly start?: string | undefined;
  readonly end?: string | undefined;
}

const problemDraft = (p: ProblemLike): ProblemDraft => ({
  label: p.label,
  cim10: p.cim10,
  start: p.start ?? '',
  end: p.end ?? '',
});

/** The form as the synthesis read back from the record fills it, or blank. */
export function draftOf(content: VsmContent | undefined): VsmDraft {
  return {
    title: content?.title ?? 'Synthèse médicale',
    active: (content?.pathologies?.active ?? []).map(problemDraft),
    past: (content?.pathologies?.past ?? []).map(problemDraft),
    allergies: (content?.pathologies?.allergies ?? []).map((a) => ({
      // The type's label is the value set's: the search gives it back once the form shows the row.
      type: { code: a.type, displayName: a.type, codeSystem: '' },
      agent: a.agent,
      start: a.start ?? '',
    })),
    riskFactors: (content?.pathologies?.riskFactors ?? []).join('\n'),
    results: (content?.results ?? []).join('\n'),
    treatments: (content?.treatments ?? []).map((t) => ({
      label: t.product.displayName,
      code: t.product.code,
      codeSystem: t.product.codeSystem,
      start: t.start,
      end: t.end ?? '',
      dosage: t.dosage,
      dose: String(t.dose.value),
      doseUnit: t.dose.unit,
      every: t.every ? `${t.every.value} ${t.every.unit}` : '',
    })),
  };
}

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

const dated = <K extends string>(key: K, day: string): Partial<Record<K, string>> =>
  (day === '' ? {} : { [key]: day }) as Partial<Record<K, string>>;

const problems = (rows: readonly ProblemDraft[]): ProblemLike[] =>
  rows
    .filter((p) => p.label.trim() !== '' || p.cim10.trim() !== '')
    .map((p) => ({
      label: p.label,
      cim10: p.cim10.trim().toUpperCase(),
      ...dated('start', p.start),
      ...dated('end', p.end),
    }));

/**
 * What `vsm.file` and `vsm.preview` take, from the form; blank rows left out. An allergy without its type or
 * agent chosen in the list is `incomplete`: the codes are never guessed from what was typed.
 */
export function contentOf(draft: VsmDraft): { content: VsmContentInput } | { incomplete: true } {
  const allergies = draft.allergies.filter((a) => a.type || a.agent);
  if (allergies.some((a) => !a.type || !a.agent)) return { incomplete: true };
  return {
    content: {
      title: draft.title.trim() || 'Synthèse médicale',
      pathologies: {
        active: problems(draft.active),
        past: problems(draft.past),
        allergies: allergies.map((a) => ({ type: a.type!.code, agent: a.agent!, ...dated('start', a.start) })),
        riskFactors: lines(draft.riskFactors),
      },
      results: lines(draft.results),
      treatments: draft.treatments
        .filter((t) => t.label.trim() !== '' || t.code.trim() !== '')
        .map((t) => {
          const [value, unit] = t.every.split(' ');
          return {
            product: { code: t.code.trim(), displayName: t.label.trim(), codeSystem: t.codeSystem || CIS },
            start: t.start,
            ...dated('end', t.end),
            dosage: t.dosage,
            dose: { value: Number(t.dose.replace(',', '.')), unit: t.doseUnit.trim() },
            ...(value && (unit === 'h' || unit === 'd' || unit === 'wk')
              ? { every: { value: Number(value), unit } }
              : {}),
          };
        }),
    },
  };
}
