import { createHash } from 'node:crypto';

import { PasserelleError } from '../../../api/errors/index.js';
import { buildTd03Request, readTd03Answer, TD03_ACTION } from '../../../interop/habilitations/td03.js';
import {
  buildTd02Request,
  readTd02Answer,
  TD02_ACTION,
  type AuthorizationStatus,
  type RecordStatus,
} from '../../../interop/hl7v3/td02.js';
import {
  buildInsiVitaleRequest,
  INSI_ACTIONS,
  insiContextHeader,
  readInsiResult,
} from '../../../interop/insi/insi-messages.js';
import type { MtomAttachment } from '../../../interop/mtom/index.js';
import {
  buildRetrieveRequest,
  buildStoredQueryRequest,
  parseRegistryResponse,
  parseRetrieveResponse,
  parseStoredQueryResponse,
  registryFailure,
  XDS_ACTIONS,
  type DocumentEntry,
  type QueryResponse,
  type RegistryResponse,
  type StoredQueryInput,
} from '../../../interop/xds/index.js';
import type { AccessMode } from '../../../interop/vihf/index.js';
import type { Journal, JournalAction } from '../journal/journal.js';
import { insReference, type PatientIdentity, type VitaleBeneficiaryData } from '../patient/patient-identity.js';
import { readClock, type ClockReading } from '../platform/clock-watch.js';
import type { PlatformClient, SoapCallResult } from '../platform/platform-client.js';
import { AccessConfirmations, accessRefusal, statusRefusal } from './access-confirmations.js';
import { checkAccessMode } from './centre-15.js';
import type { PlatformCredentials, SoftwareIdentity } from './credentials.js';
import { VihfIssuer, type AccessContext } from './vihf-issuer.js';

/** A document's bytes as ITI-43 returned them, once checked against what the registry says of them. */
export interface RetrievedDocument {
  readonly uniqueId: string;
  readonly mimeType: string;
  readonly content: Buffer;
}

/** Above this gap between our clock and the platform's, the user is warned (the platform refuses at 5 min). */
export const CLOCK_WARNING_SECONDS = 120;

export interface ClockCheck {
  readonly skewSeconds: number;
  readonly warning: boolean;
}

export interface DmpSessionDependencies {
  readonly client: PlatformClient;
  readonly credentials: PlatformCredentials;
  readonly software: SoftwareIdentity;
  readonly journal: Journal;
  readonly now?: () => Date;
  /** Told of the first reading of the platform's clock in this session. */
  readonly onFirstClockReading?: (reading: ClockReading) => void;
}

/**
 * A professional's working session with the platform: identifying the patient through INSi, the record's
 * status (TD0.2), and the consent declaration (TD0.3). One VIHF is signed per patient and access mode and
 * reused for a few minutes.
 */
export class DmpSession {
  readonly vihf: VihfIssuer;
  private readonly now: () => Date;
  private lastClockCheck: ClockCheck | undefined;
  /** Emergency accesses opened in this session, by patient, with the end the platform gave. */
  private readonly emergencies = new Map<string, { readonly context: AccessContext; readonly end: Date | undefined }>();
  /** What the platform last said of this professional's access to each patient's record, in this session. */
  private readonly confirmations: AccessConfirmations;
  /** Round trips to the platform, counted for the benchmarks. */
  roundTrips = 0;

  constructor(private readonly deps: DmpSessionDependencies) {
    this.now = deps.now ?? (() => new Date());
    this.vihf = new VihfIssuer(deps.credentials, deps.software, this.now);
    this.confirmations = new AccessConfirmations(this.now);
  }

  /** The professional's national id: whose copy of a record the consultation cache keeps. */
  get professional(): string {
    return this.deps.credentials.identity.nationalId;
  }

  /** Who acts (identity, signers), as which software, journaled where: what feeding the record needs. */
  get context(): Pick<DmpSessionDependencies, 'credentials' | 'software' | 'journal'> & { readonly now: () => Date } {
    return {
      credentials: this.deps.credentials,
      software: this.deps.software,
      journal: this.deps.journal,
      now: this.now,
    };
  }

  /** How far our clock is from the platform's, from the last reply's Date header. */
  get clock(): ClockCheck | undefined {
    return this.lastClockCheck;
  }

  /**
   * Asks INSi for the INS of one beneficiary of a Vitale card. The answer is the INS and the reference
   * traits, never chosen silently: several identities (homonyms) or none are typed errors.
   */
  async identify(beneficiary: VitaleBeneficiaryData): Promise<PatientIdentity> {
    const result = await this.call({
      service: 'insi',
      action: INSI_ACTIONS.vitale,
      bodyXml: buildInsiVitaleRequest({
        holderNir: beneficiary.holderNir,
        beneficiaryNir: beneficiary.nir,
        birthDateOnCard: beneficiary.birthDateOnCard,
        birthRank: beneficiary.birthRank,
      }),
      extraHeadersXml: insiContextHeader(
        { name: this.deps.software.name, version: this.deps.software.version, idam: this.deps.software.idam },
        this.now(),
      ),
    });
    const answer = readInsiResult(result.payload, this.deps.client.baseUrl);
    if (answer.code === '01') throw new PasserelleError('INSI_NO_IDENTITY');
    if (answer.code === '02') throw new PasserelleError('INSI_SEVERAL_IDENTITIES');
    const retrieved: PatientIdentity = { ins: answer.identity, status: 'RECUP' };
    this.journalAbout(retrieved, 'identity.retrieved', {});
    // RNIV: a qualified identity stays qualified while INSi returns the same INS with the same traits.
    const qualified = this.deps.journal.latestAbout('identity.qualified', insReference(retrieved));
    return qualified?.traits === traitsDigest(retrieved) ? { ...retrieved, status: 'QUAL' } : retrieved;
  }

  /**
   * Qualifies the identity once the professional confirms she checked a high-trust identity document
   * (passport, identity card, residence permit): RNIV's `QUAL`. The decision is journaled with a digest of
   * the reference traits, so that the next identification of the same person finds her qualified.
   */
  qualify(identity: PatientIdentity, documentChecked: string): PatientIdentity {
    if (documentChecked.trim() === '')
      throw new PasserelleError('INVALID_INPUT', { reason: 'the identity document checked must be named' });
    this.journalAbout(identity, 'identity.qualified', {
      document: documentChecked.trim(),
      traits: traitsDigest(identity),
    });
    return { ...identity, status: 'QUAL' };
  }

  /** TD0.2: does the record exist, is it open, am I authorized, am I the médecin traitant. */
  async recordStatus(
    identity: PatientIdentity,
    access: AccessContext = this.accessFor(identity),
  ): Promise<RecordStatus> {
    const patient = { matricule: identity.ins.matricule, oid: identity.ins.oid };
    const result = await this.call({
      service: 'patients',
      action: TD02_ACTION,
      bodyXml: buildTd02Request(patient, this.deps.software.oid, this.now()),
      vihf: await this.vihf.forPatient(patient, access),
    });
    const status = readTd02Answer(result.payload, this.deps.client.baseUrl);
    this.confirmations.noteStatus(insReference(identity), status);
    return status;
  }

  /**
   * Whether the platform still lets this professional consult the patient's record: confirmed in this session
   * (recently, see ACCESS_CONFIRMATION_MS) by TD0.2 or an admitted search or retrieve, else asked now with
   * TD0.2, which the platform audits. Undefined when granted; otherwise what refuses it (INTERDIT, EXPIRE,
   * NON_EXISTE, FERME, INEXISTANT).
   */
  async confirmAccess(identity: PatientIdentity): Promise<string | undefined> {
    if (this.confirmations.isConfirmed(insReference(identity))) return undefined;
    return statusRefusal(await this.recordStatus(identity), this.now());
  }

  /**
   * TD0.3 AJOUT: declares that the patient agreed to this professional's access. `patientAgreed` is the
   * professional's explicit confirmation; without it nothing is sent.
   */
  async declareConsent(
    identity: PatientIdentity,
    options: { patientAgreed: boolean; medecinTraitant?: boolean },
  ): Promise<AuthorizationStatus> {
    if (!options.patientAgreed) throw new PasserelleError('CONSENT_NOT_CONFIRMED');
    return this.setAuthorization(identity, 'AJOUT', options.medecinTraitant ?? false);
  }

  /** TD0.3 SUPPRESSION: withdraws this professional's authorization (or only the médecin traitant role). */
  async removeConsent(
    identity: PatientIdentity,
    options: { medecinTraitant?: boolean } = {},
  ): Promise<AuthorizationStatus> {
    return this.setAuthorization(identity, 'SUPPRESSION', options.medecinTraitant ?? false);
  }

  /**
   * ITI-41: an ebRIM ProvideAndRegister body and its documents as MTOM parts; the registry's answer. Under a
   * minor's secret connection, the VIHF says so.
   */
  async provideAndRegister(
    identity: PatientIdentity,
    bodyXml: string,
    attachments: readonly MtomAttachment[],
    options: { readonly secretConnection?: boolean } = {},
  ): Promise<RegistryResponse> {
    const result = await this.call(
      {
        service: 'repository',
        action: XDS_ACTIONS.provideAndRegister,
        bodyXml,
        vihf: await this.vihf.forPatient(
          patientRef(identity),
          options.secretConnection ? { mode: 'normal', secretConnection: true } : undefined,
        ),
      },
      attachments,
    );
    return parseRegistryResponse(result.payload);
  }

  /**
   * A FHIR resource for the patient's Mon espace santé services (her agenda), over the same mutual TLS; in AIR
   * mode the professional's Pro Santé Connect token goes with it (there is no VIHF to carry it).
   */
  async postFhir(path: string, resource: unknown): Promise<{ status: number; body: unknown }> {
    this.roundTrips += 1;
    const token = await this.deps.credentials.pscAccessToken?.();
    const headers: Record<string, string> = token === undefined ? {} : { Authorization: `Bearer ${token}` };
    const { status, body } = await this.deps.client.postFhir(path, resource, headers);
    return { status, body };
  }

  /** ITI-57: a metadata update (visibility) or a status change; the registry's answer. */
  async updateDocumentSet(identity: PatientIdentity, bodyXml: string): Promise<RegistryResponse> {
    const result = await this.call({
      service: 'registry',
      action: XDS_ACTIONS.updateDocumentSet,
      bodyXml,
      vihf: await this.vihf.forPatient(patientRef(identity)),
    });
    return parseRegistryResponse(result.payload);
  }

  /**
   * ITI-18: one registry stored query about the patient. A refusal (no authorization, closed record…) is the
   * platform's typed error; a malformed answer, an answer with a DTD or entities, is refused by the parser.
   */
  async storedQuery(identity: PatientIdentity, query: StoredQueryInput): Promise<QueryResponse> {
    const bodyXml = buildStoredQueryRequest(query);
    return this.consulting(identity, async (access) => {
      const result = await this.call({
        service: 'registry',
        action: XDS_ACTIONS.registryStoredQuery,
        bodyXml,
        vihf: await this.vihf.forPatient(patientRef(identity), access),
      });
      const response = parseStoredQueryResponse(result.payload);
      const failure = registryFailure(response);
      if (failure) throw failure;
      return response;
    });
  }

  /**
   * ITI-43: the bytes of documents the registry described. Each is checked against its entry's size and SHA-1
   * before anyone reads it: a document altered on the way, or another document, is refused, never shown.
   */
  async retrieve(identity: PatientIdentity, entries: readonly DocumentEntry[]): Promise<RetrievedDocument[]> {
    if (entries.length === 0) return [];
    const documents = entries.map((entry) => {
      if (!entry.repositoryUniqueId)
        throw new PasserelleError('XDS_MESSAGE_INVALID', { message: 'DocumentEntry', reason: 'no repositoryUniqueId' });
      return { repositoryUniqueId: entry.repositoryUniqueId, documentUniqueId: entry.uniqueId };
    });
    const { result, response } = await this.consulting(identity, async (access) => {
      const answer = await this.call({
        service: 'repository',
        action: XDS_ACTIONS.retrieveDocumentSet,
        bodyXml: buildRetrieveRequest({ documents }),
        vihf: await this.vihf.forPatient(patientRef(identity), access),
      });
      const parsed = parseRetrieveResponse(answer.payload);
      // Refused for access (blocked, no authorization…), the retrieve was not admitted at all: nothing came.
      const failure = registryFailure(parsed);
      if (failure && accessRefusal(failure) !== undefined) throw failure;
      return { result: answer, response: parsed };
    });
    const returned = new Map(response.documents.map((document) => [document.documentUniqueId, document]));
    return entries.map((entry) => {
      const document = returned.get(entry.uniqueId);
      if (!document) {
        const failure = registryFailure(response);
        if (failure && entries.length === 1) throw failure;
        throw new PasserelleError('DOCUMENT_NOT_RETRIEVED', { uniqueId: entry.uniqueId });
      }
      const part = result.attachments?.get(document.contentId);
      if (!part?.data) throw new PasserelleError('MTOM_PART_MISSING', { contentId: document.contentId });
      if (part.size !== entry.size) {
        throw new PasserelleError('DOCUMENT_INTEGRITY_MISMATCH', {
          uniqueId: entry.uniqueId,
          reason: `${part.size} octets / bytes ≠ ${entry.size}`,
        });
      }
      if (part.sha1Hex !== entry.hash) {
        throw new PasserelleError('DOCUMENT_INTEGRITY_MISMATCH', { uniqueId: entry.uniqueId, reason: 'SHA-1' });
      }
      return { uniqueId: entry.uniqueId, mimeType: document.mimeType, content: part.data };
    });
  }

  /**
   * Refuses, before anything leaves, an access mode this session's practice situation does not allow: centre 15
   * outside a SAMU regulation situation (CENTRE_15_REGULATION_ONLY). Every token is checked so anyway; this
   * lets a caller refuse before its first call about the patient.
   */
  checkAccessMode(mode: AccessMode): void {
    checkAccessMode(this.deps.credentials.identity, mode);
  }

  /**
   * Opens an emergency access (break-glass, or centre 15 for a regulation physician) to the patient's record:
   * TD0.2 in that mode, the reason in the VIHF. The platform checks the patient's oppositions, opens the access
   * for its window and notifies her. Until it ends, this session's searches and retrieves for her go in that
   * mode. The decision and its reason are journaled. An empty reason, and centre 15 outside a SAMU regulation
   * situation, are refused here, before anything leaves.
   */
  async openEmergencyAccess(
    identity: PatientIdentity,
    access: { readonly mode: 'bris_de_glace' | 'centre_15'; readonly reason: string },
  ): Promise<RecordStatus> {
    const reason = access.reason.trim();
    if (reason === '') throw new PasserelleError('EMERGENCY_REASON_REQUIRED');
    this.checkAccessMode(access.mode);
    const context: AccessContext = { mode: access.mode, reason };
    const status = await this.recordStatus(identity, context);
    this.emergencies.set(insReference(identity), {
      context,
      end: status.emergencyAccess ? new Date(status.emergencyAccess.end) : undefined,
    });
    this.journalAbout(identity, 'emergency.access', {
      mode: access.mode,
      reason,
      ...(status.emergencyAccess ? { end: status.emergencyAccess.end } : {}),
    });
    return status;
  }

  /** The access mode of this session's calls about the patient: an emergency one while it lasts, else normal. */
  accessFor(identity: PatientIdentity): AccessContext {
    const key = insReference(identity);
    const emergency = this.emergencies.get(key);
    if (!emergency) return { mode: 'normal' };
    if (emergency.end && emergency.end.getTime() <= this.now().getTime()) {
      this.emergencies.delete(key);
      throw new PasserelleError('EMERGENCY_ACCESS_EXPIRED', { since: ` (${emergency.end.toISOString()})` });
    }
    return emergency.context;
  }

  /** Forgets signed tokens and what the platform confirmed: the card was pulled or the professional left. */
  close(): void {
    this.emergencies.clear();
    this.confirmations.clear();
    this.vihf.clear();
  }

  /**
   * Runs one consultation call (ITI-18, ITI-43) in the session's access mode for the patient, and remembers
   * what the platform's answer says of her access: admitted, or refused.
   */
  private async consulting<T>(identity: PatientIdentity, run: (access: AccessContext) => Promise<T>): Promise<T> {
    const key = insReference(identity);
    const access = this.accessFor(identity);
    try {
      const result = await run(access);
      this.confirmations.noteAdmitted(key, access.mode === 'normal' ? undefined : this.emergencies.get(key)?.end);
      return result;
    } catch (error) {
      this.confirmations.noteFailure(key, error);
      throw error;
    }
  }

  /** TD0.3: adds or withdraws this professional's authorization, and journals the consent decision. */
  private async setAuthorization(
    identity: PatientIdentity,
    action: 'AJOUT' | 'SUPPRESSION',
    medecinTraitant: boolean,
  ): Promise<AuthorizationStatus> {
    const patient = { matricule: identity.ins.matricule, oid: identity.ins.oid };
    const result = await this.call({
      service: 'habilitations',
      action: TD03_ACTION,
      bodyXml: buildTd03Request(action, medecinTraitant),
      vihf: await this.vihf.forPatient(patient),
    });
    const status = readTd03Answer(result.payload, this.deps.client.baseUrl);
    this.journalAbout(identity, action === 'AJOUT' ? 'consent.declared' : 'consent.removed', {
      medecinTraitant: String(medecinTraitant),
      status,
    });
    return status;
  }

  /** Journals a decision this professional took about the patient. */
  private journalAbout(
    identity: PatientIdentity,
    action: JournalAction,
    details: Readonly<Record<string, string>>,
  ): void {
    this.deps.journal.record({ actor: this.deps.credentials.actor, action, patient: insReference(identity), details });
  }

  private async call(
    request: Parameters<PlatformClient['call']>[0],
    attachments?: readonly MtomAttachment[],
  ): Promise<SoapCallResult> {
    this.roundTrips += 1;
    const result = attachments
      ? await this.deps.client.callMtom(request, attachments)
      : await this.deps.client.call(request);
    if (result.platformTime) {
      if (!this.lastClockCheck) this.deps.onFirstClockReading?.(readClock(this.now(), result.platformTime));
      const skewSeconds = Math.round((this.now().getTime() - result.platformTime.getTime()) / 1000);
      this.lastClockCheck = { skewSeconds, warning: Math.abs(skewSeconds) > CLOCK_WARNING_SECONDS };
    }
    return result;
  }
}

function traitsDigest(identity: PatientIdentity): string {
  const { matricule, oid } = identity.ins;
  return createHash('sha256')
    .update(JSON.stringify([matricule, oid, identity.ins.traits]))
    .digest('base64url');
}

function patientRef(identity: PatientIdentity): { matricule: string; oid: string } {
  return { matricule: identity.ins.matricule, oid: identity.ins.oid };
}
