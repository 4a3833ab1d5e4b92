import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { checkCdaStructure, documentEntryFromCda, readCdaHeader } from '../../interop/cda/index.js';
import { KIT_DIR } from '../../interop/cda-validation/test-support/rules.js';
import { registryFailure } from '../../interop/xds/index.js';
import { provideRequest } from '../../main/core/feed/submission.js';
import { HttpsTransport } from '../../main/core/platform/https-transport.js';
import { PlatformClient } from '../../main/core/platform/platform-client.js';
import { DmpSession } from '../../main/core/session/dmp-session.js';
import { passerelleSoftware } from '../../main/core/session/software.js';
import { Journal } from '../../main/core/journal/journal.js';
import { SealedBox } from '../../main/core/storage/sealed-box.js';
import { openSqlite } from '../../main/core/storage/sqlite.js';
import type { PatientIdentity } from '../../main/core/patient/patient-identity.js';
import { patientRecord } from '../../mock-platform/seed/seed-data.js';
import { startTestPlatform, type TestPlatform } from '../../mock-platform/testing.js';
import { pemCredentials } from '../support/pem-credentials.js';

/**
 * The ANS example documents, filed as they are: every example whose type and format our value sets know, and
 * that our checks accept, must be accepted by the platform with the metadata derived from its header; the
 * others are refused before anything leaves (XDS_CODE_UNKNOWN names the code our tables lack); a corrupted
 * copy is refused. The examples all concern one fictitious patient of the test INS range, registered here as
 * the national platform would know her.
 */
const EXAMPLES_DIR = join(KIT_DIR, 'ExemplesCDA');
const examples = readdirSync(EXAMPLES_DIR).filter((name) => name.endsWith('.xml') && !name.startsWith('01_'));
let platform: TestPlatform;
let session: DmpSession;
let patient: PatientIdentity;
const unsupported: string[] = [];

beforeAll(async () => {
  platform = await startTestPlatform();
  const header = readCdaHeader(readFileSync(join(EXAMPLES_DIR, 'LDL-SES_2022.01.xml'), 'utf8'));
  const { ins, birthName, firstNames, sex, birthDate, birthPlaceCode } = header.patient;
  if (sex === 'U') throw new Error('the examples’ patient has a known sex');
  const traits = {
    birthName,
    usedName: birthName,
    firstNames: [...firstNames],
    sex,
    birthDate: `${birthDate.slice(0, 4)}-${birthDate.slice(4, 6)}-${birthDate.slice(6, 8)}`,
    birthPlace: birthPlaceCode,
  };
  // The example's own INS OID, not the mock's test one: the document names it and must match.
  platform.store.insert({ ...patientRecord(ins.matricule, ins.matricule, traits), oid: ins.oid });
  const identity = {
    nationalId: '899700100017',
    lastName: 'LUMIERE-TEST',
    firstName: 'CLAIRE',
    profession: { code: '10', label: 'Médecin' },
    structure: { id: '1750000019', name: 'Cabinet fictif', sector: 'SA07' },
  };
  const now = new Date();
  platform.store.grant(
    ins.matricule,
    identity.nationalId,
    now.toISOString(),
    new Date(now.getTime() + 86_400_000).toISOString(),
  );
  const issued = platform.pki.issuePerson({ ...identity, usage: 'authentication' });
  const credentials = pemCredentials(issued, identity);
  session = new DmpSession({
    client: new PlatformClient(
      new HttpsTransport({
        baseUrl: platform.url,
        trustPem: [platform.pki.rootPem],
        clientCertificatePem: issued.certificatePem,
        clientKey: credentials.tls.key,
      }),
    ),
    credentials,
    software: passerelleSoftware('0.1.0-test'),
    journal: new Journal(openSqlite(':memory:'), new SealedBox(Buffer.alloc(32, 2))),
  });
  patient = { ins: { matricule: ins.matricule, oid: ins.oid, traits, history: [] }, status: 'QUAL' };
}, 120_000);
afterAll(async () => platform.dispose());

async function file(xml: string): Promise<string | undefined> {
  const content = Buffer.from(xml, 'utf8');
  const entry = documentEntryFromCda(readCdaHeader(xml), { content, visibility: [] });
  const request = await provideRequest(entry, content, {
    signer: session.context.credentials.documentSigner,
    software: session.context.software,
    now: new Date(),
  });
  const answer = await session.provideAndRegister(patient, request.bodyXml, request.attachments);
  return registryFailure(answer)?.message;
}

describe('the ANS example documents', () => {
  it.each(examples)('%s is filed as it is, or refused before leaving when our tables lack its codes', async (name) => {
    const xml = readFileSync(join(EXAMPLES_DIR, name), 'utf8');
    const before = platform.audit.list().length;
    try {
      documentEntryFromCda(readCdaHeader(xml), { content: Buffer.from(xml), visibility: [] });
    } catch (error) {
      expect(error).toMatchObject({ code: 'XDS_CODE_UNKNOWN' });
      expect(platform.audit.list()).toHaveLength(before);
      unsupported.push(name);
      return;
    }
    const errors = checkCdaStructure(xml).filter((f) => f.severity === 'error');
    if (errors.length > 0) {
      // Our checks refuse it: the platform must refuse it too, never store what we would not send.
      expect(await file(xml).catch((error: Error) => error.message)).toBeDefined();
      return;
    }
    expect(await file(xml)).toBeUndefined();
  });

  it('files no fewer examples than today (19 of 81: our type and format tables still lack the others’ codes)', () => {
    expect(examples.length - unsupported.length).toBeGreaterThanOrEqual(19);
  });

  it('a corrupted copy is refused', async () => {
    const xml = readFileSync(join(EXAMPLES_DIR, 'LDL-SES_2022.01.xml'), 'utf8').replace(
      /<id extension="279035121518989"/,
      '<id extension="279035121518988"',
    );
    expect(await file(xml).catch((error: Error) => error.message)).toBeDefined();
  });
});
