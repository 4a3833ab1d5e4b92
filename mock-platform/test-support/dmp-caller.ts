import type { Element } from '@xmldom/xmldom';

import { TD03_ACTION, buildTd03Request, readTd03Answer } from '../../interop/habilitations/td03.js';
import { TD02_ACTION, buildTd02Request, readTd02Answer, type RecordStatus } from '../../interop/hl7v3/td02.js';
import { SERVICE_PATHS } from '../../interop/platform/service-paths.js';
import type { Signer } from '../../interop/signing/signer.js';
import { buildSoapEnvelope, readSoapReply } from '../../interop/soap/envelope.js';
import type { KeyAndCertificate } from '../../interop/test-pki/index.js';
import { buildVihfAssertion, signVihf, type VihfClaims } from '../../interop/vihf/index.js';
import { SEED_PROFESSIONALS, SEED_STRUCTURES } from '../seed/seed-data.js';
import type { TestPlatform } from '../testing.js';
import { httpsRequest, type ClientCredentials, type RawAnswer } from './https-client.js';
import { pemSigner } from './pem-signer.js';

/** A caller as the tests play it: TLS credentials, the VIHF signer and the claims it makes. */
export interface TestCaller {
  readonly tls: ClientCredentials;
  readonly signer: Signer;
  readonly claims: Omit<VihfClaims, 'patient' | 'issueInstant' | 'authnInstant'>;
}

/** What a test changes in a VIHF: claims, the signer, or the assertion text before it is signed. */
export interface VihfTweaks {
  readonly claims?: Partial<VihfClaims>;
  readonly signer?: Signer;
  readonly edit?: (assertionXml: string) => string;
}

const TEST_INS_OID = '1.2.250.1.213.1.4.10';
const SOFTWARE = { name: 'Passerelle-tests', version: '0.1.0', homologation: 'TEST-HOMOLOGATION' };

/** A caller's two certificates from the test PKI: authentication for TLS, signature for the VIHF (its key in PEM). */
function keyPair(
  issue: (usage: 'authentication' | 'signature') => KeyAndCertificate,
): Pick<TestCaller, 'tls' | 'signer'> {
  return { tls: issue('authentication'), signer: pemSigner(issue('signature')) };
}

/** A card holder (CPS) of the test PKI in direct mode: authentication certificate for TLS, signature one for the VIHF. */
export function cardHolder(platform: TestPlatform, nationalId: string, professionCode = '10'): TestCaller {
  const card = {
    nationalId,
    lastName: 'TEST',
    firstName: 'PRATICIEN',
    profession: { code: professionCode, label: 'Profession de test' },
  };
  return {
    ...keyPair((usage) => platform.pki.issuePerson({ ...card, usage })),
    claims: {
      actor: nationalId,
      authMode: 'DIRECTE',
      structureId: '0751234567',
      sector: 'SA07',
      subjectName: 'TEST Praticien',
      profession: card.profession,
      accessMode: 'normal',
      software: SOFTWARE,
    },
  };
}

/** The seed's SAMU regulation physician in direct mode, acting from the regulation centre where he practises. */
export function samuRegulator(platform: TestPlatform): TestCaller {
  const caller = cardHolder(platform, SEED_PROFESSIONALS.regulateur);
  const { id, sector } = SEED_STRUCTURES.samu;
  return { ...caller, claims: { ...caller.claims, structureId: id, sector, subjectName: 'TEST Régulateur' } };
}

/** An establishment in indirect mode: ORG authentication certificate for TLS, ORG seal for the VIHF. */
export function establishment(platform: TestPlatform, finess: string, localUser: string): TestCaller {
  const org = { finess, name: 'CHU Fictif de Paris' };
  return {
    ...keyPair((usage) => platform.pki.issueOrganisation({ ...org, usage })),
    claims: {
      actor: localUser,
      authMode: 'INDIRECTE',
      structureId: `1${finess}`,
      sector: 'SA01',
      subjectName: 'Secrétariat médical',
      profession: { code: '10', label: 'Médecin' },
      accessMode: 'normal',
      software: SOFTWARE,
    },
  };
}

/** The caller's VIHF for a patient, built and signed with interop's VIHF code. */
export async function vihfFor(
  caller: TestCaller,
  matricule: string | undefined,
  tweaks: VihfTweaks = {},
): Promise<string> {
  const now = new Date();
  const claims: VihfClaims = {
    ...caller.claims,
    ...(matricule === undefined ? {} : { patient: { matricule, oid: TEST_INS_OID } }),
    issueInstant: now,
    authnInstant: now,
    ...tweaks.claims,
  };
  const signer = tweaks.signer ?? caller.signer;
  const assertion = buildVihfAssertion(claims, signer.certificatePem).xml;
  return signVihf(tweaks.edit ? tweaks.edit(assertion) : assertion, signer);
}

/** Posts a SOAP 1.2 envelope to one path of the platform with the caller's certificate. */
export function soapPost(
  platform: TestPlatform,
  caller: TestCaller | undefined,
  path: string,
  action: string,
  bodyXml: string,
  headers?: { securityXml?: string; extraHeadersXml?: string },
): Promise<RawAnswer> {
  return httpsRequest(platform.port, platform.pki.rootPem, {
    path,
    headers: { 'Content-Type': `application/soap+xml; charset=utf-8; action="${action}"` },
    body: buildSoapEnvelope({ action, to: `${platform.url}${path}`, bodyXml, ...headers }),
    ...(caller ? { client: caller.tls } : {}),
  });
}

/** TD0.2 for a patient, the VIHF naming the same patient unless tweaked. */
export async function td02(
  platform: TestPlatform,
  caller: TestCaller,
  matricule: string,
  tweaks: VihfTweaks & { rawVihf?: string } = {},
  editQuery: (query: string) => string = (query) => query,
): Promise<RawAnswer> {
  const securityXml = tweaks.rawVihf ?? (await vihfFor(caller, matricule, tweaks));
  const query = editQuery(buildTd02Request({ matricule, oid: TEST_INS_OID }, '1.2.3.4', new Date()));
  return soapPost(platform, caller, SERVICE_PATHS.patients, TD02_ACTION, query, { securityXml });
}

/** TD0.3 on the VIHF's patient. */
export async function td03(
  platform: TestPlatform,
  caller: TestCaller,
  matricule: string,
  action: 'AJOUT' | 'SUPPRESSION',
  medecinTraitant = false,
): Promise<RawAnswer> {
  const securityXml = await vihfFor(caller, matricule);
  return soapPost(
    platform,
    caller,
    SERVICE_PATHS.habilitations,
    TD03_ACTION,
    buildTd03Request(action, medecinTraitant),
    { securityXml },
  );
}

/** The platform's fault code, read as the client reads it; undefined for a result. */
export function faultCode(answer: RawAnswer): string | undefined {
  const reply = readSoapReply(answer.body, 'mock');
  return reply.kind === 'fault' ? reply.fault.code : undefined;
}

/** The Body's element of a successful answer. */
export function resultPayload(answer: RawAnswer): Element {
  const reply = readSoapReply(answer.body, 'mock');
  if (reply.kind !== 'result') throw new Error(`fault ${reply.fault.code}: ${reply.fault.reason}`);
  return reply.payload;
}

/** TD0.2's answer as the client reads it. */
export function recordStatus(answer: RawAnswer): RecordStatus {
  return readTd02Answer(resultPayload(answer), 'mock');
}

/** TD0.3's answer (the resulting authorization status) as the client reads it. */
export function td03Status(answer: RawAnswer): string {
  return readTd03Answer(resultPayload(answer), 'mock');
}
