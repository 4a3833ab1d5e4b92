import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import {
  buildStoredQueryRequest,
  statusUpdate,
  visibilityUpdate,
  withReplacement,
  type AvailabilityStatus,
  type RegistryError,
} from '../../interop/xds/index.js';
import { SEED_MATRICULES, SEED_PROFESSIONALS } from '../seed/seed-data.js';
import {
  file,
  findDocuments,
  iti18,
  iti18Raw,
  iti43,
  patientIdOf,
  uniqueIdsOf,
} from '../test-support/consult-caller.js';
import { cardHolder, establishment, faultCode, td03, type TestCaller } from '../test-support/dmp-caller.js';
import { iti57, outcome, registryEntry, updateSet } from '../test-support/xds-caller.js';
import { startTestPlatform, type TestPlatform } from '../testing.js';

const ADULT = SEED_MATRICULES.adulte;
const FATHER = SEED_MATRICULES.famillePere;
const MOTHER = '290013306302176';
const HOSPITAL_STAY_REPORT = '34112-3';
const DISCHARGE_LETTER = '11490-0';
const IMAGING_REPORT = '18748-4';

/** A RegistryError with the uniqueId it names blanked out: what two refusals share when they say the same. */
const wording = (error: RegistryError | undefined, uniqueId: string) =>
  error && {
    ...error,
    codeContext: error.codeContext.replace(uniqueId, '…'),
    location: error.location?.replace(uniqueId, '…'),
  };

describe("the mock's consultation (ITI-18 and ITI-43)", () => {
  let platform: TestPlatform;
  let gp: TestCaller;
  let hospital: TestCaller;
  let nurse: TestCaller;
  let podiatrist: TestCaller;

  beforeAll(async () => {
    platform = await startTestPlatform();
    gp = cardHolder(platform, SEED_PROFESSIONALS.generaliste);
    hospital = cardHolder(platform, '899700100033');
    nurse = cardHolder(platform, '899700100058', '60');
    podiatrist = cardHolder(platform, SEED_PROFESSIONALS.pedicure, '80');
  });
  afterAll(async () => platform.dispose());
  beforeEach(() => platform.reseed());

  /** The GP files these texts as discharge letters on a record; their uniqueIds. */
  async function filed(matricule: string, ...texts: string[]): Promise<string[]> {
    const { metadata } = await file(
      platform,
      gp,
      matricule,
      texts.map((text) => ({ text })),
    );
    return metadata.documentEntries.map((entry) => entry.uniqueId);
  }

  /** The GP changes the status of one of the father's documents (ITI-57); the registry's outcome. */
  async function changeStatus(uniqueId: string, from: AvailabilityStatus, to: AvailabilityStatus): Promise<string> {
    const entryUUID = registryEntry(platform, uniqueId).entryUUID;
    return outcome(await iti57(platform, gp, statusUpdate(updateSet(gp, FATHER), entryUUID, from, to)));
  }

  it('finds the documents of a record for an authorized professional, as objects or as references, and tells the patient', async () => {
    const uniqueIds = await filed(FATHER, 'Lettre de liaison', 'Compte rendu de consultation');
    const found = await iti18(platform, gp, FATHER, findDocuments(FATHER));
    expect(found.status).toBe('Success');
    expect(uniqueIdsOf(found)).toEqual([...uniqueIds].sort());
    expect(
      found.documentEntries.every(
        (entry) => entry.repositoryUniqueId === '1.2.250.1.999.9.1' && entry.availabilityStatus === 'Approved',
      ),
    ).toBe(true);
    const references = await iti18(platform, gp, FATHER, findDocuments(FATHER, { returnType: 'ObjectRef' }));
    expect(references.documentEntries).toEqual([]);
    expect([...references.objectRefs].sort()).toEqual(found.documentEntries.map((entry) => entry.entryUUID).sort());
    expect(platform.audit.list().at(-1)).toMatchObject({
      actor: SEED_PROFESSIONALS.generaliste,
      patient: FATHER,
      action: 'ITI-18.FindDocuments',
      outcome: 'OK',
    });
    expect(platform.outbox.forPatient(FATHER).at(-1)).toMatchObject({
      kind: 'acces',
      actor: SEED_PROFESSIONALS.generaliste,
    });
    expect(platform.outbox.forPatient(FATHER).at(-1)?.message).toContain('a consulté la liste des documents');
  });

  it('refuses to search or retrieve without a valid authorization, and whoever the patient blocked', async () => {
    const [uniqueId] = await filed(ADULT, 'Document du dossier');
    const none = await iti18(platform, hospital, ADULT, findDocuments(ADULT));
    expect([none.status, none.errors[0]?.errorCode]).toEqual(['Failure', 'AUTORISATION_REQUISE']);
    expect(none.errors[0]?.codeContext).toContain('NON_EXISTE');
    expect(none.documentEntries).toEqual([]);
    expect(platform.audit.list().at(-1)).toMatchObject({ action: 'ITI-18', outcome: 'AUTORISATION_REQUISE' });
    const retrieved = await iti43(platform, hospital, ADULT, [uniqueId!]);
    expect([retrieved.response.status, retrieved.response.errors[0]?.errorCode, retrieved.documents.size]).toEqual([
      'Failure',
      'AUTORISATION_REQUISE',
      0,
    ]);
    const expired = await iti18(platform, gp, SEED_MATRICULES.corse, findDocuments(SEED_MATRICULES.corse));
    expect(expired.errors[0]?.errorCode).toBe('AUTORISATION_REQUISE');
    expect(expired.errors[0]?.codeContext).toContain('EXPIRE');
    platform.store.grant(ADULT, SEED_PROFESSIONALS.pedicure, '2026-01-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z');
    expect((await iti18(platform, podiatrist, ADULT, findDocuments(ADULT))).errors[0]?.errorCode).toBe('PS_BLOQUE');
    expect((await iti43(platform, podiatrist, ADULT, [uniqueId!])).response.errors[0]?.errorCode).toBe('PS_BLOQUE');
    await td03(platform, hospital, ADULT, 'AJOUT');
    expect(uniqueIdsOf(await iti18(platform, hospital, ADULT, findDocuments(ADULT)))).toEqual([uniqueId]);
  });

  it('refuses a closed record and a patient who opposed having one', async () => {
    platform.store.grant(
      SEED_MATRICULES.dossierFerme,
      SEED_PROFESSIONALS.generaliste,
      '2026-01-01T00:00:00.000Z',
      '2099-01-01T00:00:00.000Z',
    );
    const closed = await iti18(platform, gp, SEED_MATRICULES.dossierFerme, findDocuments(SEED_MATRICULES.dossierFerme));
    expect(closed.errors[0]?.errorCode).toBe('DMP_FERME');
    expect(closed.errors[0]?.codeContext).toContain('fermé depuis le 2025-06-30');
    expect((await iti43(platform, gp, SEED_MATRICULES.dossierFerme, ['1.2.3'])).response.errors[0]?.errorCode).toBe(
      'DMP_FERME',
    );
    expect(
      (await iti18(platform, gp, SEED_MATRICULES.opposant, findDocuments(SEED_MATRICULES.opposant))).errors[0]
        ?.errorCode,
    ).toBe('DMP_INEXISTANT');
  });

  it('never returns a deleted document, and returns archived and deprecated ones only when asked', async () => {
    const [kept, archived, deleted, replaced] = await filed(FATHER, 'En vigueur', 'Archivé', 'Supprimé', 'Remplacé');
    expect(await changeStatus(archived!, 'Approved', 'Archived')).toBe('Success');
    expect(await changeStatus(deleted!, 'Approved', 'Deleted')).toBe('Success');
    const old = registryEntry(platform, replaced!);
    const { metadata } = await file(platform, gp, FATHER, [{ text: 'Remplaçant' }], {
      edit: (m) => withReplacement(m, m.documentEntries[0]!.entryUUID, old.entryUUID),
    });
    const replacement = metadata.documentEntries[0]!.uniqueId;

    const statuses = async (...wanted: ('Approved' | 'Archived' | 'Deprecated' | 'Deleted')[]) =>
      uniqueIdsOf(await iti18(platform, gp, FATHER, findDocuments(FATHER, { statuses: wanted })));
    expect(await statuses('Approved')).toEqual([kept, replacement].sort());
    expect(await statuses('Archived')).toEqual([archived]);
    expect(await statuses('Deprecated')).toEqual([replaced]);
    expect(await statuses('Deleted')).toEqual([]);
    expect(await statuses('Approved', 'Archived', 'Deprecated', 'Deleted')).toEqual(
      [kept, archived, replaced, replacement].sort(),
    );

    const byId = await iti18(platform, gp, FATHER, { kind: 'GetDocuments', uniqueIds: [deleted!, archived!] });
    expect(uniqueIdsOf(byId)).toEqual([archived]);
    const retrieved = await iti43(platform, gp, FATHER, [deleted!, archived!, replaced!]);
    expect([...retrieved.documents.keys()].sort()).toEqual([archived, replaced].sort());
    expect(wording(retrieved.response.errors[0], deleted!)).toEqual(
      wording((await iti43(platform, gp, FATHER, ['1.2.250.1.999.404'])).response.errors[0], '1.2.250.1.999.404'),
    );
  });

  it('filters FindDocuments by class, type, confidentiality, and creation and service times', async () => {
    const { metadata } = await file(platform, gp, FATHER, [
      {
        text: 'Lettre de 2023',
        typeCode: DISCHARGE_LETTER,
        at: new Date('2023-03-10T08:00:00Z'),
        end: new Date('2023-03-12T08:00:00Z'),
      },
      { text: 'Séjour de 2024', typeCode: HOSPITAL_STAY_REPORT, at: new Date('2024-06-01T08:00:00Z') },
      {
        text: 'Scanner de 2025',
        typeCode: IMAGING_REPORT,
        at: new Date('2025-01-15T08:00:00Z'),
        visibility: ['MASQUE_PS'],
      },
    ]);
    const [letter, stay, scan] = metadata.documentEntries.map((entry) => entry.uniqueId);
    const find = async (parameters: Parameters<typeof findDocuments>[1]) =>
      uniqueIdsOf(await iti18(platform, gp, FATHER, findDocuments(FATHER, parameters)));
    const coded = (code: string, codeSystem: string) => [{ code, codeSystem, displayName: '' }];

    expect(await find({ classCodes: coded('10', '1.2.250.1.213.1.1.4.1') })).toEqual([letter, stay].sort());
    expect(await find({ classCodes: coded('31', '1.2.250.1.213.1.1.4.1') })).toEqual([scan]);
    expect(await find({ typeCodes: coded(HOSPITAL_STAY_REPORT, '2.16.840.1.113883.6.1') })).toEqual([stay]);
    expect(await find({ typeCodes: coded(HOSPITAL_STAY_REPORT, '1.2.3.4') })).toEqual([]);
    expect(await find({ confidentialityCodes: coded('MASQUE_PS', '1.2.250.1.213.1.1.4.13') })).toEqual([scan]);
    expect(await find({ confidentialityCodes: coded('N', '2.16.840.1.113883.5.25') })).toEqual(
      [letter, stay, scan].sort(),
    );
    // From inclusive, to exclusive (ITI TF-2a 3.18.4.1.2.3.6), at the precision the query gives.
    expect(await find({ creationTimeFrom: '20240601080000' })).toEqual([stay, scan].sort());
    expect(await find({ creationTimeFrom: '2024', creationTimeTo: '20250115080000' })).toEqual([stay]);
    expect(await find({ serviceStartTimeFrom: '202303', serviceStartTimeTo: '202304' })).toEqual([letter]);
    expect(await find({ serviceStopTimeFrom: '20230312' })).toEqual([letter]);
    expect(await find({ serviceStopTimeTo: '2030' })).toEqual([letter]);
  });

  it('finds the submission sets filed since a date, then what they hold through GetAssociations and GetDocumentsAndAssociations', async () => {
    const first = await file(platform, gp, FATHER, [{ text: 'Visite de janvier' }], {
      submittedAt: new Date('2025-01-10T09:00:00Z'),
    });
    const second = await file(platform, gp, FATHER, [{ text: 'Visite de mars' }, { text: 'Ordonnance de mars' }], {
      submittedAt: new Date('2025-03-10T09:00:00Z'),
    });
    const since = await iti18(platform, gp, FATHER, {
      kind: 'FindSubmissionSets',
      patientId: patientIdOf(FATHER),
      statuses: ['Approved'],
      submissionTimeFrom: '20250201',
    });
    expect(since.submissionSets.map((set) => set.uniqueId)).toEqual([second.metadata.submissionSet.uniqueId]);
    const all = await iti18(platform, gp, FATHER, {
      kind: 'FindSubmissionSets',
      patientId: patientIdOf(FATHER),
      statuses: ['Approved'],
    });
    expect(all.submissionSets.map((set) => set.uniqueId).sort()).toEqual(
      [first.metadata.submissionSet.uniqueId, second.metadata.submissionSet.uniqueId].sort(),
    );

    const setUUID = since.submissionSets[0]!.entryUUID;
    const members = await iti18(platform, gp, FATHER, { kind: 'GetAssociations', uuids: [setUUID] });
    expect(members.associations.every((a) => a.type === 'HasMember' && a.sourceObject === setUUID)).toBe(true);
    const documents = await iti18(platform, gp, FATHER, {
      kind: 'GetDocuments',
      entryUUIDs: members.associations.map((a) => a.targetObject),
    });
    expect(uniqueIdsOf(documents)).toEqual(second.metadata.documentEntries.map((entry) => entry.uniqueId).sort());
    // The submission set's signature is one of its members, but nobody may read it: no association names it.
    expect(members.associations).toHaveLength(2);

    const both = await iti18(platform, gp, FATHER, {
      kind: 'GetDocumentsAndAssociations',
      uniqueIds: [first.metadata.documentEntries[0]!.uniqueId],
    });
    expect(both.documentEntries).toHaveLength(1);
    expect(both.associations.map((a) => [a.type, a.targetObject])).toEqual([
      ['HasMember', both.documentEntries[0]!.entryUUID],
    ]);
  });

  it("keeps a hospital stay report out of a podiatrist's searches and retrieves, exactly like a document that does not exist", async () => {
    const { metadata } = await file(platform, gp, MOTHER, [
      { text: 'Compte rendu de séjour', typeCode: HOSPITAL_STAY_REPORT },
      { text: 'Lettre de liaison', typeCode: DISCHARGE_LETTER },
    ]);
    const [stay, letter] = metadata.documentEntries.map((entry) => entry.uniqueId);
    await td03(platform, podiatrist, MOTHER, 'AJOUT');
    await td03(platform, nurse, MOTHER, 'AJOUT');
    expect(uniqueIdsOf(await iti18(platform, podiatrist, MOTHER, findDocuments(MOTHER)))).toEqual([letter]);
    expect(uniqueIdsOf(await iti18(platform, nurse, MOTHER, findDocuments(MOTHER)))).toEqual([letter, stay].sort());
    expect(
      (await iti18(platform, podiatrist, MOTHER, { kind: 'GetDocuments', uniqueIds: [stay!] })).documentEntries,
    ).toEqual([]);

    const refused = await iti43(platform, podiatrist, MOTHER, [stay!]);
    const missing = await iti43(platform, podiatrist, MOTHER, ['1.2.250.1.999.1.1.404']);
    expect(refused.response.status).toBe('Failure');
    expect(refused.response.errors[0]?.errorCode).toBe('XDSDocumentUniqueIdError');
    expect(wording(refused.response.errors[0], stay!)).toEqual(
      wording(missing.response.errors[0], '1.2.250.1.999.1.1.404'),
    );
    expect(refused.answer.status).toBe(missing.answer.status);
    expect(platform.outbox.forPatient(MOTHER).at(-1)?.message).not.toContain('Compte rendu de séjour');
    expect((await iti43(platform, nurse, MOTHER, [stay!])).documents.size).toBe(1);
  });

  it('shows a masked document to its author and to the médecin traitant only, and forgets it for a médecin traitant who steps down', async () => {
    const { metadata } = await file(platform, hospital, FATHER, [{ text: 'Consultation à masquer' }]);
    const masked = metadata.documentEntries[0]!.uniqueId;
    expect(
      outcome(
        await iti57(
          platform,
          hospital,
          visibilityUpdate(updateSet(hospital, FATHER), registryEntry(platform, masked), { MASQUE_PS: true }),
        ),
      ),
    ).toBe('Success');
    await td03(platform, nurse, FATHER, 'AJOUT');
    await td03(platform, hospital, FATHER, 'AJOUT');

    expect(uniqueIdsOf(await iti18(platform, hospital, FATHER, findDocuments(FATHER)))).toEqual([masked]);
    expect(uniqueIdsOf(await iti18(platform, gp, FATHER, findDocuments(FATHER)))).toEqual([masked]);
    expect((await iti43(platform, gp, FATHER, [masked])).documents.size).toBe(1);
    expect(uniqueIdsOf(await iti18(platform, nurse, FATHER, findDocuments(FATHER)))).toEqual([]);
    expect((await iti43(platform, nurse, FATHER, [masked])).response.errors[0]?.errorCode).toBe(
      'XDSDocumentUniqueIdError',
    );
    // Not even the older metadata version, unmasked, that the version in force replaced.
    expect(
      uniqueIdsOf(
        await iti18(platform, nurse, FATHER, findDocuments(FATHER, { statuses: ['Approved', 'Deprecated'] })),
      ),
    ).toEqual([]);
    // Nor the submission set that brought it: it would say that something was filed.
    expect(
      (
        await iti18(platform, nurse, FATHER, {
          kind: 'FindSubmissionSets',
          patientId: patientIdOf(FATHER),
          statuses: ['Approved'],
        })
      ).submissionSets,
    ).toEqual([]);

    await td03(platform, gp, FATHER, 'SUPPRESSION', true);
    expect(uniqueIdsOf(await iti18(platform, gp, FATHER, findDocuments(FATHER)))).toEqual([]);
  });

  it('retrieves the very bytes that were filed, in an MTOM answer, and names what was read to the patient', async () => {
    const { metadata, contents } = await file(platform, gp, FATHER, [
      { text: 'Résultats : hémoglobine 13,5 g/dl — « normal »' },
      { text: 'Deuxième lettre' },
    ]);
    const [first, second] = metadata.documentEntries.map((entry) => entry.uniqueId);
    const retrieved = await iti43(platform, gp, FATHER, [first!, '1.2.250.1.999.1.1.404', second!]);
    expect(retrieved.answer.headers['content-type']).toMatch(/^multipart\/related;.*type="application\/xop\+xml"/);
    expect(retrieved.response.status).toBe('PartialSuccess');
    expect(retrieved.response.errors.map((e) => [e.errorCode, e.location])).toEqual([
      ['XDSDocumentUniqueIdError', '1.2.250.1.999.1.1.404'],
    ]);
    expect(retrieved.response.documents.map((d) => [d.documentUniqueId, d.repositoryUniqueId, d.mimeType])).toEqual([
      [first, '1.2.250.1.999.9.1', 'text/xml'],
      [second, '1.2.250.1.999.9.1', 'text/xml'],
    ]);
    expect(retrieved.documents.get(first!)?.equals(contents[0]!)).toBe(true);
    expect(retrieved.documents.get(second!)?.equals(contents[1]!)).toBe(true);
    expect(platform.audit.list().at(-1)).toMatchObject({
      actor: SEED_PROFESSIONALS.generaliste,
      patient: FATHER,
      action: 'ITI-43',
      outcome: 'XDSDocumentUniqueIdError',
    });
    const notice = platform.outbox.forPatient(FATHER).at(-1);
    expect(notice).toMatchObject({ kind: 'acces', actor: SEED_PROFESSIONALS.generaliste });
    expect(notice?.message).toContain('« Résultats : hémoglobine 13,5 g/dl — « normal » »');
    expect(notice?.message).toContain('« Deuxième lettre »');

    const elsewhere = await iti43(platform, gp, FATHER, [first!], { repositoryUniqueId: '1.2.250.1.999.9.2' });
    expect([elsewhere.response.status, elsewhere.response.errors[0]?.errorCode, elsewhere.documents.size]).toEqual([
      'Failure',
      'XDSUnknownRepositoryId',
      0,
    ]);
  });

  it('does not name to the patient a document hidden from her when a professional reads it', async () => {
    const { metadata } = await file(platform, gp, FATHER, [
      { text: 'Résultat avant annonce', visibility: ['INVISIBLE_PATIENT'] },
    ]);
    const hidden = metadata.documentEntries[0]!.uniqueId;
    expect((await iti43(platform, gp, FATHER, [hidden])).documents.size).toBe(1);
    const notice = platform.outbox.forPatient(FATHER).at(-1)?.message;
    expect(notice).toContain('a consulté des documents de votre dossier');
    expect(notice).not.toContain('Résultat avant annonce');
  });

  it("answers a query about another patient than the VIHF's, or for another patient's documents, with nothing of hers", async () => {
    const [fathers] = await filed(FATHER, 'Document du père');
    await td03(platform, gp, ADULT, 'AJOUT');
    const crossed = await iti18(platform, gp, ADULT, findDocuments(FATHER));
    expect(crossed.errors[0]?.errorCode).toBe('VIHF_PATIENT_DIFFERENT');
    expect((await iti18(platform, gp, ADULT, { kind: 'GetDocuments', uniqueIds: [fathers!] })).documentEntries).toEqual(
      [],
    );
    expect((await iti43(platform, gp, ADULT, [fathers!])).response.errors[0]?.errorCode).toBe(
      'XDSDocumentUniqueIdError',
    );
  });

  it('refuses a query it does not know, one without a required parameter, and one with a parameter too many', async () => {
    const request = buildStoredQueryRequest(findDocuments(FATHER));
    const codeOf = async (body: string) => (await iti18(platform, gp, FATHER, body)).errors[0]?.errorCode;
    expect(
      await codeOf(
        request.replace(
          'urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d',
          'urn:uuid:00000000-0000-0000-0000-000000000000',
        ),
      ),
    ).toBe('XDSUnknownStoredQuery');
    expect(await codeOf(request.replace('$XDSDocumentEntryStatus', '$XDSDocumentEntryStatut'))).toBe(
      'XDSStoredQueryMissingParam',
    );
    const twice = request.replace(/(<rim:Slot name="\$XDSDocumentEntryPatientId">.*?<\/rim:Slot>)/, '$1$1');
    expect(twice).not.toBe(request);
    expect(await codeOf(twice)).toBe('XDSStoredQueryParamNumber');
    const byUniqueId = buildStoredQueryRequest({ kind: 'GetDocuments', uniqueIds: ['1.2.3'] });
    const byBoth = byUniqueId.replace(
      '</rim:AdhocQuery>',
      `<rim:Slot name="$XDSDocumentEntryEntryUUID"><rim:ValueList><rim:Value>('urn:uuid:00000000-0000-4000-8000-000000000000')</rim:Value></rim:ValueList></rim:Slot></rim:AdhocQuery>`,
    );
    expect(await codeOf(byBoth)).toBe('XDSStoredQueryParamNumber');
    expect(await codeOf(request.replace("('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')", 'Approved'))).toBe(
      'XDSRegistryMetadataError',
    );
    expect(platform.audit.list().at(-1)).toMatchObject({ action: 'ITI-18', outcome: 'XDSRegistryMetadataError' });
  });

  it("lets an establishment consult in indirect mode under its structure's authorization, and only its own", async () => {
    const [uniqueId] = await filed(ADULT, 'Lettre pour le CHU');
    const chu = establishment(platform, '750000019', 'SEC0001');
    const otherSite = establishment(platform, '750000027', 'SEC0001');
    expect((await iti18(platform, chu, ADULT, findDocuments(ADULT))).errors[0]?.errorCode).toBe('AUTORISATION_REQUISE');
    await td03(platform, chu, ADULT, 'AJOUT');
    expect(uniqueIdsOf(await iti18(platform, chu, ADULT, findDocuments(ADULT)))).toEqual([uniqueId]);
    expect((await iti43(platform, chu, ADULT, [uniqueId!])).documents.size).toBe(1);
    expect(platform.audit.list().at(-1)).toMatchObject({
      actor: 'SEC0001',
      authMode: 'INDIRECTE',
      structure: '1750000019',
      action: 'ITI-43',
      outcome: 'OK',
    });
    expect((await iti18(platform, otherSite, ADULT, findDocuments(ADULT))).errors[0]?.errorCode).toBe(
      'AUTORISATION_REQUISE',
    );
  });

  it('checks the VIHF of a query before anything else, with a SOAP fault', async () => {
    const answer = await iti18Raw(platform, gp, FATHER, findDocuments(FATHER), {
      edit: (xml) => xml.replace('urn:dmp', 'urn:autre'),
    });
    expect(answer.status).toBe(500);
    expect(faultCode(answer)).toBe('VIHF_ATTRIBUT_MANQUANT');
  });
});
