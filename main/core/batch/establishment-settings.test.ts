import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { PasserelleError } from '../../../api/errors/index.js';
import {
  checkEstablishmentToken,
  ESTABLISHMENT_FILE,
  findPhysician,
  parseEstablishmentSettings,
  readEstablishmentSettings,
  secretaryOf,
} from './establishment-settings.js';
import { physicianOf } from './feed-batch-sender.js';
import { ESTABLISHMENT, writeEstablishment } from '../../../test/support/batch-fixtures.js';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('no error');
}

function problem(json: unknown): { field: unknown; fr: string; en: string } {
  try {
    parseEstablishmentSettings(json, '/home/establishment.json');
  } catch (error) {
    expect(error).toBeInstanceOf(PasserelleError);
    const e = error as PasserelleError;
    expect(e.code).toBe('ESTABLISHMENT_SETTINGS_INVALID');
    return { field: e.details.field, fr: e.messageIn('fr'), en: e.messageIn('en') };
  }
  throw new Error('accepted');
}

describe('establishment settings', () => {
  it('reads the cast establishment with its defaults: the secretary and undeclared professions act as Médecin', () => {
    const settings = parseEstablishmentSettings(ESTABLISHMENT);
    expect(settings.physicians).toEqual([]);
    expect(secretaryOf(settings)).toEqual({
      id: 'SEC0001',
      lastName: 'AGENDA-TEST',
      firstName: 'MARIE',
      profession: { code: '10', label: 'Médecin' },
    });
    expect(findPhysician(settings, '899700100033')).toMatchObject({
      lastName: 'SALPETRE-TEST',
      profession: { code: '10' },
      specialty: { code: 'SM53' },
    });
    expect(findPhysician(settings, '810100000001')).toBeUndefined();
  });

  it.each([
    [{ ...ESTABLISHMENT, orgToken: undefined }, 'orgToken', 'manque', 'is missing'],
    [
      { ...ESTABLISHMENT, legalEntityFiness: '75000001' },
      'legalEntityFiness',
      'FINESS de l’entité juridique',
      'legal entity’s FINESS',
    ],
    [{ ...ESTABLISHMENT, siteFiness: 'ABC000019' }, 'siteFiness', 'FINESS géographique', 'site’s FINESS'],
    [{ ...ESTABLISHMENT, siteFiness: ESTABLISHMENT.legalEntityFiness }, 'siteFiness', 'ils diffèrent', 'they differ'],
    [
      { ...ESTABLISHMENT, secretary: { ...ESTABLISHMENT.secretary, id: 'SEC 01' } },
      'secretary.id',
      'compte local',
      'local account',
    ],
    [
      { ...ESTABLISHMENT, secretary: { ...ESTABLISHMENT.secretary, lastName: 'X3' } },
      'secretary.lastName',
      'doit être un nom',
      'must be a name',
    ],
    [
      { ...ESTABLISHMENT, secretary: { ...ESTABLISHMENT.secretary, profession: '99' } },
      'secretary.profession',
      'TRE_G15',
      'TRE_G15',
    ],
    [
      { ...ESTABLISHMENT, defaultAuthor: { ...ESTABLISHMENT.defaultAuthor, nationalId: '12345' } },
      'defaultAuthor.nationalId',
      'RPPS',
      'RPPS',
    ],
    [
      { ...ESTABLISHMENT, physicians: [ESTABLISHMENT.defaultAuthor] },
      'physicians.0.nationalId',
      'déjà déclaré',
      'already declared',
    ],
    [{ ...ESTABLISHMENT, siteFines: '750000019' }, 'siteFines', 'champ connu', 'known field'],
  ])('names the field and what it must hold (%#)', (json, field, fr, en) => {
    const found = problem(json);
    expect(found.field).toBe(field);
    expect(found.fr).toContain(`« ${field} »`);
    expect(found.fr).toContain(fr);
    expect(found.en).toContain(`“${field}”`);
    expect(found.en).toContain(en);
  });

  it('says when the file is missing or is not JSON', () => {
    const home = mkdtempSync(join(tmpdir(), 'passerelle-establishment-'));
    expect(() => readEstablishmentSettings(home)).toThrow(
      expect.objectContaining({ code: 'ESTABLISHMENT_SETTINGS_MISSING' }),
    );
    writeFileSync(join(home, ESTABLISHMENT_FILE), '{ "orgToken": ');
    expect(() => readEstablishmentSettings(home)).toThrow(expect.objectContaining({ code: 'SETTINGS_INVALID' }));
    writeEstablishment(home);
    expect(readEstablishmentSettings(home).orgToken).toBe('ORG-CHU-FICTIF');
  });

  it('compares both FINESS with the certificate’s and names the one that differs', () => {
    const settings = parseEstablishmentSettings(ESTABLISHMENT);
    const organisation = {
      legalFiness: '750000001',
      siteFiness: '750000019',
      name: 'CHU Fictif de Paris',
      sector: 'SA01',
    };
    expect(() => checkEstablishmentToken(settings, 'ORG-CHU-FICTIF', organisation)).not.toThrow();
    expect(
      thrown(() => checkEstablishmentToken(settings, 'ORG-CHU-FICTIF', { ...organisation, siteFiness: '750000027' })),
    ).toMatchObject({
      code: 'ESTABLISHMENT_FINESS_MISMATCH',
      details: { field: 'siteFiness', configured: '750000019', certificate: '750000027' },
    });
    expect(
      thrown(() => checkEstablishmentToken(settings, 'ORG-CHU-FICTIF', { ...organisation, legalFiness: '750000035' })),
    ).toMatchObject({
      details: { field: 'legalEntityFiness' },
    });
  });

  it('takes the author’s names from the manifest first, then from the settings, and refuses an author nobody names', () => {
    const settings = parseEstablishmentSettings(ESTABLISHMENT);
    const structure = { id: '1750000019', name: 'CHU Fictif de Paris', sector: 'SA01' };
    const document = {
      kind: 'pdf' as const,
      patient: {
        matricule: '285057511203496',
        oid: '1.2.250.1.213.1.4.10',
        traits: { birthName: 'X', firstNames: ['Y'], sex: 'F' as const, birthDate: '1985-05-12', birthPlace: '75112' },
      },
      typeCode: '11490-0',
      authorId: '899700100033',
      service: { start: '2026-11-20' },
      visibility: { hiddenFromPatient: false, hiddenFromLegalRepresentatives: false, maskedFromProfessionals: false },
    };
    expect(physicianOf(document, settings, structure)).toMatchObject({
      lastName: 'SALPETRE-TEST',
      firstName: 'HELENE',
      specialty: { code: 'SM53' },
      structure,
    });
    expect(
      physicianOf({ ...document, authorName: { familyName: 'SALPETRE', givenName: 'Hélène' } }, settings, structure),
    ).toMatchObject({ lastName: 'SALPETRE' });
    expect(() => physicianOf({ ...document, authorId: '810100000999' }, settings, structure)).toThrow(
      expect.objectContaining({ code: 'AUTHOR_NAME_UNKNOWN' }),
    );
  });
});
