import type { Signer } from '../../../interop/signing/signer.js';
import type { ClientKey } from '../platform/https-transport.js';

/** The professional as the card (or the establishment's configuration) tells it. */
export interface ProfessionalIdentity {
  readonly nationalId: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly profession?: { readonly code: string; readonly label: string };
  readonly specialty?: { readonly code: string; readonly label: string };
  /**
   * The practice situation the session acts in: structure id, name and activity sector, and whether it is a
   * SAMU regulation situation (a regulation physician's activity at a centre 15); absent, it is not.
   */
  readonly structure: {
    readonly id: string;
    readonly name: string;
    readonly sector: string;
    readonly medicalRegulation?: boolean;
  };
}

/**
 * Everything the platform chain needs from whoever authenticates: in direct mode a card (its authentication
 * key for TLS and the VIHF), in indirect mode the establishment's ORG certificates with a locally
 * authenticated user, in AIR mode the structure's ORG certificates with the professional signed in with e-CPS.
 */
export interface PlatformCredentials {
  /** `INDIRECTE_RENFORCEE` (AIR): the structure's ORG certificates carry the call, Pro Santé Connect proves who. */
  readonly authMode: 'DIRECTE' | 'INDIRECTE' | 'INDIRECTE_RENFORCEE';
  readonly identity: ProfessionalIdentity;
  /** Subject/NameID of the VIHF: the national id in direct mode, the local user id in indirect mode. */
  readonly actor: string;
  readonly vihfSigner: Signer;
  /** Signs submission sets (XAdES): the card's signature key in direct mode, the ORG signature key in indirect. */
  readonly documentSigner: Signer;
  readonly tls: TlsCredentials;
  /**
   * TLS to INSi, when it is not `tls`: an establishment's certificate issued for INSi (CN INSI-AUTO or
   * INSI-MANU), since INSi refuses its other ORG certificates. A card's authentication certificate serves both.
   */
  readonly insiTls?: TlsCredentials;
  /**
   * In AIR mode, the professional's live Pro Santé Connect access token (refreshed before it expires), which
   * the VIHF carries for the platform to introspect.
   */
  readonly pscAccessToken?: () => Promise<string>;
}

/** A TLS client certificate and its key. */
export interface TlsCredentials {
  readonly certificatePem: string;
  readonly key: ClientKey;
}

/** The calling software, as the platform and INSi know it. */
export interface SoftwareIdentity {
  readonly name: string;
  readonly version: string;
  /** CNDA homologation number (DMP). */
  readonly homologation: string;
  /** IDAM authorization number (INSi). */
  readonly idam: string;
  /** The OID that identifies this installation as the sender of HL7 messages. */
  readonly oid: string;
}
