import { createHash, randomUUID } from 'node:crypto';

import { z } from 'zod';

import {
  CLASS_CODES,
  confidentialityCode,
  FORMAT_CODES,
  HEALTHCARE_FACILITY_TYPES,
  PRACTICE_SETTINGS,
  requireConcept,
  type CodedValue,
} from '../../interop/value-sets/index.js';
import { XML_NS } from '../../interop/xml/namespaces.js';
import { element, serializeXml } from '../../interop/xml/writer.js';
import { newUrnUuid, type DocumentEntry, type SubmissionSet } from '../../interop/xds/index.js';
import { patientPortalRecord, type AuditLog } from '../audit/audit-log.js';
import type { DocumentAccess } from '../rules/document-access.js';
import { MOCK_REPOSITORY_UNIQUE_ID } from '../services/mock-repository.js';
import type { ContentStore } from '../store/content-store.js';
import type { PatientRecord } from '../store/patient-store.js';

/** TRE_A05 TypeDocComplementaire, where the patient's own document types are (JDV_J07). */
const TRE_A05 = '1.2.250.1.213.1.1.4.12';
const LOINC = '2.16.840.1.113883.6.1';
/** Class 90: the documents the patient files herself (EX_3.1-1040 asks the professional's software to show them apart). */
const PATIENT_CLASS = requireConcept(CLASS_CODES, '90');
/** Where the mock's own submissions say they come from: the patient portal (a test OID arc). */
const PORTAL_SOURCE_OID = '1.2.250.1.213.1.1.9.99';
const PORTAL_CONTENT_TYPE: CodedValue = {
  code: 'EXP_PATIENT',
  codeSystem: '1.2.250.1.213.1.1.4.6',
  displayName: 'Expression personnelle du patient',
};

/** The four documents her profile makes, each one type of JDV_J07. */
export const PROFILE_DOCUMENTS = {
  /** EXPPAT_1: trusted person, people to notify, organ donation. */
  volontes: { code: 'EXPPAT_1', codeSystem: TRE_A05, displayName: 'Volontés et droits du patient' },
  /** EXPPAT_3: advance directives. */
  directives: { code: 'EXPPAT_3', codeSystem: TRE_A05, displayName: 'Directives anticipées' },
  /** DOCPAT08: the summary of her medical profile (allergies, measures, treatments). */
  profil: { code: 'DOCPAT08', codeSystem: TRE_A05, displayName: 'Profil médical Mon espace santé' },
  /**
   * 11369-6: her vaccinations. Our reading: JDV_J07 has no DOCPAT type for the vaccinations the patient writes
   * in her profile, so they are filed under the LOINC vaccination history, in the patient's class 90.
   */
  vaccinations: { code: '11369-6', codeSystem: LOINC, displayName: 'Historique des vaccinations' },
} as const satisfies Record<string, CodedValue>;
export type ProfileDocumentKind = keyof typeof PROFILE_DOCUMENTS;

const Field = (max: number) => z.string().trim().max(max).default('');

/** What the portal's profile form (and the JSON API) send; every field optional, free text as she writes it. */
export const ProfileFormSchema = z.object({
  action: z.literal('profil'),
  allergies: Field(1000),
  poids: Field(20),
  taille: Field(20),
  traitements: Field(2000),
  vaccinations: Field(2000),
  directives: Field(4000),
  don_organes: z.enum(['', 'oui', 'non']).default(''),
  personne_confiance: Field(300),
  personnes_a_prevenir: Field(600),
});
export type ProfileForm = z.infer<typeof ProfileFormSchema>;

/** Each document's lines, from the form; a document whose lines are all empty is not filed. */
function linesOf(form: ProfileForm): Record<ProfileDocumentKind, string[]> {
  const line = (label: string, value: string): string[] => (value === '' ? [] : [`${label} : ${value}`]);
  const donation = { '': '', oui: "J'accepte de donner mes organes", non: 'Je refuse le don de mes organes' }[
    form.don_organes
  ];
  return {
    volontes: [
      ...line('Personne de confiance', form.personne_confiance),
      ...line('Personnes à prévenir', form.personnes_a_prevenir),
      ...line("Don d'organes", donation),
    ],
    directives: form.directives === '' ? [] : [form.directives],
    profil: [
      ...line('Allergies', form.allergies),
      ...line('Poids', form.poids),
      ...line('Taille', form.taille),
      ...line('Traitements', form.traitements),
    ],
    vaccinations: form.vaccinations === '' ? [] : [form.vaccinations],
  };
}

const dtm = (at: Date): string => at.toISOString().replace(/[-:T]/g, '').slice(0, 14);

/**
 * A CDA R2 level 1 document (a text body) written by the patient: she is its author and its subject, as a
 * document the Mon espace santé profile files. The text is hers, base64 in the body, never markup.
 */
function patientCda(
  patient: PatientRecord,
  type: CodedValue,
  text: string,
  ids: { id: string; setId: string },
  at: Date,
): Buffer {
  const { traits } = patient;
  const name = element(
    'name',
    {},
    element('family', { qualifier: 'BR' }, traits.birthName),
    element('given', {}, traits.firstNames[0] ?? ''),
  );
  const insId = { root: patient.oid, extension: patient.matricule };
  const xml = serializeXml(
    element(
      'ClinicalDocument',
      { xmlns: XML_NS.hl7 },
      element('typeId', { root: '2.16.840.1.113883.1.3', extension: 'POCD_HD000040' }),
      element('templateId', { root: '1.3.6.1.4.1.19376.1.2.20' }),
      element('id', { root: ids.id }),
      element('code', { ...type }),
      element('title', {}, type.displayName),
      element('effectiveTime', { value: dtm(at) }),
      element('confidentialityCode', { code: 'N', codeSystem: '2.16.840.1.113883.5.25' }),
      element('languageCode', { code: 'fr-FR' }),
      element('setId', { root: ids.setId }),
      element('versionNumber', { value: '1' }),
      element(
        'recordTarget',
        {},
        element(
          'patientRole',
          {},
          element('id', insId),
          element(
            'patient',
            {},
            name,
            element('administrativeGenderCode', {
              code: traits.sex,
              codeSystem: '2.16.840.1.113883.5.1',
            }),
            element('birthTime', { value: traits.birthDate.replace(/-/g, '') }),
          ),
        ),
      ),
      element(
        'author',
        {},
        element('time', { value: dtm(at) }),
        element('assignedAuthor', {}, element('id', insId), element('assignedPerson', {}, name)),
      ),
      element(
        'custodian',
        {},
        element(
          'assignedCustodian',
          {},
          element(
            'representedCustodianOrganization',
            {},
            element('id', { root: PORTAL_SOURCE_OID }),
            element('name', {}, 'Mon espace santé (plateforme de test)'),
          ),
        ),
      ),
      element(
        'component',
        {},
        element(
          'nonXMLBody',
          {},
          element(
            'text',
            { mediaType: 'text/plain', representation: 'B64' },
            Buffer.from(text, 'utf8').toString('base64'),
          ),
        ),
      ),
    ),
    { declaration: true },
  );
  return Buffer.from(xml, 'utf8');
}

export interface ProfileFiling {
  readonly access: DocumentAccess;
  readonly content: ContentStore;
  readonly audit: AuditLog;
  readonly now: () => Date;
}

/** What saving her profile did: the documents filed (new or new versions), by kind. */
export interface ProfileOutcome {
  readonly filed: readonly ProfileDocumentKind[];
}

/**
 * Files her profile in her record as the documents the real service writes: one per kind she filled in, of
 * class 90 and authored by her, visible to the professionals she authorized. A kind she already filed with the
 * same text is left as it is (an unchanged document is never filed again); a changed one replaces the
 * previous version (RPLC), which becomes Deprecated.
 */
export function fileProfile(
  deps: ProfileFiling,
  patient: PatientRecord,
  form: ProfileForm,
  actor: 'PATIENT' | 'REPRESENTANT_LEGAL' = 'PATIENT',
): ProfileOutcome {
  const at = deps.now();
  const current = deps.access.documents.current(patient.matricule);
  const plans = (Object.entries(linesOf(form)) as [ProfileDocumentKind, string[]][])
    .filter(([, lines]) => lines.length > 0)
    .map(([kind, lines]) => {
      const type = PROFILE_DOCUMENTS[kind];
      const text = lines.join('\n');
      const previous = current.find(
        (d) =>
          d.entry.typeCode.code === type.code &&
          d.entry.classCode.code === PATIENT_CLASS.code &&
          d.entry.authors[0]?.person.id === patient.matricule,
      );
      return { kind, type, text, previous };
    })
    .filter(({ text, previous }) => previous?.entry.comments !== digestOf(text));
  if (plans.length === 0) return { filed: [] };

  const built = plans.map((plan) => {
    const uniqueId = `2.25.${BigInt(`0x${randomUUID().replace(/-/g, '')}`).toString()}`;
    const bytes = patientCda(patient, plan.type, plan.text, { id: uniqueId, setId: uniqueId }, at);
    return { ...plan, uniqueId, bytes };
  });
  const patientId = { id: patient.matricule, assigningAuthority: patient.oid, idType: 'NH' } as const;
  const author = {
    person: {
      id: patient.matricule,
      familyName: patient.traits.usedName,
      givenName: patient.traits.firstNames[0] ?? '',
      assigningAuthority: patient.oid,
      idType: 'NH',
    },
    institutions: [],
    roles: [],
    specialties: [],
  };
  const setId = newUrnUuid();
  const set: SubmissionSet = {
    entryUUID: setId,
    uniqueId: `2.25.${BigInt(`0x${randomUUID().replace(/-/g, '')}`).toString()}`,
    sourceId: PORTAL_SOURCE_OID,
    submissionTime: dtm(at),
    patientId,
    contentTypeCode: PORTAL_CONTENT_TYPE,
    authors: [author],
    availabilityStatus: 'Approved',
  };
  const when = at.toISOString();
  deps.access.documents.transaction(() => {
    const names = deps.content.keep(
      built.map(({ bytes }) => ({ sha256: createHash('sha256').update(bytes).digest(), data: bytes })),
    );
    deps.access.documents.insertSubmissionSet(set, patient.matricule, patient.matricule, when);
    built.forEach((plan, index) => {
      const entryUUID = newUrnUuid();
      const entry: DocumentEntry = {
        entryUUID,
        logicalId: entryUUID,
        version: '1',
        uniqueId: plan.uniqueId,
        patientId,
        sourcePatientId: patientId,
        classCode: PATIENT_CLASS,
        typeCode: plan.type,
        formatCode: requireConcept(FORMAT_CODES, 'urn:ihe:iti:xds-sd:text:2008'),
        confidentialityCodes: [confidentialityCode('N')],
        eventCodes: [],
        healthcareFacilityTypeCode: requireConcept(HEALTHCARE_FACILITY_TYPES, 'EXP_PATIENT'),
        practiceSettingCode: requireConcept(PRACTICE_SETTINGS, 'EXP_PATIENT'),
        authors: [author],
        creationTime: dtm(at),
        title: plan.type.displayName,
        // The digest of her text: how the next save knows it did not change, without reading the content back.
        comments: digestOf(plan.text),
        languageCode: 'fr-FR',
        mimeType: 'text/xml',
        hash: createHash('sha1').update(plan.bytes).digest('hex'),
        size: plan.bytes.byteLength,
        repositoryUniqueId: MOCK_REPOSITORY_UNIQUE_ID,
        availabilityStatus: 'Approved',
        referenceIdList: [],
      };
      deps.access.documents.insertDocument({
        entry,
        patient: patient.matricule,
        sha256: names[index]!,
        submissionSet: setId,
        submittedBy: patient.matricule,
        submittedAt: when,
      });
      deps.access.documents.insertAssociation(
        {
          id: newUrnUuid(),
          type: 'HasMember',
          sourceObject: setId,
          targetObject: entryUUID,
          submissionSetStatus: 'Original',
        },
        setId,
      );
      if (plan.previous) {
        deps.access.documents.insertAssociation(
          { id: newUrnUuid(), type: 'RPLC', sourceObject: entryUUID, targetObject: plan.previous.entry.entryUUID },
          setId,
        );
        deps.access.documents.setStatus(plan.previous.entry.entryUUID, 'Deprecated');
      }
    });
  });
  deps.audit.append(patientPortalRecord(actor, patient.matricule, 'portail.profil'));
  return { filed: built.map((plan) => plan.kind) };
}

function digestOf(text: string): string {
  return `profil:${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
}
