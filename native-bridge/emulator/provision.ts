import { execFileSync } from 'node:child_process';
import { createPrivateKey, sign, X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { pkcs11js, type Template } from '../pkcs11/pkcs11js.js';

import forge from 'node-forge';

import { PasserelleError } from '../../api/errors/index.js';
import { CERTIFICATE_LABELS, KEY_IDS, KEY_LABELS, OBJECT_LABELS } from '../cards/card-data.js';
import { Pkcs11Module } from '../pkcs11/module.js';
import { tokenFlagsPolicy } from '../pkcs11/pin-policy.js';
import { TokenSession } from '../pkcs11/token-session.js';
import {
  readStructureCertificates,
  writeStructureCertificates,
} from '../software-certificates/structure-certificates.js';
import {
  CAST,
  PRACTICE_CERTIFICATES,
  TEST_PIN,
  TEST_PUK,
  type CardSpec,
  type OrganisationSpec,
  type ProfessionalCardSpec,
  type VitaleCardSpec,
} from './cast.js';
import {
  emulatorPaths,
  prepareSoftHsm,
  softHsmModule,
  type EmulatorOptions,
  type EmulatorPaths,
} from './emulator-home.js';
import { loadOrCreateTestPki, type KeyAndCertificate, type TestPki } from '../../interop/test-pki/index.js';

export interface ProvisionResult {
  readonly created: readonly string[];
  readonly existing: readonly string[];
  /** Existing cards given what they lacked (an ORG token provisioned before its INSi certificates). */
  readonly upgraded: readonly string[];
}

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

function dataObject(label: string, value: Buffer, isPrivate: boolean): Template {
  return [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_DATA },
    { type: pkcs11js.CKA_TOKEN, value: true },
    { type: pkcs11js.CKA_PRIVATE, value: isPrivate },
    { type: pkcs11js.CKA_MODIFIABLE, value: false },
    { type: pkcs11js.CKA_LABEL, value: label },
    { type: pkcs11js.CKA_APPLICATION, value: 'Passerelle emulator' },
    { type: pkcs11js.CKA_VALUE, value },
  ];
}

/**
 * The serial number, issuer and subject of a certificate, DER-encoded exactly as the certificate carries them.
 * A card holds them beside the certificate, and NSS (Chromium's and Firefox's client certificates) finds a
 * token's certificate by them: a subject encoded anew (another string type, accents encoded twice) hides it.
 */
function identifyingFields(raw: Buffer): { serial: Buffer; issuer: Buffer; subject: Buffer } {
  const tbs = (forge.asn1.fromDer(raw.toString('binary')).value as forge.asn1.Asn1[])[0]!;
  // The optional version is context-tagged; then serial number, signature algorithm, issuer, validity, subject.
  const [serial, , issuer, , subject] = (tbs.value as forge.asn1.Asn1[]).filter(
    (field) => field.tagClass === forge.asn1.Class.UNIVERSAL,
  );
  const der = (field: forge.asn1.Asn1 | undefined): Buffer =>
    Buffer.from(forge.asn1.toDer(field!).getBytes(), 'binary');
  return { serial: der(serial), issuer: der(issuer), subject: der(subject) };
}

function certificateObject(label: string, id: Buffer, pem: string): Template {
  const certificate = new X509Certificate(pem);
  const { serial, issuer, subject } = identifyingFields(certificate.raw);
  return [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
    { type: pkcs11js.CKA_CERTIFICATE_TYPE, value: pkcs11js.CKC_X_509 },
    { type: pkcs11js.CKA_TOKEN, value: true },
    { type: pkcs11js.CKA_PRIVATE, value: false },
    { type: pkcs11js.CKA_LABEL, value: label },
    { type: pkcs11js.CKA_ID, value: id },
    { type: pkcs11js.CKA_SUBJECT, value: subject },
    { type: pkcs11js.CKA_ISSUER, value: issuer },
    { type: pkcs11js.CKA_SERIAL_NUMBER, value: serial },
    { type: pkcs11js.CKA_VALUE, value: certificate.raw },
  ];
}

/** An RSA private key imported as a card holds it: sensitive, never extractable, signing only. */
function privateKeyObject(label: string, id: Buffer, pem: string): Template {
  const jwk = createPrivateKey(pem).export({ format: 'jwk' });
  const big = (value: string | undefined): Buffer => Buffer.from(value ?? '', 'base64url');
  return [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
    { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_RSA },
    { type: pkcs11js.CKA_TOKEN, value: true },
    { type: pkcs11js.CKA_PRIVATE, value: true },
    { type: pkcs11js.CKA_SENSITIVE, value: true },
    { type: pkcs11js.CKA_EXTRACTABLE, value: false },
    { type: pkcs11js.CKA_SIGN, value: true },
    { type: pkcs11js.CKA_DECRYPT, value: true },
    { type: pkcs11js.CKA_LABEL, value: label },
    { type: pkcs11js.CKA_ID, value: id },
    { type: pkcs11js.CKA_MODULUS, value: big(jwk.n) },
    { type: pkcs11js.CKA_PUBLIC_EXPONENT, value: big(jwk.e) },
    { type: pkcs11js.CKA_PRIVATE_EXPONENT, value: big(jwk.d) },
    { type: pkcs11js.CKA_PRIME_1, value: big(jwk.p) },
    { type: pkcs11js.CKA_PRIME_2, value: big(jwk.q) },
    { type: pkcs11js.CKA_EXPONENT_1, value: big(jwk.dp) },
    { type: pkcs11js.CKA_EXPONENT_2, value: big(jwk.dq) },
    { type: pkcs11js.CKA_COEFFICIENT, value: big(jwk.qi) },
  ];
}

function keyPair(
  session: TokenSession,
  keyLabel: string,
  certificateLabel: string,
  id: Buffer,
  issued: KeyAndCertificate,
): void {
  session.create(privateKeyObject(keyLabel, id, issued.privateKeyPem));
  session.create(certificateObject(certificateLabel, id, issued.certificatePem));
}

function writeProfessional(session: TokenSession, spec: ProfessionalCardSpec, pki: TestPki): void {
  const person = {
    nationalId: spec.nationalId,
    lastName: spec.lastName,
    firstName: spec.firstName,
    ...(spec.profession ? { profession: spec.profession } : {}),
  };
  keyPair(
    session,
    KEY_LABELS.cpsAuthentication,
    CERTIFICATE_LABELS.cpsAuthentication,
    KEY_IDS.authentication,
    pki.issuePerson({ ...person, usage: 'authentication' }),
  );
  keyPair(
    session,
    KEY_LABELS.cpsSignature,
    CERTIFICATE_LABELS.cpsSignature,
    KEY_IDS.signature,
    pki.issuePerson({ ...person, usage: 'signature' }),
  );
  session.create(
    dataObject(
      OBJECT_LABELS.idCard,
      json({ cardType: spec.kind === 'cps' ? 'CPS' : 'CPE', serial: spec.nationalId.replace(/\D/g, '').slice(-10) }),
      false,
    ),
  );
  session.create(
    dataObject(
      OBJECT_LABELS.name,
      json({
        nationalId: spec.nationalId,
        lastName: spec.lastName,
        firstName: spec.firstName,
        civility: spec.civility,
      }),
      false,
    ),
  );
  session.create(
    dataObject(
      OBJECT_LABELS.info,
      json({
        ...(spec.profession ? { profession: spec.profession } : {}),
        ...(spec.specialty ? { specialty: spec.specialty } : {}),
      }),
      false,
    ),
  );
  spec.activities.forEach((activity, index) =>
    session.create(dataObject(OBJECT_LABELS.activity(index + 1), json(activity), true)),
  );
}

function writeOrganisation(session: TokenSession, spec: OrganisationSpec, pki: TestPki): void {
  keyPair(
    session,
    KEY_LABELS.orgAuthentication,
    CERTIFICATE_LABELS.orgAuthentication,
    KEY_IDS.authentication,
    pki.issueOrganisation({ finess: spec.legalFiness, name: spec.name, usage: 'authentication' }),
  );
  keyPair(
    session,
    KEY_LABELS.orgSignature,
    CERTIFICATE_LABELS.orgSignature,
    KEY_IDS.signature,
    pki.issueOrganisation({ finess: spec.legalFiness, name: spec.name, usage: 'signature' }),
  );
  session.create(
    dataObject(
      OBJECT_LABELS.orgInfo,
      json({ legalFiness: spec.legalFiness, siteFiness: spec.siteFiness, name: spec.name, sector: spec.sector }),
      false,
    ),
  );
  writeInsiCertificates(session, spec, pki);
}

/** The INSi certificates of an ORG token: one for a program's own calls (INSI-AUTO), one for a person's (INSI-MANU). */
const INSI_KEYS = [
  {
    usage: 'insi-auto',
    key: KEY_LABELS.orgInsiAutomated,
    certificate: CERTIFICATE_LABELS.orgInsiAutomated,
    id: KEY_IDS.insiAutomated,
  },
  {
    usage: 'insi-manu',
    key: KEY_LABELS.orgInsiManual,
    certificate: CERTIFICATE_LABELS.orgInsiManual,
    id: KEY_IDS.insiManual,
  },
] as const;

/** Writes the INSi certificates (and keys) the token does not hold yet; returns whether it wrote any. */
function writeInsiCertificates(session: TokenSession, spec: OrganisationSpec, pki: TestPki): boolean {
  const held = session.readObjects().certificates;
  const missing = INSI_KEYS.filter(({ certificate }) => !held.has(certificate));
  for (const { usage, key, certificate, id } of missing)
    keyPair(session, key, certificate, id, pki.issueOrganisation({ finess: spec.legalFiness, name: spec.name, usage }));
  return missing.length > 0;
}

/**
 * Gives an ORG token provisioned before INSi certificates existed here what it lacks, so that a home keeps
 * working after an upgrade. Its certificates are public objects: looking costs no login; adding needs the
 * token's PIN, which must still be the test PIN — else the home must be provisioned anew, and this says so.
 */
function upgradeOrganisation(
  module: Pkcs11Module,
  spec: OrganisationSpec,
  pki: TestPki,
  paths: EmulatorPaths,
): boolean {
  const token = module.findToken(spec.label);
  if (!token) return false;
  const reader = TokenSession.open(module, token);
  try {
    const held = reader.readObjects().certificates;
    if (INSI_KEYS.every(({ certificate }) => held.has(certificate))) return false;
  } finally {
    reader.close();
  }
  const session = TokenSession.open(module, token, true);
  try {
    try {
      session.login(TEST_PIN, tokenFlagsPolicy);
    } catch (cause) {
      throw new PasserelleError('EMULATED_TOKEN_OUTDATED', { label: spec.label, folder: paths.dir }, { cause });
    }
    return writeInsiCertificates(session, spec, pki);
  } finally {
    session.close();
  }
}

/** The GP's cabinet's software ORG certificates in the home, once (the workstation is the cabinet's). */
function installPracticeCertificate(home: string, pki: TestPki): void {
  if (readStructureCertificates(home)) return;
  const [practice] = PRACTICE_CERTIFICATES;
  if (!practice) return;
  const { structureId, structureName, sector } = practice.structure;
  const issue = (usage: 'authentication' | 'signature' | 'insi-manu') =>
    pki.issueOrganisation({ finess: structureId, name: structureName, usage });
  writeStructureCertificates(home, {
    structure: { id: structureId, name: structureName, sector },
    authentication: issue('authentication'),
    signature: issue('signature'),
    insi: issue('insi-manu'),
  });
}

/** Vitale data signed by the test issuer, so that altered data is detected like a forged card would be. */
export function signVitaleData(data: Buffer, pki: TestPki): Buffer {
  return sign('sha256', data, pki.vitaleIssuer.privateKeyPem);
}

function writeVitale(session: TokenSession, spec: VitaleCardSpec, pki: TestPki): void {
  const data = json({ holderNir: spec.holderNir, beneficiaries: spec.beneficiaries });
  session.create(dataObject(OBJECT_LABELS.vitaleData, data, false));
  session.create(dataObject(OBJECT_LABELS.vitaleSignature, signVitaleData(data, pki), false));
}

/** Initialises one token with softhsm2-util, which inherits `SOFTHSM2_CONF` from `prepareSoftHsm`. */
function initToken(modulePath: string, label: string): void {
  const util =
    ['/usr/bin/softhsm2-util', '/usr/local/bin/softhsm2-util', '/opt/homebrew/bin/softhsm2-util'].find(existsSync) ??
    join(dirname(dirname(modulePath)), 'bin', 'softhsm2-util');
  try {
    // The PUK is the token's SO PIN: unblocking is SO login + C_InitPIN, as the Cryptolib emulates it on CPS4.
    execFileSync(util, ['--init-token', '--free', '--label', label, '--so-pin', TEST_PUK, '--pin', TEST_PIN], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (cause) {
    throw new PasserelleError(
      'TOKEN_CORRUPT',
      { label, reason: 'softhsm2-util could not initialise the token' },
      { cause },
    );
  }
}

/**
 * Provisions the fictional cast as SoftHSM2 tokens under `<home>/cards/`, one token per card found by its
 * label. Idempotent: a card already there is left alone but for what a newer version adds (an ORG token's INSi
 * certificates), so running it again costs a token listing and a look at each ORG token.
 */
export function provisionCast(
  home: string,
  cast: readonly CardSpec[] = CAST,
  options: EmulatorOptions = {},
): ProvisionResult {
  const paths = emulatorPaths(home);
  prepareSoftHsm(paths);
  const pki = loadOrCreateTestPki(paths.pki);
  const modulePath = softHsmModule(options.softHsmModule);
  const module = Pkcs11Module.open(modulePath);
  try {
    const present = new Set(module.tokens().map((token) => token.label));
    const missing = cast.filter((card) => !present.has(card.label));
    for (const card of missing) initToken(modulePath, card.label);
    if (missing.length > 0) module.refresh();
    for (const card of missing) {
      const token = module.findToken(card.label);
      if (!token)
        throw new PasserelleError('TOKEN_CORRUPT', {
          label: card.label,
          reason: 'token not found after initialisation',
        });
      const session = TokenSession.open(module, token, true);
      try {
        session.login(TEST_PIN, tokenFlagsPolicy);
        if (card.kind === 'vitale') writeVitale(session, card, pki);
        else if (card.kind === 'org') writeOrganisation(session, card, pki);
        else writeProfessional(session, card, pki);
      } finally {
        session.close();
      }
    }
    installPracticeCertificate(home, pki);
    const existing = cast.filter((card) => present.has(card.label));
    const upgraded = existing.filter((card) => card.kind === 'org' && upgradeOrganisation(module, card, pki, paths));
    return {
      created: missing.map((card) => card.label),
      existing: existing.map((card) => card.label),
      upgraded: upgraded.map((card) => card.label),
    };
  } finally {
    module.close();
  }
}
