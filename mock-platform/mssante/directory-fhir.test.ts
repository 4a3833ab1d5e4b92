import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { httpsRequest } from '../test-support/https-client.js';
import { startTestPlatform, type TestPlatform } from '../testing.js';

/** The directory of the cast's professionals as a FHIR search, reached without a client certificate. */
describe('the professionals’ directory', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform.dispose());

  const search = async (path: string) => {
    const answer = await httpsRequest(platform.port, platform.pki.rootPem, { method: 'GET', path });
    return { status: answer.status, body: JSON.parse(answer.body) as Record<string, unknown> };
  };

  it('finds a professional by name, case and accents aside, with her role, structure and MSSanté address', async () => {
    const { status, body } = await search(`/annuaire/fhir/PractitionerRole?name=${encodeURIComponent('lumière')}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 1 });
    const resources = (body.entry as { resource: Record<string, unknown> }[]).map((e) => e.resource);
    expect(resources.map((r) => r.resourceType)).toEqual(['PractitionerRole', 'Practitioner']);
    expect(resources[0]).toMatchObject({
      organization: { display: 'Cabinet du Dr Lumière' },
      telecom: [{ system: 'email', value: 'claire.lumiere-test@test.mssante.fr' }],
    });
    expect(resources[1]).toMatchObject({ identifier: [{ value: '899700100017' }] });
  });

  it('finds a professional by national id, as system|value or as the value', async () => {
    const bySystem = await search('/annuaire/fhir/Practitioner?identifier=urn:oid:1.2.250.1.71.4.2.1|899700100033');
    expect(bySystem.body.total).toBe(1);
    const byValue = await search('/annuaire/fhir/Practitioner?identifier=899700100033');
    expect((byValue.body.entry as { resource: { name: unknown } }[])[0]!.resource.name).toEqual([
      { family: 'SALPETRE-TEST', given: ['HELENE'] },
    ]);
    expect((await search('/annuaire/fhir/Practitioner?identifier=000')).body.total).toBe(0);
  });

  it('asks for a criterion, and knows only its two resources', async () => {
    expect((await search('/annuaire/fhir/PractitionerRole')).status).toBe(400);
    expect((await search('/annuaire/fhir/Patient?name=x')).status).toBe(404);
  });
});
