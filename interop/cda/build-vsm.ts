import { z } from 'zod';

import { XML_NS } from '../xml/namespaces.js';
import { declare, element, serializeXml, type XmlElement } from '../xml/writer.js';
import { CdaHeaderInputSchema, NATIONAL_ID_OIDS } from './cda-model.js';
import { checkCdaInput } from './check-input.js';
import { AllergySchema, ProblemSchema, TreatmentSchema } from './body-model.js';
import { headerXml, personName } from './header-xml.js';
import {
  allergiesSection,
  lines,
  loinc,
  NarrativeIds,
  problemEntry,
  problemsTable,
  section,
  takeAllergyIds,
  treatmentsContent,
} from './sections.js';

/** VSM (volet de synthèse médicale) 1.4: the model's templateId and, as its schematron requires, type SYNTH. */
export const VSM_TEMPLATE = '1.2.250.1.213.1.1.1.13';
const VSM_TYPE = { code: 'SYNTH', displayName: 'Synthèse', codeSystem: '1.2.250.1.213.1.1.4.12' };

const NamePart = z.string().trim().min(1).max(100);

export const VsmInputSchema = z.object({
  header: CdaHeaderInputSchema,
  /** The médecin traitant, a participant the model requires. */
  attendingPhysician: z.object({ id: NamePart, familyName: NamePart, givenName: NamePart }),
  activeProblems: z.array(ProblemSchema).default([]),
  pastProblems: z.array(ProblemSchema).default([]),
  allergies: z.array(AllergySchema).default([]),
  /** Risk factors in words (lifestyle, occupation, family history). */
  riskFactors: z.array(z.string().trim().min(1)).default([]),
  /** Points of attention and results worth knowing, in words. */
  results: z.array(z.string().trim().min(1)).default([]),
  /** Long-term treatment: IHE PCC wants at least one medication entry in the section. */
  treatments: z.array(TreatmentSchema).min(1),
});
export type VsmInput = z.input<typeof VsmInputSchema>;

function pathologiesSection(input: z.output<typeof VsmInputSchema>, ids: NarrativeIds): XmlElement {
  const problemSubsection = (
    problems: typeof input.activeProblems,
    templateIds: string[],
    code: ReturnType<typeof loinc>,
    title: string,
  ): XmlElement | undefined => {
    if (problems.length === 0) return undefined;
    const textIds = problems.map(() => ids.take());
    return section({
      templateIds,
      code,
      title,
      text: problemsTable(problems, textIds, title),
      entries: problems.map((p, i) => problemEntry(p, textIds[i] ?? '')),
    });
  };
  const allergyIds = takeAllergyIds(input.allergies, ids);
  const subsections = [
    problemSubsection(
      input.activeProblems,
      ['2.16.840.1.113883.10.20.1.11', '1.3.6.1.4.1.19376.1.5.3.1.3.6', '1.2.250.1.213.1.1.2.132'],
      loinc('11450-4', 'Liste des problèmes actifs'),
      'Pathologies en cours',
    ),
    problemSubsection(
      input.pastProblems,
      ['1.3.6.1.4.1.19376.1.5.3.1.3.8', '1.2.250.1.213.1.1.2.134'],
      loinc('11348-0', 'Antécédents médicaux'),
      'Antécédents médicaux',
    ),
    input.allergies.length > 0 && allergiesSection(input.allergies, allergyIds, 'Allergies et hypersensibilités'),
  ];
  const nothing = input.activeProblems.length + input.pastProblems.length + input.allergies.length === 0;
  return section({
    templateIds: ['1.2.250.1.213.1.1.2.29'],
    code: loinc('46612-8', 'Conclusions de synthèse'),
    title: 'Pathologie en cours, antécédents, allergies et facteurs de risques',
    subsections: [
      section({
        templateIds: ['1.2.250.1.213.1.1.2.30'],
        code: loinc('34117-2', 'Historique et physique'),
        title: 'Pathologies en cours, antécédents et allergies',
        text: nothing
          ? element('paragraph', {}, 'Aucune pathologie, aucun antécédent, aucune allergie connus')
          : undefined,
        subsections,
      }),
      section({
        templateIds: ['1.2.250.1.213.1.1.2.31'],
        code: loinc(
          '57207-3',
          "Facteurs de risque présents ou passés affectant l'état de santé et/ou une circonstance",
        ),
        title: 'Facteurs de risque',
        text: lines(input.riskFactors, 'Aucun facteur de risque connu'),
      }),
    ],
  });
}

/**
 * A VSM (volet de synthèse médicale, CI-SIS model 1.4) from its typed content, in the shape of the ANS
 * example VSM_1.4_2022.01: pathologies, history, allergies and risk factors; points of attention; long-term
 * treatment; the médecin traitant as participant. The same document meets the VSM 2023.01 rules
 * (CI-SIS_VSM_2023.01.sch: the templateId, the SYNTH code, the service event and the three sections).
 */
export function buildVsm(input: VsmInput): string {
  const data = checkCdaInput(VsmInputSchema, input);
  const ids = new NarrativeIds('vsm');
  const physician = data.attendingPhysician;
  const treatments = treatmentsContent(data.treatments, ids);
  const participant = element(
    'participant',
    { typeCode: 'INF' },
    element('functionCode', { code: 'PCP', displayName: 'Médecin Traitant', codeSystem: '2.16.840.1.113883.5.88' }),
    // The header rules require a time; the role has no start date we know of.
    element('time', { nullFlavor: 'NA' }),
    element(
      'associatedEntity',
      { classCode: 'PROV' },
      element('id', { root: NATIONAL_ID_OIDS.person, extension: physician.id }),
      element('associatedPerson', {}, personName(physician.familyName, physician.givenName)),
    ),
  );
  const body = element(
    'structuredBody',
    {},
    pathologiesSection(data, ids),
    section({
      templateIds: ['1.3.6.1.4.1.19376.1.5.3.1.3.27', '1.2.250.1.213.1.1.2.150'],
      code: loinc('30954-2', "Résultats d'examens"),
      title: 'Points de vigilance',
      text: lines(data.results, 'Aucun point de vigilance'),
    }),
    section({
      templateIds: ['1.2.250.1.213.1.1.2.32'],
      code: loinc('18776-5', 'Plan de traitement'),
      title: 'Traitement au long cours',
      subsections: [
        section({
          templateIds: ['2.16.840.1.113883.10.20.1.8', '1.3.6.1.4.1.19376.1.5.3.1.3.19', '1.2.250.1.213.1.1.2.143'],
          code: loinc('10160-0', 'Traitements'),
          title: 'Traitements',
          withId: false,
          ...treatments,
        }),
      ],
    }),
  );
  const root = element(
    'ClinicalDocument',
    { xmlns: XML_NS.hl7, ...declare('xsi') },
    headerXml(data.header, {
      templateIds: [{ root: VSM_TEMPLATE, extension: '201310' }],
      typeCode: VSM_TYPE,
      serviceEventCode: { ...loinc('34117-2', 'Historique et clinique') },
      participants: participant,
    }),
    element('component', {}, body),
  );
  return serializeXml(root, { declaration: true });
}
