import { buildXdmArchive, xdmDocumentName } from '../../../interop/mssante/xdm-archive.js';
import { submissionOf } from '../../../interop/xds/index.js';
import { xdmMetadataXml } from '../../../interop/xds/xdm-metadata.js';
import { prepare, type PrepareRules } from '../feed/prepare.js';
import type { DocumentSource } from '../feed/source-file.js';
import { filedBytes, submissionSetFor } from '../feed/submission.js';
import type { PatientIdentity } from '../patient/patient-identity.js';
import type { SoftwareIdentity } from '../session/credentials.js';

/** The IHE XDM archive of a message, and the CDA `code`s it carries (`X-MSS-CODECDA`). */
export interface XdmPackage {
  readonly archive: Buffer;
  readonly codes: readonly string[];
}

/**
 * The CDA documents of a message about `patient` as one IHE XDM archive (ITI-32). Each document goes through
 * the DMP upload's own preparation — its patient checked against her qualified INS and traits, its size and
 * rules checked, its DocumentEntry derived from its header — and the submission set is the upload's: the
 * metadata a colleague's or the patient's software reads is the one the record would file.
 */
export async function packageDocuments(
  patient: PatientIdentity,
  sources: readonly DocumentSource[],
  rules: PrepareRules,
  context: { readonly software: SoftwareIdentity; readonly now: Date },
): Promise<XdmPackage> {
  const documents = [];
  for (const [index, source] of sources.entries()) {
    const prepared = await prepare({ patient, source }, rules);
    documents.push({
      entry: { ...prepared.entry, uri: xdmDocumentName(index, 'XML') },
      bytes: filedBytes(prepared.content),
    });
  }
  const [first] = documents;
  if (!first) throw new Error('an XDM archive holds at least one document');
  const set = submissionSetFor(first.entry.patientId, first.entry.authors.slice(0, 1), context.software, context.now);
  const metadata = submissionOf(
    set,
    documents.map(({ entry }) => entry),
  );
  const archive = await buildXdmArchive({
    metadataXml: xdmMetadataXml(metadata),
    documents: documents.map(({ entry, bytes }) => ({ name: entry.uri, bytes })),
    software: context.software,
  });
  return { archive, codes: [...new Set(documents.map(({ entry }) => entry.typeCode.code))] };
}
