import { createHash } from 'node:crypto';

import type { ParsedMail } from 'mailparser';

import { isPasserelleError } from '../../api/errors/index.js';
import {
  isPatientDomain,
  matriculeOfPatientAddress,
  MSS_HEADERS,
  mssHeaderValues,
} from '../../interop/mssante/addresses.js';
import { readXdmArchive, XDM_METADATA, XDM_SUBSET } from '../../interop/mssante/xdm-archive.js';
import { readXdmMetadata } from '../../interop/xds/xdm-metadata.js';
import type { DirectoryEntry, ProfessionalDirectory } from './directory.js';
import type { MssHeaderValues } from './mailbox-store.js';
import { refuse } from './operator-refusal.js';

/** What the rules consult: who has a patient mailbox, who opposed, who has a professional one. */
export interface SubmissionContext {
  readonly directory: ProfessionalDirectory;
  /** Whether the platform knows a patient under this matricule (her current INS). */
  patientExists(matricule: string): boolean;
  opposed(matricule: string): boolean;
}

/** A message accepted for delivery: the mailboxes it goes to and its `X-MSS-*` values. */
export interface Accepted {
  readonly mailboxes: readonly string[];
  readonly mss: MssHeaderValues;
}

function isXdm(attachment: ParsedMail['attachments'][number]): boolean {
  return attachment.contentType === 'application/zip' || /\.zip$/i.test(attachment.filename ?? '');
}

/**
 * The XDM archive's checks (ITI-32 as MSSanté carries it): the layout, METADATA.XML a SubmitObjectsRequest,
 * every DocumentEntry's file present under the subset with its size and SHA-1, every entry about the patient
 * the message goes to. Returns the documents' type codes (the CDA `code`s).
 */
async function checkXdm(content: Buffer, patients: readonly string[]): Promise<string[]> {
  let files: Map<string, Buffer>;
  try {
    files = await readXdmArchive(content);
  } catch (error) {
    const reason = isPasserelleError(error) ? error.details.reason : undefined;
    throw refuse.invalidXdm(typeof reason === 'string' ? reason : 'unreadable');
  }
  let metadata;
  try {
    metadata = readXdmMetadata(files.get(XDM_METADATA)!.toString('utf8'));
  } catch {
    throw refuse.invalidXdm('METADATA.XML is not a valid SubmitObjectsRequest');
  }
  if (metadata.documentEntries.length === 0) throw refuse.invalidXdm('no document');
  for (const entry of metadata.documentEntries) {
    const bytes = entry.uri === undefined ? undefined : files.get(`${XDM_SUBSET}${entry.uri}`);
    if (!bytes) throw refuse.invalidXdm('a DocumentEntry names no file of the archive');
    if (bytes.byteLength !== entry.size || createHash('sha1').update(bytes).digest('hex') !== entry.hash)
      throw refuse.invalidXdm('a document differs from its size or hash');
    if (patients.some((matricule) => matricule !== entry.patientId.id))
      throw refuse.invalidXdm('a document is about another patient');
  }
  return metadata.documentEntries.map((entry) => entry.typeCode.code);
}

/**
 * The operator's rules for one submitted message, in the order a real operator meets them: the sender is the
 * authenticated mailbox (From and envelope), every recipient is known (a patient under her INS, not opposed;
 * a professional of the directory), `X-MSS-NIL` on every message, `X-MSS-INS` on a message to a patient, and an
 * XDM archive valid, its documents about that patient and named by `X-MSS-CODECDA`. A refusal is the whole
 * message's: nothing is delivered to anyone.
 */
export async function checkSubmission(
  sender: DirectoryEntry,
  envelope: { readonly from: string; readonly to: readonly string[] },
  mail: ParsedMail,
  context: SubmissionContext,
): Promise<Accepted> {
  const fromHeader = mail.from?.value.map((address) => (address.address ?? '').toLowerCase()) ?? [];
  if (envelope.from.toLowerCase() !== sender.address || fromHeader.length !== 1 || fromHeader[0] !== sender.address)
    throw refuse.spoofed();
  const patients: string[] = [];
  const mailboxes = envelope.to.map((address) => {
    if (isPatientDomain(address)) {
      const matricule = matriculeOfPatientAddress(address);
      if (!matricule || !context.patientExists(matricule)) throw refuse.unknownIns();
      if (context.opposed(matricule)) throw refuse.opposed();
      patients.push(matricule);
      return address.toLowerCase();
    }
    const colleague = context.directory.byAddress(address);
    if (!colleague) throw refuse.unknownRecipient();
    return colleague.address;
  });
  const mss = mssHeaderValues(mail.headers);
  if (!mss[MSS_HEADERS.nil]) throw refuse.missingHeader(MSS_HEADERS.nil);
  if (patients.length > 0 && !/^[ON]$/.test(mss[MSS_HEADERS.ins] ?? '')) throw refuse.missingHeader(MSS_HEADERS.ins);
  const codes: string[] = [];
  for (const attachment of mail.attachments.filter(isXdm))
    codes.push(...(await checkXdm(attachment.content, patients)));
  if (codes.length > 0) {
    const declared = mss[MSS_HEADERS.codeCda];
    if (!declared) throw refuse.missingHeader(MSS_HEADERS.codeCda);
    const stated = new Set(declared.split(',').map((code) => code.trim()));
    if (codes.some((code) => !stated.has(code)) || [...stated].some((code) => !codes.includes(code)))
      throw refuse.inconsistentHeader(MSS_HEADERS.codeCda);
  }
  return { mailboxes: [...new Set(mailboxes)], mss };
}
