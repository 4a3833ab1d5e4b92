import { z } from 'zod';

import { XML_NS } from '../xml/namespaces.js';
import { declare, element, hole, serializeAroundHole } from '../xml/writer.js';
import { TYPE_CODES } from '../value-sets/type-codes.js';
import { requireConcept } from '../value-sets/value-set.js';
import { CdaHeaderInputSchema } from './cda-model.js';
import { checkCdaInput } from './check-input.js';
import { headerXml } from './header-xml.js';

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
        .refine(
          (bytes) => Buffer.from(bytes.subarray(0, PDF_MAGIC.length)).toString('latin1') === PDF_MAGIC,
          'not a PDF file',
        ),
    }),
    z.object({ kind: z.literal('text'), text: z.string().trim().min(1) }),
  ]),
});
export type UnstructuredCdaInput = z.input<typeof UnstructuredCdaInputSchema>;

/** Bytes encoded at a time: a multiple of 3, so that the pieces of base64 follow one another without padding. */
const BASE64_CHUNK = 3 * 16 * 1024;

/**
 * A CDA R2 level 1 document (CI-SIS "document non structuré", IHE XDS-SD): the CI-SIS header and the PDF or
 * the plain text as a base64 nonXMLBody, as in the ANS example DOC_NON_STRUCTURE_CDA-R2-N1.
 */
export function buildUnstructuredCda(input: UnstructuredCdaInput): string {
  return buildUnstructuredCdaBytes(input).toString('utf8');
}

/**
 * The same document as the UTF-8 bytes filed. The base64 is written into them piece by piece, never held as
 * one text: a PDF at the DMP's limit costs its size once here (the document), not again in intermediate texts.
 */
export function buildUnstructuredCdaBytes(input: UnstructuredCdaInput): Buffer {
  const { header, typeCode, body } = checkCdaInput(UnstructuredCdaInputSchema, input);
  const type = requireConcept(TYPE_CODES, typeCode);
  // A view on the PDF's bytes, not a copy (Buffer.from(Uint8Array) copies).
  const [mediaType, bytes] =
    body.kind === 'pdf'
      ? ['application/pdf', Buffer.from(body.content.buffer, body.content.byteOffset, body.content.byteLength)]
      : ['text/plain', Buffer.from(body.text, 'utf8')];
  // The document is serialized around a hole where the base64 goes, then written around it piece by piece.
  const shell = serializeAroundHole(
    element(
      'ClinicalDocument',
      { xmlns: XML_NS.hl7, ...declare('xsi') },
      headerXml(header, { templateIds: [{ root: XDS_SD_TEMPLATE }], typeCode: type }),
      element(
        'component',
        {},
        element('nonXMLBody', {}, element('text', { mediaType, representation: 'B64' }, hole())),
      ),
    ),
    { declaration: true },
  );
  const before = Buffer.from(shell.before, 'utf8');
  const after = Buffer.from(shell.after, 'utf8');
  const document = Buffer.allocUnsafe(before.length + 4 * Math.ceil(bytes.length / 3) + after.length);
  let offset = before.copy(document, 0);
  for (let from = 0; from < bytes.length; from += BASE64_CHUNK) {
    offset += document.write(bytes.subarray(from, from + BASE64_CHUNK).toString('base64'), offset, 'latin1');
  }
  offset += after.copy(document, offset);
  if (offset !== document.length) throw new Error(`unstructured CDA: ${offset} bytes written of ${document.length}`);
  return document;
}
