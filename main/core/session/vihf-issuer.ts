import type { AccessMode } from '../../../interop/vihf/index.js';
import { buildSignedVihf } from '../../../interop/vihf/index.js';
import { checkAccessMode } from './centre-15.js';
import type { PlatformCredentials, SoftwareIdentity } from './credentials.js';

export interface PatientRef {
  readonly matricule: string;
  readonly oid: string;
}

export interface AccessContext {
  readonly mode: AccessMode;
  /** Required for the emergency modes. */
  readonly reason?: string;
  /** A minor's secret connection: the VIHF's confidentiality code says her legal representatives are kept out. */
  readonly secretConnection?: boolean;
}

/**
 * Issues the VIHF of each call, and reuses a signed one for the same patient and access for a few minutes:
 * a real card takes about a second a signature, and the platform accepts a token issued within ±5 min, so
 * one signature serves a consultation instead of one per request.
 */
export class VihfIssuer {
  /** The token being signed or signed, so that concurrent calls for the same patient wait for one signature. */
  private readonly cache = new Map<string, { xml: Promise<string>; issuedAt: number }>();
  private readonly sessionStart: Date;
  /** How many VIHFs were signed: card operations, counted for the benchmarks. */
  signatures = 0;

  constructor(
    private readonly credentials: PlatformCredentials,
    private readonly software: SoftwareIdentity,
    private readonly now: () => Date = () => new Date(),
    private readonly maxAgeMs = 4 * 60 * 1000,
  ) {
    this.sessionStart = now();
  }

  /** The token for calls about a patient in an access mode; centre 15 only from a SAMU regulation situation. */
  async forPatient(patient: PatientRef | undefined, access: AccessContext = { mode: 'normal' }): Promise<string> {
    checkAccessMode(this.credentials.identity, access.mode);
    // A refreshed PSC token is a new token: the VIHF that carried the previous one is not reused.
    const pscAccessToken = await this.credentials.pscAccessToken?.();
    const key = `${patient?.matricule ?? '-'}|${patient?.oid ?? '-'}|${access.mode}|${access.reason ?? ''}|${access.secretConnection ? 'secret' : ''}|${pscAccessToken ?? ''}`;
    const now = this.now();
    const cached = this.cache.get(key);
    if (cached && now.getTime() - cached.issuedAt < this.maxAgeMs) return cached.xml;
    const xml = this.sign(patient, access, now, pscAccessToken);
    const entry = { xml, issuedAt: now.getTime() };
    this.cache.set(key, entry);
    // A failed signature (card removed, PIN blocked) is not kept: the next call tries again.
    void xml.catch(() => {
      if (this.cache.get(key) === entry) this.cache.delete(key);
    });
    return xml;
  }

  private async sign(
    patient: PatientRef | undefined,
    access: AccessContext,
    now: Date,
    pscAccessToken: string | undefined,
  ): Promise<string> {
    const { identity } = this.credentials;
    const xml = await buildSignedVihf(
      {
        actor: this.credentials.actor,
        authMode: this.credentials.authMode,
        structureId: identity.structure.id,
        sector: identity.structure.sector,
        subjectName: `${identity.lastName} ${identity.firstName}`,
        ...(identity.profession ? { profession: identity.profession } : {}),
        ...(identity.specialty ? { specialty: identity.specialty } : {}),
        accessMode: access.mode,
        ...(access.reason ? { accessReason: access.reason } : {}),
        // Only a regulation situation reaches here in centre 15 (checkAccessMode): the claim states what the
        // card says of that situation, and the platform checks it against its directory.
        ...(access.mode === 'centre_15' ? { medicalRegulation: true } : {}),
        ...(patient ? { patient } : {}),
        ...(pscAccessToken === undefined ? {} : { pscAccessToken }),
        ...(access.secretConnection ? { secretConnection: true } : {}),
        software: {
          name: this.software.name,
          version: this.software.version,
          homologation: this.software.homologation,
        },
        issueInstant: now,
        authnInstant: this.sessionStart,
      },
      this.credentials.vihfSigner,
    );
    this.signatures += 1;
    return xml;
  }

  /** Forgets every token: the card was removed or the session closed. */
  clear(): void {
    this.cache.clear();
  }
}
