import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Core } from '../main/core/router/create-core.js';
import { SEED_MATRICULES } from '../mock-platform/seed/seed-data.js';
import { httpsRequest } from '../mock-platform/test-support/https-client.js';
import type { TestPlatform } from '../mock-platform/testing.js';
import { TEST_PIN } from '../native-bridge/index.js';
import { startCoreOnMock, type CoreOnMock } from './support/core-on-mock.js';

/**
 * The patient writes her profile on the portal; the GP's workstation (the core in process, her emulated card,
 * the mock over mutual TLS) finds it in the record as the patient's own documents, and `record.profile` reads
 * it from the list the search brought, without another platform call.
 */
const home = mkdtempSync(join(tmpdir(), 'passerelle-profile-'));
const ADULT = SEED_MATRICULES.adulte;
let platform: TestPlatform;
let core: Core;
let started: CoreOnMock;

beforeAll(async () => {
  started = await startCoreOnMock(home);
  ({ platform, core } = started);
  const saved = await httpsRequest(platform.port, platform.pki.rootPem, {
    method: 'POST',
    path: '/portail/api/documents',
    headers: { Authorization: platform.portal.authorization(ADULT), 'Content-Type': 'application/json' },
    body: JSON.stringify({
      action: 'profil',
      allergies: 'Pénicilline',
      directives: 'Pas d’acharnement thérapeutique.',
      personne_confiance: 'Marie DUVAL, sœur',
    }),
  });
  expect(saved.status).toBe(200);
  await core.invoke('cards.insert', { label: 'CPS-GENERALISTE' });
  await core.invoke('session.login', { pin: TEST_PIN });
  await core.invoke('cards.insert', { label: 'VITALE-ADULTE' });
  await core.invoke('patient.vitale', {});
  await core.invoke('patient.identify', { beneficiary: 1 });
  await core.invoke('record.consent', { patientAgreed: true });
}, 120_000);
afterAll(() => started.close());

describe("the patient's own information first", () => {
  it('finds the profile she wrote on the portal as her documents, from the search already made', async () => {
    const search = await core.invoke('document.search', { newOnly: false, includeArchived: false });
    const hers = search.documents.filter((document) => document.classCode.code === '90');
    expect(hers.map((document) => document.typeCode.code).sort()).toEqual(['DOCPAT08', 'EXPPAT_1', 'EXPPAT_3']);
    expect(hers.every((document) => document.authors[0]?.name.includes('DUVAL'))).toBe(true);

    const before = platform.audit.list({ patient: ADULT }).length;
    const profile = await core.invoke('record.profile', {});
    expect(platform.audit.list({ patient: ADULT })).toHaveLength(before);
    expect(profile).toMatchObject({
      searched: false,
      flags: { advanceDirectives: true, wishes: true, medicalProfile: true, vaccinations: false },
    });
    expect(profile.documents.map((document) => document.kind)).toEqual(['directives', 'volontes', 'profil-medical']);

    const rendered = await core.invoke('document.render', { uniqueId: profile.documents[0]!.uniqueId });
    expect(rendered.kind).toBe('html');
    expect(rendered.kind === 'html' && rendered.html).toContain('Pas d’acharnement thérapeutique.');
  });
});

describe('one opening of her record, one visit', () => {
  const searches = (): string[] =>
    platform.audit
      .list({ patient: ADULT })
      .map((entry) => entry.action)
      .filter((action) => action.startsWith('ITI-18'));

  it('reads the reminders from the list the window’s search brought, without searching again', async () => {
    await core.invoke('document.search', { newOnly: false, includeArchived: false });
    const before = searches().length;
    const reminders = await core.invoke('reminders.list', {});
    expect(reminders.items.length).toBeGreaterThan(0);
    expect(searches()).toHaveLength(before);
  });

  it('hands the reminders’ visit to the window’s search that follows: her first visit is one search', async () => {
    await core.invoke('document.forget', {});
    const before = searches().length;
    await core.invoke('reminders.list', {});
    const search = await core.invoke('document.search', { newOnly: false, includeArchived: false });
    expect(search.mode).toBe('first');
    expect(searches().slice(before)).toEqual(['ITI-18.FindDocuments']);
  });

  it('visits again for the reminders once another visit followed the window’s search (the synthesis read)', async () => {
    await core.invoke('vsm.latest', {});
    const before = searches().length;
    await core.invoke('reminders.list', {});
    expect(searches().length).toBeGreaterThan(before);
  });
});
