import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type { SearchAnswer } from '../../api/contract/index.js';
import type { Core } from '../../main/core/router/create-core.js';
import type { EmulatedStation } from '../../main/core/workstation/test-support/emulated-station.js';
import { SEED_MATRICULES, SEED_PROFESSIONALS } from '../../mock-platform/seed/seed-data.js';
import { file } from '../../mock-platform/test-support/consult-caller.js';
import { cardHolder, td03, td03Status } from '../../mock-platform/test-support/dmp-caller.js';
import { httpsRequest } from '../../mock-platform/test-support/https-client.js';
import type { TestPlatform } from '../../mock-platform/testing.js';
import { TEST_PIN } from '../../native-bridge/index.js';
import { failure } from '../support/outcomes.js';
import { startCoreOnMock, type CoreOnMock } from '../support/core-on-mock.js';

/**
 * The search a later visit sends alongside TD0.2, before the platform said whether the professional may still
 * consult the record: when TD0.2 refuses her (the patient blocked her, her authorization was withdrawn), nothing
 * that search could bring reaches the window's answers or her copy of the record on this computer, and what she
 * is told is what she was told before the search left alongside. The GP's emulated card, the window's calls
 * through the core in process, the mock over mutual TLS.
 */
const home = mkdtempSync(join(tmpdir(), 'passerelle-ahead-refused-'));
const ADULT = SEED_MATRICULES.adulte;
const GP = SEED_PROFESSIONALS.generaliste;
let platform: TestPlatform;
let station: EmulatedStation;
let core: Core;
let started: CoreOnMock;
/** The GP's copy of the patient's record, as this computer keeps it: the uniqueIds it holds, or undefined. */
let copy: () => string[] | undefined;

/** The GP's calls about the patient the platform traced since `seq`, as `action outcome`. */
const tracedSince = (seq: number): string[] =>
  platform.audit
    .list({ patient: ADULT })
    .filter((entry) => entry.seq > seq && entry.actor === GP)
    .map((entry) => `${entry.action} ${entry.outcome}`);
const searchesSince = (seq: number): string[] => tracedSince(seq).filter((line) => line.startsWith('ITI-18'));
/** Every search since `seq` refused for `reason`: the visit's searches leave together, one or more reach the platform. */
const onlyRefusedSince = (seq: number, reason: string): void => {
  const searches = searchesSince(seq);
  expect(searches.length).toBeGreaterThan(0);
  expect(new Set(searches)).toEqual(new Set([`ITI-18 ${reason}`]));
};
const lastSeq = (): number => platform.audit.list({ patient: ADULT }).at(-1)?.seq ?? 0;

/** What the window sends from the Vitale card read to the record's status (vitale-step). */
async function cardRead(): Promise<{ authorization: string }> {
  await station.deck.emulator!.remove('VITALE-ADULTE');
  await core.invoke('cards.insert', { label: 'VITALE-ADULTE' });
  await core.invoke('patient.vitale', {});
  await core.invoke('patient.identify', { beneficiary: 1 });
  const status = await core.invoke('record.status', {});
  return { authorization: status.record.authorization };
}

const search = (): Promise<SearchAnswer> => core.invoke('document.search', { newOnly: false, includeArchived: true });

const portal = async (action: 'bloquer' | 'debloquer'): Promise<void> => {
  const answer = await httpsRequest(platform.port, platform.pki.rootPem, {
    method: 'POST',
    path: '/portail/api/actions',
    headers: { Authorization: platform.portal.authorization(ADULT), 'Content-Type': 'application/json' },
    body: JSON.stringify({ action, professionnel: GP }),
  });
  expect(answer.status).toBeLessThan(400);
};

const hospital = () => cardHolder(platform, SEED_PROFESSIONALS.hospitalier);
const fileOne = async (text: string): Promise<string> =>
  (await file(platform, hospital(), ADULT, [{ text }])).metadata.documentEntries[0]!.uniqueId;

beforeAll(async () => {
  started = await startCoreOnMock(home, { askAhead: true });
  ({ platform, station, core } = started);
  await fileOne('Compte rendu déjà au dossier');
  await core.invoke('cards.insert', { label: 'CPS-GENERALISTE' });
  await core.invoke('session.login', { pin: TEST_PIN });
  await core.invoke('cards.insert', { label: 'VITALE-ADULTE' });
  await core.invoke('patient.vitale', {});
  const { patient } = await core.invoke('patient.identify', { beneficiary: 1 });
  await core.invoke('record.consent', { patientAgreed: true });
  const record = { professional: GP, patient: `${patient.ins.matricule}^^^&${patient.ins.oid}&ISO^NH` };
  const cache = station.workstation.consultCache();
  copy = () => (cache.state(record) ? cache.entries(record).map(({ entry }) => entry.uniqueId) : undefined);
}, 120_000);
afterAll(() => started.close());

describe('a search sent alongside a TD0.2 that refuses', { timeout: 60_000 }, () => {
  it('shows nothing of it to a professional the patient blocked, keeps nothing of it, and tells her as before', async () => {
    // Her copy of the record is kept here: her next visit searches alongside TD0.2.
    expect((await cardRead()).authorization).toBe('VALIDE');
    const held = (await search()).documents.map((d) => d.uniqueId);
    expect(copy()?.sort()).toEqual([...held].sort());
    const filedSince = await fileOne('Résultat déposé après le blocage');
    await portal('bloquer');

    const since = lastSeq();
    expect((await cardRead()).authorization).toBe('INTERDIT');
    // The search left with TD0.2 and the platform refused it (traced as it answered, which may follow TD0.2's
    // answer): nothing came back, nothing entered her copy.
    await vi.waitFor(() => onlyRefusedSince(since, 'PS_BLOQUE'));
    expect(copy()?.sort()).toEqual([...held].sort());
    // Her search is refused as it was before anything was asked alongside: her copy removed, and she is told.
    expect(await failure(search())).toBe('CONSULT_ACCESS_REVOKED');
    expect(copy()).toBeUndefined();

    // Unblocked, her next visit is a first one: no trace of the refused visit, and what was filed meanwhile.
    await portal('debloquer');
    expect((await cardRead()).authorization).toBe('VALIDE');
    const again = await search();
    expect(again.mode).toBe('first');
    expect(again.documents.map((d) => d.uniqueId)).toContain(filedSince);
  });

  it('shows nothing of it to a professional whose authorization was withdrawn, and tells her as before', async () => {
    const held = copy();
    expect(held).toBeDefined();
    const filedSince = await fileOne('Lettre déposée après le retrait');
    expect(td03Status(await td03(platform, cardHolder(platform, GP), ADULT, 'SUPPRESSION'))).not.toBe('VALIDE');

    const since = lastSeq();
    expect((await cardRead()).authorization).not.toBe('VALIDE');
    await vi.waitFor(() => onlyRefusedSince(since, 'AUTORISATION_REQUISE'));
    expect(copy()?.sort()).toEqual([...held!].sort());
    expect(copy()).not.toContain(filedSince);
    expect(await failure(search())).toBe('CONSULT_ACCESS_REVOKED');
    expect(copy()).toBeUndefined();
  });
});
