import { PasserelleError } from '../../api/errors/index.js';
import { conceptsOf, type CodedValue, type ValueSet } from './value-set.js';

/** TRE_A06 FormatCodeComplementaire: the ANS's own format codes. */
const TRE_A06 = '1.2.250.1.213.1.1.4.2.282';
/** TRE_A11 IheFormatCode. */
const IHE = '1.3.6.1.4.1.19376.1.2.3';

/**
 * The formatCodes the DMP accepts: JDV_J60 FormatCode-DMP (1.2.250.1.213.1.1.5.8, version 2024-09-27), the DMP
 * subset of JDV_J10 XdsFormatCode CI-SIS, with its displays. Source: ANS IG "Terminologies de Santé" 1.12.0,
 * ValueSet-JDV-J60-FormatCode-DMP (https://interop.esante.gouv.fr/terminologies); dmp-protocol.md §4.2 for the
 * code systems' OIDs.
 */
export const FORMAT_CODES: ValueSet = {
  id: '1.2.250.1.213.1.1.5.8',
  name: 'JDV_J60 FormatCode-DMP',
  concepts: [
    ...conceptsOf(TRE_A06, [
      ['urn:ans:ci-sis:bio-ep-bio:2022', "Prescription d'actes de biologie médicale"],
      ['urn:ans:ci-sis:img-da:2022', "Demande d'actes d'imagerie"],
      ['urn:asip:ci-sis:aunv:2013', "Fiche d'admission en unité neuro-vasculaire"],
      ['urn:asip:ci-sis:avk:2009', 'Fiche patient à risque en cardiologie - Traitement AVK'],
      ['urn:asip:ci-sis:crgm:2018', 'Compte rendu de génétique moléculaire'],
      ['urn:asip:ci-sis:crrtn:2013', 'Compte-rendu de rétinographie'],
      ['urn:asip:ci-sis:cse-cs24:2017', "Certificat de santé du 24ème mois de l'enfant"],
      ['urn:asip:ci-sis:cse-cs8:2017', "Certificat de santé du 8ème jour de l'enfant"],
      ['urn:asip:ci-sis:cse-cs9:2017', "Certificat de santé du 9ème mois de l'enfant"],
      [
        'urn:asip:ci-sis:d2lm-fidd:2017',
        "Seconde lecture de mammographie - Fiche d'interprétation du bilan de diagnostic différé",
      ],
      ['urn:asip:ci-sis:d2lm-fin:2017', "Seconde lecture de mammographie - Fiche d'interprétation nationale"],
      ['urn:asip:ci-sis:dci:2009', 'Fiche patient à risque en cardiologie - Défibrillateur cardiaque interne'],
      ['urn:asip:ci-sis:dlu:2015', "Document de liaison d'urgence"],
      ['urn:ans:ci-sis:cse-mde:2023', 'Mesures de signes vitaux'],
      ['urn:asip:ci-sis:eunv:2013', "Fiche d'épisode de soin en unité neuro-vasculaire"],
      ['urn:asip:ci-sis:fludr:2017', "Fiche de liaison d'urgence - Retour des urgences vers l'EHPAD"],
      ['urn:asip:ci-sis:fludt:2017', "Fiche de liaison d'urgence - Transfert de l'EHPAD vers les urgences"],
      ['urn:asip:ci-sis:frcp:2011', 'Fiche de réunion de concertation pluridisciplinaire'],
      ['urn:asip:ci-sis:hr:2019', 'Données de remboursement'],
      ['urn:asip:ci-sis:idap:2011', 'Information et directives anticipées du patient'],
      ['urn:asip:ci-sis:ldl-ees:2017', "Lettre de Liaison à l'entrée d'un établissement de santé"],
      ['urn:asip:ci-sis:ldl-ses:2017', "Lettre de Liaison à la sortie de l'établissement de santé"],
      ['urn:asip:ci-sis:pavc:2016', "Compte-rendu de consultation d'évaluation pluri-professionnelle post AVC"],
      ['urn:asip:ci-sis:pps-cancer:2017', 'Programme Personnalisé de Soins - Cancer'],
      ['urn:asip:ci-sis:pps-paerpa:2017', 'Plan Personnalisé de Santé - PAERPA'],
      ['urn:asip:ci-sis:ppv:2009', "Fiche patient à risque en cardiologie - Porteur d'une prothèse valvulaire"],
      ['urn:asip:ci-sis:psc:2009', "Fiche patient à risque en cardiologie - Porteur d'un stimulateur cardiaque"],
      ['urn:asip:ci-sis:sdm-mr:2017', 'Set de Données Minimum - Maladies Rares'],
      ['urn:asip:ci-sis:sunv:2013', "Fiche de sortie d'unité neuro-vasculaire"],
      [
        'urn:asip:ci-sis:tap:2009',
        'Fiche patient à risque en cardiologie - Traitement antiagrégant plaquettaire, stent',
      ],
      ['urn:asip:ci-sis:vac:2019', 'Historique des vaccinations'],
      ['urn:asip:ci-sis:vsm:2012', 'Synthèse médicale'],
      ['urn:asipSante:modelesHorsProfils:2011', 'Document non référencé IHE ou CI-SIS'],
      ['urn:asip:ci-sis:cr-cpa:2020', 'Compte rendu de consultation pré-anesthésique'],
      ['urn:asip:ci-sis:cr-anest:2020', "Compte rendu d'anesthésie"],
      ['urn:asip:ci-sis:tlm-da:2020', "Demande d'acte de télémédecine"],
      ['urn:asip:ci-sis:vac-note:2021', 'Note de vaccination'],
      ['urn:asip:ci-sis:obp-sap:2023', 'Synthèse antepartum'],
      ['urn:asip:ci-sis:obp-snm:2023', 'Synthèse Salle de Naissance Mère'],
      ['urn:asip:ci-sis:obp-sne:2023', 'Synthèse Salle de Naissance Enfant'],
      ['urn:asip:ci-sis:obp-scm:2023', 'Synthèse Suites de Couches Mère'],
      ['urn:asip:ci-sis:obp-sem:2023', 'Synthèse Enfant en Maternité'],
      ['urn:asip:ci-sis:ppp:2023', 'Plan personnalisé de prévention'],
      ['urn:asip:ci-sis:dlu:2024', "Document de liaison d'urgence"],
      ['urn:asip:ci-sis:ft-su:2024', 'Fiche de transfert vers le service des urgences'],
      ['urn:asip:ci-sis:fr-su:2024', 'Fiche de retour du service des urgences'],
      ['urn:ans:ci-sis:trod:2024', "Test rapide d'orientation diagnostique"],
    ]),
    ...conceptsOf(IHE, [
      ['urn:ihe:iti:dsg:detached:2014', 'Signature détachée'],
      ['urn:ihe:iti:xds-sd:pdf:2008', 'Document à corps non structuré en Pdf/A-1'],
      ['urn:ihe:iti:xds-sd:text:2008', 'Document à corps non structuré en texte brut'],
      ['urn:ihe:pharm:dis:2010', 'Dispensation médicamenteuse'],
      ['urn:ihe:iti-fr:xds-sd:jpeg:2010', 'Document à corps non structuré en format jpeg'],
      ['urn:ihe:iti-fr:xds-sd:rtf:2010', 'Document à corps non structuré en format rtf'],
      ['urn:ihe:iti-fr:xds-sd:tiff:2010', 'Document à corps non structuré en format tiff'],
      ['urn:ihe:lab:xd-lab:2008', "Compte rendu structuré d'examens de biologie médicale"],
      ['urn:ihe:palm:apsr:2016', "CR d'anatomie et de cytologie pathologiques"],
      ['urn:ihe:pcc:ips:2020', 'Synthèse médicale'],
      ['urn:ihe:pharm:pre:2010', 'Prescription de médicaments'],
      ['urn:ihe:eyecare:geneyeevalcn:2014', 'CR de consultation en ophtalmologie'],
      ['urn:ihe:rad:CDA:ImagingReportStructuredHeadings:2013', "Compte-rendu d'imagerie médicale"],
    ]),
    {
      code: '1.2.840.10008.5.1.4.1.1.88.59',
      codeSystem: '1.2.840.10008.2.6.1',
      displayName: "Document Références d'objets d'un examen d'imagerie selon profil IHE RAD XDS-I",
    },
  ],
};

/**
 * The formatCode of a submission-set signature as DRIMBOX sends it (legacy XML-DSig URI, JDV_J60's TRE_A10
 * entry; newer sets use `urn:ihe:iti:dsg:detached:2014`).
 */
export const SIGNATURE_FORMAT_CODE: CodedValue = {
  code: 'http://www.w3.org/2000/09/xmldsig#',
  codeSystem: 'URN',
  displayName: 'Default Signature Style',
};

/**
 * CDA templates (ClinicalDocument/templateId roots) and the formatCode each fixes: ASS_A11
 * CorresModeleCDA-XdsFormatCode-CISIS (1.2.250.1.213.1.1.4.331), the rows whose format JDV_J60 accepts.
 * Source: ANS IG "Terminologies de Santé" 1.12.0, ConceptMap-ASS-A11-CorresModeleCDA-XdsFormatCode-CISIS
 * (version 2026-06-29); the TROD row (1.2.250.1.213.1.1.1.59), absent there, from the same ConceptMap in the
 * IG's 1.6.0 (version 5.0.0 of 2026-02-10).
 */
const FORMAT_BY_TEMPLATE: ReadonlyMap<string, string> = new Map([
  ['1.2.250.1.213.1.1.1.2.1.1', 'urn:asip:ci-sis:avk:2009'],
  ['1.2.250.1.213.1.1.1.2.1.2', 'urn:asip:ci-sis:tap:2009'],
  ['1.2.250.1.213.1.1.1.2.1.3', 'urn:asip:ci-sis:dci:2009'],
  ['1.2.250.1.213.1.1.1.2.1.4', 'urn:asip:ci-sis:psc:2009'],
  ['1.2.250.1.213.1.1.1.2.1.5', 'urn:asip:ci-sis:ppv:2009'],
  ['1.2.250.1.213.1.1.1.5.1', 'urn:asip:ci-sis:cse-cs8:2017'],
  ['1.2.250.1.213.1.1.1.5.2', 'urn:asip:ci-sis:cse-cs9:2017'],
  ['1.2.250.1.213.1.1.1.5.3', 'urn:asip:ci-sis:cse-cs24:2017'],
  ['1.2.250.1.213.1.1.1.5.4', 'urn:ans:ci-sis:cse-mde:2023'],
  ['1.2.250.1.213.1.1.1.8', 'urn:asip:ci-sis:frcp:2011'],
  ['1.2.250.1.213.1.1.1.9', 'urn:asip:ci-sis:idap:2011'],
  ['1.2.250.1.213.1.1.1.12.1', 'urn:asip:ci-sis:obp-sap:2023'],
  ['1.2.250.1.213.1.1.1.12.2', 'urn:asip:ci-sis:obp-snm:2023'],
  ['1.2.250.1.213.1.1.1.12.3', 'urn:asip:ci-sis:obp-sne:2023'],
  ['1.2.250.1.213.1.1.1.12.4', 'urn:asip:ci-sis:obp-scm:2023'],
  ['1.2.250.1.213.1.1.1.12.5', 'urn:asip:ci-sis:obp-sem:2023'],
  ['1.2.250.1.213.1.1.1.13', 'urn:asip:ci-sis:vsm:2012'],
  ['1.2.250.1.213.1.1.1.15', 'urn:asip:ci-sis:aunv:2013'],
  ['1.2.250.1.213.1.1.1.16', 'urn:asip:ci-sis:eunv:2013'],
  ['1.2.250.1.213.1.1.1.17', 'urn:asip:ci-sis:sunv:2013'],
  ['1.2.250.1.213.1.1.1.18', 'urn:asip:ci-sis:crrtn:2013'],
  ['1.2.250.1.213.1.1.1.20', 'urn:asip:ci-sis:pps-paerpa:2017'],
  ['1.2.250.1.213.1.1.1.21', 'urn:asip:ci-sis:ldl-ees:2017'],
  ['1.2.250.1.213.1.1.1.22', 'urn:asip:ci-sis:dlu:2015'],
  ['1.2.250.1.213.1.1.1.23', 'urn:asip:ci-sis:fludt:2017'],
  ['1.2.250.1.213.1.1.1.24', 'urn:asip:ci-sis:fludr:2017'],
  ['1.2.250.1.213.1.1.1.25', 'urn:asip:ci-sis:pavc:2016'],
  ['1.2.250.1.213.1.1.1.26', 'urn:asip:ci-sis:pps-cancer:2017'],
  ['1.2.250.1.213.1.1.1.27', 'urn:asip:ci-sis:d2lm-fin:2017'],
  ['1.2.250.1.213.1.1.1.28', 'urn:asip:ci-sis:d2lm-fidd:2017'],
  ['1.2.250.1.213.1.1.1.29', 'urn:asip:ci-sis:ldl-ses:2017'],
  ['1.2.250.1.213.1.1.1.30', 'urn:asip:ci-sis:sdm-mr:2017'],
  ['1.2.250.1.213.1.1.1.32', 'urn:asip:ci-sis:crgm:2018'],
  ['1.2.250.1.213.1.1.1.36', 'urn:asip:ci-sis:hr:2019'],
  ['1.2.250.1.213.1.1.1.37', 'urn:asip:ci-sis:vac:2019'],
  ['1.2.250.1.213.1.1.1.38', 'urn:asip:ci-sis:tlm-da:2020'],
  ['1.2.250.1.213.1.1.1.39', 'urn:ihe:pharm:pre:2010'],
  ['1.2.250.1.213.1.1.1.40', 'urn:asip:ci-sis:cr-anest:2020'],
  ['1.2.250.1.213.1.1.1.41', 'urn:asip:ci-sis:cr-cpa:2020'],
  ['1.2.250.1.213.1.1.1.42', 'urn:ihe:eyecare:geneyeevalcn:2014'],
  ['1.2.250.1.213.1.1.1.43', 'urn:ihe:eyecare:geneyeevalcn:2014'],
  ['1.2.250.1.213.1.1.1.44', 'urn:ihe:eyecare:geneyeevalcn:2014'],
  ['1.2.250.1.213.1.1.1.45', 'urn:ihe:rad:CDA:ImagingReportStructuredHeadings:2013'],
  ['1.2.250.1.213.1.1.1.46', 'urn:asip:ci-sis:vac-note:2021'],
  ['1.2.250.1.213.1.1.1.47', 'urn:ans:ci-sis:img-da:2022'],
  ['1.2.250.1.213.1.1.1.51', 'urn:ihe:pcc:ips:2020'],
  ['1.2.250.1.213.1.1.1.52', 'urn:ans:ci-sis:bio-ep-bio:2022'],
  ['1.2.250.1.213.1.1.1.54', 'urn:ihe:pharm:dis:2010'],
  ['1.2.250.1.213.1.1.1.55', 'urn:ihe:lab:xd-lab:2008'],
  ['1.2.250.1.213.1.1.1.56', 'urn:asip:ci-sis:ppp:2023'],
  ['1.2.250.1.213.1.1.1.57', 'urn:ihe:palm:apsr:2016'],
  ['1.2.250.1.213.1.1.1.59', 'urn:ans:ci-sis:trod:2024'],
  ['1.3.6.1.4.1.19376.1.3.3', 'urn:ihe:lab:xd-lab:2008'],
]);

/** XDS-SD, "scanned document": a CDA level 1 whose body is a nonXMLBody. */
const XDS_SD_TEMPLATE = '1.3.6.1.4.1.19376.1.2.20';

/**
 * The formatCode of an XDS-SD body by its media type: ASS_A12 CorresMediaTypeCDANonStructure-XdsFormatCode-CISIS
 * (M-Priour/IG-terminologie-de-sante DM/Done/GitHub/ASS-A12-CorresMediaTypeCDANonStructure-XdsFormatCode-CISIS.fsh).
 */
const FORMAT_BY_MEDIA_TYPE: ReadonlyMap<string, string> = new Map([
  ['application/pdf', 'urn:ihe:iti:xds-sd:pdf:2008'],
  ['text/plain', 'urn:ihe:iti:xds-sd:text:2008'],
  ['text/rtf', 'urn:ihe:iti-fr:xds-sd:rtf:2010'],
  ['image/jpeg', 'urn:ihe:iti-fr:xds-sd:jpeg:2010'],
]);

/**
 * The formatCode of a CDA from its header's templateIds. A document names its own model's template last (after
 * the HL7 France, CI-SIS and IHE ones it also conforms to), so the last template with a row wins; the generic
 * XDS-SD template gives the format of the nonXMLBody's media type.
 */
export function formatCodeForTemplates(templateIds: readonly string[], nonXmlBodyMediaType?: string): CodedValue {
  const model = [...templateIds].reverse().find((template) => FORMAT_BY_TEMPLATE.has(template));
  let code = model && FORMAT_BY_TEMPLATE.get(model);
  if (!code && templateIds.includes(XDS_SD_TEMPLATE) && nonXmlBodyMediaType)
    code = FORMAT_BY_MEDIA_TYPE.get(nonXmlBodyMediaType);
  const concept = code ? FORMAT_CODES.concepts.find((c) => c.code === code) : undefined;
  if (!concept) {
    throw new PasserelleError('XDS_CODE_UNKNOWN', { code: templateIds.join(' '), valueSet: FORMAT_CODES.name });
  }
  return concept;
}
