import { verify, X509Certificate } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';

import { PasserelleError } from '../../api/errors/index.js';
import type { Signer } from '../../interop/signing/signer.js';
import { Pkcs11Module, type TokenSlot } from '../pkcs11/module.js';
import type { PinPolicy, PinStatus } from '../pkcs11/pin-policy.js';
import { certificatePem, checkPinFormat, TokenSession, type TokenObjects } from '../pkcs11/token-session.js';
import {
  ActivitySchema,
  CERTIFICATE_LABELS,
  IdCardSchema,
  InfoSchema,
  KEY_LABELS,
  NameSchema,
  OBJECT_LABELS,
  OrgInfoSchema,
  VitaleDataSchema,
  type OrganisationInfo,
  type PracticeSituation,
  type VitaleData,
} from './card-data.js';

export type CardKind = 'cps' | 'cpe' | 'vitale' | 'org';

export interface CardSummary {
  readonly label: string;
  readonly kind: CardKind;
  readonly holder: string;
  readonly profession?: { readonly code: string; readonly label: string };
  readonly inserted: boolean;
  /** Emulated cards only, marked as test values wherever shown. */
  readonly testPin?: string;
}

/** The professional, as the card says: certificate subject and the CPS data objects. */
export interface CardIdentity {
  readonly cardType: 'CPS' | 'CPE' | 'ORG';
  readonly nationalId: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly profession?: { readonly code: string; readonly label: string };
  readonly specialty?: { readonly code: string; readonly label: string };
  readonly situations: readonly PracticeSituation[];
  /** For an establishment's ORG token. */
  readonly organisation?: OrganisationInfo;
}

/**
 * A card's authentication key as another process reaches it through the OpenSSL PKCS#11 engine, with the PIN
 * that engine must present: what a login hands, once, to whoever keeps the card's TLS link.
 */
export interface CardKeyAccess {
  readonly label: string;
  readonly modulePath: string;
  /** The private key's PKCS#11 URI (RFC 7512), without any PIN. */
  readonly keyUri: string;
  /** The authentication certificate that goes with the key. */
  readonly certificatePem: string;
  readonly pin: string;
  /**
   * An ORG token's keys issued for INSi, which refuses the token's other certificates: CN INSI-AUTO for a
   * program's own calls, INSI-MANU for a person's. Each absent when the token holds none.
   */
  readonly insi?: { readonly automated?: CardKeyRef; readonly manual?: CardKeyRef };
}

/** A key of the card as the engine names it (no PIN), and its certificate. */
export interface CardKeyRef {
  readonly keyUri: string;
  readonly certificatePem: string;
}

/** Whatever holds a card's key beyond the login (the TLS relay): owned by the card session, ended with it. */
export interface CardKeyHolder {
  close(): void;
}

/** A card in one of the module's readers, by its token label, with its kind read from its public objects. */
export interface PresentCard {
  readonly label: string;
  readonly kind: CardKind;
}

export interface CardLoginOptions {
  /** Presents the last remaining try. */
  readonly confirmLastTry?: boolean;
}

/**
 * An open session on a professional (or ORG) card. Closed at once when the card leaves the reader; the key
 * holder its login started (the card's TLS relay) ends with it.
 */
export interface CardSession<H extends CardKeyHolder | undefined = CardKeyHolder | undefined> {
  readonly label: string;
  readonly identity: CardIdentity;
  readonly authentication: Signer;
  readonly signature: Signer;
  /** What the login's `onAuthenticated` started with the PIN; the session itself keeps no PIN. */
  readonly keyHolder: H;
  readonly open: boolean;
  logout(): void;
}

/**
 * Presence and emulation hooks: a real reader says "present" when the module lists the token; the emulator
 * adds its virtual reader, its PIN counter and its slow-card timings.
 */
export interface CardEnvironment {
  readonly pinPolicy: PinPolicy;
  isInserted(label: string, present: boolean): boolean;
  kindHint?(label: string): CardKind | undefined;
  testPin?(label: string): string | undefined;
  signatureDelayMs(): number;
  firstReadDelayMs(): number;
  /** Verifies the issuer's signature of Vitale data; false for altered data. */
  verifyVitale(data: Buffer, signature: Buffer): boolean;
}

export interface CardServiceOptions {
  readonly modulePath: string;
  readonly environment: CardEnvironment;
}

/** A key pair of the card: its private key's handle in the session that found it, and its certificate. */
interface CardKey {
  readonly key: Buffer;
  readonly certificatePem: string;
}

/** The service's side of a session: its handle, and whether it was closed. */
type SessionHandle = CardSession & { closed: boolean };

function json(buffer: Buffer | undefined, label: string, object: string): unknown {
  if (!buffer) throw new PasserelleError('TOKEN_CORRUPT', { label, reason: `${object} missing` });
  try {
    return JSON.parse(buffer.toString('utf8'));
  } catch (cause) {
    throw new PasserelleError('TOKEN_CORRUPT', { label, reason: `${object} unreadable` }, { cause });
  }
}

function parsed<T>(
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } },
  value: unknown,
  label: string,
  object: string,
): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new PasserelleError('TOKEN_CORRUPT', { label, reason: `${object} invalid` });
  return result.data;
}

/** A data object of the card, parsed and validated; TOKEN_CORRUPT when it is missing or wrong. */
function dataObject<T>(
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } },
  objects: TokenObjects,
  label: string,
  object: string,
): T {
  return parsed(schema, json(objects.data.get(object), label, object), label, object);
}

/** A certificate of the card as PEM; TOKEN_CORRUPT when it is missing. */
function certificate(objects: TokenObjects, label: string, certificateLabel: string): string {
  const der = objects.certificates.get(certificateLabel);
  if (!der) throw new PasserelleError('TOKEN_CORRUPT', { label, reason: `certificate "${certificateLabel}" missing` });
  return certificatePem(der);
}

/** A private key's handle; TOKEN_CORRUPT when the card has no key of that label. */
function privateKey(objects: TokenObjects, label: string, keyLabel: string): Buffer {
  const key = objects.privateKeys.get(keyLabel);
  if (!key) throw new PasserelleError('TOKEN_CORRUPT', { label, reason: `no key ${keyLabel}` });
  return key;
}

/**
 * The cards, over one PKCS#11 module: the same code drives SoftHSM2 emulated cards and a vendor module
 * (CPS Cryptolib, OpenSC); only the environment differs.
 */
export class CardService {
  private module: Pkcs11Module;
  private readonly sessions = new Map<string, { session: TokenSession; handle: SessionHandle }>();
  private readonly firstReadDone = new Set<string>();
  /** Each card's kind, read once from its public objects: a poll reads only the tokens it has not seen. */
  private readonly kinds = new Map<string, CardKind>();
  /** Logins and reads under way: their sessions are open though not yet registered, so no poll re-initialises. */
  private busy = 0;

  constructor(private readonly options: CardServiceOptions) {
    this.module = Pkcs11Module.open(options.modulePath);
  }

  get modulePath(): string {
    return this.module.path;
  }

  /** Tokens present now; re-reads the module's token list when a label is looked for and not found. */
  private token(label: string): TokenSlot {
    let token = this.module.findToken(label);
    if (!token) {
      this.refresh();
      token = this.module.findToken(label);
    }
    if (!token) throw new PasserelleError('CARD_UNKNOWN', { label });
    if (!this.options.environment.isInserted(label, true)) throw new PasserelleError('CARD_ABSENT', { label });
    return token;
  }

  /** Re-reads the module's tokens: every open session becomes invalid, so each is ended first. */
  private refresh(): void {
    for (const entry of this.sessions.values()) this.end(entry.handle);
    this.sessions.clear();
    this.module.refresh();
  }

  private kindOf(label: string, objects: TokenObjects): CardKind {
    const hint = this.options.environment.kindHint?.(label);
    if (hint) return hint;
    if (objects.data.has(OBJECT_LABELS.vitaleData)) return 'vitale';
    if (objects.data.has(OBJECT_LABELS.orgInfo)) return 'org';
    return objects.data.has(OBJECT_LABELS.idCard) &&
      dataObject(IdCardSchema, objects, label, OBJECT_LABELS.idCard).cardType === 'CPE'
      ? 'cpe'
      : 'cps';
  }

  /**
   * The cards in the module's readers now: what a deck polls (C_GetSlotList with tokens present, then
   * C_GetTokenInfo). A card reader's module shows cards coming and going in its slot list; SoftHSM2, which has
   * no removable slot, fixes its tokens at C_Initialize, so while no session is open it is initialised again
   * first, which shows a token put in since (with sessions open, only removals are seen). A session whose card
   * is gone is ended here.
   */
  presentCards(): PresentCard[] {
    if (this.module.fixesTokensAtInitialize && this.sessions.size === 0 && this.busy === 0) this.module.refresh();
    const tokens = this.module.presentTokens();
    const labels = new Set(tokens.map((token) => token.label));
    for (const [label, entry] of this.sessions) if (!labels.has(label)) entry.handle.logout();
    return tokens.flatMap((token) => {
      const kind = this.kinds.get(token.label) ?? this.readKind(token);
      return kind ? [{ label: token.label, kind }] : [];
    });
  }

  /** A token's kind from its public objects; undefined when they cannot be read (it is then read again). */
  private readKind(token: TokenSlot): CardKind | undefined {
    let session: TokenSession | undefined;
    try {
      session = TokenSession.open(this.module, token);
      const kind = this.kindOf(token.label, session.readObjects());
      this.kinds.set(token.label, kind);
      return kind;
    } catch {
      return undefined;
    } finally {
      session?.close();
    }
  }

  /** Every card the module knows, with its holder and whether it is in a reader. */
  list(): CardSummary[] {
    // Re-reading the module's tokens would end the sessions open on them: with one open, the list stands.
    if (this.sessions.size === 0 && this.busy === 0) this.module.refresh();
    const summaries: CardSummary[] = [];
    for (const token of this.module.presentTokens()) {
      const session = TokenSession.open(this.module, token);
      try {
        // Without a login: the public objects, which name the holder.
        const objects = session.readObjects();
        const kind = this.kindOf(token.label, objects);
        const testPin = kind === 'vitale' ? undefined : this.options.environment.testPin?.(token.label);
        summaries.push({
          label: token.label,
          kind,
          ...holderOf(token.label, objects, kind),
          inserted: this.options.environment.isInserted(token.label, true),
          ...(testPin ? { testPin } : {}),
        });
      } catch {
        summaries.push({ label: token.label, kind: 'cps', holder: '(illisible / unreadable)', inserted: false });
      } finally {
        session.close();
      }
    }
    return summaries.sort((a, b) => a.label.localeCompare(b.label));
  }

  pinStatus(label: string): PinStatus {
    const token = this.token(label);
    return this.options.environment.pinPolicy.status(label, token.flags);
  }

  /**
   * Opens a session with the PIN: presented once, never retried; the last try only with `confirmLastTry`.
   * A PIN of the wrong shape is refused before it reaches the card. With `onAuthenticated`, the PIN is also
   * handed once to what it starts (the card's TLS relay), which the session then owns. Neither the session
   * nor anything it keeps refers to the PIN once this returns.
   */
  login(label: string, pin: string, options?: CardLoginOptions): Promise<CardSession<undefined>>;
  login<H extends CardKeyHolder>(
    label: string,
    pin: string,
    options: CardLoginOptions & { readonly onAuthenticated: (access: CardKeyAccess) => Promise<H> },
  ): Promise<CardSession<H>>;
  async login(
    label: string,
    pin: string,
    options: CardLoginOptions & { readonly onAuthenticated?: (access: CardKeyAccess) => Promise<CardKeyHolder> } = {},
  ): Promise<CardSession> {
    checkPinFormat(pin);
    this.sessions.get(label)?.handle.logout();
    const token = this.token(label);
    const session = TokenSession.open(this.module, token);
    this.busy += 1;
    try {
      session.login(pin, this.options.environment.pinPolicy, options);
      await this.slowFirstRead(label);
      // One search for everything the session needs; the keys' handles serve every signature of the session.
      const objects = session.readObjects();
      const identity = readIdentity(label, objects);
      const isOrg = identity.cardType === 'ORG';
      const authLabel = isOrg ? KEY_LABELS.orgAuthentication : KEY_LABELS.cpsAuthentication;
      const signLabel = isOrg ? KEY_LABELS.orgSignature : KEY_LABELS.cpsSignature;
      const authCertificate = certificate(
        objects,
        label,
        isOrg ? CERTIFICATE_LABELS.orgAuthentication : CERTIFICATE_LABELS.cpsAuthentication,
      );
      const signCertificate = certificate(
        objects,
        label,
        isOrg ? CERTIFICATE_LABELS.orgSignature : CERTIFICATE_LABELS.cpsSignature,
      );
      const keys = {
        authentication: { key: privateKey(objects, label, authLabel), certificatePem: authCertificate },
        signature: { key: privateKey(objects, label, signLabel), certificatePem: signCertificate },
      };
      // No closure may be made here: one would keep `pin` alive as long as the session.
      const keyHolder = options.onAuthenticated
        ? await options.onAuthenticated({
            label,
            modulePath: this.module.path,
            keyUri: keyUriOf(label, authLabel),
            certificatePem: authCertificate,
            pin,
            ...(isOrg ? { insi: insiKeys(label, objects) } : {}),
          })
        : undefined;
      if (!this.options.environment.isInserted(label, true)) {
        // Pulled while its relay started: the watcher found no session of it to close.
        keyHolder?.close();
        throw new PasserelleError('CARD_REMOVED', { label });
      }
      return this.opened(label, session, identity, keyHolder, keys);
    } catch (error) {
      session.close();
      throw error;
    } finally {
      this.busy -= 1;
    }
  }

  /** The session's handle, registered so that a removal or the next login of the card closes it. */
  private opened(
    label: string,
    session: TokenSession,
    identity: CardIdentity,
    keyHolder: CardKeyHolder | undefined,
    keys: Record<'authentication' | 'signature', CardKey>,
  ): CardSession {
    const handle: SessionHandle = {
      label,
      identity,
      keyHolder,
      closed: false,
      get open() {
        return !handle.closed;
      },
      authentication: this.signer(label, session, keys.authentication, () => handle),
      signature: this.signer(label, session, keys.signature, () => handle),
      logout: () => {
        if (handle.closed) return;
        this.end(handle);
        session.close();
        this.sessions.delete(label);
      },
    };
    this.sessions.set(label, { session, handle });
    return handle;
  }

  /** Marks a session closed and ends what holds its key (the card's TLS relay). */
  private end(handle: SessionHandle): void {
    handle.closed = true;
    handle.keyHolder?.close();
  }

  private async slowFirstRead(label: string): Promise<void> {
    if (this.firstReadDone.has(label)) return;
    this.firstReadDone.add(label);
    const wait = this.options.environment.firstReadDelayMs();
    if (wait > 0) await delay(wait);
  }

  /** A Signer over a card key; a card pulled before or during the signature is CARD_REMOVED, never a hang. */
  private signer(
    label: string,
    session: TokenSession,
    { key, certificatePem }: CardKey,
    handle: () => SessionHandle,
  ): Signer {
    return {
      certificatePem,
      signSha256: async (data) => {
        if (handle().closed) throw new PasserelleError('NOT_LOGGED_IN', { label });
        const wait = this.options.environment.signatureDelayMs();
        if (wait > 0) await delay(wait);
        if (!this.options.environment.isInserted(label, true)) {
          handle().logout();
          throw new PasserelleError('CARD_REMOVED', { label });
        }
        try {
          return session.signSha256(key, data);
        } catch (error) {
          if (error instanceof PasserelleError && error.code === 'CARD_REMOVED') handle().logout();
          throw error;
        }
      },
    };
  }

  /** Reads a Vitale card: its signed data checked against the issuer, each beneficiary validated. */
  async readVitale(label: string): Promise<VitaleData> {
    const token = this.token(label);
    const session = TokenSession.open(this.module, token);
    this.busy += 1;
    try {
      await this.slowFirstRead(label);
      const objects = session.readObjects();
      const data = objects.data.get(OBJECT_LABELS.vitaleData);
      const signature = objects.data.get(OBJECT_LABELS.vitaleSignature);
      if (!data) throw new PasserelleError('CARD_WRONG_KIND', { label, expected: 'Vitale' });
      if (!signature || !this.options.environment.verifyVitale(data, signature))
        throw new PasserelleError('VITALE_DATA_TAMPERED', { label });
      return dataObject(VitaleDataSchema, objects, label, OBJECT_LABELS.vitaleData);
    } finally {
      this.busy -= 1;
      session.close();
    }
  }

  /** Unblocks a locked card with its PUK and sets a new PIN. */
  unblock(label: string, puk: string, newPin: string): void {
    checkPinFormat(newPin);
    const session = TokenSession.open(this.module, this.token(label), true);
    try {
      session.loginSecurityOfficer(puk);
      session.initPin(newPin);
      this.options.environment.pinPolicy.reset(label);
    } finally {
      session.close();
    }
  }

  /** Closes every session whose card left its reader; called by the watcher. */
  closeSessionsOfRemovedCards(): void {
    for (const [label, entry] of this.sessions) {
      if (!this.options.environment.isInserted(label, true)) entry.handle.logout();
    }
  }

  close(): void {
    for (const entry of this.sessions.values()) entry.handle.logout();
    this.module.close();
  }
}

/** Who holds a card, from its public objects. */
function holderOf(label: string, objects: TokenObjects, kind: CardKind): Pick<CardSummary, 'holder' | 'profession'> {
  if (kind === 'vitale') {
    const data = dataObject(VitaleDataSchema, objects, label, OBJECT_LABELS.vitaleData);
    const holder = data.beneficiaries.find((b) => b.nir === data.holderNir) ?? data.beneficiaries[0]!;
    return {
      holder: `${holder.firstNames[0]} ${holder.usedName}${data.beneficiaries.length > 1 ? ` (+${data.beneficiaries.length - 1})` : ''}`,
    };
  }
  if (kind === 'org') {
    const info = dataObject(OrgInfoSchema, objects, label, OBJECT_LABELS.orgInfo);
    return { holder: `${info.name} (FINESS ${info.legalFiness})` };
  }
  const name = dataObject(NameSchema, objects, label, OBJECT_LABELS.name);
  const info = dataObject(InfoSchema, objects, label, OBJECT_LABELS.info);
  return {
    holder: `${name.firstName} ${name.lastName}`,
    ...(info.profession ? { profession: info.profession } : {}),
  };
}

/** An ORG token's INSi keys, each one whose certificate the token holds. */
function insiKeys(label: string, objects: TokenObjects): NonNullable<CardKeyAccess['insi']> {
  const key = (keyLabel: string, certificateLabel: string): CardKeyRef | undefined => {
    const der = objects.certificates.get(certificateLabel);
    return der && { keyUri: keyUriOf(label, keyLabel), certificatePem: certificatePem(der) };
  };
  const automated = key(KEY_LABELS.orgInsiAutomated, CERTIFICATE_LABELS.orgInsiAutomated);
  const manual = key(KEY_LABELS.orgInsiManual, CERTIFICATE_LABELS.orgInsiManual);
  return { ...(automated ? { automated } : {}), ...(manual ? { manual } : {}) };
}

/** The professional (or establishment) a logged-in card names, checked against its authentication certificate. */
function readIdentity(label: string, objects: TokenObjects): CardIdentity {
  if (objects.data.has(OBJECT_LABELS.orgInfo)) {
    const organisation = dataObject(OrgInfoSchema, objects, label, OBJECT_LABELS.orgInfo);
    return {
      cardType: 'ORG',
      nationalId: `1${organisation.legalFiness}`,
      lastName: organisation.name,
      firstName: '',
      situations: [
        { structureId: `1${organisation.siteFiness}`, structureName: organisation.name, sector: organisation.sector },
      ],
      organisation,
    };
  }
  const idCard = dataObject(IdCardSchema, objects, label, OBJECT_LABELS.idCard);
  const name = dataObject(NameSchema, objects, label, OBJECT_LABELS.name);
  const info = dataObject(InfoSchema, objects, label, OBJECT_LABELS.info);
  const situations: PracticeSituation[] = [];
  // Practice situations are PIN-protected and their indexes may have gaps, as on a real CPS.
  for (let index = 1; index <= 16; index += 1) {
    const object = OBJECT_LABELS.activity(index);
    if (objects.data.has(object)) situations.push(dataObject(ActivitySchema, objects, label, object));
  }
  const authentication = new X509Certificate(certificate(objects, label, CERTIFICATE_LABELS.cpsAuthentication));
  if (!authentication.subject.split('\n').includes(`CN=${name.nationalId}`)) {
    throw new PasserelleError('TOKEN_CORRUPT', { label, reason: 'the certificate does not name the card holder' });
  }
  return {
    cardType: idCard.cardType,
    nationalId: name.nationalId,
    lastName: name.lastName,
    firstName: name.firstName,
    ...(info.profession ? { profession: info.profession } : {}),
    ...(info.specialty ? { specialty: info.specialty } : {}),
    situations,
  };
}

/** A card key's PKCS#11 URI (RFC 7512) as the OpenSSL engine finds it: the token and the object, never a PIN. */
function keyUriOf(label: string, keyLabel: string): string {
  return `pkcs11:token=${encodeURIComponent(label)};object=${keyLabel};type=private`;
}

/** Checks emulated Vitale data against the issuer certificate. */
export function vitaleVerifier(issuerCertificatePem: string): (data: Buffer, signature: Buffer) => boolean {
  const key = new X509Certificate(issuerCertificatePem).publicKey;
  return (data, signature) => verify('sha256', data, key, signature);
}
