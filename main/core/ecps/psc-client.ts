import * as oidc from 'openid-client';

import { PasserelleError } from '../../../api/errors/index.js';
import { mtlsFetch, type MtlsIdentity } from './mtls-fetch.js';

/** The authentication level the DMP requires of a Pro Santé Connect sign-in. */
export const PSC_ACR = 'eidas1';
/** What a DMP software asks Pro Santé Connect for. */
export const PSC_SCOPE = 'openid scope_all';
/** Where PSC lives under a platform's address (its Keycloak realm). */
export const PSC_REALM_PATH = '/auth/realms/esante-wallet';

/** Where the provider is and who the client is there. */
export interface PscEndpoint {
  readonly issuer: string;
  readonly clientId: string;
  readonly mtls: MtlsIdentity;
}

/** A started sign-in: what the professional's app shows, and the handle to poll with. */
export interface PendingSignIn {
  readonly response: oidc.BackchannelAuthenticationResponse;
  readonly bindingMessage: string;
  /** Epoch milliseconds after which the request can no longer be approved. */
  readonly expiresAt: number;
}

/** Tokens of a signed-in professional, once verified. */
export interface PscTokens {
  readonly accessToken: string;
  readonly refreshToken: string | undefined;
  /** Epoch milliseconds. */
  readonly accessExpiresAt: number;
  /** The ID token's subject: userinfo must answer for the same one. */
  readonly subject: string;
}

/** The OAuth error code of a provider's answer, if it is one. */
function oauthError(error: unknown): string | undefined {
  if (error instanceof oidc.ResponseBodyError) return error.error;
  return undefined;
}

function providerFailure(error: unknown): PasserelleError {
  if (error instanceof PasserelleError) return error;
  const code = oauthError(error);
  if (code !== undefined) return new PasserelleError('ECPS_PROVIDER_ERROR', { reason: code }, { cause: error });
  // openid-client's own checks (signature, issuer, audience, nonce, state…) come as ClientError with a code.
  if (error instanceof oidc.ClientError)
    return new PasserelleError('ECPS_TOKEN_INVALID', { reason: error.code ?? 'check' }, { cause: error });
  return new PasserelleError(
    'ECPS_PROVIDER_ERROR',
    { reason: error instanceof Error ? error.name : 'unknown' },
    { cause: error },
  );
}

/**
 * Passerelle's client of Pro Santé Connect, over openid-client: discovery, CIBA in poll mode, refresh, userinfo
 * and revocation, authenticated by the structure's ORG certificate (RFC 8705 `tls_client_auth`). ID tokens are
 * checked in full (signature against the provider's JWKS, issuer, audience, expiry) and must prove `eidas1`.
 */
export class PscClient {
  private constructor(private readonly config: oidc.Configuration) {}

  static async connect(endpoint: PscEndpoint): Promise<PscClient> {
    const fetch = mtlsFetch(endpoint.mtls);
    try {
      const config = await oidc.discovery(
        new URL(endpoint.issuer),
        endpoint.clientId,
        { tls_client_certificate_bound_access_tokens: true },
        oidc.TlsClientAuth(),
        { [oidc.customFetch]: fetch },
      );
      config[oidc.customFetch] = fetch;
      oidc.enableNonRepudiationChecks(config);
      return new PscClient(config);
    } catch (error) {
      throw providerFailure(error);
    }
  }

  /** What the provider published in its discovery document. */
  get metadata(): oidc.ServerMetadata {
    return this.config.serverMetadata();
  }

  /** Asks PSC to have the professional approve a sign-in on her app, showing `bindingMessage`. */
  async startSignIn(loginHint: string, bindingMessage: string, now: number): Promise<PendingSignIn> {
    try {
      const response = await oidc.initiateBackchannelAuthentication(this.config, {
        scope: PSC_SCOPE,
        login_hint: loginHint,
        binding_message: bindingMessage,
        acr_values: PSC_ACR,
      });
      return { response, bindingMessage, expiresAt: now + response.expires_in * 1000 };
    } catch (error) {
      if (oauthError(error) === 'unknown_user_id')
        throw new PasserelleError('ECPS_UNKNOWN_PROFESSIONAL', {}, { cause: error });
      throw providerFailure(error);
    }
  }

  /** Polls until the professional answers: her tokens, or a refusal, a timeout, a cancellation. */
  async waitSignIn(pending: PendingSignIn, now: () => number, signal?: AbortSignal): Promise<PscTokens> {
    try {
      const tokens = await oidc.pollBackchannelAuthenticationGrant(this.config, pending.response, undefined, {
        ...(signal ? { signal } : {}),
      });
      return this.verified(tokens, now());
    } catch (error) {
      if (signal?.aborted) throw new PasserelleError('ECPS_CANCELLED', {}, { cause: error });
      const code = oauthError(error);
      if (code === 'access_denied') throw new PasserelleError('ECPS_REFUSED', {}, { cause: error });
      if (code === 'expired_token') throw new PasserelleError('ECPS_TIMEOUT', {}, { cause: error });
      throw providerFailure(error);
    }
  }

  /** New tokens for a refresh token; an expired or revoked one ends the session. */
  async refresh(refreshToken: string, now: number): Promise<PscTokens> {
    try {
      return this.verified(await oidc.refreshTokenGrant(this.config, refreshToken), now, refreshToken);
    } catch (error) {
      if (oauthError(error) === 'invalid_grant')
        throw new PasserelleError('ECPS_SESSION_EXPIRED', {}, { cause: error });
      throw providerFailure(error);
    }
  }

  /** PSC's claims about the professional (scope_all), for the ID token's subject. */
  async userinfo(tokens: PscTokens): Promise<oidc.UserInfoResponse> {
    try {
      return await oidc.fetchUserInfo(this.config, tokens.accessToken, tokens.subject);
    } catch (error) {
      if (error instanceof oidc.WWWAuthenticateChallengeError)
        throw new PasserelleError('ECPS_SESSION_EXPIRED', {}, { cause: error });
      throw providerFailure(error);
    }
  }

  /** Revokes a token (logout); one already gone is fine. */
  async revoke(token: string, hint: 'access_token' | 'refresh_token'): Promise<void> {
    try {
      await oidc.tokenRevocation(this.config, token, { token_type_hint: hint });
    } catch (error) {
      throw providerFailure(error);
    }
  }

  private verified(
    tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers,
    now: number,
    previousRefresh?: string,
  ): PscTokens {
    const claims = tokens.claims();
    if (!claims) throw new PasserelleError('ECPS_TOKEN_INVALID', { reason: 'no ID token' });
    if (claims.acr !== PSC_ACR)
      throw new PasserelleError('ECPS_ACR_INSUFFICIENT', {
        acr: typeof claims.acr === 'string' ? claims.acr.slice(0, 20) : '-',
      });
    return {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token ?? previousRefresh,
      accessExpiresAt: now + (tokens.expires_in ?? 60) * 1000,
      subject: claims.sub,
    };
  }
}
