import type { TestPlatform } from '../testing.js';
import { DMP_SERVICE_PATHS } from '../services/dmp-paths.js';
import { TD02_ACTION } from '../services/td02-messages.js';
import { TD03_ACTION } from '../services/habilitations-service.js';
import { httpsRequest, type ClientCredentials, type RawAnswer } from './https-client.js';
import { td02Body, td03Body, testEnvelope } from './soap-messages.js';
import { signedTestVihf, type TestVihfOptions } from './vihf-for-tests.js';

/** A professional as the tests play him: TLS credentials, VIHF signer and identity. */
export interface TestProfessional {
  readonly tls: ClientCredentials;
  readonly vihf: Omit<TestVihfOptions, 'issueInstant' | 'patient'>;
}

/** A card holder (CPS) of the test PKI, in direct mode: the same certificate authenticates TLS and signs. */
export function cardHolder(platform: TestPlatform, nationalId: string, profession = '10'): TestProfessional {
  const card = { nationalId, lastName: 'TEST', firstName: 'PRATICIEN', profession: { code: profession, label: 'Profession de test' } };
  const authentication = platform.pki.issuePerson({ ...card, usage: 'authentication' });
  const signature = platform.pki.issuePerson({ ...card, usage: 'signature' });
  return { tls: authentication, vihf: { signer: signature, actor: nationalId, authMode: 'DIRECTE', structure: '0751234567', profession } };
}

/** Sends one DMP call and returns the raw answer. */
export function dmpCall(
  platform: TestPlatform,
  professional: TestProfessional,
  call: { service: 'patients' | 'habilitations'; body: string; patient?: string; vihf?: Partial<TestVihfOptions>; rawVihf?: string },
): Promise<RawAnswer> {
  const action = call.service === 'patients' ? TD02_ACTION : TD03_ACTION;
  const path = DMP_SERVICE_PATHS[call.service];
  const vihf =
    call.rawVihf ??
    signedTestVihf({ ...professional.vihf, issueInstant: new Date(), ...(call.patient === undefined ? {} : { patient: call.patient }), ...call.vihf });
  return httpsRequest(platform.port, platform.pki.rootPem, {
    path,
    headers: { 'Content-Type': `application/soap+xml; charset=utf-8; action="${action}"` },
    body: testEnvelope(action, `${platform.url}${path}`, call.body, { vihf }),
    client: professional.tls,
  });
}

/** TD0.2 for a patient: the raw answer. */
export function td02(platform: TestPlatform, professional: TestProfessional, matricule: string, vihf: Partial<TestVihfOptions> = {}): Promise<RawAnswer> {
  return dmpCall(platform, professional, { service: 'patients', body: td02Body(matricule), patient: matricule, vihf });
}

/** TD0.3 on a patient: the raw answer. */
export function td03(platform: TestPlatform, professional: TestProfessional, matricule: string, action: 'AJOUT' | 'SUPPRESSION', medecinTraitant = false): Promise<RawAnswer> {
  return dmpCall(platform, professional, { service: 'habilitations', body: td03Body(action, medecinTraitant), patient: matricule });
}

/** The fault code (SOAP subcode) of an answer, or undefined for a success. */
export function faultCode(answer: RawAnswer): string | undefined {
  return /<soap:Subcode><soap:Value>([^<]+)<\/soap:Value>/.exec(answer.body)?.[1];
}

/** The authorization status a TD0.2 answer reports. */
export function authorizationStatus(answer: RawAnswer): string | undefined {
  return /<dmp:autorisation statut="([A-Z_]+)"/.exec(answer.body)?.[1];
}

/** The record status a TD0.2 answer reports. */
export function recordStatus(answer: RawAnswer): string | undefined {
  return /<dmp:dossier statut="([A-Z]+)"/.exec(answer.body)?.[1];
}
