import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openEmulatedStation, type EmulatedStation } from '../main/core/workstation/test-support/emulated-station.js';
import type { TestPlatform } from '../mock-platform/testing.js';
import { PROFESSIONAL_CARDS } from '../native-bridge/emulator/cast.js';
import { failure, ONE_PAGE_PDF as PDF } from './support/outcomes.js';
import { startHomePlatform, platformEnvironment, WITH_TEST_RULES } from './support/platform-home.js';
import { filesIn } from './support/scratch-files.js';

/**
 * Feeding a record as a GP does it, with her emulated CPS card in SoftHSM2 and the patient's Vitale card:
 * the desk the application and the local service use, against the mock platform over mutual TLS.
 */
const home = mkdtempSync(join(tmpdir(), 'passerelle-feed-'));
const files = mkdtempSync(join(tmpdir(), 'passerelle-feed-files-'));
let platform: TestPlatform;
let station: EmulatedStation;

const file = filesIn(files);

beforeAll(async () => {
  platform = await startHomePlatform(home);
  const env = platformEnvironment(home, platform.url, WITH_TEST_RULES);
  station = openEmulatedStation(home, env);
}, 120_000);
afterAll(async () => {
  await station.close();
  await platform.dispose();
});

/** Logs the card in, and identifies the patient of the Vitale card in the reader. */
async function atDesk(card: string, vitale: string): Promise<void> {
  const { deck } = station;
  await deck.emulator!.insert(card);
  await deck.emulator!.insert(vitale);
  await deck.login('1234', { confirmLastTry: false });
  await station.desks.patients.identify(undefined);
}

const ADULT = '285057511203496';
const GP = PROFESSIONAL_CARDS.find((card) => card.label === 'CPS-GENERALISTE')!.nationalId;
const HOSPITAL_PHYSICIAN = PROFESSIONAL_CARDS.find((card) => card.label === 'CPS-HOSPITALIER')!.nationalId;

/** The documents of the adult patient a professional (not her médecin traitant) is shown. */
function seenBy(nationalId: string): string[] {
  return platform.documents
    .listFor(ADULT, {
      kind: 'professional',
      professional: { actor: nationalId, authMode: 'DIRECTE', structure: '' },
      medecinTraitant: false,
    })
    .map((d) => d.entry.uniqueId);
}

describe('feeding a record with the GP’s card', () => {
  let uniqueId = '';

  it('refuses to file anything for an identity nobody checked, before anything leaves', async () => {
    await atDesk('CPS-GENERALISTE', 'VITALE-ADULTE');
    const calls = platform.audit.list({ patient: ADULT }).length;
    expect(
      await failure(
        station.desks.feed.upload({
          source: { kind: 'file', path: file('lettre.pdf', PDF) },
          typeCode: '11490-0',
          hideFromPatient: false,
        }),
      ),
    ).toBe('IDENTITY_NOT_QUALIFIED');
    expect(platform.audit.list({ patient: ADULT })).toHaveLength(calls);
  });

  it('files a PDF discharge letter: checked with the official rules, stored, audited, and the patient notified', async () => {
    await station.desks.patients.qualify('passeport');
    const outcome = await station.desks.feed.upload({
      source: { kind: 'file', path: file('lettre.pdf', PDF) },
      typeCode: '11490-0',
      hideFromPatient: false,
    });
    expect(outcome.check).toMatchObject({ valid: true, official: true });
    expect(outcome.document).toMatchObject({
      status: 'Approved',
      platformCode: expect.stringContaining('Success') as unknown,
      typeCode: { code: '11490-0' },
    });
    uniqueId = outcome.document.uniqueId;

    const stored = platform.documents.listFor(ADULT, { kind: 'patient' });
    expect(stored.map((d) => d.entry.uniqueId)).toContain(uniqueId);
    expect(
      platform.audit
        .list({ patient: ADULT })
        .filter((entry) => entry.action.startsWith('ITI-41'))
        .at(-1),
    ).toMatchObject({ actor: GP, outcome: 'OK' });
    expect(platform.outbox.forPatient(ADULT).filter((n) => n.kind === 'depot')).toHaveLength(1);
  });

  it('keeps the identity qualified for the next visit while INSi returns the same traits', async () => {
    const patient = await station.desks.patients.identify(undefined);
    expect(patient.status).toBe('QUAL');
  });

  it('replaces the letter with a new version, the old one Deprecated', async () => {
    const outcome = await station.desks.feed.upload({
      source: { kind: 'text', text: 'Lettre de liaison corrigée : traitement de sortie inchangé.' },
      typeCode: '11490-0',
      hideFromPatient: false,
      replaces: uniqueId,
    });
    const versions = platform.documents.listFor(ADULT, { kind: 'patient' }).map((d) => d.entry.uniqueId);
    expect(versions).toContain(outcome.document.uniqueId);
    expect(versions).not.toContain(uniqueId);
    expect(await failure(station.desks.feed.setStatus(uniqueId, 'Archived'))).toBe('DOCUMENT_UNKNOWN');
    uniqueId = outcome.document.uniqueId;
  });

  it('masks the document from other professionals: the author still sees it, a hospital physician does not', async () => {
    const masked = await station.desks.feed.setVisibility(uniqueId, { MASQUE_PS: true });
    expect(masked.visibility).toContain('MASQUE_PS');
    expect(seenBy(GP)).toContain(uniqueId);
    expect(seenBy(HOSPITAL_PHYSICIAN)).not.toContain(uniqueId);
    const unmasked = await station.desks.feed.setVisibility(uniqueId, { MASQUE_PS: false });
    expect(unmasked.visibility).not.toContain('MASQUE_PS');
  });

  it('hides the document from the patient’s portal, then shows it again', async () => {
    await station.desks.feed.setVisibility(uniqueId, { INVISIBLE_PATIENT: true });
    expect(platform.documents.listFor(ADULT, { kind: 'patient' }).map((d) => d.entry.uniqueId)).not.toContain(uniqueId);
    await station.desks.feed.setVisibility(uniqueId, { INVISIBLE_PATIENT: false });
    expect(platform.documents.listFor(ADULT, { kind: 'patient' }).map((d) => d.entry.uniqueId)).toContain(uniqueId);
  });

  it('archives, brings back, and deletes its own document', async () => {
    expect((await station.desks.feed.setStatus(uniqueId, 'Archived')).status).toBe('Archived');
    expect((await station.desks.feed.setStatus(uniqueId, 'Approved')).status).toBe('Approved');
    expect((await station.desks.feed.setStatus(uniqueId, 'Deleted')).status).toBe('Deleted');
    expect(platform.documents.listFor(ADULT, { kind: 'patient' }).map((d) => d.entry.uniqueId)).not.toContain(uniqueId);
  });

  it('files a document hidden from the patient when asked', async () => {
    const outcome = await station.desks.feed.upload({
      source: { kind: 'file', path: file('annonce.pdf', PDF) },
      typeCode: '11490-0',
      hideFromPatient: true,
    });
    expect(outcome.document.visibility).toEqual(['INVISIBLE_PATIENT']);
    expect(platform.documents.listFor(ADULT, { kind: 'patient' }).map((d) => d.entry.uniqueId)).not.toContain(
      outcome.document.uniqueId,
    );
    uniqueId = outcome.document.uniqueId;
  });
});
