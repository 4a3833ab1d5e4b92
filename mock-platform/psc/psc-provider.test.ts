import { request } from 'node:https';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type { KeyAndCertificate } from '../../interop/test-pki/index.js';
import { PscClient, type PscEndpoint } from '../../main/core/ecps/psc-client.js';
import { SEED_PROFESSIONALS, SEED_STRUCTURES } from '../seed/seed-data.js';
import { startTestPlatform, type TestPlatform } from '../testing.js';
import { PASSERELLE_PSC_CLIENT_ID } from './psc-clients.js';
import { PSC_REALM_PATH } from './psc-provider.js';

const GP = SEED_PROFESSIONALS.generaliste;
const CABINET = SEED_STRUCTURES.cabinetGeneraliste;

describe("the mock's Pro Santé Connect", () => {
  let platform: TestPlatform;
  let cabinet: KeyAndCertificate;
  let endpoint: PscEndpoint;

  /** What the console was told while the platform started (oidc-provider's development-only features warn there). */
  let warnings: string[] = [];

  beforeAll(async () => {
    const warn = vi.spyOn(console, 'warn');
    try {
      platform = await startTestPlatform();
      warnings = warn.mock.calls.map((call) => String(call[0]));
    } finally {
      warn.mockRestore();
    }
    cabinet = platform.pki.issueOrganisation({ finess: CABINET.id, name: CABINET.name, usage: 'authentication' });
    endpoint = {
      issuer: `${platform.url}${PSC_REALM_PATH}`,
      clientId: PASSERELLE_PSC_CLIENT_ID,
      mtls: {
        certificatePem: cabinet.certificatePem,
        privateKeyPem: cabinet.privateKeyPem,
        trustPem: [platform.pki.rootPem],
      },
    };
  });

  afterAll(async () => {
    await platform.dispose();
  });

  const signIn = async (client: PscClient, message: string) => {
    const pending = await client.startSignIn(GP, message, Date.now());
    const [request] = platform.psc.phone.list();
    return { pending, request };
  };

  it('publishes its endpoints under the Keycloak realm, with CIBA in poll mode and mutual-TLS client authentication', async () => {
    const { metadata } = await PscClient.connect(endpoint);
    const oidc = `${endpoint.issuer}/protocol/openid-connect`;
    expect(metadata).toMatchObject({
      issuer: endpoint.issuer,
      token_endpoint: `${oidc}/token`,
      backchannel_authentication_endpoint: `${oidc}/ext/ciba/auth`,
      introspection_endpoint: `${oidc}/token/introspect`,
      revocation_endpoint: `${oidc}/revoke`,
      end_session_endpoint: `${oidc}/logout`,
      jwks_uri: `${oidc}/certs`,
      backchannel_token_delivery_modes_supported: ['poll'],
      token_endpoint_auth_methods_supported: ['tls_client_auth'],
      tls_client_certificate_bound_access_tokens: true,
      acr_values_supported: ['eidas1'],
      code_challenge_methods_supported: ['S256'],
    });
  });

  /** One HTTPS exchange with the realm's pages, cookies kept as a browser would (paths aside). */
  const jar = new Map<string, string>();
  const visit = (url: string, body?: string): Promise<{ status: number; location: string; text: string }> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string> = {
        cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; '),
      };
      if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
      request(
        new URL(url, platform.url),
        { method: body === undefined ? 'GET' : 'POST', ca: platform.pki.rootPem, headers },
        (answer) => {
          for (const cookie of answer.headers['set-cookie'] ?? []) {
            const [pair = ''] = cookie.split(';');
            const at = pair.indexOf('=');
            jar.set(pair.slice(0, at), pair.slice(at + 1));
          }
          let text = '';
          answer.setEncoding('utf8');
          answer.on('data', (chunk: string) => (text += chunk));
          answer.on('end', () =>
            resolve({ status: answer.statusCode ?? 0, location: answer.headers.location ?? '', text }),
          );
        },
      )
        .on('error', reject)
        .end(body);
    });
  const authorize = (extra: Record<string, string>): Promise<{ status: number; location: string }> => {
    const query = new URLSearchParams({
      client_id: PASSERELLE_PSC_CLIENT_ID,
      response_type: 'code',
      scope: 'openid scope_all',
      acr_values: 'eidas1',
      redirect_uri: 'http://127.0.0.1:49152/callback',
      state: 'state-1',
      nonce: 'nonce-1',
      ...extra,
    });
    return visit(`${endpoint.issuer}/protocol/openid-connect/auth?${query.toString()}`);
  };
  const S256 = { code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' };

  it('requires PKCE with S256 for the authorization-code flow (the wallet’s browser route)', async () => {
    const plain = await authorize({ code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' });
    expect(plain.location).toContain('error=invalid_request');
    const none = await authorize({});
    expect(none.location).toContain('error=invalid_request');
    const s256 = await authorize(S256);
    expect(s256.status).toBe(303);
    expect(s256.location).toMatch(/\/interaction\//);
  });

  it('signs in through its own pages in the code flow, with no development-only feature left on', async () => {
    expect(warnings.filter((line) => line.includes('development-only'))).toEqual([]);
    jar.clear();
    const login = (await authorize({ ...S256, state: 'state-2' })).location;
    expect(login).toMatch(new RegExp(`^${PSC_REALM_PATH}/interaction/[\\w-]+$`));
    expect((await visit(login)).text).toContain('Identifiant national ou RPPS');
    const unknown = await visit(login, 'login=899700199999');
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain('Aucun compte e-CPS sous cet identifiant');

    // Known: signed in, then the scopes granted without a consent page, back to the client with a code.
    let next = (await visit(login, `login=${GP}`)).location;
    for (let hops = 0; hops < 4 && !next.startsWith('http://127.0.0.1:49152/'); hops += 1)
      next = (await visit(next)).location;
    const back = new URL(next);
    expect(back.pathname).toBe('/callback');
    expect(back.searchParams.get('state')).toBe('state-2');
    expect(back.searchParams.get('code')).toBeTruthy();
  });

  it('signs in a professional whose app approves, with tokens bound to the ORG certificate and her claims', async () => {
    const client = await PscClient.connect(endpoint);
    const { pending, request } = await signIn(client, 'PSR-1234');
    expect(request).toMatchObject({ nationalId: GP, bindingMessage: 'PSR-1234' });
    expect(await platform.psc.phone.respond({ nationalId: GP }, { approve: true })).toBe(true);
    const tokens = await client.waitSignIn(pending, () => Date.now());
    expect(tokens.subject).toBe(GP);
    const info = platform.psc.introspect(tokens.accessToken);
    expect(info).toMatchObject({ nationalId: GP, acr: 'eidas1' });
    expect(info?.certificateThumbprint).toBeDefined();
    const claims = await client.userinfo(tokens);
    expect(claims).toMatchObject({
      SubjectNameID: GP,
      Palier_Authentification: 'APPPRIP3^1.2.250.1.213.1.5.1.1.1',
      SubjectRole: ['10^1.2.250.1.213.1.1.5.5'],
      SubjectRefPro: {
        exercices: [
          {
            codeProfession: '10',
            codeSavoirFaire: 'SM26',
            activities: [{ ancienIdentifiantDeLaStructure: CABINET.id, codeSecteurDactivite: 'SA07' }],
          },
        ],
      },
    });
    const refreshed = await client.refresh(tokens.refreshToken!, Date.now());
    expect(platform.psc.introspect(refreshed.accessToken)?.nationalId).toBe(GP);
    await client.revoke(refreshed.accessToken, 'access_token');
    expect(platform.psc.introspect(refreshed.accessToken)).toBeUndefined();
  });

  it('reports a refusal on the app as a refusal', async () => {
    const client = await PscClient.connect(endpoint);
    const { pending } = await signIn(client, 'PSR-2345');
    await platform.psc.phone.respond({ nationalId: GP }, { approve: false });
    await expect(client.waitSignIn(pending, () => Date.now())).rejects.toMatchObject({ code: 'ECPS_REFUSED' });
  });

  it('refuses an approval below eidas1 in the client, before any token is used', async () => {
    const client = await PscClient.connect(endpoint);
    const { pending } = await signIn(client, 'PSR-3456');
    await platform.psc.phone.respond({ nationalId: GP }, { approve: true, acr: 'eidas0' });
    await expect(client.waitSignIn(pending, () => Date.now())).rejects.toMatchObject({
      code: 'ECPS_ACR_INSUFFICIENT',
    });
  });

  it('knows no account for an unknown national id', async () => {
    const client = await PscClient.connect(endpoint);
    await expect(client.startSignIn('899700199999', 'PSR-4567', Date.now())).rejects.toMatchObject({
      code: 'ECPS_UNKNOWN_PROFESSIONAL',
    });
  });

  it('refuses a client that authenticates with another structure’s certificate', async () => {
    const other = platform.pki.issueOrganisation({
      finess: '750000001',
      name: 'CHU Fictif de Paris',
      usage: 'authentication',
    });
    const client = await PscClient.connect({
      ...endpoint,
      mtls: { ...endpoint.mtls, certificatePem: other.certificatePem, privateKeyPem: other.privateKeyPem },
    });
    await expect(client.startSignIn(GP, 'PSR-5678', Date.now())).rejects.toMatchObject({
      code: 'ECPS_PROVIDER_ERROR',
      details: { reason: 'invalid_client' },
    });
  });
});
