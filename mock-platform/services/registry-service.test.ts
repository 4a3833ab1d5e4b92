import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { confidentialityCode } from '../../interop/value-sets/index.js';
import { statusUpdate, visibilityUpdate, type VisibilityChange } from '../../interop/xds/index.js';
import type { PortalDocument } from '../portal/portal-view.js';
import { SEED_MATRICULES, SEED_PROFESSIONALS } from '../seed/seed-data.js';
import { cardHolder, td03, type TestCaller } from '../test-support/dmp-caller.js';
import { httpsRequest } from '../test-support/https-client.js';
import {
  authorOf,
  cda,
  describeSubmission,
  iti41,
  iti57,
  outcome,
  registryEntry,
  registryResponse,
  signed,
  updateSet,
  upload,
} from '../test-support/xds-caller.js';
import { startTestPlatform, type TestPlatform } from '../testing.js';

const GP = SEED_PROFESSIONALS.generaliste;
const ADULT = SEED_MATRICULES.adulte;
const FATHER = SEED_MATRICULES.famillePere;
const MINOR = SEED_MATRICULES.familleMineureSecrete;

describe("the mock's registry (ITI-57)", () => {
  let platform: TestPlatform;
  let gp: TestCaller;
  let colleague: TestCaller;

  beforeAll(async () => {
    platform = await startTestPlatform();
    gp = cardHolder(platform, GP);
    colleague = cardHolder(platform, '899700100033');
  });
  afterAll(async () => platform.dispose());
  beforeEach(() => platform.reseed());

  /** The GP files one document on a record; its uniqueId. */
  async function filed(matricule: string, title: string): Promise<string> {
    const { answer, metadata } = await upload(platform, gp, matricule, [title]);
    expect(answer.status).toBe('Success');
    return metadata.documentEntries[0]!.uniqueId;
  }

  const changeVisibility = (caller: TestCaller, matricule: string, uniqueId: string, change: VisibilityChange) =>
    iti57(platform, caller, visibilityUpdate(updateSet(caller, matricule), registryEntry(platform, uniqueId), change));

  const changeStatus = (
    caller: TestCaller,
    matricule: string,
    uniqueId: string,
    from: 'Approved' | 'Archived',
    to: 'Approved' | 'Archived' | 'Deleted',
  ) =>
    iti57(
      platform,
      caller,
      statusUpdate(updateSet(caller, matricule), registryEntry(platform, uniqueId).entryUUID, from, to),
    );

  const seenBy = (caller: TestCaller, matricule: string): string[] =>
    platform.documents
      .listFor(matricule, {
        kind: 'professional',
        professional: { actor: caller.claims.actor, authMode: 'DIRECTE', structure: caller.claims.structureId },
        medecinTraitant: false,
      })
      .map((document) => document.entry.uniqueId);

  async function portalDocuments(user: string, patient?: string): Promise<string[]> {
    const answer = await httpsRequest(platform.port, platform.pki.rootPem, {
      method: 'GET',
      path: `/portail/api/documents${patient === undefined ? '' : `?patient=${patient}`}`,
      headers: { Authorization: platform.portal.authorization(user) },
    });
    expect(answer.status).toBe(200);
    return (JSON.parse(answer.body) as PortalDocument[]).map((document) => document.uniqueId);
  }

  it('masks a document from other professionals but not from its author, as a new metadata version', async () => {
    const uniqueId = await filed(ADULT, 'Compte rendu à masquer');
    await td03(platform, colleague, ADULT, 'AJOUT');
    expect(seenBy(colleague, ADULT)).toContain(uniqueId);
    expect(outcome(await changeVisibility(gp, ADULT, uniqueId, { MASQUE_PS: true }))).toBe('Success');
    expect(registryEntry(platform, uniqueId).version).toBe('2');
    expect(platform.documents.documents.byUniqueId(uniqueId).map((d) => d.entry.availabilityStatus)).toEqual([
      'Deprecated',
      'Approved',
    ]);
    expect(seenBy(gp, ADULT)).toContain(uniqueId);
    expect(seenBy(colleague, ADULT)).not.toContain(uniqueId);
    expect(outcome(await changeStatus(colleague, ADULT, uniqueId, 'Approved', 'Archived'))).toBe(
      'UnresolvedReferenceException',
    );
    expect(await portalDocuments(ADULT)).toContain(uniqueId);
    expect(platform.audit.list().at(-2)).toMatchObject({ actor: GP, action: 'ITI-57.visibilite', outcome: 'OK' });
    expect(outcome(await changeVisibility(gp, ADULT, uniqueId, { MASQUE_PS: false }))).toBe('Success');
    expect(seenBy(colleague, ADULT)).toContain(uniqueId);
  });

  it('lets only the author delete a document, even against an authorized colleague', async () => {
    const uniqueId = await filed(ADULT, 'Compte rendu à supprimer');
    await td03(platform, colleague, ADULT, 'AJOUT');
    expect(outcome(await changeStatus(colleague, ADULT, uniqueId, 'Approved', 'Deleted'))).toBe(
      'SUPPRESSION_RESERVEE_AUTEUR',
    );
    expect(platform.audit.list().at(-1)).toMatchObject({
      actor: '899700100033',
      action: 'ITI-57',
      outcome: 'SUPPRESSION_RESERVEE_AUTEUR',
    });
    expect(outcome(await changeStatus(gp, ADULT, uniqueId, 'Approved', 'Deleted'))).toBe('Success');
    expect(registryEntry(platform, uniqueId).availabilityStatus).toBe('Deleted');
    expect(await portalDocuments(ADULT)).not.toContain(uniqueId);
    expect(outcome(await changeStatus(gp, ADULT, uniqueId, 'Approved', 'Archived'))).toBe('XDSMetadataUpdateError');
    expect(platform.outbox.forPatient(ADULT).at(-1)?.message).toContain('supprimé');
  });

  it('archives and unarchives, refuses a stale status or version, and refuses whoever the patient blocked', async () => {
    const uniqueId = await filed(ADULT, 'Compte rendu à archiver');
    expect(outcome(await changeStatus(gp, ADULT, uniqueId, 'Archived', 'Approved'))).toBe('XDSMetadataUpdateError');
    expect(outcome(await changeStatus(gp, ADULT, uniqueId, 'Approved', 'Archived'))).toBe('Success');
    expect(registryEntry(platform, uniqueId).availabilityStatus).toBe('Archived');
    expect(await portalDocuments(ADULT)).toContain(uniqueId);
    expect(outcome(await changeStatus(gp, ADULT, uniqueId, 'Archived', 'Approved'))).toBe('Success');
    const first = registryEntry(platform, uniqueId);
    expect(outcome(await changeVisibility(gp, ADULT, uniqueId, { MASQUE_PS: true }))).toBe('Success');
    const stale = await iti57(platform, gp, visibilityUpdate(updateSet(gp, ADULT), first, { INVISIBLE_PATIENT: true }));
    expect(outcome(stale)).toBe('XDSMetadataVersionError');
    const podiatrist = cardHolder(platform, SEED_PROFESSIONALS.pedicure);
    expect(outcome(await changeStatus(podiatrist, ADULT, uniqueId, 'Approved', 'Archived'))).toBe('PS_BLOQUE');
  });

  it('keeps a document filed hidden from the patient off her portal and her notifications until it is shown, and hides it again', async () => {
    const content = cda(platform, authorOf(gp), ADULT, 'Résultats avant la consultation d’annonce');
    const described = describeSubmission(authorOf(gp), ADULT, [content]);
    const hidden = {
      ...described,
      documentEntries: described.documentEntries.map((e) => ({
        ...e,
        confidentialityCodes: [...e.confidentialityCodes, confidentialityCode('INVISIBLE_PATIENT')],
      })),
    };
    expect(outcome(registryResponse(await iti41(platform, gp, await signed(gp, hidden, [content]))))).toBe('Success');
    const { uniqueId, title } = hidden.documentEntries[0]!;
    const page = async (): Promise<string> =>
      (
        await httpsRequest(platform.port, platform.pki.rootPem, {
          method: 'GET',
          path: '/portail/',
          headers: { Authorization: platform.portal.authorization(ADULT) },
        })
      ).body;
    expect(await portalDocuments(ADULT)).not.toContain(uniqueId);
    expect(await page()).not.toContain(title);
    expect(seenBy(gp, ADULT)).toContain(uniqueId);
    expect(outcome(await changeVisibility(gp, ADULT, uniqueId, { INVISIBLE_PATIENT: false }))).toBe('Success');
    expect(await portalDocuments(ADULT)).toContain(uniqueId);
    expect(await page()).toContain(title);
    expect(platform.outbox.forPatient(ADULT).at(-1)?.message).toContain(title);
    expect(outcome(await changeVisibility(gp, ADULT, uniqueId, { INVISIBLE_PATIENT: true }))).toBe('Success');
    expect(await portalDocuments(ADULT)).not.toContain(uniqueId);
    expect(platform.outbox.forPatient(ADULT).at(-1)?.message).not.toContain(title);
  });

  it("hides a minor's document from her legal representatives only, and only on a minor's record", async () => {
    const uniqueId = await filed(MINOR, 'Consultation confidentielle');
    expect(await portalDocuments(FATHER, MINOR)).toContain(uniqueId);
    expect(outcome(await changeVisibility(gp, MINOR, uniqueId, { INVISIBLE_REPRESENTANTS_LEGAUX: true }))).toBe(
      'Success',
    );
    expect(await portalDocuments(FATHER, MINOR)).not.toContain(uniqueId);
    expect(await portalDocuments(MINOR)).toContain(uniqueId);
    const adults = await filed(ADULT, 'Compte rendu adulte');
    expect(outcome(await changeVisibility(gp, ADULT, adults, { INVISIBLE_REPRESENTANTS_LEGAUX: true }))).toBe(
      'XDSMetadataUpdateError',
    );
  });

  it('refuses a metadata update that changes more than the visibility', async () => {
    const uniqueId = await filed(ADULT, 'Titre d’origine');
    const update = visibilityUpdate(updateSet(gp, ADULT), registryEntry(platform, uniqueId), { MASQUE_PS: true });
    const retitled = {
      ...update,
      documentEntries: update.documentEntries.map((entry) => ({ ...entry, title: 'Autre titre' })),
    };
    expect(outcome(await iti57(platform, gp, retitled))).toBe('XDSMetadataUpdateError');
    expect(registryEntry(platform, uniqueId).version).toBe('1');
  });
});
