import { resolve } from 'node:path';

import type {
  Beneficiary,
  DocumentCheck,
  DocumentResult,
  EmergencyMode,
  Patient,
  RenderAnswer,
  RequestOf,
  RetrieveAnswer,
  SearchAnswer,
} from '../../../api/contract/index.js';
import { PasserelleError } from '../../../api/errors/index.js';
import type { VitaleData } from '../../../native-bridge/index.js';
import type { DocumentEntry, VisibilityChange } from '../../../interop/xds/index.js';
import type { DocumentDesk, UploadRequest, UploadSource } from '../router/document-port.js';
import type { ConsentAnswer, PatientDesk, RecordAnswer } from '../router/patient-port.js';
import { readSettings } from '../config/settings.js';
import {
  openConsultation,
  renderForView,
  retrieveDocument,
  searchRecord,
  type ConsultationHandle,
} from '../consult/open-consultation.js';
import { configuredCdaRules, createDocumentChecker, type DocumentChecker } from '../feed/document-check.js';
import { DocumentFeed, type UploadOutcome } from '../feed/document-feed.js';
import {
  DEFAULT_MAX_DOCUMENT_BYTES,
  readDocumentSource,
  readUploadSource,
  uploadSourceFromBytes,
  type DocumentSource,
} from '../feed/source-file.js';
import type { PatientIdentity } from '../patient/patient-identity.js';
import type { PlatformCardSession } from './card-tls-relay.js';
import { chooseBeneficiary, openDmpSession, type DmpSessionHandle } from './open-dmp-session.js';

/** What the desk needs from the card layer: the professional's open session and the Vitale card in its reader. */
export interface DeskCards {
  readonly current: PlatformCardSession | undefined;
  readVitale(): Promise<VitaleData>;
}

export interface CardPatientDeskOptions {
  readonly home: string;
  readonly version: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * One professional, one current patient: the platform session follows the card session (a new login or a
 * pulled card starts over, forgetting the patient and the documents filed), and every record call is about
 * the patient INSi returned.
 */
export class CardPatientDesk implements PatientDesk, DocumentDesk {
  private handle:
    | {
        readonly card: PlatformCardSession;
        readonly dmp: DmpSessionHandle;
        feed?: DocumentFeed;
        consult?: ConsultationHandle;
        /** Documents found by search before the feed was first needed, by uniqueId: it learns them when created. */
        found?: Map<string, DocumentEntry>;
      }
    | undefined;
  private patient: PatientIdentity | undefined;
  /** Compiling the official rules may take minutes the first time: done once, on the first document. */
  private checker: Promise<DocumentChecker> | undefined;

  constructor(
    private readonly cards: DeskCards,
    private readonly options: CardPatientDeskOptions,
  ) {}

  private dmp(): DmpSessionHandle {
    const card = this.cards.current;
    if (this.handle && this.handle.card !== card) this.close();
    if (!card) throw new PasserelleError('NOT_LOGGED_IN', { label: 'CPS' });
    this.handle ??= { card, dmp: openDmpSession(this.options.home, card, this.options.version, this.options.env) };
    return this.handle.dmp;
  }

  private current(): { dmp: DmpSessionHandle; patient: PatientIdentity } {
    const dmp = this.dmp();
    if (!this.patient) throw new PasserelleError('PATIENT_NOT_SELECTED');
    return { dmp, patient: this.patient };
  }

  private documentChecker(): Promise<DocumentChecker> {
    const env = this.options.env ?? process.env;
    if (!this.checker) {
      const created = createDocumentChecker(configuredCdaRules(this.options.home, env));
      // Rules that failed to load are tried again on the next document, not remembered as failed.
      created.catch(() => (this.checker = undefined));
      this.checker = created;
    }
    return this.checker;
  }

  private maxDocumentBytes(): number {
    return readSettings(this.options.home).maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  }

  private async feed(): Promise<{ feed: DocumentFeed; patient: PatientIdentity }> {
    const { dmp, patient } = this.current();
    const handle = this.handle!;
    const checker = await this.documentChecker();
    // The feed remembers the documents filed in this card session, for their later changes.
    if (!handle.feed) {
      handle.feed = new DocumentFeed(dmp.session, checker, this.maxDocumentBytes());
      handle.feed.learn([...(handle.found?.values() ?? [])]);
    }
    return { feed: handle.feed, patient };
  }

  async readVitale(): Promise<readonly Beneficiary[]> {
    const vitale = await this.cards.readVitale();
    return vitale.beneficiaries.map((beneficiary, index) => ({
      index: index + 1,
      birthName: beneficiary.birthName,
      usedName: beneficiary.usedName,
      firstNames: [...beneficiary.firstNames],
      birthDateOnCard: beneficiary.birthDateOnCard,
      birthRank: beneficiary.birthRank,
      sex: beneficiary.sex,
    }));
  }

  async identify(beneficiary: number | undefined): Promise<Patient> {
    const dmp = this.dmp();
    const chosen = chooseBeneficiary(await this.cards.readVitale(), beneficiary);
    // A failed identification leaves no patient selected: the previous one must not receive what follows.
    this.patient = undefined;
    this.patient = await dmp.session.identify(chosen);
    return this.patient;
  }

  qualify(documentChecked: string): Promise<Patient> {
    const { dmp, patient } = this.current();
    this.patient = dmp.session.qualify(patient, documentChecked);
    return Promise.resolve(this.patient);
  }

  async recordStatus(): Promise<RecordAnswer> {
    const { dmp, patient } = this.current();
    const record = await dmp.session.recordStatus(patient);
    return { patient, record, clock: dmp.session.clock ?? null };
  }

  async consent(options: {
    readonly patientAgreed: boolean;
    readonly medecinTraitant: boolean;
    readonly remove: boolean;
  }): Promise<ConsentAnswer> {
    const { dmp, patient } = this.current();
    const { medecinTraitant } = options;
    const authorization = options.remove
      ? await dmp.session.removeConsent(patient, { medecinTraitant })
      : await dmp.session.declareConsent(patient, { patientAgreed: options.patientAgreed, medecinTraitant });
    const record = await dmp.session.recordStatus(patient);
    return { patient, record, clock: dmp.session.clock ?? null, authorization };
  }

  async emergency(access: { readonly mode: EmergencyMode; readonly reason: string }): Promise<RecordAnswer> {
    const { dmp, patient } = this.current();
    // The session remembers the access: the searches and retrieves that follow go in its mode until it ends.
    const record = await dmp.session.openEmergencyAccess(patient, access);
    return { patient, record, clock: dmp.session.clock ?? null };
  }

  async validate(path: string): Promise<DocumentCheck> {
    const source = await readDocumentSource(resolve(path), this.maxDocumentBytes());
    if (source.kind !== 'cda') throw new PasserelleError('DOCUMENT_SOURCE_UNSUPPORTED', { file: source.file });
    return (await this.documentChecker()).check(source.xml);
  }

  async upload(request: UploadRequest): Promise<UploadOutcome> {
    // The file is read and checked before the platform is touched: a bad file costs nothing.
    const source = await this.uploadSource(request.source);
    const { feed, patient } = await this.feed();
    return feed.upload(patient, source, {
      hideFromPatient: request.hideFromPatient,
      ...(request.typeCode === undefined ? {} : { typeCode: request.typeCode }),
      ...(request.title === undefined ? {} : { title: request.title }),
      ...(request.replaces === undefined ? {} : { replaces: request.replaces }),
    });
  }

  private async uploadSource(source: UploadSource): Promise<DocumentSource> {
    switch (source.kind) {
      case 'file':
        return readUploadSource(resolve(source.path), this.maxDocumentBytes());
      case 'bytes':
        return uploadSourceFromBytes(source.file, source.bytes, this.maxDocumentBytes());
      case 'text':
        return { kind: 'text', file: 'texte saisi / typed text', text: source.text };
    }
  }

  async setVisibility(uniqueId: string, change: VisibilityChange): Promise<DocumentResult> {
    const { feed, patient } = await this.feed();
    return feed.changeVisibility(patient, uniqueId, change);
  }

  async setStatus(uniqueId: string, status: 'Approved' | 'Archived' | 'Deleted'): Promise<DocumentResult> {
    const { feed, patient } = await this.feed();
    return feed.changeStatus(patient, uniqueId, status);
  }

  private consultation(): { consult: ConsultationHandle; dmp: DmpSessionHandle; patient: PatientIdentity } {
    const { dmp, patient } = this.current();
    const handle = this.handle!;
    handle.consult ??= openConsultation(this.options.home, dmp.session);
    return { consult: handle.consult, dmp, patient };
  }

  async search(request: RequestOf<'document.search'>): Promise<SearchAnswer> {
    const { consult, dmp, patient } = this.consultation();
    const { visit, ...answer } = await searchRecord(consult.consultation, dmp.session, patient, request);
    // What she finds, she may then mask, hide, archive or delete (ITI-57 needs the entry as the registry holds it).
    const entries = visit.documents.map((d) => d.entry);
    const handle = this.handle!;
    handle.found ??= new Map();
    for (const entry of entries) handle.found.set(entry.uniqueId, entry);
    handle.feed?.learn(entries);
    return answer;
  }

  retrieve(uniqueId: string): Promise<RetrieveAnswer> {
    const { consult, patient } = this.consultation();
    return retrieveDocument(consult.consultation, patient, uniqueId);
  }

  render(uniqueId: string): Promise<RenderAnswer> {
    const { consult, patient } = this.consultation();
    return renderForView(consult.consultation, patient, uniqueId);
  }

  forget(): Promise<void> {
    const { consult, patient } = this.consultation();
    consult.consultation.purge(patient);
    return Promise.resolve();
  }

  /** Ends the platform session and forgets the patient. */
  close(): void {
    this.handle?.consult?.close();
    this.handle?.dmp.close();
    this.handle = undefined;
    this.patient = undefined;
  }
}
