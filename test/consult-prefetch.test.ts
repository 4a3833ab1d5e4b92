import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { SearchAnswer } from '../api/contract/index.js';
import type { Core } from '../main/core/router/create-core.js';
import type { EmulatedStation } from '../main/core/workstation/test-support/emulated-station.js';
import { SEED_MATRICULES, SEED_PROFESSIONALS } from '../mock-platform/seed/seed-data.js';
import { file } from '../mock-platform/test-support/consult-caller.js';
import { cardHolder } from '../mock-platform/test-support/dmp-caller.js';
import type { TestPlatform } from '../mock-platform/testing.js';
import { TEST_PIN } from '../native-bridge/index.js';
import { failure } from './support/outcomes.js';
import { runPasserelle } from './support/run-cli.js';
import { startCoreOnMock, type CoreOnMock } from './support/core-on-mock.js';

/**
 * The window's calls from a Vitale card read to the list (patient.vitale, patient.identify, record.status,
 * document.search), through the core in process, with the GP's emulated card and the mock over mutual TLS: what
 * the core asks ahead as soon as a one-beneficiary card is read is asked once, answers exactly what the calls
 * would have asked, and no search is ever sent for a record she may not consult.
 */
const home = mkdtempSync(join(tmpdir(), 'passerelle-prefetch-'));
const ADULT = SEED_MATRICULES.adulte;
const CORSICAN = SEED_MATRICULES.corse;
let platform: TestPlatform;
let station: EmulatedStation;
let core: Core;
let started: CoreOnMock;
let filed: string[] = [];

const calls = (patient: string, action: string): number =>
  platform.audit.list({ patient }).filter((entry) => entry.action.startsWith(action)).length;

/** What the renderer sends, one call after the other (vitale-step, documents-panel). */
async function windowFlow(vitale: string): Promise<SearchAnswer> {
  await station.deck.emulator!.remove(vitale).catch(() => undefined);
  await core.invoke('cards.insert', { label: vitale });
  const { beneficiaries } = await core.invoke('patient.vitale', {});
  await core.invoke('patient.identify', { beneficiary: beneficiaries[0]!.index });
  await core.invoke('record.status', {});
  return core.invoke('document.search', { newOnly: false, includeArchived: false, groupBy: 'class' });
}

/**
 * How many searches (registry requests) this process sent while a TD0.2 (patients service) was awaited: the
 * client's own HTTP requests, as Node's diagnostics channels report them.
 */
function searchesDuringStatus(): { readonly count: () => number; readonly close: () => void } {
  const awaited = new Set<ClientRequest>();
  let count = 0;
  const onStart = (message: unknown): void => {
    const { request } = message as { request: ClientRequest };
    if (request.path.includes('/patients')) awaited.add(request);
    else if (request.path.includes('/registry') && awaited.size > 0) count += 1;
  };
  const onFinish = (message: unknown): void => {
    awaited.delete((message as { request: ClientRequest }).request);
  };
  subscribe('http.client.request.start', onStart);
  subscribe('http.client.response.finish', onFinish);
  return {
    count: () => count,
    close: () => {
      unsubscribe('http.client.request.start', onStart);
      unsubscribe('http.client.response.finish', onFinish);
    },
  };
}

/** The documents of an answer, without what depends on the visit's date (new since the previous one). */
const listed = (answer: SearchAnswer) =>
  answer.documents.map(({ isNew: _isNew, ...document }) => document).sort((a, b) => (a.uniqueId < b.uniqueId ? -1 : 1));

beforeAll(async () => {
  started = await startCoreOnMock(home, { askAhead: true });
  ({ platform, station, core } = started);
  const hospital = cardHolder(platform, SEED_PROFESSIONALS.hospitalier);
  filed = (
    await file(platform, hospital, ADULT, [{ text: 'Compte rendu du service' }, { text: 'Lettre de sortie' }])
  ).metadata.documentEntries.map((entry) => entry.uniqueId);
  await core.invoke('cards.insert', { label: 'CPS-GENERALISTE' });
  await core.invoke('session.login', { pin: TEST_PIN });
  await core.invoke('cards.insert', { label: 'VITALE-ADULTE' });
  await core.invoke('patient.vitale', {});
  await core.invoke('patient.identify', { beneficiary: 1 });
  await core.invoke('record.consent', { patientAgreed: true });
}, 120_000);
afterAll(() => started.close());

describe('asking ahead as soon as the Vitale card is read', { timeout: 60_000 }, () => {
  it('asks INSi, TD0.2 and the list once each for the window’s calls, and lists what a search alone lists', async () => {
    await core.invoke('document.forget', {});
    const before = {
      insi: calls(ADULT, 'INSi'),
      status: calls(ADULT, 'TD0.2'),
      search: calls(ADULT, 'ITI-18'),
    };
    const ahead = await windowFlow('VITALE-ADULTE');
    expect(calls(ADULT, 'INSi')).toBe(before.insi + 1);
    expect(calls(ADULT, 'TD0.2')).toBe(before.status + 1);
    expect(calls(ADULT, 'ITI-18')).toBe(before.search + 1);
    expect(ahead.mode).toBe('first');
    expect(ahead.roundTrips).toBe(1);
    expect(ahead.documents.map((d) => d.uniqueId)).toEqual(expect.arrayContaining(filed));

    // The same first visit asked by the window's own call, nothing asked ahead: the same documents.
    await core.invoke('document.forget', {});
    const alone = await core.invoke('document.search', { newOnly: false, includeArchived: false, groupBy: 'class' });
    expect(alone.mode).toBe('first');
    expect(listed(alone)).toEqual(listed(ahead));
    expect(alone.groups).toEqual(ahead.groups);
  });

  it('asks a later visit’s search alongside TD0.2 when her copy is kept here, a first one only after it', async () => {
    await core.invoke('document.forget', {});
    const first = searchesDuringStatus();
    try {
      expect((await windowFlow('VITALE-ADULTE')).mode).toBe('first');
      expect(first.count()).toBe(0);
    } finally {
      first.close();
    }
    const later = searchesDuringStatus();
    const searches = calls(ADULT, 'ITI-18');
    try {
      const answer = await windowFlow('VITALE-ADULTE');
      expect(answer.mode).toBe('incremental');
      // Both of a later visit's first questions (the sets since the last visit, the ids in force) left with TD0.2.
      expect(later.count()).toBe(2);
      expect(answer.roundTrips).toBe(calls(ADULT, 'ITI-18') - searches);
      expect(listed(answer)).toEqual(
        listed(await core.invoke('document.search', { newOnly: false, includeArchived: false })),
      );
    } finally {
      later.close();
    }
  });

  it('serves an answer asked ahead once: the next search asks the platform again', async () => {
    await windowFlow('VITALE-ADULTE');
    const searches = calls(ADULT, 'ITI-18');
    const again = await core.invoke('document.search', { newOnly: false, includeArchived: false });
    expect(again.mode).toBe('incremental');
    expect(calls(ADULT, 'ITI-18')).toBeGreaterThan(searches);
  });

  it('never searches a record she may not consult: TD0.2 answered, nothing else asked', async () => {
    const before = { status: calls(CORSICAN, 'TD0.2'), search: calls(CORSICAN, 'ITI-18') };
    await core.invoke('cards.insert', { label: 'VITALE-CORSE' });
    const { beneficiaries } = await core.invoke('patient.vitale', { label: 'VITALE-CORSE' });
    await core.invoke('patient.identify', { beneficiary: beneficiaries[0]!.index });
    const status = await core.invoke('record.status', {});
    expect(status.record.authorization).not.toBe('VALIDE');
    expect(calls(CORSICAN, 'TD0.2')).toBe(before.status + 1);
    expect(calls(CORSICAN, 'ITI-18')).toBe(before.search);
    await station.deck.emulator!.remove('VITALE-CORSE');
  });

  it('gives nothing asked for one professional to the next one at the workstation', async () => {
    const hospitalBefore = platform.audit
      .list({ patient: ADULT })
      .filter((entry) => entry.actor === SEED_PROFESSIONALS.hospitalier && entry.action.startsWith('ITI-18')).length;
    // The GP's card is read ahead, then she leaves before the window asked anything.
    await station.deck.emulator!.remove('VITALE-ADULTE');
    await core.invoke('cards.insert', { label: 'VITALE-ADULTE' });
    await core.invoke('patient.vitale', {});
    await core.invoke('cards.remove', { label: 'CPS-GENERALISTE' });
    await core.invoke('cards.insert', { label: 'CPS-HOSPITALIER' });
    await core.invoke('session.login', { pin: TEST_PIN, label: 'CPS-HOSPITALIER' });
    // Her session starts with no patient: the GP's identification is not hers.
    expect(await failure(core.invoke('record.status', {}))).toBe('PATIENT_NOT_SELECTED');
    expect(await failure(core.invoke('document.search', { newOnly: false, includeArchived: false }))).toBe(
      'PATIENT_NOT_SELECTED',
    );
    // Identified by her, the patient's record is what the platform says to her: she holds no authorization.
    await core.invoke('patient.identify', { beneficiary: 1 });
    const status = await core.invoke('record.status', {});
    expect(status.record.authorization).not.toBe('VALIDE');
    // Her search is hers, refused by the platform, never the list asked for the GP.
    expect(await failure(core.invoke('document.search', { newOnly: false, includeArchived: false }))).toMatch(
      /^(CONSULT_ACCESS_REVOKED|XDS_REQUEST_REFUSED|PLATFORM_FAULT)$/,
    );
    expect(
      platform.audit
        .list({ patient: ADULT })
        .filter((entry) => entry.actor === SEED_PROFESSIONALS.hospitalier && entry.action.startsWith('ITI-18')).length,
    ).toBe(hospitalBefore + 1);
  });

  it('asks nothing ahead for the command line: `passerelle status` reads the status, and searches nothing', async () => {
    await core.invoke('cards.insert', { label: 'CPS-GENERALISTE' });
    const before = { status: calls(ADULT, 'TD0.2'), search: calls(ADULT, 'ITI-18') };
    const run = await runPasserelle(
      ['status', '--card', 'CPS-GENERALISTE', '--vitale', 'VITALE-ADULTE', '--pin-stdin'],
      {
        ...process.env,
        PASSERELLE_HOME: home,
        PASSERELLE_PLATFORM_URL: platform.url,
        PASSERELLE_PLATFORM_CA: join(home, 'pki', 'root.crt'),
      },
      `${TEST_PIN}\n`,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(calls(ADULT, 'TD0.2')).toBe(before.status + 1);
    expect(calls(ADULT, 'ITI-18')).toBe(before.search);
  });
});
