import { createPrivateKey, createSign, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { z } from 'zod';

import { PasserelleError } from '../../../api/errors/index.js';
import type { Signer } from '../../../interop/signing/signer.js';
import {
  readStructureCertificates,
  STRUCTURE_FOLDER,
  type PemKeyPair,
  type StructureCertificates,
} from '../../../native-bridge/index.js';
import type { PlatformCredentials, ProfessionalIdentity } from '../session/credentials.js';
import type { SealedBox } from '../storage/sealed-box.js';
import { chooseSituation, identityOf, readUserinfo, type WorkSituation } from './ecps-identity.js';
import { PSC_REALM_PATH, PscClient, type PendingSignIn, type PscTokens } from './psc-client.js';

/** Passerelle's client id at Pro Santé Connect. */
export const PSC_CLIENT_ID = 'passerelle';
/** The session file: who is signed in, in which situation, and her refresh token sealed with the data key. */
const SESSION_FILE = 'ecps-session.json';
/** A token this close to its end is refreshed before use: a call must not reach the platform with a dying token. */
const REFRESH_MARGIN_MS = 30_000;

/** What the e-CPS desk takes from the workstation. */
export interface EcpsContext {
  readonly home: string;
  readonly platform: { readonly url: string; trust(): readonly string[] };
  readonly clock: () => Date;
  sealedBox(): SealedBox;
}

/** A professional signed in with e-CPS, as the contract shows her. */
export interface EcpsSessionView {
  readonly identity: ProfessionalIdentity;
  /** The chosen work situation (1-based) among `situations`. */
  readonly activity: number;
  readonly situations: readonly WorkSituation[];
  /** When the current access token ends (it is refreshed before). */
  readonly until: Date;
}

const StoredSessionSchema = z.object({
  nationalId: z.string().regex(/^\d{12}$/),
  activity: z.number().int().min(1),
  refreshToken: z.string().min(1),
});

/** A Signer over a software key: the structure's seal. */
function softwareSigner(pair: PemKeyPair): Signer {
  const key = createPrivateKey(pair.privateKeyPem);
  return {
    certificatePem: pair.certificatePem,
    signSha256: (data) => Promise.resolve(createSign('sha256').update(data).sign(key)),
  };
}

/** A binding message the professional compares on her phone: short, unambiguous characters. */
function bindingMessage(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(6);
  const code = [...bytes].map((byte) => alphabet[byte % alphabet.length]).join('');
  return `PSR-${code}`;
}

interface Signing {
  readonly client: PscClient;
  readonly signIn: PendingSignIn;
  readonly activity: number | undefined;
  readonly abort: AbortController;
}

/** The signed-in session: tokens in memory only (the refresh token also sealed on disk), refreshed before expiry. */
class EcpsSession {
  private refreshing: Promise<PscTokens> | undefined;

  constructor(
    readonly view: EcpsSessionView,
    private tokens: PscTokens,
    private readonly client: PscClient,
    private readonly persist: (refreshToken: string | undefined) => void,
    private readonly now: () => number,
  ) {}

  /** A live access token: refreshed first when it ends within the margin; an ended session says so. */
  async accessToken(): Promise<string> {
    if (this.tokens.accessExpiresAt - this.now() > REFRESH_MARGIN_MS) return this.tokens.accessToken;
    const refreshToken = this.tokens.refreshToken;
    if (!refreshToken) throw new PasserelleError('ECPS_SESSION_EXPIRED');
    this.refreshing ??= this.client.refresh(refreshToken, this.now()).finally(() => (this.refreshing = undefined));
    try {
      this.tokens = await this.refreshing;
    } catch (error) {
      this.persist(undefined);
      throw error;
    }
    this.persist(this.tokens.refreshToken);
    return this.tokens.accessToken;
  }

  get until(): Date {
    return new Date(this.tokens.accessExpiresAt);
  }

  async revoke(): Promise<void> {
    if (this.tokens.refreshToken) await this.client.revoke(this.tokens.refreshToken, 'refresh_token');
    await this.client.revoke(this.tokens.accessToken, 'access_token');
  }
}

/**
 * Signing in with e-CPS (Pro Santé Connect, CIBA in poll mode) on a workstation whose structure's software ORG
 * certificates are installed, and the session it opens: the platform credentials of AIR mode (the structure's
 * certificates carry TLS and sign the VIHF, the PSC token proves who she is). The refresh token is kept sealed
 * with the home's data key so that the next command resumes the session; the access token never leaves memory.
 */
export class EcpsDesk {
  private readonly signing = new Map<string, Signing>();
  private session: EcpsSession | undefined;
  private credentialsOf: PlatformCredentials | undefined;

  constructor(private readonly context: EcpsContext) {}

  /** Starts a sign-in: the binding message to show, and until when the app may approve it. */
  async start(
    loginHint: string,
    activity: number | undefined,
  ): Promise<{ requestId: string; bindingMessage: string; expiresAt: Date }> {
    const client = await this.client();
    const signIn = await client.startSignIn(loginHint, bindingMessage(), this.now());
    const requestId = randomUUID();
    this.signing.set(requestId, { client, signIn, activity, abort: new AbortController() });
    return { requestId, bindingMessage: signIn.bindingMessage, expiresAt: new Date(signIn.expiresAt) };
  }

  /** Waits for the app's answer; approved, the session opens in the chosen work situation. */
  async wait(requestId: string, signal?: AbortSignal): Promise<EcpsSessionView> {
    const signing = this.signing.get(requestId);
    if (!signing) throw new PasserelleError('INVALID_INPUT', { reason: 'unknown sign-in request' });
    const onAbort = (): void => signing.abort.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const tokens = await signing.client.waitSignIn(signing.signIn, () => this.now(), signing.abort.signal);
      return await this.open(signing.client, tokens, signing.activity, true);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.signing.delete(requestId);
    }
  }

  /** Stops waiting for a sign-in. */
  cancel(requestId: string): void {
    this.signing.get(requestId)?.abort.abort();
  }

  /**
   * The session of this process (its access token refreshed when it is about to end: a window keeps the
   * session it shows alive this way), else the one the home keeps (refreshed now); NOT_SIGNED_IN without either.
   */
  async resume(): Promise<EcpsSessionView> {
    const open = this.session;
    if (open) {
      await open.accessToken();
      return { ...open.view, until: open.until };
    }
    const stored = this.readStored();
    if (!stored) throw new PasserelleError('ECPS_NOT_SIGNED_IN');
    const client = await this.client();
    let tokens: PscTokens;
    try {
      tokens = await client.refresh(stored.refreshToken, this.now());
    } catch (error) {
      if (error instanceof PasserelleError && error.code === 'ECPS_SESSION_EXPIRED') this.forget();
      throw error;
    }
    return this.open(client, tokens, stored.activity, false);
  }

  /** Who is signed in, if anyone is in this process. */
  status(): EcpsSessionView | undefined {
    return this.session && { ...this.session.view, until: this.session.until };
  }

  /** Ends the session: its tokens revoked at PSC, the sealed refresh token removed. */
  async logout(): Promise<void> {
    const session = this.session ?? (this.readStored() ? await this.resume().then(() => this.session) : undefined);
    try {
      await session?.revoke();
    } finally {
      this.forget();
    }
  }

  /** The platform credentials of the signed-in session (AIR mode), if one is open in this process. */
  credentials(): PlatformCredentials | undefined {
    return this.credentialsOf;
  }

  private async open(
    client: PscClient,
    tokens: PscTokens,
    activity: number | undefined,
    fresh: boolean,
  ): Promise<EcpsSessionView> {
    const certificates = this.structure();
    let view: EcpsSessionView;
    try {
      const professional = readUserinfo(await client.userinfo(tokens));
      const { situation, index } = chooseSituation(professional, activity, certificates.structure.id);
      view = {
        identity: identityOf(professional, situation),
        activity: index,
        situations: professional.situations,
        until: new Date(tokens.accessExpiresAt),
      };
    } catch (error) {
      // A sign-in that cannot be used is not left alive at PSC.
      if (fresh)
        await client
          .revoke(tokens.refreshToken ?? tokens.accessToken, tokens.refreshToken ? 'refresh_token' : 'access_token')
          .catch(() => undefined);
      throw error;
    }
    const persist = (refreshToken: string | undefined): void => {
      if (refreshToken === undefined) this.forget();
      else this.store({ nationalId: view.identity.nationalId, activity: view.activity, refreshToken });
    };
    persist(tokens.refreshToken);
    const session = new EcpsSession(view, tokens, client, persist, () => this.now());
    this.session = session;
    const seal = softwareSigner(certificates.signature);
    this.credentialsOf = {
      authMode: 'INDIRECTE_RENFORCEE',
      identity: view.identity,
      actor: view.identity.nationalId,
      vihfSigner: seal,
      documentSigner: seal,
      tls: {
        certificatePem: certificates.authentication.certificatePem,
        key: { kind: 'pem', pem: certificates.authentication.privateKeyPem },
      },
      insiTls: {
        certificatePem: certificates.insi.certificatePem,
        key: { kind: 'pem', pem: certificates.insi.privateKeyPem },
      },
      pscAccessToken: () => session.accessToken(),
    };
    return view;
  }

  private structure(): StructureCertificates {
    const certificates = readStructureCertificates(this.context.home);
    if (!certificates)
      throw new PasserelleError('ECPS_STRUCTURE_CERTIFICATE_MISSING', {
        folder: join(this.context.home, STRUCTURE_FOLDER),
      });
    return certificates;
  }

  private async client(): Promise<PscClient> {
    const certificates = this.structure();
    return PscClient.connect({
      issuer: `${this.context.platform.url}${PSC_REALM_PATH}`,
      clientId: PSC_CLIENT_ID,
      mtls: {
        certificatePem: certificates.authentication.certificatePem,
        privateKeyPem: certificates.authentication.privateKeyPem,
        trustPem: this.context.platform.trust(),
      },
    });
  }

  private now(): number {
    return this.context.clock().getTime();
  }

  private get sessionPath(): string {
    return join(this.context.home, SESSION_FILE);
  }

  private store(session: z.infer<typeof StoredSessionSchema>): void {
    const sealed = this.context.sealedBox().sealText(session.refreshToken, `ecps-refresh:${session.nationalId}`);
    writeFileSync(
      this.sessionPath,
      JSON.stringify({
        nationalId: session.nationalId,
        activity: session.activity,
        refreshToken: sealed.toString('base64'),
      }),
      { mode: 0o600 },
    );
  }

  private readStored(): z.infer<typeof StoredSessionSchema> | undefined {
    let text: string;
    try {
      text = readFileSync(this.sessionPath, 'utf8');
    } catch {
      return undefined;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = StoredSessionSchema.safeParse(json);
    if (!parsed.success) throw new PasserelleError('STORED_DATA_CORRUPT', { reason: SESSION_FILE });
    const refreshToken = this.context
      .sealedBox()
      .openText(Buffer.from(parsed.data.refreshToken, 'base64'), `ecps-refresh:${parsed.data.nationalId}`);
    return { ...parsed.data, refreshToken };
  }

  /** Forgets the session here and on disk. */
  private forget(): void {
    this.session = undefined;
    this.credentialsOf = undefined;
    rmSync(this.sessionPath, { force: true });
  }
}
