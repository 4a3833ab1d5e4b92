/**
 * What the feed benchmarks share: a professional's session against the mock platform over mutual TLS, with
 * PEM credentials issued by the mock's test PKI (the pipeline's code is the card's, the key is not on a card:
 * card signing has its own benchmark), a qualified and authorized patient, synthetic PDFs, a counting signer.
 */
import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';

import type { KeyAndCertificate } from '../interop/test-pki/index.js';
import type { Signer } from '../interop/signing/signer.js';
import type { PatientIdentity } from '../main/core/patient/patient-identity.js';
import type { HttpsTransport } from '../main/core/platform/https-transport.js';
import type { PlatformCredentials, ProfessionalIdentity } from '../main/core/session/credentials.js';
import type { DmpSession } from '../main/core/session/dmp-session.js';
import type { TestPlatform } from '../mock-platform/testing.js';
import { VITALE_CARDS } from '../native-bridge/emulator/cast.js';
import { pemCredentials, pemSigner } from '../test/support/pem-credentials.js';
import {
  cardIdentity,
  issueAuthentication,
  pemTransport,
  pemSession,
  type PemSessionOptions,
} from '../test/support/pem-session.js';

/** What a process needs to reach the mock as the professional: handed to the memory benchmark's child as JSON. */
export interface PlatformAccess {
  readonly url: string;
  readonly rootPem: string;
  readonly issued: KeyAndCertificate;
  readonly identity: ProfessionalIdentity;
}

/** The GP of the emulated cast, and a person certificate for her from the platform's PKI. */
export function gpAccess(platform: Pick<TestPlatform, 'url' | 'pki'>): PlatformAccess {
  const identity = cardIdentity('CPS-GENERALISTE');
  const issued = issueAuthentication(platform, identity);
  return { url: platform.url, rootPem: platform.pki.rootPem, issued, identity };
}

/** How the benchmarks' sessions name their software and seal their journal (in memory). */
export const BENCH_SESSION: PemSessionOptions = { version: 'bench', dataKey: Buffer.alloc(32, 9) };

/** Counts the signatures made through a signer: where a card would be asked for one. */
export function countingSigner(signer: Signer): Signer & { readonly signatures: number } {
  let signatures = 0;
  return {
    certificatePem: signer.certificatePem,
    get signatures() {
      return signatures;
    },
    signSha256(data) {
      signatures += 1;
      return signer.signSha256(data);
    },
  };
}

export interface FeedSession {
  readonly session: DmpSession;
  readonly transport: HttpsTransport;
  readonly patient: PatientIdentity;
  /** The XAdES (submission set) signer and the VIHF signer, both counting. */
  readonly documentSigner: ReturnType<typeof countingSigner>;
  readonly vihfSigner: ReturnType<typeof countingSigner>;
  close(): void;
}

/**
 * A session for the GP over mutual TLS, the adult of the first Vitale card identified by INSi, qualified
 * (identity document checked) and with the GP authorized on her record.
 */
export async function openFeedSession(access: PlatformAccess): Promise<FeedSession> {
  const base: PlatformCredentials = pemCredentials(access.issued, access.identity);
  const documentSigner = countingSigner(pemSigner(access.issued));
  const vihfSigner = countingSigner(pemSigner(access.issued));
  const transport = pemTransport(access.url, access.rootPem, access.issued);
  const session = pemSession(transport, { ...base, documentSigner, vihfSigner }, BENCH_SESSION);
  const vitale = VITALE_CARDS[0]!;
  const found = await session.identify({ holderNir: vitale.holderNir, ...vitale.beneficiaries[0]! });
  const patient = session.qualify(found, 'passeport');
  if ((await session.recordStatus(patient)).authorization !== 'VALIDE')
    await session.declareConsent(patient, { patientAgreed: true });
  return {
    session,
    transport,
    patient,
    documentSigner,
    vihfSigner,
    close() {
      session.close();
      transport.close();
    },
  };
}

const HEAD =
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
  '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj\n';
const TAIL = '\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';

/**
 * A one-page PDF of exactly `size` bytes whose page content is random bytes (as compressed content looks):
 * it passes the PDF checks, and its base64 is as long as a real file's.
 */
export function syntheticPdf(size: number): Buffer {
  const streamHead = `4 0 obj << /Length ${size} >> stream\n`;
  const filler = size - HEAD.length - streamHead.length - TAIL.length;
  if (filler < 0) throw new Error(`a PDF cannot be that small: ${size} bytes`);
  return Buffer.concat([Buffer.from(HEAD + streamHead, 'latin1'), randomBytes(filler), Buffer.from(TAIL, 'latin1')]);
}

/** The same PDF written to a file without holding it whole, for the large ones. */
export async function writeSyntheticPdf(path: string, size: number): Promise<void> {
  const streamHead = `4 0 obj << /Length ${size} >> stream\n`;
  const filler = size - HEAD.length - streamHead.length - TAIL.length;
  const handle = await open(path, 'w');
  try {
    await handle.write(HEAD + streamHead, null, 'latin1');
    const chunk = 1024 * 1024;
    for (let left = filler; left > 0; left -= chunk) await handle.write(randomBytes(Math.min(chunk, left)));
    await handle.write(TAIL, null, 'latin1');
  } finally {
    await handle.close();
  }
}
