import { z } from 'zod';

import { TYPE_CODES } from '../value-sets/type-codes.js';
import { requireConcept } from '../value-sets/value-set.js';
import { CdaHeaderInputSchema, HL7_NAMESPACE } from './cda-model.js';
import { checkCdaInput } from './check-input.js';
import { headerXml } from './header-xml.js';
import { el, xmlDocument } from './xml-writer.js';

/** IHE XDS-SD: the template of a level 1 ("scanned") document, whose body is a nonXMLBody. */
export const XDS_SD_TEMPLATE = '1.3.6.1.4.1.19376.1.2.20';

/** A PDF's first bytes; anything else would reach the DMP as an unreadable "PDF". */
const PDF_MAGIC = '%PDF-';

export const UnstructuredCdaInputSchema = z.object({
  header: CdaHeaderInputSchema,
  /** A typeCode of JDV_J07 that Passerelle writes (`11490-0`, `11488-4`…). */
  typeCode: z.string().min(1),
  body: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('pdf'),
      content: z
        .instanceof(Uint8Array)
        .refine((bytes) => Buffer.from(bytes.subarray(0, PDF_MAGIC.length)).toString('latin1') === PDF_MAGIC, 'not a PDF file'),
    }),
    z.object({ kind: z.literal('text'), text: z.string().trim().min(1) }),
  ]),
});
export type UnstructuredCdaInput = z.input<typeof UnstructuredCdaInputSchema>;

/**
 * A CDA R2 level 1 document (CI-SIS "document non structuré", IHE XDS-SD): the CI-SIS header and the PDF or
 * the plain text as a base64 nonXMLBody, as in the ANS example DOC_NON_STRUCTURE_CDA-R2-N1.
 */
export function buildUnstructuredCda(input: UnstructuredCdaInput): string {
  const { header, typeCode, body } = checkCdaInput(UnstructuredCdaInputSchema, input);
  const type = requireConcept(TYPE_CODES, typeCode);
  const [mediaType, bytes] =
    body.kind === 'pdf' ? ['application/pdf', body.content] : ['text/plain', Buffer.from(body.text, 'utf8')];
  const root = el(
    'ClinicalDocument',
    { xmlns: HL7_NAMESPACE, 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance' },
    headerXml(header, { templateIds: [{ root: XDS_SD_TEMPLATE }], typeCode: type }),
    el(
      'component',
      {},
      el('nonXMLBody', {}, el('text', { mediaType, representation: 'B64' }, Buffer.from(bytes).toString('base64'))),
    ),
  );
  return xmlDocument(root);
}
