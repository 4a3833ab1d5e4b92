import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestPlatform, type TestPlatform } from '../../../mock-platform/testing.js';
import { directoryDesk, directoryEntriesOf } from './directory-search.js';

/** `directory.search` against the mock's FHIR directory, over TLS judged against the test PKI's root. */
describe('the directory search', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform.dispose());

  const desk = () =>
    directoryDesk({
      messaging: { directoryUrl: new URL('/annuaire/fhir/', platform.url).href },
      platform: { trust: () => [platform.pki.rootPem] },
    });

  it('finds a colleague by part of her name, accents aside, with her profession, structure and MSSanté address', async () => {
    expect(await desk().search('salpêtre')).toEqual([
      {
        nationalId: '899700100033',
        name: 'HELENE SALPETRE-TEST',
        profession: 'Médecin',
        structure: 'CHU Fictif de Paris - Site Hôtel-Dieu Imaginaire',
        address: 'helene.salpetre-test@test.mssante.fr',
      },
    ]);
  });

  it('answers an empty list when nobody matches', async () => {
    expect(await desk().search('Personne-Inconnue')).toEqual([]);
  });

  it('says the directory does not answer when its server is not the platform’s', async () => {
    const stranger = directoryDesk({
      messaging: { directoryUrl: new URL('/annuaire/fhir/', platform.url).href },
      platform: { trust: () => [] },
    });
    await expect(stranger.search('lumiere')).rejects.toMatchObject({ code: 'MSS_DIRECTORY_UNREACHABLE' });
  });

  it('refuses an answer that is not a FHIR Bundle, and leaves out roles without an MSSanté address', () => {
    expect(() => directoryEntriesOf({ resourceType: 'OperationOutcome' })).toThrow(
      expect.objectContaining({ code: 'MSS_DIRECTORY_UNREACHABLE' }) as Error,
    );
    const role = { resourceType: 'PractitionerRole', practitioner: { display: 'ANNE MOLAIRE-TEST' }, telecom: [] };
    expect(directoryEntriesOf({ resourceType: 'Bundle', entry: [{ resource: role }] })).toEqual([]);
  });
});
