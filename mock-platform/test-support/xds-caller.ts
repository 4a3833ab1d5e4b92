import { createHash, randomInt } from 'node:crypto';

import { bufferAttachment, encodeMtom } from '../../interop/mtom/index.js';
import { buildUnstructuredCda, documentEntryFromCda, readCdaHeader } from '../../interop/cda/index.js';
import { SERVICE_PATHS } from '../../interop/platform/service-paths.js';
import { buildSoapEnvelope } from '../../interop/soap/envelope.js';
import { signSubmission } from '../../interop/xades/index.js';
import {
  buildProvideAndRegisterRequest,
  buildUpdateDocumentSetRequest,
  formatDtm,
  newUrnUuid,
  parseRegistryResponse,
  type Author,
  type DocumentEntry,
  type RegistryResponse,
  type SubmissionMetadata,
  type SubmissionSet,
  submissionOf,
} from '../../interop/xds/index.js';
import { XDS_ACTIONS } from '../../interop/xds/actions.js';
import { sampleSubmission } from '../../interop/xds/sample-metadata.js';
import { TEST_INS_OID } from '../seed/seed-data.js';
import type { TestPlatform } from '../testing.js';
import { resultPayload, soapPost, vihfFor, type TestCaller } from './dmp-caller.js';
import { httpsRequest, type RawAnswer } from './https-client.js';

/** A fresh OID under the tests' fictional arc, for uniqueIds nobody used before. */
export function newOid(): string {
  return `1.2.250.1.999.1.1.${randomInt(1, 2 ** 31)}.${randomInt(1, 2 ** 31)}`;
}

/** What a test may choose of a CDA: its type (a discharge letter by default), its date and end of care. */
export interface CdaOptions {
  readonly typeCode?: string;
  /** The document's date and the start of the care it reports (now by default). */
  readonly at?: Date;
  /** The end of the care it reports (none by default). */
  readonly end?: Date;
}

/**
 * A real CDA R2 level 1 document (interop's builder) for a seeded patient, written by `author`: her INS and
 * reference traits, a fresh document id, `text` as its title and body.
 */
export function cda(
  platform: TestPlatform,
  author: Author,
  matricule: string,
  text: string,
  options: CdaOptions = {},
): Buffer {
  const patient = platform.store.find(matricule);
  if (!patient) throw new Error(`no seeded patient ${matricule}`);
  const now = options.at ?? new Date();
  const person = {
    id: author.person.id,
    familyName: author.person.familyName ?? 'TEST',
    givenName: author.person.givenName ?? 'Praticien',
  };
  const structure = author.institutions[0] ?? { id: '3999999999', name: 'Structure de test' };
  const organisation = { id: structure.id ?? '3999999999', name: structure.name };
  const xml = buildUnstructuredCda({
    header: {
      document: { id: { root: newOid() }, title: text, effectiveTime: now },
      patient: {
        ins: { matricule, oid: patient.oid },
        birthName: patient.traits.birthName,
        firstNames: [...patient.traits.firstNames],
        usedName: patient.traits.usedName,
        sex: patient.traits.sex,
        birthDate: patient.traits.birthDate.replace(/-/g, ''),
        birthPlaceCode: patient.traits.birthPlace,
      },
      authors: [{ ...person, profession: '10', organisation, time: now }],
      custodian: organisation,
      legalAuthenticator: { ...person, time: now },
      encounter: {
        start: now,
        ...(options.end ? { end: options.end } : {}),
        facilityType: 'SA08',
        practiceSetting: 'AMBULATOIRE',
      },
    },
    typeCode: options.typeCode ?? '11490-0',
    body: { kind: 'text', text },
  });
  return Buffer.from(xml, 'utf8');
}

/** The author a test caller writes into documents and metadata: his national id (direct mode) and his structure. */
export function authorOf(caller: TestCaller): Author {
  return {
    person: {
      id: caller.claims.actor,
      familyName: 'TEST',
      givenName: 'Praticien',
      assigningAuthority: '1.2.250.1.71.4.2.1',
      nameTypeCode: 'D',
      idType: 'IDNPS',
    },
    institutions: [
      {
        name: 'Structure de test',
        assigningAuthority: '1.2.250.1.71.4.2.2',
        idType: 'IDNST',
        id: caller.claims.structureId,
      },
    ],
    roles: [],
    specialties: [],
  };
}

/**
 * The metadata of a submission of CDA `contents` to a patient's record, as a client derives it: each entry
 * from its document's header (interop's documentEntryFromCda), the set authored by `author`.
 */
export function describeSubmission(
  author: Author,
  matricule: string,
  contents: readonly Uint8Array[],
): SubmissionMetadata {
  const patientId = { id: matricule, assigningAuthority: TEST_INS_OID, idType: 'NH' };
  const base = sampleSubmission([], new Date());
  const submissionSet = { ...base.submissionSet, uniqueId: newOid(), patientId, authors: [author] };
  const documentEntries = contents.map((content) =>
    documentEntryFromCda(readCdaHeader(Buffer.from(content).toString('utf8')), { content }),
  );
  return submissionOf(submissionSet, documentEntries);
}

/** A submission ready to send: metadata with its signature entry, and each entry's bytes as an MTOM part. */
export interface PreparedSubmission {
  readonly metadata: SubmissionMetadata;
  readonly parts: readonly { readonly id: string; readonly contentId: string; readonly bytes: Uint8Array }[];
}

/**
 * Signs a submission with the caller's signature key (XAdES, interop's signSubmission). `signedDigests` makes
 * the manifest cover other bytes than those sent (a forged or stale signature).
 */
export async function signed(
  caller: TestCaller,
  metadata: SubmissionMetadata,
  contents: readonly Uint8Array[],
  signedDigests?: readonly Uint8Array[],
): Promise<PreparedSubmission> {
  const digests = new Map(
    metadata.documentEntries.map(
      (entry, i) => [entry.uniqueId, signedDigests?.[i] ?? createHash('sha256').update(contents[i]!).digest()] as const,
    ),
  );
  const submission = await signSubmission(metadata, digests, caller.signer, {
    signingTime: new Date(),
    signatureUniqueId: newOid(),
  });
  const parts = [
    ...metadata.documentEntries.map((entry, i) => ({ id: entry.entryUUID, bytes: contents[i]! })),
    { id: submission.signatureEntryUUID, bytes: submission.signature },
  ];
  return {
    metadata: submission.metadata,
    parts: parts.map((part, i) => ({ ...part, contentId: `part${i}@passerelle.test` })),
  };
}

/** Sends ITI-41 over SOAP 1.2 with MTOM/XOP, streamed, the VIHF naming the submission's patient. */
export async function iti41(
  platform: TestPlatform,
  caller: TestCaller,
  submission: PreparedSubmission,
): Promise<RawAnswer> {
  const path = SERVICE_PATHS.repository;
  const bodyXml = buildProvideAndRegisterRequest({
    metadata: submission.metadata,
    documents: submission.parts.map((part) => ({ id: part.id, contentId: part.contentId })),
  });
  const securityXml = await vihfFor(caller, submission.metadata.submissionSet.patientId.id);
  const envelope = buildSoapEnvelope({
    action: XDS_ACTIONS.provideAndRegister,
    to: `${platform.url}${path}`,
    bodyXml,
    securityXml,
  });
  const message = encodeMtom(
    envelope,
    submission.parts.map((part) => bufferAttachment(part.bytes, part.contentId, 'text/xml')),
    { action: XDS_ACTIONS.provideAndRegister },
  );
  return httpsRequest(platform.port, platform.pki.rootPem, {
    path,
    headers: { 'Content-Type': message.contentType, 'Content-Length': String(message.contentLength) },
    body: message.body,
    client: caller.tls,
  });
}

/** Writes a CDA per text, describes, signs and sends them to a patient's record as `caller`, authored by him. */
export async function upload(
  platform: TestPlatform,
  caller: TestCaller,
  matricule: string,
  texts: readonly string[],
): Promise<{ answer: RegistryResponse; metadata: SubmissionMetadata }> {
  const contents = texts.map((text) => cda(platform, authorOf(caller), matricule, text));
  const metadata = describeSubmission(authorOf(caller), matricule, contents);
  const answer = registryResponse(await iti41(platform, caller, await signed(caller, metadata, contents)));
  return { answer, metadata };
}

/** The RegistryResponse of an XDS answer, read as the client reads it. */
export function registryResponse(answer: RawAnswer): RegistryResponse {
  return parseRegistryResponse(resultPayload(answer));
}

/** The first error code of a response, or `Success`. */
export function outcome(response: RegistryResponse): string {
  return response.status === 'Success' ? 'Success' : (response.errors[0]?.errorCode ?? response.status);
}

/** The submission set of an ITI-57 update on a patient's record by `caller`. */
export function updateSet(caller: TestCaller, matricule: string): SubmissionSet {
  const base = sampleSubmission([], new Date()).submissionSet;
  const patientId = { id: matricule, assigningAuthority: TEST_INS_OID, idType: 'NH' };
  return {
    ...base,
    entryUUID: newUrnUuid(),
    uniqueId: newOid(),
    submissionTime: formatDtm(new Date()),
    patientId,
    authors: [authorOf(caller)],
  };
}

/** Sends ITI-57 (plain SOAP 1.2) to the registry, the VIHF naming the update's patient. */
export async function iti57(
  platform: TestPlatform,
  caller: TestCaller,
  metadata: SubmissionMetadata,
): Promise<RegistryResponse> {
  const securityXml = await vihfFor(caller, metadata.submissionSet.patientId.id);
  return registryResponse(
    await soapPost(
      platform,
      caller,
      SERVICE_PATHS.registry,
      XDS_ACTIONS.updateDocumentSet,
      buildUpdateDocumentSetRequest(metadata),
      { securityXml },
    ),
  );
}

/** The registry's current version of the document first sent under `uniqueId` (its logicalId and version included). */
export function registryEntry(platform: TestPlatform, uniqueId: string): DocumentEntry {
  const versions = platform.documents.documents.byUniqueId(uniqueId);
  const latest = versions.at(-1);
  if (!latest) throw new Error(`no document ${uniqueId}`);
  return latest.entry;
}
