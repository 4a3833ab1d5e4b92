import { PasserelleError } from '../../api/errors/index.js';
import { conceptsOf, type CodedValue, type ValueSet } from './value-set.js';

/** TRE_A06 FormatCodeComplementaire: the ANS's own format codes. */
const TRE_A06 = '1.2.250.1.213.1.1.4.2.282';
/** TRE_A11 IheFormatCode. */
const IHE = '1.3.6.1.4.1.19376.1.2.3';

/**
 * The formatCodes Passerelle writes (JDV_J10 XdsFormatCode CI-SIS, DMP subset JDV_J60). Displays are ours,
 * short French descriptions. Sources: dmp-protocol.md §4.2 (M-Priour/IG-terminologie-de-sante,
 * DV-J10-XdsFormatCode-CISIS.fsh and ASS-A11-CorresModeleCDA-XdsFormatCode-CISIS.fsh; HL7V2MAP); DRIMBOX
 * for the code system of the XDS-SD codes.
 */
export const FORMAT_CODES: ValueSet = {
  id: '1.2.250.1.213.1.1.5.465',
  name: 'JDV_J10 XdsFormatCode CI-SIS',
  concepts: [
    ...conceptsOf(IHE, [
      ['urn:ihe:iti:xds-sd:pdf:2008', 'Document à corps non structuré en PDF/A-1'],
      ['urn:ihe:iti:xds-sd:text:2008', 'Document à corps non structuré en texte brut'],
      ['urn:ihe:lab:xd-lab:2008', 'CR de biologie (XD-LAB)'],
      ['urn:ihe:pharm:pre:2010', 'Prescription (PRE)'],
      ['urn:ihe:pharm:dis:2010', 'Dispensation (DIS)'],
      ['urn:ihe:rad:CDA:ImagingReportStructuredHeadings:2013', "CR d'imagerie structuré"],
      ['urn:ihe:iti:dsg:detached:2014', 'Signature détachée (DSG)'],
    ]),
    ...conceptsOf(TRE_A06, [
      ['urn:asip:ci-sis:vsm:2012', 'Volet de synthèse médicale'],
      ['urn:asip:ci-sis:ldl-ses:2017', "Lettre de liaison à la sortie d'un établissement de santé"],
      ['urn:asip:ci-sis:ldl-ees:2017', "Lettre de liaison à l'entrée en établissement de santé"],
      ['urn:asip:ci-sis:vac-note:2021', 'Note de vaccination'],
      ['urn:asip:ci-sis:vac:2019', 'Carnet de vaccination'],
      ['urn:asip:ci-sis:dlu:2015', "Document de liaison d'urgence"],
    ]),
    { code: '1.2.840.10008.5.1.4.1.1.88.59', codeSystem: '1.2.840.10008.2.6.1', displayName: 'DICOM KOS' },
  ],
};

/**
 * The formatCode of a submission-set signature as DRIMBOX sends it (legacy XML-DSig URI; newer sets use
 * `urn:ihe:iti:dsg:detached:2014`).
 */
export const SIGNATURE_FORMAT_CODE: CodedValue = {
  code: 'http://www.w3.org/2000/09/xmldsig#',
  codeSystem: 'URN',
  displayName: 'Default Signature Style',
};

/** CDA templates (ClinicalDocument/templateId roots) whose formatCode is fixed by the template (ASS_A11). */
const FORMAT_BY_TEMPLATE: readonly (readonly [template: string, formatCode: string])[] = [
  ['1.2.250.1.213.1.1.1.13', 'urn:asip:ci-sis:vsm:2012'],
  ['1.2.250.1.213.1.1.1.29', 'urn:asip:ci-sis:ldl-ses:2017'],
  ['1.3.6.1.4.1.19376.1.3.3', 'urn:ihe:lab:xd-lab:2008'],
];

/** XDS-SD, "scanned document": a CDA level 1 whose body is a nonXMLBody. */
const XDS_SD_TEMPLATE = '1.3.6.1.4.1.19376.1.2.20';

/**
 * The formatCode of a CDA from its header's templateIds. A specific model wins over the generic XDS-SD
 * template; an XDS-SD body is PDF or text according to the nonXMLBody's media type.
 */
export function formatCodeForTemplates(templateIds: readonly string[], nonXmlBodyMediaType?: string): CodedValue {
  const specific = FORMAT_BY_TEMPLATE.find(([template]) => templateIds.includes(template));
  let code: string | undefined = specific?.[1];
  if (!code && templateIds.includes(XDS_SD_TEMPLATE)) {
    if (nonXmlBodyMediaType === 'application/pdf') code = 'urn:ihe:iti:xds-sd:pdf:2008';
    else if (nonXmlBodyMediaType === 'text/plain') code = 'urn:ihe:iti:xds-sd:text:2008';
  }
  const concept = code ? FORMAT_CODES.concepts.find((c) => c.code === code) : undefined;
  if (!concept) {
    throw new PasserelleError('XDS_CODE_UNKNOWN', { code: templateIds.join(' '), valueSet: FORMAT_CODES.name });
  }
  return concept;
}
