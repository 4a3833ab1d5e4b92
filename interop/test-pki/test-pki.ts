import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

import {
  hasKeyPairFiles,
  moveFolderIntoPlace,
  readKeyPairFiles,
  writeKeyPairFiles,
} from '../key-files/key-pair-files.js';
import { issueCertificate, type KeyAndCertificate, type NameAttribute } from './certificates.js';

export type { KeyAndCertificate } from './certificates.js';

export interface PersonCertificateSpec {
  /** `8` + RPPS, or a CPE's structure-internal id. */
  readonly nationalId: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly profession?: { readonly code: string; readonly label: string };
  readonly usage: 'authentication' | 'signature';
}

export interface OrganisationCertificateSpec {
  readonly finess: string;
  readonly name: string;
  /**
   * `authentication` and `signature` (the seal): the ORG certificates of the DMP. `insi-auto` and `insi-manu`:
   * the certificates issued for INSi, which accepts no other organisation certificate — TLS client certificates
   * whose CN is INSI-AUTO (calls a program makes on its own) or INSI-MANU (calls a person makes).
   */
  readonly usage: 'authentication' | 'signature' | 'insi-auto' | 'insi-manu';
}

/**
 * A test PKI shaped like IGC-Santé: a root, a "persons" CA for CPS/CPE cards, an "organisations" CA for
 * establishments' ORG certificates (and the mock platform's server certificate), and an issuer that signs the
 * data of emulated Vitale cards. Nothing it issues is trusted anywhere but by Passerelle's own tests and mock.
 */
export interface TestPki {
  readonly dir: string;
  readonly rootPem: string;
  readonly personsCaPem: string;
  readonly organisationsCaPem: string;
  readonly vitaleIssuerPem: string;
  /** The key and certificate that sign emulated Vitale data; only the emulator's provisioning uses the key. */
  readonly vitaleIssuer: KeyAndCertificate;
  /** The mock platform's TLS server certificate: SAN localhost, 127.0.0.1, ::1. */
  readonly platformServer: KeyAndCertificate;
  issuePerson(spec: PersonCertificateSpec): KeyAndCertificate;
  issueOrganisation(spec: OrganisationCertificateSpec): KeyAndCertificate;
}

const PKI_ORGANISATION: readonly NameAttribute[] = [
  { shortName: 'C', value: 'FR' },
  { shortName: 'O', value: 'PASSERELLE TEST - NE PAS UTILISER EN PRODUCTION' },
  { shortName: 'OU', value: 'IGC-SANTE TEST' },
];

const CA_USAGE = { keyCertSign: true, cRLSign: true, digitalSignature: true };

const FILES = ['root', 'persons-ca', 'organisations-ca', 'vitale-issuer', 'platform-server'] as const;
type PkiFile = (typeof FILES)[number];

function createAuthorities(now: Date): Record<PkiFile, KeyAndCertificate> {
  const root = issueCertificate({
    subject: [...PKI_ORGANISATION, { shortName: 'CN', value: 'TEST AC RACINE IGC-SANTE' }],
    isCa: true,
    keyUsage: CA_USAGE,
    validYears: 20,
    now,
  });
  const intermediate = (commonName: string): KeyAndCertificate =>
    issueCertificate({
      subject: [...PKI_ORGANISATION, { shortName: 'CN', value: commonName }],
      issuer: root,
      isCa: true,
      keyUsage: CA_USAGE,
      validYears: 10,
      now,
    });
  const organisationsCa = intermediate('TEST AC IGC-SANTE ELEMENTAIRE ORGANISATIONS');
  return {
    root,
    'persons-ca': intermediate('TEST AC IGC-SANTE FORT PERSONNES'),
    'organisations-ca': organisationsCa,
    'vitale-issuer': issueCertificate({
      subject: [...PKI_ORGANISATION, { shortName: 'CN', value: 'TEST EMETTEUR DES CARTES VITALE' }],
      issuer: root,
      isCa: false,
      keyUsage: { digitalSignature: true, nonRepudiation: true },
      validYears: 10,
      now,
    }),
    'platform-server': issueCertificate({
      subject: [
        { shortName: 'C', value: 'FR' },
        { shortName: 'O', value: 'PLATEFORME DMP SIMULEE' },
        { shortName: 'CN', value: 'localhost' },
      ],
      issuer: organisationsCa,
      isCa: false,
      keyUsage: { digitalSignature: true, keyEncipherment: true },
      extKeyUsage: { serverAuth: true },
      altNames: [
        { type: 2, value: 'localhost' },
        { type: 7, ip: '127.0.0.1' },
        { type: 7, ip: '::1' },
      ],
      validYears: 3,
      now,
    }),
  };
}

function writeAuthorities(dir: string, authorities: Record<PkiFile, KeyAndCertificate>): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const name of FILES) writeKeyPairFiles(dir, name, authorities[name]);
}

function readAuthorities(dir: string): Record<PkiFile, KeyAndCertificate> {
  return Object.fromEntries(FILES.map((name) => [name, readKeyPairFiles(dir, name)])) as Record<
    PkiFile,
    KeyAndCertificate
  >;
}

function isComplete(dir: string): boolean {
  return FILES.every((name) => hasKeyPairFiles(dir, name));
}

/**
 * Loads the test PKI from `dir`, creating it the first time. Several processes of one user may start at once
 * (the service, the mock, a command): the authorities are written in a private folder and renamed into place,
 * so the first complete PKI wins and every process ends up with the same one.
 */
export function loadOrCreateTestPki(dir: string, now: Date = new Date()): TestPki {
  if (!isComplete(dir)) {
    const staging = `${dir}.${process.pid}.${Date.now()}.tmp`;
    writeAuthorities(staging, createAuthorities(now));
    mkdirSync(dirname(dir), { recursive: true, mode: 0o700 });
    if (existsSync(dir) && !isComplete(dir)) rmSync(dir, { recursive: true, force: true });
    moveFolderIntoPlace(staging, dir);
  }
  const authorities = readAuthorities(dir);
  const personsCa = authorities['persons-ca'];
  const organisationsCa = authorities['organisations-ca'];
  return {
    dir,
    rootPem: authorities.root.certificatePem,
    personsCaPem: personsCa.certificatePem,
    organisationsCaPem: organisationsCa.certificatePem,
    vitaleIssuerPem: authorities['vitale-issuer'].certificatePem,
    vitaleIssuer: authorities['vitale-issuer'],
    platformServer: authorities['platform-server'],
    issuePerson: (spec) =>
      issueCertificate({
        subject: [
          { shortName: 'C', value: 'FR' },
          ...(spec.profession ? [{ type: '2.5.4.12', value: spec.profession.label }] : []),
          { type: '2.5.4.42', value: spec.firstName },
          { type: '2.5.4.4', value: spec.lastName },
          { shortName: 'CN', value: spec.nationalId },
        ],
        issuer: personsCa,
        isCa: false,
        ...usage(spec.usage),
        validYears: 3,
        now,
      }),
    issueOrganisation: (spec) =>
      issueCertificate({
        subject: [
          { shortName: 'C', value: 'FR' },
          { shortName: 'O', value: spec.name },
          { shortName: 'OU', value: spec.finess },
          { shortName: 'CN', value: ORGANISATION_COMMON_NAMES[spec.usage](spec.finess) },
        ],
        issuer: organisationsCa,
        isCa: false,
        ...usage(spec.usage === 'signature' ? 'signature' : 'authentication'),
        validYears: 3,
        now,
      }),
  };
}

/** The CN of each organisation certificate: the FINESS for the DMP's, a fixed name for INSi's. */
const ORGANISATION_COMMON_NAMES: Record<OrganisationCertificateSpec['usage'], (finess: string) => string> = {
  authentication: (finess) => finess,
  signature: (finess) => `${finess} CACHET`,
  'insi-auto': () => 'INSI-AUTO',
  'insi-manu': () => 'INSI-MANU',
};

function usage(
  kind: 'authentication' | 'signature',
): Pick<Parameters<typeof issueCertificate>[0], 'keyUsage' | 'extKeyUsage'> {
  return kind === 'authentication'
    ? { keyUsage: { digitalSignature: true, keyEncipherment: true }, extKeyUsage: { clientAuth: true } }
    : { keyUsage: { digitalSignature: true, nonRepudiation: true }, extKeyUsage: { emailProtection: true } };
}
