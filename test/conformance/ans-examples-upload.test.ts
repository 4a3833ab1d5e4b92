import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { checkCdaStructure, documentEntryFromCda, readCdaHeader, type CdaHeader } from '../../interop/cda/index.js';
import { KIT_DIR } from '../../interop/cda-validation/test-support/rules.js';
import { registryFailure } from '../../interop/xds/index.js';
import { provideSetRequest } from '../../main/core/feed/submission.js';
import type { DmpSession } from '../../main/core/session/dmp-session.js';
import type { PatientIdentity } from '../../main/core/patient/patient-identity.js';
import { patientRecord } from '../../mock-platform/seed/seed-data.js';
import { startTestPlatform, type TestPlatform } from '../../mock-platform/testing.js';
import { openPemSession, PEM_GP } from '../support/pem-session.js';

/**
 * The ANS example documents, filed as they are: each one is derived into its metadata, checked and filed with
 * the platform, which knows its patient as the example names her (the kit reuses one INS with other traits from
 * one example to the next, so the registry is written afresh for each). The examples refused are listed below
 * with why; every other one must be filed. A corrupted copy is refused.
 */
const EXAMPLES_DIR = join(KIT_DIR, 'ExemplesCDA');
const examples = readdirSync(EXAMPLES_DIR).filter((name) => name.endsWith('.xml') && !name.startsWith('01_'));

/** Who refuses an example: our tables before anything leaves, our structural checks, or the platform. */
type Refusal = { readonly by: 'tables' | 'checks' | 'platform'; readonly code: string; readonly why: string };
/** The kit's fictitious NIRs of children and newborns, whose control key does not match: not an INS. */
const NIR_KEY: Refusal = { by: 'checks', code: 'CDA-INS-KEY', why: 'clé du NIR invalide' };
/** An INS under the production OID: a test platform holds test identities only. */
const PRODUCTION_INS: Refusal = {
  by: 'platform',
  code: 'INS_INVALIDE',
  why: 'OID 1.2.250.1.213.1.4.8 (NIR de production)',
};
/** The examples refused, and why; every other example is filed. */
const REFUSED: Readonly<Record<string, Refusal>> = {
  'CSE-CS24_2024.01.xml': NIR_KEY,
  'CSE-CS24_2025.01.xml': NIR_KEY,
  'CSE-CS8_2024.01.xml': NIR_KEY,
  'CSE-CS8_2025.01.xml': NIR_KEY,
  'CSE-CS9_2024.01.xml': NIR_KEY,
  'CSE-MDE_2023.01.xml': NIR_KEY,
  'OBP-SEM_2024.01.xml': NIR_KEY,
  'OBP-SNE_2024.01.xml': NIR_KEY,
  'SDM-MR_2024.01_nouveau-ne.xml': NIR_KEY,
  'OBP-SAP_2024.01.xml': PRODUCTION_INS,
  'OBP-SCM_2024.01.xml': PRODUCTION_INS,
  'OBP-SNM_2024.01.xml': PRODUCTION_INS,
  'eDISP-MED_2024.01.xml': PRODUCTION_INS,
};

let platform: TestPlatform;
let session: DmpSession;
const filed: string[] = [];

beforeAll(async () => {
  platform = await startTestPlatform();
  session = openPemSession(platform, PEM_GP, { dataKey: Buffer.alloc(32, 2) });
}, 120_000);
afterAll(async () => platform.dispose());

/** The platform's registry holds the example's patient, under the example's own INS OID, open to our physician. */
function registerPatientOf(header: CdaHeader): PatientIdentity {
  const { ins, birthName, firstNames, sex, birthDate, birthPlaceCode } = header.patient;
  if (sex === 'U') throw new Error('the examples’ patients have a known sex');
  const traits = {
    birthName,
    usedName: birthName,
    firstNames: [...firstNames],
    sex,
    birthDate: `${birthDate.slice(0, 4)}-${birthDate.slice(4, 6)}-${birthDate.slice(6, 8)}`,
    birthPlace: birthPlaceCode,
  };
  platform.store.clear();
  platform.store.insert({ ...patientRecord(ins.matricule, ins.matricule, traits), oid: ins.oid });
  const now = new Date();
  platform.store.grant(
    ins.matricule,
    PEM_GP.nationalId,
    now.toISOString(),
    new Date(now.getTime() + 86_400_000).toISOString(),
  );
  return { ins: { matricule: ins.matricule, oid: ins.oid, traits, history: [] }, status: 'QUAL' };
}

async function file(xml: string): Promise<string | undefined> {
  const header = readCdaHeader(xml);
  const patient = registerPatientOf(header);
  const content = Buffer.from(xml, 'utf8');
  const entry = documentEntryFromCda(header, { content, visibility: [] });
  const request = await provideSetRequest([{ entry, content }], {
    signer: session.context.credentials.documentSigner,
    software: session.context.software,
    now: new Date(),
  });
  const answer = await session.provideAndRegister(patient, request.bodyXml, request.attachments);
  return registryFailure(answer)?.message;
}

describe('the ANS example documents', () => {
  it.each(examples)('%s is filed as it is, or refused for the reason listed', async (name) => {
    const xml = readFileSync(join(EXAMPLES_DIR, name), 'utf8');
    const refused = REFUSED[name];
    if (refused?.by === 'tables') {
      const before = platform.audit.list().length;
      expect(
        () => documentEntryFromCda(readCdaHeader(xml), { content: Buffer.from(xml), visibility: [] }),
        refused.why,
      ).toThrow(expect.objectContaining({ code: refused.code }));
      expect(platform.audit.list()).toHaveLength(before);
      return;
    }
    const errors = checkCdaStructure(xml).filter((f) => f.severity === 'error');
    if (refused?.by === 'checks') {
      expect(
        errors.map((f) => f.rule),
        refused.why,
      ).toContain(refused.code);
      // Our checks refuse it: the platform must refuse it too, never store what we would not send.
      expect(await file(xml).catch((error: Error) => error.message)).toBeDefined();
      return;
    }
    expect(errors).toEqual([]);
    if (refused) {
      expect(await file(xml), refused.why).toContain(`(code ${refused.code})`);
      return;
    }
    expect(await file(xml)).toBeUndefined();
    filed.push(name);
  });

  it('files no fewer examples than today (68 of 81; the others are listed with why)', () => {
    expect(filed.length).toBeGreaterThanOrEqual(68);
    expect(filed.length + Object.keys(REFUSED).length).toBe(examples.length);
  });

  it('a corrupted copy is refused', async () => {
    const xml = readFileSync(join(EXAMPLES_DIR, 'LDL-SES_2022.01.xml'), 'utf8');
    registerPatientOf(readCdaHeader(xml));
    const corrupted = xml.replace(/<id extension="279035121518989"/, '<id extension="279035121518988"');
    expect(await file(corrupted).catch((error: Error) => error.message)).toBeDefined();
  });
});
