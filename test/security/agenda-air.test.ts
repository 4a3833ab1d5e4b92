import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PscClient } from '../../main/core/ecps/psc-client.js';
import { FHIR_PREFIX } from '../../mock-platform/agenda/agenda-service.js';
import { PASSERELLE_PSC_CLIENT_ID } from '../../mock-platform/psc/psc-clients.js';
import { PSC_REALM_PATH } from '../../mock-platform/psc/psc-provider.js';
import { SEED_MATRICULES, SEED_PROFESSIONALS, SEED_STRUCTURES } from '../../mock-platform/seed/seed-data.js';
import { httpsRequest, type ClientCredentials } from '../../mock-platform/test-support/https-client.js';
import { startTestPlatform, type TestPlatform } from '../../mock-platform/testing.js';

const GP = SEED_PROFESSIONALS.generaliste;
const CABINET = SEED_STRUCTURES.cabinetGeneraliste;

/** The appointment Passerelle posts for the GP (main/core/gp/agenda.ts), a week ahead. */
function appointment(practitioner: string): string {
  const start = new Date(Date.now() + 7 * 24 * 3600 * 1000);
  return JSON.stringify({
    resourceType: 'Appointment',
    status: 'booked',
    description: 'Rappel vaccin dTP',
    start: start.toISOString(),
    end: new Date(start.getTime() + 3600 * 1000).toISOString(),
    participant: [
      {
        actor: { identifier: { system: 'urn:oid:1.2.250.1.213.1.4.10', value: SEED_MATRICULES.adulte } },
        status: 'accepted',
      },
      { actor: { identifier: { system: 'urn:oid:1.2.250.1.71.4.2.1', value: practitioner } }, status: 'accepted' },
    ],
  });
}

/**
 * The patient's agenda reached on a structure's ORG certificate (AIR mode, the e-CPS): the professional is
 * whom a live Pro Santé Connect token bound to that certificate names, never whom the appointment says.
 */
describe('an appointment posted in AIR mode', () => {
  let platform: TestPlatform;
  let tls: ClientCredentials;
  let other: ClientCredentials;
  let token: string;
  let nurseToken: string;

  const post = (client: ClientCredentials, practitioner: string, bearer?: string) =>
    httpsRequest(platform.port, platform.pki.rootPem, {
      path: `${FHIR_PREFIX}Appointment`,
      headers: {
        'Content-Type': 'application/fhir+json',
        ...(bearer === undefined ? {} : { Authorization: `Bearer ${bearer}` }),
      },
      body: appointment(practitioner),
      client,
    });
  const refusal = (body: string): string | undefined =>
    (JSON.parse(body) as { issue: { details: { coding: { code: string }[] } }[] }).issue[0]?.details.coding[0]?.code;

  beforeAll(async () => {
    platform = await startTestPlatform();
    platform.psc.phone.autoApprove = true;
    const org = { finess: CABINET.id, name: CABINET.name, usage: 'authentication' } as const;
    tls = platform.pki.issueOrganisation(org);
    other = platform.pki.issueOrganisation({ ...org, finess: SEED_STRUCTURES.cabinetGeneraliste.id });
    const client = await PscClient.connect({
      issuer: `${platform.url}${PSC_REALM_PATH}`,
      clientId: PASSERELLE_PSC_CLIENT_ID,
      mtls: { certificatePem: tls.certificatePem, privateKeyPem: tls.privateKeyPem, trustPem: [platform.pki.rootPem] },
    });
    const signIn = async (nationalId: string): Promise<string> => {
      const pending = await client.startSignIn(nationalId, 'PSR-AGND', Date.now());
      return (await client.waitSignIn(pending, () => Date.now())).accessToken;
    };
    token = await signIn(GP);
    nurseToken = await signIn(SEED_PROFESSIONALS.infirmier);
  });
  afterAll(async () => platform.dispose());

  it('refuses the call without a token, with a token of another professional, or on another certificate', async () => {
    for (const answer of [
      await post(tls, GP),
      await post(tls, GP, 'not-a-token'),
      await post(tls, GP, nurseToken),
      await post(other, GP, token),
    ]) {
      expect(answer.status).toBe(403);
      expect(refusal(answer.body)).toBe('PROFESSIONNEL_NON_CONFORME');
    }
    expect(platform.audit.list({ patient: SEED_MATRICULES.adulte }).map((e) => e.outcome)).not.toContain('OK');
  });

  it('admits the GP’s own token on the certificate it is bound to, audited under AIR mode in her name', async () => {
    const answer = await post(tls, GP, token);
    expect(answer.status, answer.body).toBe(201);
    expect(
      platform.audit
        .list({ patient: SEED_MATRICULES.adulte })
        .filter((e) => e.action === 'agenda.rendez-vous')
        .at(-1),
    ).toMatchObject({ actor: GP, authMode: 'INDIRECTE_RENFORCEE', outcome: 'OK' });
  });
});
