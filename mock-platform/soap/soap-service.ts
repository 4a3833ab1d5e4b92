import type { DecodedAttachment, MtomAttachment } from '../../interop/mtom/index.js';
import type { TrustedCertificate } from '../trust/trust-anchors.js';
import type { SoapRequest } from './envelope.js';
import type { PlatformFault } from './platform-fault.js';

/** Who called, as the audit trail records it; services fill in what they learn (the VIHF, the patient). */
export interface CallTrace {
  actor: string;
  profession: string;
  structure: string;
  authMode: string;
  accessMode: string;
  /** The justification of an emergency access, as the VIHF gives it; `-` otherwise. */
  accessReason: string;
  patient: string;
}

/** One SOAP call that passed mutual TLS. */
export interface SoapCall {
  readonly request: SoapRequest;
  /** The client's TLS certificate, already checked against the test PKI. */
  readonly caller: TrustedCertificate;
  readonly trace: CallTrace;
  /** The MTOM parts of the request by Content-ID (empty for a plain SOAP request). */
  readonly attachments: ReadonlyMap<string, DecodedAttachment>;
}

/** A successful answer: the response action and the Body's content. */
export interface SoapReply {
  readonly action: string;
  readonly bodyXml: string;
  /**
   * What the audit trail records when it says more than the operation's name and `OK`: XDS refusals travel in
   * a successful SOAP answer (a RegistryResponse with status Failure) yet are refusals all the same.
   */
  readonly audit?: { readonly action?: string; readonly outcome?: string };
  /** Binary parts the Body names by `xop:Include` (ITI-43's documents): the answer then goes as MTOM/XOP. */
  readonly attachments?: readonly MtomAttachment[];
  /**
   * What the call writes with its audit entry, in the same transaction (the patient's notice of a search or a
   * retrieve): one commit instead of two, and never an access told to the patient but not audited, or the
   * reverse.
   */
  readonly withAudit?: () => void;
}

/**
 * An answer that depends on what the call writes (ITI-41: stored, an identical resend, or refused by a
 * submission committed meanwhile): `commit` runs inside the audit entry's transaction and returns the answer,
 * whose `audit` the entry records. The call's writes and its audit entry are one commit: never a submission
 * stored but not audited, or the reverse, and one wait for the disk instead of two. When `commit` throws,
 * neither is written (the router then audits the failure on its own).
 */
export interface ReplyOnCommit {
  readonly commit: () => SoapReply;
}

export interface SoapOperation {
  /** The WS-Addressing action it answers. */
  readonly action: string;
  /** How the audit trail names it (`TD0.2`, `TD0.3`, `INSi.traits`…). */
  readonly auditName: string;
  handle(call: SoapCall): SoapReply | ReplyOnCommit | Promise<SoapReply | ReplyOnCommit>;
}

/**
 * A service mounted at one path. New services (registry, repository, messaging…) plug in by implementing
 * this and being listed in the composition root; the router knows nothing of what they do.
 */
export interface SoapService {
  /** URL path, e.g. `/si-dmp-server/v2/services/patients`. */
  readonly path: string;
  readonly name: string;
  readonly operations: readonly SoapOperation[];
  /** True when its requests may come as MTOM/XOP (ITI-41's documents); plain SOAP 1.2 otherwise. */
  readonly acceptsMtom?: boolean;
  /** The fault's `Detail` content in the service's own vocabulary. */
  faultDetail(fault: PlatformFault): string;
}
