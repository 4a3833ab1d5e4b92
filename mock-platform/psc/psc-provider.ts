import { generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';

import type Provider from 'oidc-provider';
import type { Account, ClientMetadata, KoaContextWithOIDC } from 'oidc-provider';

import type { TrustAnchors } from '../trust/trust-anchors.js';
import { ECPS_ACCOUNTS, pscClaims, type EcpsAccount } from './ecps-accounts.js';
import { EcpsPhone, type PendingRequest, type PhoneAnswer } from './ecps-phone.js';
import { createInteractionHandler, INTERACTION_PATH } from './psc-interactions.js';
import { PscStore } from './psc-store.js';

/** Where Pro Santé Connect's realm lives, as on the real Keycloak. */
export const PSC_REALM_PATH = '/auth/realms/esante-wallet';
/** The Keycloak endpoints' folder under the realm. */
const OIDC = '/protocol/openid-connect';
/** The authentication level an e-CPS sign-in reaches. */
export const PSC_ACR = 'eidas1';
/** How often a client may poll for a CIBA answer, in seconds. */
const POLL_INTERVAL_SECONDS = 1;
/** The scopes a DMP software asks for. */
export const PSC_SCOPE = 'openid scope_all';
/** The claims of `scope_all`. */
const SCOPE_ALL_CLAIMS = [
  'preferred_username',
  'given_name',
  'family_name',
  'SubjectNameID',
  'SubjectOrganization',
  'SubjectOrganizationID',
  'SubjectRole',
  'SubjectRefPro',
  'Secteur_Activite',
  'Palier_Authentification',
  'Acces_Regulation_Medicale',
  'authMode',
  'otherIds',
];

/** A client of the mock's PSC: Passerelle, registered with the subject of its ORG authentication certificate. */
export interface PscClientRegistration {
  readonly clientId: string;
  /** The subject DN of the ORG certificate it authenticates with (RFC 8705 `tls_client_auth_subject_dn`). */
  readonly subjectDn: string;
  readonly redirectUris: readonly string[];
}

export interface PscOptions {
  /** `https://localhost:<port>`: the realm is under it. */
  readonly origin: string;
  readonly trust: TrustAnchors;
  readonly clients: readonly PscClientRegistration[];
  readonly now: () => Date;
  /** Access token lifetime in seconds (PSC's are short). */
  readonly accessTokenSeconds: number;
  /** Refresh token (and grant) lifetime in seconds. */
  readonly refreshTokenSeconds: number;
  /** How long a sign-in request waits for the app's answer, in seconds. */
  readonly requestSeconds: number;
  readonly autoApprove: boolean;
}

/** What the platform's services learn by introspecting a PSC access token. */
export interface PscTokenInfo {
  readonly nationalId: string;
  readonly acr: string | undefined;
  /** Epoch seconds. */
  readonly expiresAt: number;
  /** SHA-256 thumbprint (base64url) of the certificate the token is bound to. */
  readonly certificateThumbprint: string | undefined;
}

/** The mock's Pro Santé Connect, mounted on the platform's server. */
export interface MockPsc {
  readonly issuer: string;
  readonly phone: EcpsPhone;
  /** Serves a request whose path is under {@link PSC_REALM_PATH}. */
  handle(request: IncomingMessage, response: ServerResponse): void;
  /** The token's facts when it is a live access token of this provider; undefined otherwise. */
  introspect(accessToken: string): PscTokenInfo | undefined;
}

/** The subject DN of a certificate, most specific part first (`CN=…,OU=…,O=…,C=FR`), as RFC 4514 writes it. */
export function subjectDn(certificate: X509Certificate): string {
  return certificate.subject.split('\n').reverse().join(',');
}

/** A login hint names the professional by national id (`8` + RPPS) or by RPPS alone. */
function accountOf(hint: string): EcpsAccount | undefined {
  const nationalId = /^\d{11}$/.test(hint) ? `8${hint}` : hint;
  return ECPS_ACCOUNTS.find((account) => account.nationalId === nationalId);
}

function peerCertificate(ctx: KoaContextWithOIDC): X509Certificate | undefined {
  const peer = (ctx.socket as TLSSocket).getPeerCertificate();
  return peer.raw ? new X509Certificate(peer.raw) : undefined;
}

/** The acr the sign-in reached, as the flow's record of it says. */
function acrOf(ctx: KoaContextWithOIDC): string | undefined {
  const { entities } = ctx.oidc;
  return (entities.BackchannelAuthenticationRequest ?? entities.AuthorizationCode ?? entities.RefreshToken)?.acr;
}

/**
 * Builds the mock's PSC over oidc-provider: discovery and JWKS, authorization code with PKCE S256, CIBA in poll
 * mode, mutual-TLS client authentication with certificate-bound tokens (RFC 8705), short access tokens,
 * refresh, introspection, revocation and logout, all under Keycloak's paths.
 */
export async function createMockPsc(options: PscOptions): Promise<MockPsc> {
  // Loaded when a platform starts, not when a command that never starts one is read: it speaks up on import.
  const { default: OidcProvider, errors } = await import('oidc-provider');
  const issuer = `${options.origin}${PSC_REALM_PATH}`;
  const nowMs = (): number => options.now().getTime();
  const store = new PscStore();
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const jwk = {
    ...signingKey.export({ format: 'jwk' }),
    kid: randomBytes(8).toString('hex'),
    use: 'sig',
    alg: 'RS256',
  };

  const clients: ClientMetadata[] = options.clients.map((client) => ({
    client_id: client.clientId,
    token_endpoint_auth_method: 'tls_client_auth',
    tls_client_auth_subject_dn: client.subjectDn,
    tls_client_certificate_bound_access_tokens: true,
    grant_types: ['authorization_code', 'refresh_token', 'urn:openid:params:grant-type:ciba'],
    response_types: ['code'],
    redirect_uris: [...client.redirectUris],
    application_type: 'native',
    backchannel_token_delivery_mode: 'poll',
    backchannel_user_code_parameter: false,
  }));

  const provider: Provider = new OidcProvider(issuer, {
    adapter: (name: string) => store.adapter(name),
    clients,
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    scopes: ['openid', 'scope_all'],
    claims: { openid: ['sub'], scope_all: SCOPE_ALL_CLAIMS },
    acrValues: [PSC_ACR],
    clientAuthMethods: ['tls_client_auth'],
    pkce: { required: () => true },
    findAccount: (_ctx, id): Account | undefined => {
      const account = accountOf(id);
      return (
        account && {
          accountId: account.nationalId,
          // The subject is the national id (real PSC writes `f:<uuid>:<national id>`; nothing here reads the uuid).
          claims: () => ({ sub: account.nationalId, ...pscClaims(account) }),
        }
      );
    },
    // The access token carries the professional's national id: introspection answers it, as PSC's does.
    extraTokenClaims: (ctx, token) =>
      token.kind === 'AccessToken' ? { SubjectNameID: token.accountId, acr: acrOf(ctx) } : undefined,
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    ttl: {
      AccessToken: options.accessTokenSeconds,
      RefreshToken: options.refreshTokenSeconds,
      // The grant outlives each of its tokens: an expired refresh token must not take a live access token with it.
      Grant: Math.max(options.refreshTokenSeconds, options.accessTokenSeconds),
      BackchannelAuthenticationRequest: options.requestSeconds,
      AuthorizationCode: 60,
      IdToken: options.accessTokenSeconds,
      Interaction: 600,
      Session: options.refreshTokenSeconds,
    },
    interactions: { url: (_ctx, interaction) => `${PSC_REALM_PATH}${INTERACTION_PATH}${interaction.uid}` },
    routes: {
      authorization: `${OIDC}/auth`,
      backchannel_authentication: `${OIDC}/ext/ciba/auth`,
      token: `${OIDC}/token`,
      userinfo: `${OIDC}/userinfo`,
      jwks: `${OIDC}/certs`,
      introspection: `${OIDC}/token/introspect`,
      revocation: `${OIDC}/revoke`,
      end_session: `${OIDC}/logout`,
    },
    features: {
      introspection: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      // The wallet's sign-in pages for the authorization-code flow are the mock's own (see psc-interactions.ts).
      devInteractions: { enabled: false },
      mTLS: {
        enabled: true,
        tlsClientAuth: true,
        certificateBoundAccessTokens: true,
        getCertificate: (ctx) => peerCertificate(ctx),
        certificateAuthorized: (ctx) => {
          const certificate = peerCertificate(ctx);
          return (
            (ctx.socket as TLSSocket).authorized &&
            certificate !== undefined &&
            options.trust.classify(certificate, options.now())?.family === 'organisations'
          );
        },
        certificateSubjectMatches: (ctx, property, expected) => {
          const certificate = peerCertificate(ctx);
          return (
            property === 'tls_client_auth_subject_dn' &&
            certificate !== undefined &&
            subjectDn(certificate) === expected
          );
        },
      },
      ciba: {
        enabled: true,
        deliveryModes: ['poll'],
        processLoginHint: (_ctx, hint) => {
          const account = accountOf(hint ?? '');
          if (!account) throw new errors.UnknownUserId('no e-CPS account for this national id');
          return account.nationalId;
        },
        processLoginHintToken: () => {
          throw new errors.InvalidRequest('login_hint_token is not supported: send login_hint');
        },
        validateBindingMessage: (_ctx, message) => {
          if (message === undefined || !/^[A-Z0-9-]{4,20}$/.test(message))
            throw new errors.InvalidBindingMessage('binding_message is required: 4 to 20 capitals, digits or dashes');
        },
        validateRequestContext: () => undefined,
        verifyUserCode: () => undefined,
        triggerAuthenticationDevice: async (_ctx, request, account) => {
          await phone.ring({
            id: request.jti,
            nationalId: account.accountId,
            bindingMessage: typeof request.params?.binding_message === 'string' ? request.params.binding_message : '',
            // The request is stored after this hook: its lifetime is the configured one from now.
            expiresAt: nowMs() + options.requestSeconds * 1000,
          });
        },
      },
    },
  });

  async function deliver(pending: PendingRequest, answer: PhoneAnswer): Promise<void> {
    const request = await provider.BackchannelAuthenticationRequest.find(pending.id);
    if (!request) return;
    if (!answer.approve) {
      await provider.backchannelResult(request, new errors.AccessDenied('the professional refused the sign-in'));
      return;
    }
    const grant = new provider.Grant({ accountId: pending.nationalId, clientId: request.clientId ?? '' });
    grant.addOIDCScope(request.scope ?? PSC_SCOPE);
    await grant.save();
    await provider.backchannelResult(request, grant, {
      acr: answer.acr ?? PSC_ACR,
      amr: ['mfa', 'swk'],
      authTime: Math.floor(nowMs() / 1000),
    });
  }

  // The app answers within a second or two: clients may poll every second (the spec's default is 5 s).
  provider.use(async (ctx, next) => {
    await next();
    const route = (ctx as { oidc?: { route?: string } }).oidc?.route;
    if (route === 'backchannel_authentication' && ctx.status === 200 && typeof ctx.body === 'object')
      Object.assign(ctx.body as object, { interval: POLL_INTERVAL_SECONDS });
  });

  const phone = new EcpsPhone(deliver, nowMs, options.autoApprove);
  const callback = provider.callback();
  const interaction = createInteractionHandler({
    provider,
    realmPath: PSC_REALM_PATH,
    accountOf: (hint) => accountOf(hint)?.nationalId,
    acr: PSC_ACR,
  });

  return {
    issuer,
    phone,
    handle(request, response) {
      const original = request.url ?? '/';
      (request as IncomingMessage & { originalUrl?: string }).originalUrl = original;
      request.url = original.slice(PSC_REALM_PATH.length) || '/';
      const path = request.url.split('?')[0] ?? '';
      if (path.startsWith(INTERACTION_PATH) && (request.method === 'GET' || request.method === 'POST')) {
        interaction(request, response, path.slice(INTERACTION_PATH.length)).catch(() => {
          if (!response.headersSent) response.writeHead(500).end();
        });
        return;
      }
      void callback(request, response);
    },
    introspect(accessToken) {
      const payload = store.peek('AccessToken', accessToken);
      if (!payload || payload.consumed !== undefined || typeof payload.exp !== 'number') return undefined;
      if (payload.exp * 1000 <= nowMs()) return undefined;
      const extra = payload.extra ?? {};
      return {
        nationalId: typeof extra.SubjectNameID === 'string' ? extra.SubjectNameID : (payload.accountId ?? ''),
        acr: typeof extra.acr === 'string' ? extra.acr : undefined,
        expiresAt: payload.exp,
        certificateThumbprint: (payload as { 'x5t#S256'?: string })['x5t#S256'],
      };
    },
  };
}
