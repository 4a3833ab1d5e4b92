import type { EmergencyAccess } from '../../../api/contract/index.js';
import { PasserelleError } from '../../../api/errors/index.js';
import type { DocumentEntry } from '../../../interop/xds/index.js';
import { cardCredentials } from '../cards/card-credentials.js';
import type { PlatformCardSession } from '../cards/card-tls-relay.js';
import type { ConsultCache } from '../consult/consult-cache.js';
import { RecordConsultation } from '../consult/record-consultation.js';
import type { DocumentChecker } from '../feed/document-check.js';
import { DocumentFeed } from '../feed/document-feed.js';
import type { PatientIdentity, VitaleBeneficiaryData } from '../patient/patient-identity.js';
import type { RecordStatus } from '../../../interop/hl7v3/td02.js';
import { statusRefusal } from './access-confirmations.js';
import type { PlatformCredentials } from './credentials.js';
import type { DmpSession } from './dmp-session.js';
import { beneficiaryKey, PatientPrefetch, type PrefetchedVisit } from './patient-prefetch.js';
import { openPlatformSession, type PlatformSessionContext, type PlatformSessionHandle } from './platform-session.js';

/** What the professional's session takes from the workstation. */
export interface ProfessionalContext extends PlatformSessionContext {
  /** The card deck: the professional's card session, when one is open. */
  readonly deck: { readonly professional: PlatformCardSession | undefined } | undefined;
  readonly maxDocumentBytes: number;
  documentChecker(): Promise<DocumentChecker>;
  consultCache(): ConsultCache;
}

/** Where the professional's credentials come from when she signed in with e-CPS rather than with her card. */
export interface EcpsCredentialsSource {
  /** The credentials of the e-CPS session open in this process, if one is. */
  credentials(): PlatformCredentials | undefined;
}

/** The platform session of one card (or e-CPS) session, and what it learned while it lasted. */
interface Opened {
  /** The card session or the e-CPS credentials it follows. */
  readonly source: PlatformCardSession | PlatformCredentials;
  readonly platform: PlatformSessionHandle;
  /** The current patient, as INSi returned her (and the professional qualified her). */
  patient?: PatientIdentity;
  /** The emergency access opened on the current patient in this session, while it runs. */
  emergency?: EmergencyAccess;
  /** Documents found by a search in this session, by uniqueId: the feed may then change them. */
  readonly found: Map<string, DocumentEntry>;
  feed?: DocumentFeed;
  consultation?: RecordConsultation;
  /** Each identification's number: an identification overtaken by a later one never becomes the current patient. */
  selections: number;
  /** What was asked ahead of the window for the card just read (see `prefetch`). */
  ahead?: PatientPrefetch;
}

/** The current patient and the platform session she is worked on in. */
export interface AtDesk {
  readonly session: DmpSession;
  readonly patient: PatientIdentity;
}

/**
 * One professional at the workstation, shared by the patient, feed and consult desks: the platform session
 * follows her card session (a new login, or her card pulled out, starts over and forgets the patient, the
 * documents found and filed), and every record call is about the one current patient.
 */
export class ProfessionalSession {
  private opened: Opened | undefined;

  constructor(
    private readonly context: ProfessionalContext,
    private readonly ecps?: EcpsCredentialsSource,
  ) {}

  /**
   * Whose session is open now: the professional whose card is logged in, else the one signed in with e-CPS. A card
   * logged in (PIN presented at this workstation) always wins: on a shared workstation an e-CPS session left open
   * by a colleague must never carry the acts of the professional now at the desk.
   */
  private source(): PlatformCardSession | PlatformCredentials | undefined {
    return this.context.deck?.professional ?? this.ecps?.credentials();
  }

  /**
   * The platform session of the session open now: her card's, or the e-CPS one (the structure's certificates and
   * her PSC token) while no card is logged in; NOT_LOGGED_IN without either. Everything above is the same.
   */
  private current(): Opened {
    const card = this.context.deck?.professional;
    const signedIn = card ? undefined : this.ecps?.credentials();
    const source = card ?? signedIn;
    if (this.opened && this.opened.source !== source) this.end();
    if (!source) throw new PasserelleError('NOT_LOGGED_IN', { label: 'CPS' });
    this.opened ??= {
      source,
      platform: openPlatformSession(this.context, signedIn ?? cardCredentials(card!)),
      found: new Map(),
      selections: 0,
    };
    return this.opened;
  }

  /** The platform session, for what needs no patient yet (INSi). */
  platform(): DmpSession {
    return this.current().platform.session;
  }

  /** The current patient and her session; PATIENT_NOT_SELECTED before one is identified. */
  atDesk(): AtDesk {
    const opened = this.current();
    if (!opened.patient) throw new PasserelleError('PATIENT_NOT_SELECTED');
    return { session: opened.platform.session, patient: opened.patient };
  }

  /**
   * Makes `identify`'s answer the current patient. While it runs, none is: what follows a failed
   * identification must never reach the previous patient, and an identification a later one overtook never
   * becomes the current patient. What was asked ahead for another card read is dropped.
   */
  async select(identify: (session: DmpSession) => Promise<PatientIdentity>): Promise<PatientIdentity> {
    const opened = this.current();
    opened.ahead = undefined;
    return this.identifyIn(opened, identify);
  }

  /**
   * Asks, as soon as a Vitale card with one beneficiary is read and while the professional reads it, what the
   * window asks next: INSi, then the record's status (TD0.2), then the record's list — only when the platform
   * answered that she may consult it (authorization VALIDE, record active): nothing is searched otherwise.
   * The window's next identification of the same beneficiary, status and search take these answers, once each
   * (`identifyAhead`, `statusAhead`, `visitAhead`). They belong to this card session: a new login or the card
   * pulled out drops them with the session. Without a professional logged in, nothing is asked.
   */
  prefetch(beneficiary: VitaleBeneficiaryData): void {
    if (!this.context.deck?.professional) return;
    const opened = this.current();
    const session = opened.platform.session;
    const identified = this.identifyIn(opened, (s) => s.identify(beneficiary));
    const status = identified.then((patient) => session.recordStatus(patient));
    const visit = identified.then((patient) => this.visitOnceAuthorized(opened, patient, status));
    const now = (): number => this.context.clock().getTime();
    opened.ahead = new PatientPrefetch(beneficiaryKey(beneficiary), { identified, status, visit }, now(), now);
  }

  /** INSi's answer asked ahead for this beneficiary, if any (see `prefetch`). */
  identifyAhead(beneficiary: VitaleBeneficiaryData): Promise<PatientIdentity> | undefined {
    return this.current().ahead?.takeIdentity(beneficiary);
  }

  /** TD0.2's answer asked ahead for the current patient, if any (see `prefetch`). */
  statusAhead(patient: PatientIdentity): Promise<RecordStatus> | undefined {
    return this.current().ahead?.takeStatus(patient);
  }

  /** The search asked ahead for the current patient, if any (see `prefetch`). */
  visitAhead(patient: PatientIdentity): Promise<PrefetchedVisit | undefined> | undefined {
    return this.current().ahead?.takeVisit(patient);
  }

  /** Forgets what was asked ahead: what it holds no longer stands (an emergency access, the copy forgotten). */
  dropAhead(): void {
    this.current().ahead = undefined;
  }

  private async identifyIn(
    opened: Opened,
    identify: (session: DmpSession) => Promise<PatientIdentity>,
  ): Promise<PatientIdentity> {
    opened.selections += 1;
    const selection = opened.selections;
    opened.patient = undefined;
    opened.emergency = undefined;
    const patient = await identify(opened.platform.session);
    if (opened.selections === selection) opened.patient = patient;
    return patient;
  }

  /**
   * The search of a prefetch, in its card session, for the patient still current, used only when TD0.2 says she
   * may consult the record (authorization VALIDE, record active). When this computer keeps her copy of the record
   * (the platform admitted her to it, and no refusal removed it since), the search leaves alongside TD0.2 and its
   * answers wait for TD0.2's word before anything enters the copy; otherwise it leaves only once TD0.2 granted
   * access, so that a patient who never agreed, or who blocked her, finds in her record's history no search of
   * hers refused for a card merely read.
   */
  private async visitOnceAuthorized(
    opened: Opened,
    patient: PatientIdentity,
    status: Promise<RecordStatus>,
  ): Promise<PrefetchedVisit | undefined> {
    const stillHers = (): boolean =>
      this.opened === opened && this.source() === opened.source && opened.patient === patient;
    if (!stillHers()) return undefined;
    const granted = status.then(
      (record) =>
        record.authorization === 'VALIDE' && statusRefusal(record, this.context.clock()) === undefined && stillHers(),
    );
    const consultation = this.consultationIn(opened);
    if (!consultation.holdsCopy(patient) && !(await granted)) return undefined;
    return consultation.visitOnceGranted(patient, granted);
  }

  /** The same patient, now qualified (or with traits the professional checked). */
  update(patient: PatientIdentity): void {
    const opened = this.current();
    if (!opened.patient) throw new PasserelleError('PATIENT_NOT_SELECTED');
    opened.patient = patient;
  }

  /** Remembers the emergency access opened on the current patient: the searches that follow say they went under it. */
  emergencyOpened(access: EmergencyAccess | undefined): void {
    const opened = this.current();
    opened.emergency = access;
    opened.ahead = undefined;
  }

  /** The emergency access running on the current patient, if one was opened in this session and has not ended. */
  emergency(): EmergencyAccess | undefined {
    const access = this.current().emergency;
    return access && new Date(access.end).getTime() > this.context.clock().getTime() ? access : undefined;
  }

  /** The feed of the current patient's record, which may change what this session filed or found. */
  async feed(): Promise<{ feed: DocumentFeed; patient: PatientIdentity }> {
    const { patient } = this.atDesk();
    const checker = await this.context.documentChecker();
    const opened = this.current();
    if (!opened.feed) {
      opened.feed = new DocumentFeed(opened.platform.session, checker, this.context.maxDocumentBytes);
      opened.feed.learn([...opened.found.values()]);
    }
    return { feed: opened.feed, patient };
  }

  /** The consultation of the current patient's record, over the workstation's sealed cache. */
  consultation(): AtDesk & { readonly consultation: RecordConsultation } {
    const atDesk = this.atDesk();
    return { ...atDesk, consultation: this.consultationIn(this.current()) };
  }

  private consultationIn(opened: Opened): RecordConsultation {
    opened.consultation ??= new RecordConsultation(opened.platform.session, this.context.consultCache(), {
      now: this.context.clock,
    });
    return opened.consultation;
  }

  /** What a search found: she may then mask, hide, archive or delete it (ITI-57 needs the entry as the registry holds it). */
  learn(entries: readonly DocumentEntry[]): void {
    const opened = this.current();
    for (const entry of entries) opened.found.set(entry.uniqueId, entry);
    opened.feed?.learn(entries);
  }

  /** Ends the platform session and forgets the patient. */
  end(): void {
    this.opened?.platform.close();
    this.opened = undefined;
  }
}
