import { z } from 'zod';

import { XML_NS } from '../xml/namespaces.js';
import { declare, element, serializeXml, type XmlElement } from '../xml/writer.js';
import { TYPE_CODES } from '../value-sets/type-codes.js';
import { requireConcept } from '../value-sets/value-set.js';
import { AllergySchema, DaySchema, TreatmentSchema, type CodedInput } from './body-model.js';
import { CdaHeaderInputSchema } from './cda-model.js';
import { checkCdaInput } from './check-input.js';
import { coded, headerXml } from './header-xml.js';
import {
  allergiesSection,
  lines,
  loinc,
  NarrativeIds,
  section,
  table,
  takeAllergyIds,
  treatmentsContent,
  uuid,
} from './sections.js';

/** LDL-SES (lettre de liaison à la sortie d'un établissement de santé) 2022.01. */
export const LDL_SES_TEMPLATE = '1.2.250.1.213.1.1.1.29';

const SNOMED_CT = '2.16.840.1.113883.6.96';
const TA_ASIP = '1.2.250.1.213.1.1.4.322';
const concept = (code: string, displayName: string, codeSystem: string): CodedInput => ({
  code,
  displayName,
  codeSystem,
});

/** JDV_StatutDoc_CISIS: where the letter stands. */
export const DOCUMENT_STATUSES = {
  inProgress: concept('385651009', "en cours d'exécution", SNOMED_CT),
  done: concept('398166005', 'réalisé', SNOMED_CT),
  approved: concept('9571008', 'approuvé', SNOMED_CT),
  closed: concept('29179001', 'clôturé', SNOMED_CT),
} as const;

/** JDV_ModaliteEntree_CISIS. */
export const ADMISSION_MODES = {
  emergency: concept('183452005', 'hospitalisation en urgence', SNOMED_CT),
  planned: concept('8715000', 'hospitalisation programmée', SNOMED_CT),
  transfer: concept('107724000', 'transfert du patient', SNOMED_CT),
  other: concept('GEN-092.06.07', "Autre modalité d'entrée", TA_ASIP),
} as const;

/** JDV_ModaliteSortie_CISIS. */
export const DISCHARGE_MODES = {
  home: concept('160849004', 'retour au domicile', SNOMED_CT),
  privateRehabilitation: concept('109', 'Etablissement de santé privé autorisé en SSR', '1.2.250.1.213.1.6.1.8'),
  homeHospitalisation: concept('127', 'Hospitalisation à Domicile', '1.2.250.1.213.1.6.1.8'),
  nursingHome: concept('500', "Etablissement d'hébergement pour personnes âgées dépendantes", '1.2.250.1.213.1.6.1.8'),
  otherHospital: concept('GEN-092.06.01', 'Autre établissement de santé', TA_ASIP),
  other: concept('GEN-092.06.03', 'Autre destination', TA_ASIP),
} as const;

const keys = <T extends object>(table: T): [keyof T & string, ...(keyof T & string)[]] =>
  Object.keys(table) as [keyof T & string, ...(keyof T & string)[]];

const Text = z.string().trim().min(1).max(5000);

export const LdlSesInputSchema = z.object({
  header: CdaHeaderInputSchema,
  status: z.enum(keys(DOCUMENT_STATUSES)),
  /** Why the patient was admitted, in words. */
  admissionReason: Text,
  stay: z.object({
    admission: z.object({ day: DaySchema, mode: z.enum(keys(ADMISSION_MODES)) }),
    discharge: z.object({ day: DaySchema, mode: z.enum(keys(DISCHARGE_MODES)) }),
    /** Medical summary of the stay. */
    summary: Text,
    adverseEvents: Text.default('Aucun'),
    multiResistantSearch: z.boolean().optional(),
    transfusion: z.boolean(),
    bloodDerivatives: z.boolean(),
  }),
  /** IHE PCC wants at least one medication entry in the discharge medication section. */
  dischargeTreatments: z.array(TreatmentSchema).min(1),
  /** Allergies found during the stay. */
  allergies: z.array(AllergySchema).default([]),
  /** What is to follow (appointments, examinations), in words. */
  followUp: z.array(z.string().trim().min(1)).default([]),
});
export type LdlSesInput = z.input<typeof LdlSesInputSchema>;

/** An FR-Simple-observation of the stay, in the templates the ANS example gives each one. */
function simpleObservation(
  template: string,
  code: CodedInput,
  textId: string,
  day: string,
  value: XmlElement,
): XmlElement {
  return element(
    'observation',
    { classCode: 'OBS', moodCode: 'EVN' },
    element('templateId', { root: '1.3.6.1.4.1.19376.1.5.3.1.4.13' }),
    element('templateId', { root: '1.2.250.1.213.1.1.3.48' }),
    element('templateId', { root: template }),
    uuid(),
    coded('code', { ...code, codeSystemName: 'TA_ASIP' }),
    element('text', {}, element('reference', { value: `#${textId}` })),
    element('statusCode', { code: 'completed' }),
    element('effectiveTime', { value: day }),
    value,
  );
}

const st = (text: string): XmlElement => element('value', { 'xsi:type': 'ST' }, text);
const bl = (value: boolean): XmlElement => element('value', { 'xsi:type': 'BL', value: String(value) });
const cd = (value: CodedInput): XmlElement =>
  element('value', {
    'xsi:type': 'CD',
    code: value.code,
    displayName: value.displayName,
    codeSystem: value.codeSystem,
  });
const yesNo = (value: boolean): string => (value ? 'Oui' : 'Non');

function stayEvents(stay: z.output<typeof LdlSesInputSchema>['stay'], ids: NarrativeIds): XmlElement {
  const day = stay.discharge.day;
  const rows: [string, string, string, CodedInput, XmlElement, string][] = [
    [
      "Modalité d'entrée",
      ADMISSION_MODES[stay.admission.mode].displayName,
      '1.2.250.1.213.1.1.3.48.6',
      concept('ORG-070', "Modalité d'entrée", TA_ASIP),
      cd(ADMISSION_MODES[stay.admission.mode]),
      stay.admission.day,
    ],
    [
      'Modalité de sortie',
      DISCHARGE_MODES[stay.discharge.mode].displayName,
      '1.2.250.1.213.1.1.3.48.7',
      concept('ORG-074', 'Modalité de sortie', TA_ASIP),
      cd(DISCHARGE_MODES[stay.discharge.mode]),
      day,
    ],
    [
      'Synthèse médicale',
      stay.summary,
      '1.2.250.1.213.1.1.3.48.9',
      concept('MED-142', 'Synthèse médicale', TA_ASIP),
      st(stay.summary),
      day,
    ],
    [
      "Evénements indésirables survenus pendant l'hospitalisation",
      stay.adverseEvents,
      '1.2.250.1.213.1.1.3.48.3',
      concept('MED-143', "Evènements indésirables survenus pendant l'hospitalisation", TA_ASIP),
      st(stay.adverseEvents),
      day,
    ],
  ];
  if (stay.multiResistantSearch !== undefined) {
    rows.push([
      'Recherche de microorganismes multi-résistants ou émergents effectuée',
      yesNo(stay.multiResistantSearch),
      '1.2.250.1.213.1.1.3.48.8',
      concept('MED-309', 'Recherche de microorganismes multi-résistants ou émergents effectuée', TA_ASIP),
      bl(stay.multiResistantSearch),
      day,
    ]);
  }
  rows.push(
    [
      'Transfusion de produits sanguins',
      yesNo(stay.transfusion),
      '1.2.250.1.213.1.1.3.48.10',
      concept('MED-145', 'Transfusion de produits sanguins', TA_ASIP),
      bl(stay.transfusion),
      day,
    ],
    [
      'Administration de dérivés du sang',
      yesNo(stay.bloodDerivatives),
      '1.2.250.1.213.1.1.3.48.2',
      concept('MED-147', 'Administration de dérivés du sang', TA_ASIP),
      bl(stay.bloodDerivatives),
      day,
    ],
  );
  const textIds = rows.map(() => ids.take());
  // The admission and discharge rows carry their day: the observation's effectiveTime is the event's day.
  const entryDay = (row: (typeof rows)[number]): string => row[5];
  return section({
    templateIds: [
      '1.3.6.1.4.1.19376.1.5.3.1.1.21.2.9',
      '1.3.6.1.4.1.19376.1.7.3.1.1.13.7',
      '1.2.250.1.213.1.1.2.163',
      '1.2.250.1.213.1.1.2.163.1',
    ],
    code: loinc('42545-4', 'Evènements observés'),
    title: 'Synthèse médicale du séjour',
    text: table(
      ['Rubrique', 'Valeur'],
      rows.map((row, i) => [row[0], [textIds[i] ?? '', row[1]] as const]),
    ),
    entries: rows.map((row, i) => simpleObservation(row[2], row[3], textIds[i] ?? '', entryDay(row), row[4])),
  });
}

/**
 * An LDL-SES (CI-SIS model 2022.01) from its typed content, in the shape of the ANS example LDL-SES_2022.01:
 * document status, reason for admission, the stay's events, treatments at discharge, and optionally the
 * allergies found and what is to follow.
 */
export function buildLdlSes(input: LdlSesInput): string {
  const data = checkCdaInput(LdlSesInputSchema, input);
  const ids = new NarrativeIds('ldl');
  const statusId = ids.take();
  const status = DOCUMENT_STATUSES[data.status];
  const treatments = treatmentsContent(data.dischargeTreatments, ids);
  const allergyIds = takeAllergyIds(data.allergies, ids);
  const body = element(
    'structuredBody',
    {},
    section({
      templateIds: ['1.2.250.1.213.1.1.2.35', '1.2.250.1.213.1.1.2.35.1'],
      code: loinc('33557-0', "Etat d'achèvement"),
      title: 'Statut du document',
      text: table(['Rubrique', 'Valeur'], [['Statut du document', [statusId, status.displayName]]]),
      entries: [
        element(
          'observation',
          { classCode: 'OBS', moodCode: 'EVN' },
          [
            '1.3.6.1.4.1.19376.1.5.3.1.4.13',
            '1.2.250.1.213.1.1.3.48',
            '1.2.250.1.213.1.1.3.48.16',
            '1.2.250.1.213.1.1.3.48.16.1',
          ].map((root) => element('templateId', { root })),
          uuid(),
          coded('code', {
            code: 'GEN-065',
            displayName: 'Statut du document',
            codeSystem: TA_ASIP,
            codeSystemName: 'TA_ASIP',
          }),
          element('text', {}, element('reference', { value: `#${statusId}` })),
          element('statusCode', { code: 'completed' }),
          element('effectiveTime', { value: data.stay.discharge.day }),
          cd(status),
        ),
      ],
    }),
    section({
      templateIds: ['1.3.6.1.4.1.19376.1.5.3.1.3.1', '1.2.250.1.213.1.1.2.127'],
      code: loinc('42349-1', 'Raison de la recommandation'),
      title: "Motif de l'hospitalisation",
      withId: false,
      text: element('paragraph', {}, data.admissionReason),
    }),
    stayEvents(data.stay, ids),
    section({
      templateIds: ['1.3.6.1.4.1.19376.1.5.3.1.3.22', '1.2.250.1.213.1.1.2.146'],
      code: loinc('10183-2', 'Traitements à la sortie'),
      title: 'Traitements à la sortie',
      ...treatments,
    }),
    data.allergies.length > 0 &&
      allergiesSection(data.allergies, allergyIds, 'Allergies identifiées pendant le séjour'),
    data.followUp.length > 0 &&
      section({
        templateIds: ['2.16.840.1.113883.10.20.1.10', '1.3.6.1.4.1.19376.1.5.3.1.3.36', '1.2.250.1.213.1.1.2.158'],
        code: loinc('18776-5', 'Plan de soins'),
        title: 'Suites à donner',
        text: lines(data.followUp, ''),
      }),
  );
  const root = element(
    'ClinicalDocument',
    { xmlns: XML_NS.hl7, ...declare('xsi') },
    headerXml(data.header, {
      templateIds: [{ root: LDL_SES_TEMPLATE, extension: '2022.01' }],
      typeCode: requireConcept(TYPE_CODES, '11490-0'),
      serviceEventCode: {
        code: 'IMP',
        displayName: 'Hospitalisation (établissement, y compris HAD)',
        codeSystem: '2.16.840.1.113883.5.4',
        codeSystemName: 'HL7:ActCode',
      },
    }),
    element('component', {}, body),
  );
  return serializeXml(root, { declaration: true });
}
