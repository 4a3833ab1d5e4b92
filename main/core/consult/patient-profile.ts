import type { ProfileAnswer, ProfileKind } from '../../../api/contract/index.js';
import type { DocumentSummary } from './document-list.js';

/** Class 90: the documents the patient filed herself. */
const PATIENT_CLASS = '90';

/** The kind of each type of her profile; any other document she wrote is `autre`. */
const KINDS: Readonly<Record<string, ProfileKind>> = {
  EXPPAT_1: 'volontes',
  EXPPAT_3: 'directives',
  DOCPAT08: 'profil-medical',
  DOCPAT01: 'profil-medical',
  '11369-6': 'vaccinations',
  '87273-9': 'vaccinations',
};
const ORDER: readonly ProfileKind[] = ['directives', 'volontes', 'profil-medical', 'vaccinations', 'autre'];

/**
 * Her profile in the record's list: the documents in force she wrote (class 90, or a type only a patient
 * writes), the latest of each kind (of each type for her other documents), advance directives first.
 */
export function profileOf(documents: readonly DocumentSummary[]): Omit<ProfileAnswer, 'searched'> {
  const latest = new Map<string, { readonly kind: ProfileKind; readonly document: DocumentSummary }>();
  for (const document of documents) {
    const type = document.typeCode.code;
    const own = document.classCode.code === PATIENT_CLASS || /^(EXPPAT_|DOCPAT)/.test(type);
    if (!own || document.status !== 'Approved') continue;
    const kind = KINDS[type] ?? 'autre';
    const key = kind === 'autre' ? `autre:${type}` : kind;
    const held = latest.get(key);
    if (!held || held.document.creationTime < document.creationTime) latest.set(key, { kind, document });
  }
  const chosen = [...latest.values()].sort(
    (a, b) =>
      ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || b.document.creationTime.localeCompare(a.document.creationTime),
  );
  const has = (kind: ProfileKind): boolean => chosen.some((item) => item.kind === kind);
  return {
    documents: chosen.map(({ kind, document }) => ({
      kind,
      uniqueId: document.uniqueId,
      title: document.title,
      typeCode: { code: document.typeCode.code, displayName: document.typeCode.displayName },
      creationTime: document.creationTime,
    })),
    flags: {
      advanceDirectives: has('directives'),
      wishes: has('volontes'),
      medicalProfile: has('profil-medical'),
      vaccinations: has('vaccinations'),
    },
  };
}
