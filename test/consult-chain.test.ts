import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openEmulatedStation, type EmulatedStation } from '../main/core/workstation/test-support/emulated-station.js';
import { SEED_MATRICULES, SEED_PROFESSIONALS } from '../mock-platform/seed/seed-data.js';
import { file } from '../mock-platform/test-support/consult-caller.js';
import { cardHolder } from '../mock-platform/test-support/dmp-caller.js';
import { httpsRequest } from '../mock-platform/test-support/https-client.js';
import type { TestPlatform } from '../mock-platform/testing.js';
import { failure } from './support/outcomes.js';
import { startHomePlatform, platformEnvironment, WITH_TEST_RULES } from './support/platform-home.js';

/**
 * Consulting a record as a GP does it, with her emulated CPS card in SoftHSM2 and the patient's Vitale card:
 * the desk the application and the local service use, against the mock platform over mutual TLS. One
 * professional card in this process.
 */
const home = mkdtempSync(join(tmpdir(), 'passerelle-consult-'));
const FATHER = SEED_MATRICULES.famillePere;
let platform: TestPlatform;
let station: EmulatedStation;
let filed: string[] = [];

const calls = (action: string) =>
  platform.audit.list({ patient: FATHER }).filter((entry) => entry.action === action).length;

beforeAll(async () => {
  platform = await startHomePlatform(home);
  station = openEmulatedStation(home, platformEnvironment(home, platform.url, WITH_TEST_RULES));
  const gp = cardHolder(platform, SEED_PROFESSIONALS.generaliste);
  const { metadata } = await file(platform, gp, FATHER, [
    { text: 'Lettre de liaison de sortie' },
    { text: 'Compte rendu de consultation', typeCode: '11488-4' },
  ]);
  filed = metadata.documentEntries.map((entry) => entry.uniqueId);
  const { deck } = station;
  await deck.emulator!.insert('CPS-GENERALISTE');
  await deck.emulator!.insert('VITALE-FAMILLE');
  await deck.login('1234', { confirmLastTry: false });
  await station.desks.patients.identify(1);
}, 120_000);
afterAll(async () => {
  await station.close();
  await platform.dispose();
});

describe('consulting a record with the GP’s card', () => {
  it('lists the documents she may see in one platform call on the first visit, filtered by type', async () => {
    const answer = await station.desks.consult.search({ newOnly: false, includeArchived: false });
    expect(answer.mode).toBe('first');
    expect(answer.roundTrips).toBe(1);
    expect(answer.documents.map((d) => d.uniqueId)).toEqual(expect.arrayContaining(filed));
    const letters = await station.desks.consult.search({
      types: ['11490-0'],
      newOnly: false,
      includeArchived: false,
      groupBy: 'type',
    });
    expect(letters.documents.map((d) => d.uniqueId)).toContain(filed[0]);
    expect(letters.documents.map((d) => d.uniqueId)).not.toContain(filed[1]);
    expect(letters.groups.map((g) => g.key)).toEqual(['11490-0']);
  });

  it('retrieves a document once, then reads it from the sealed cache', async () => {
    const before = calls('ITI-43');
    const first = await station.desks.consult.retrieve(filed[0]!);
    expect(first.fromCache).toBe(false);
    const second = await station.desks.consult.retrieve(filed[0]!);
    expect(second).toMatchObject({ fromCache: true, contentBase64: first.contentBase64 });
    expect(calls('ITI-43')).toBe(before + 1);
  });

  it('renders it with nothing executable', async () => {
    const view = await station.desks.consult.render(filed[0]!);
    if (view.kind === 'html') {
      expect(view.html).not.toMatch(/<script|\son\w+=|src=/i);
      expect(view.html).toContain('Lettre de liaison de sortie');
    } else {
      expect(view.kind).toBe('pdf');
    }
  });

  it('a later visit shows what is new only, marked new', async () => {
    const gp = cardHolder(platform, SEED_PROFESSIONALS.generaliste);
    const { metadata } = await file(platform, gp, FATHER, [{ text: 'Résultat arrivé entre deux visites' }]);
    const added = metadata.documentEntries[0]!.uniqueId;
    const answer = await station.desks.consult.search({ newOnly: true, includeArchived: false });
    expect(answer.mode).toBe('incremental');
    expect(answer.documents.map((d) => d.uniqueId)).toEqual([added]);
    expect(answer.roundTrips).toBeLessThanOrEqual(4);
  });

  it('masks a document she found by search (ITI-57 on the registry’s entry)', async () => {
    const masked = await station.desks.feed.setVisibility(filed[1]!, { MASQUE_PS: true });
    expect(masked.visibility).toContain('MASQUE_PS');
    const answer = await station.desks.consult.search({ newOnly: false, includeArchived: false });
    expect(answer.documents.find((d) => d.uniqueId === filed[1])?.visibility).toContain('MASQUE_PS');
  });

  it('forgets the cached record when asked: the next visit is a first one again', async () => {
    await station.desks.consult.forget();
    expect((await station.desks.consult.search({ newOnly: false, includeArchived: false })).mode).toBe('first');
  });

  it('once the patient blocked her, asks the platform before reading her copy, removes it and says so', async () => {
    expect((await station.desks.consult.retrieve(filed[0]!)).fromCache).toBe(false);
    const blocked = await httpsRequest(platform.port, platform.pki.rootPem, {
      method: 'POST',
      path: '/portail/api/actions',
      headers: { Authorization: platform.portal.authorization(FATHER), 'Content-Type': 'application/json' },
      body: JSON.stringify({ action: 'bloquer', professionnel: SEED_PROFESSIONALS.generaliste }),
    });
    expect(blocked.status).toBeLessThan(400);
    // Her retrieve confirmed her access a moment ago; the record's status, read again, withdraws that.
    expect((await station.desks.patients.recordStatus()).record.authorization).toBe('INTERDIT');
    const asked = calls('TD0.2');
    expect(await failure(station.desks.consult.retrieve(filed[0]!))).toBe('CONSULT_ACCESS_REVOKED');
    expect(calls('TD0.2')).toBe(asked + 1);
    // Her copy is gone: the search goes to the platform, which refuses her.
    expect(await failure(station.desks.consult.search({ newOnly: false, includeArchived: false }))).toBe(
      'XDS_REQUEST_REFUSED',
    );
  });
});
