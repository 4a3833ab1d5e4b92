import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import * as oidc from 'openid-client';

import { mtlsFetch } from '../../main/core/ecps/mtls-fetch.js';
import { PscClient } from '../../main/core/ecps/psc-client.js';
import { SEED_MATRICULES, SEED_PROFESSIONALS, SEED_STRUCTURES } from '../../mock-platform/seed/seed-data.js';
import { faultCode, recordStatus, td02, td03, type TestCaller } from '../../mock-platform/test-support/dmp-caller.js';
import { pemSigner } from '../../mock-platform/test-support/pem-signer.js';
import { startTestPlatform, type TestPlatform } from '../../mock-platform/testing.js';
import { PASSERELLE_PSC_CLIENT_ID } from '../../mock-platform/psc/psc-clients.js';
import { PSC_REALM_PATH } from '../../mock-platform/psc/psc-provider.js';

const GP = SEED_PROFESSIONALS.generaliste;
const CABINET = SEED_STRUCTURES.cabinetGeneraliste;
const ADULT = SEED_MATRICULES.adulte;

describe('a DMP call in AIR mode, the professional proved by Pro Santé Connect', () => {
  let platform: TestPlatform;
  let cabinet: TestCaller;
  let token: string;
  let client: PscClient;

  const signIn = async (nationalId: string): Promise<string> => {
    const pending = await client.startSignIn(nationalId, 'PSR-AIR1', Date.now());
    return (await client.waitSignIn(pending, () => Date.now())).accessToken;
  };

  beforeAll(async () => {
    platform = await startTestPlatform();
    platform.psc.phone.autoApprove = true;
    const org = { finess: CABINET.id, name: CABINET.name };
    const tls = platform.pki.issueOrganisation({ ...org, usage: 'authentication' });
    cabinet = {
      tls,
      signer: pemSigner(platform.pki.issueOrganisation({ ...org, usage: 'signature' })),
      claims: {
        actor: GP,
        authMode: 'INDIRECTE_RENFORCEE',
        structureId: CABINET.id,
        sector: CABINET.sector,
        subjectName: 'LUMIERE-TEST CLAIRE',
        profession: { code: '10', label: 'Médecin' },
        specialty: { code: 'SM26', label: 'Qualifié en Médecine Générale' },
        accessMode: 'normal',
        software: { name: 'Passerelle-tests', version: '0.1.0', homologation: 'TEST-HOMOLOGATION' },
      },
    };
    client = await PscClient.connect({
      issuer: `${platform.url}${PSC_REALM_PATH}`,
      clientId: PASSERELLE_PSC_CLIENT_ID,
      mtls: { certificatePem: tls.certificatePem, privateKeyPem: tls.privateKeyPem, trustPem: [platform.pki.rootPem] },
    });
    token = await signIn(GP);
  });

  afterAll(async () => {
    await platform.dispose();
  });

  beforeEach(() => platform.reseed());

  it('admits the call with her live token, and her consent is hers, as with her card', async () => {
    const withToken = { claims: { pscAccessToken: token } };
    expect(recordStatus(await td02(platform, cabinet, ADULT, withToken)).authorization).toBeDefined();
    const consent = await td03(
      platform,
      { ...cabinet, claims: { ...cabinet.claims, pscAccessToken: token } },
      ADULT,
      'AJOUT',
    );
    expect(faultCode(consent)).toBeUndefined();
    expect(recordStatus(await td02(platform, cabinet, ADULT, withToken)).authorization).toBe('VALIDE');
  });

  it('refuses a VIHF naming her without a token', async () => {
    expect(faultCode(await td02(platform, cabinet, ADULT))).toBe('PSC_JETON_ABSENT');
  });

  it('refuses her token in a VIHF naming another professional', async () => {
    const replay = { claims: { pscAccessToken: token, actor: SEED_PROFESSIONALS.urgentiste } };
    expect(faultCode(await td02(platform, cabinet, ADULT, replay))).toBe('PSC_JETON_AUTRE_PROFESSIONNEL');
  });

  it('refuses a token that is not one of PSC’s, or revoked', async () => {
    expect(faultCode(await td02(platform, cabinet, ADULT, { claims: { pscAccessToken: 'forged' } }))).toBe(
      'PSC_JETON_INVALIDE',
    );
    const revoked = await signIn(GP);
    await client.revoke(revoked, 'access_token');
    expect(faultCode(await td02(platform, cabinet, ADULT, { claims: { pscAccessToken: revoked } }))).toBe(
      'PSC_JETON_INVALIDE',
    );
  });

  it('refuses her token over another structure’s certificate (bound to the cabinet’s, RFC 8705)', async () => {
    const org = { finess: '750000001', name: 'CHU Fictif de Paris' };
    const hospital: TestCaller = {
      tls: platform.pki.issueOrganisation({ ...org, usage: 'authentication' }),
      signer: pemSigner(platform.pki.issueOrganisation({ ...org, usage: 'signature' })),
      claims: { ...cabinet.claims, pscAccessToken: token },
    };
    expect(faultCode(await td02(platform, hospital, ADULT))).toBe('PSC_JETON_AUTRE_CERTIFICAT');
  });

  it('refuses a token below eidas1, which a forger could still hold', async () => {
    // Passerelle refuses such a sign-in (ECPS_ACR_INSUFFICIENT); the raw protocol gets the token anyway.
    platform.psc.phone.autoApprove = false;
    const tls = cabinet.tls;
    const fetch = mtlsFetch({
      certificatePem: tls.certificatePem,
      privateKeyPem: tls.privateKeyPem,
      trustPem: [platform.pki.rootPem],
    });
    const config = await oidc.discovery(
      new URL(`${platform.url}${PSC_REALM_PATH}`),
      PASSERELLE_PSC_CLIENT_ID,
      {},
      oidc.TlsClientAuth(),
      { [oidc.customFetch]: fetch },
    );
    config[oidc.customFetch] = fetch;
    const started = await oidc.initiateBackchannelAuthentication(config, {
      scope: 'openid scope_all',
      login_hint: GP,
      binding_message: 'PSR-AIR2',
    });
    await platform.psc.phone.respond({ nationalId: GP }, { approve: true, acr: 'eidas0' });
    const low = await oidc.pollBackchannelAuthenticationGrant(config, started);
    platform.psc.phone.autoApprove = true;
    expect(faultCode(await td02(platform, cabinet, ADULT, { claims: { pscAccessToken: low.access_token } }))).toBe(
      'PSC_NIVEAU_INSUFFISANT',
    );
  });
});
