import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { visibilityUpdate, type RegistryError } from '../../interop/xds/index.js';
import type { AuditEntry } from '../audit/audit-log.js';
import { SEED_MATRICULES, SEED_PROFESSIONALS } from '../seed/seed-data.js';
import { file, findDocuments, iti18, iti18Raw, iti43, uniqueIdsOf } from '../test-support/consult-caller.js';
import {
  cardHolder,
  faultCode,
  recordStatus,
  samuRegulator,
  td02,
  type TestCaller,
  type VihfTweaks,
} from '../test-support/dmp-caller.js';
import { portalRequest } from '../test-support/portal-client.js';
import { iti57, outcome, registryEntry, updateSet } from '../test-support/xds-caller.js';
import { startTestPlatform, type TestPlatform } from '../testing.js';

const UNCONSCIOUS = SEED_MATRICULES.inconscient;
const OPPOSED = SEED_MATRICULES.opposeBrisDeGlace;
const EMERGENCY_PHYSICIAN = '899700100025';
const REGULATOR = SEED_PROFESSIONALS.regulateur;
const HOUR_MS = 60 * 60 * 1000;
const REASON = 'Patient inconscient amené par le SMUR, antécédents inconnus';

const BREAK_GLASS = { accessMode: 'bris_de_glace', accessReason: REASON } as const;
const CENTRE_15 = {
  accessMode: 'centre_15',
  accessReason: 'Appel au 15 : douleur thoracique, patient confus',
  medicalRegulation: true,
} as const;

/** A RegistryError with the uniqueId it names blanked out. */
const wording = (error: RegistryError | undefined, uniqueId: string) =>
  error && {
    ...error,
    codeContext: error.codeContext.replace(uniqueId, '…'),
    location: error.location?.replace(uniqueId, '…'),
  };

describe('emergency access on the mock: break-glass and centre 15', () => {
  let platform: TestPlatform;
  /** How far the platform's clock is ahead of the system's: the window's end is reached by moving it. */
  let offsetMs = 0;
  const now = (): Date => new Date(Date.now() + offsetMs);
  let gp: TestCaller;
  let urgentist: TestCaller;
  let regulator: TestCaller;
  let nurse: TestCaller;
  let podiatrist: TestCaller;

  beforeAll(async () => {
    platform = await startTestPlatform({ clock: now, emergencyAccessHours: 2 });
    gp = cardHolder(platform, SEED_PROFESSIONALS.generaliste);
    urgentist = withClaims(cardHolder(platform, EMERGENCY_PHYSICIAN), {
      structureId: '1750000019',
      sector: 'SA01',
      subjectName: 'SECOURS-TEST Marc',
    });
    regulator = withClaims(samuRegulator(platform), { subjectName: 'QUINZE-TEST Yann' });
    nurse = withClaims(cardHolder(platform, '899700100058', '60'), { subjectName: 'PANSEMENT-TEST Luc' });
    podiatrist = cardHolder(platform, SEED_PROFESSIONALS.pedicure, '80');
  });
  afterAll(async () => platform.dispose());
  beforeEach(() => {
    offsetMs = 0;
    platform.reseed();
  });

  const withClaims = (caller: TestCaller, claims: Partial<TestCaller['claims']>): TestCaller => ({
    ...caller,
    claims: { ...caller.claims, ...claims },
  });
  /** VIHF claims for a call at the platform's time, in a mode. */
  const as = (claims: VihfTweaks['claims'] = {}): VihfTweaks => ({
    claims: { issueInstant: now(), authnInstant: now(), ...claims },
  });
  const emergencyNotices = (matricule: string) =>
    platform.outbox.forPatient(matricule).filter((n) => n.kind === 'bris_de_glace' || n.kind === 'centre_15');
  const auditOf = (actor: string): AuditEntry[] => platform.audit.list().filter((entry) => entry.actor === actor);

  /** The GP files a discharge letter and a hospital stay report on the unconscious patient's record; their uniqueIds. */
  async function recordOfTheUnconsciousPatient(): Promise<{ letter: string; stay: string }> {
    const { metadata } = await file(platform, gp, UNCONSCIOUS, [
      { text: 'Lettre de liaison : diabète de type 1' },
      { text: 'Séjour en cardiologie', typeCode: '34112-3' },
    ]);
    const [letter, stay] = metadata.documentEntries.map((entry) => entry.uniqueId);
    return { letter: letter!, stay: stay! };
  }

  it("lets an emergency physician read an unconscious patient's record without consent, audits the reason and notifies the patient at once", async () => {
    const { letter, stay } = await recordOfTheUnconsciousPatient();
    expect((await iti18(platform, urgentist, UNCONSCIOUS, findDocuments(UNCONSCIOUS), as())).errors[0]?.errorCode).toBe(
      'AUTORISATION_REQUISE',
    );
    expect(emergencyNotices(UNCONSCIOUS)).toEqual([]);

    const found = await iti18(platform, urgentist, UNCONSCIOUS, findDocuments(UNCONSCIOUS), as(BREAK_GLASS));
    expect(uniqueIdsOf(found)).toEqual([letter, stay].sort());
    const [access] = platform.emergencyAccesses.ofPatient(UNCONSCIOUS);
    expect(access).toMatchObject({
      holder: EMERGENCY_PHYSICIAN,
      mode: 'bris_de_glace',
      reason: REASON,
      structure: '1750000019',
    });
    expect(Date.parse(access!.expiresAt) - Date.parse(access!.openedAt)).toBe(2 * HOUR_MS);

    const [notice] = emergencyNotices(UNCONSCIOUS);
    expect(notice).toMatchObject({ kind: 'bris_de_glace', actor: EMERGENCY_PHYSICIAN });
    const parisTime = new Intl.DateTimeFormat('fr-FR', {
      timeZone: 'Europe/Paris',
      dateStyle: 'short',
      timeStyle: 'short',
    }).format(new Date(access!.openedAt));
    for (const part of [
      'bris de glace',
      'SECOURS-TEST Marc',
      EMERGENCY_PHYSICIAN,
      'structure 1750000019',
      `le ${parisTime} (heure de Paris)`,
      REASON,
    ]) {
      expect(notice?.message).toContain(part);
    }

    const retrieved = await iti43(platform, urgentist, UNCONSCIOUS, [letter], as(BREAK_GLASS));
    expect(retrieved.documents.size).toBe(1);
    expect(emergencyNotices(UNCONSCIOUS)).toHaveLength(1);
    expect(platform.outbox.forPatient(UNCONSCIOUS).at(-1)?.message).toContain('(accès en mode bris de glace)');
    expect(auditOf(EMERGENCY_PHYSICIAN).slice(-2)).toEqual([
      expect.objectContaining({
        action: 'ITI-18.FindDocuments',
        accessMode: 'bris_de_glace',
        reason: REASON,
        outcome: 'OK',
      }),
      expect.objectContaining({ action: 'ITI-43', accessMode: 'bris_de_glace', reason: REASON, outcome: 'OK' }),
    ]);
    expect(platform.audit.verify()).toMatchObject({ intact: true });

    const status = await td02(platform, urgentist, UNCONSCIOUS, as());
    expect(status.body).toContain(
      `<dmp:accesUrgence mode="bris_de_glace" debut="${access!.openedAt}" fin="${access!.expiresAt}"/>`,
    );
    const history = await portalRequest(platform, '/portail/api/historique', { as: UNCONSCIOUS });
    expect(
      (JSON.parse(history.body) as AuditEntry[])
        .filter((entry) => entry.accessMode === 'bris_de_glace')
        .map((entry) => entry.reason),
    ).toEqual([REASON, REASON]);
    const page = await portalRequest(platform, '/portail/', { as: UNCONSCIOUS });
    expect(page.body).toContain(`<td>${REASON}</td>`);
  });

  it('refuses break-glass and centre 15 to a patient who opposed them, with a message that says so, and opens nothing', async () => {
    const refused = await iti18(platform, urgentist, OPPOSED, findDocuments(OPPOSED), as(BREAK_GLASS));
    expect([refused.status, refused.errors[0]?.errorCode]).toEqual(['Failure', 'BRIS_DE_GLACE_REFUSE']);
    expect(refused.errors[0]?.codeContext).toBe("Le patient s'est opposé à l'accès en mode bris de glace.");
    expect((await iti43(platform, urgentist, OPPOSED, ['1.2.3'], as(BREAK_GLASS))).response.errors[0]?.errorCode).toBe(
      'BRIS_DE_GLACE_REFUSE',
    );
    const regulated = await iti18(platform, regulator, OPPOSED, findDocuments(OPPOSED), as(CENTRE_15));
    expect(regulated.errors[0]?.codeContext).toBe(
      "Le patient s'est opposé à l'accès par le centre de régulation (centre 15).",
    );
    expect(faultCode(await td02(platform, urgentist, OPPOSED, as(BREAK_GLASS)))).toBe('BRIS_DE_GLACE_REFUSE');
    expect(platform.emergencyAccesses.ofPatient(OPPOSED)).toEqual([]);
    expect(emergencyNotices(OPPOSED)).toEqual([]);
    expect(auditOf(REGULATOR).at(-1)).toMatchObject({
      accessMode: 'centre_15',
      reason: CENTRE_15.accessReason,
      outcome: 'CENTRE_15_REFUSE',
    });

    platform.rules.setOpposition(OPPOSED, 'bris_de_glace', false);
    expect((await iti18(platform, urgentist, OPPOSED, findDocuments(OPPOSED), as(BREAK_GLASS))).status).toBe('Success');
    expect(
      (await iti18(platform, regulator, OPPOSED, findDocuments(OPPOSED), as(CENTRE_15))).errors[0]?.errorCode,
    ).toBe('CENTRE_15_REFUSE');
  });

  it('refuses an emergency access to a closed record and to a patient who has none', async () => {
    expect(
      (
        await iti18(
          platform,
          urgentist,
          SEED_MATRICULES.dossierFerme,
          findDocuments(SEED_MATRICULES.dossierFerme),
          as(BREAK_GLASS),
        )
      ).errors[0]?.errorCode,
    ).toBe('DMP_FERME');
    expect(
      (await iti43(platform, regulator, SEED_MATRICULES.dossierFerme, ['1.2.3'], as(CENTRE_15))).response.errors[0]
        ?.errorCode,
    ).toBe('DMP_FERME');
    expect(
      (
        await iti18(
          platform,
          urgentist,
          SEED_MATRICULES.opposant,
          findDocuments(SEED_MATRICULES.opposant),
          as(BREAK_GLASS),
        )
      ).errors[0]?.errorCode,
    ).toBe('DMP_INEXISTANT');
    const closing = await td02(platform, urgentist, SEED_MATRICULES.dossierFerme, as(BREAK_GLASS));
    expect(closing.body).toContain('statut="FERME"');
    expect(closing.body).not.toContain('accesUrgence');
    expect([
      ...platform.emergencyAccesses.ofPatient(SEED_MATRICULES.dossierFerme),
      ...platform.emergencyAccesses.ofPatient(SEED_MATRICULES.opposant),
    ]).toEqual([]);
  });

  it('refuses an emergency access whose reason is missing or blank, before looking at the record', async () => {
    const missing = await iti18Raw(
      platform,
      urgentist,
      UNCONSCIOUS,
      findDocuments(UNCONSCIOUS),
      as({ accessMode: 'bris_de_glace' }),
    );
    expect([missing.status, faultCode(missing)]).toEqual([500, 'MOTIF_ACCES_ABSENT']);
    expect(missing.body).toContain('Un accès en mode bris_de_glace doit être justifié');
    const blank = await iti18Raw(platform, regulator, UNCONSCIOUS, findDocuments(UNCONSCIOUS), {
      ...as({ accessMode: 'centre_15', medicalRegulation: true }),
      edit: (xml) =>
        xml.replace(
          '<saml2:Attribute Name="Ressource_URN">',
          '<saml2:Attribute Name="Mode_Acces_Raison"><saml2:AttributeValue>  \n </saml2:AttributeValue></saml2:Attribute><saml2:Attribute Name="Ressource_URN">',
        ),
    });
    expect(faultCode(blank)).toBe('MOTIF_ACCES_ABSENT');
    expect(
      faultCode(
        await td02(platform, urgentist, SEED_MATRICULES.opposeBrisDeGlace, as({ accessMode: 'bris_de_glace' })),
      ),
    ).toBe('MOTIF_ACCES_ABSENT');
    expect(auditOf(EMERGENCY_PHYSICIAN).at(-1)).toMatchObject({
      accessMode: 'bris_de_glace',
      reason: '-',
      outcome: 'MOTIF_ACCES_ABSENT',
    });
    expect(platform.emergencyAccesses.ofPatient(UNCONSCIOUS)).toEqual([]);
    expect(emergencyNotices(UNCONSCIOUS)).toEqual([]);
  });

  it('grants centre 15 to a regulation physician, and refuses it to a nurse or a physician who does not regulate', async () => {
    const { letter } = await recordOfTheUnconsciousPatient();
    expect(
      uniqueIdsOf(await iti18(platform, regulator, UNCONSCIOUS, findDocuments(UNCONSCIOUS), as(CENTRE_15))),
    ).toContain(letter);
    const [notice] = emergencyNotices(UNCONSCIOUS);
    expect(notice).toMatchObject({ kind: 'centre_15', actor: REGULATOR });
    for (const part of [
      'régulation médicale (centre 15)',
      'QUINZE-TEST Yann',
      'structure 1750000027',
      CENTRE_15.accessReason,
    ])
      expect(notice?.message).toContain(part);

    const byNurse = await iti18(platform, nurse, UNCONSCIOUS, findDocuments(UNCONSCIOUS), as(CENTRE_15));
    expect(byNurse.errors[0]?.errorCode).toBe('CENTRE_15_NON_HABILITE');
    expect(byNurse.errors[0]?.codeContext).toContain('réservé aux médecins régulateurs');
    // The emergency physician's VIHF without the regulation situation, then with it denied.
    for (const medicalRegulation of [undefined, false]) {
      const refused = await iti18(
        platform,
        urgentist,
        UNCONSCIOUS,
        findDocuments(UNCONSCIOUS),
        as({ ...CENTRE_15, medicalRegulation }),
      );
      expect(refused.errors[0]?.errorCode).toBe('CENTRE_15_NON_HABILITE');
    }
    expect(faultCode(await td02(platform, nurse, UNCONSCIOUS, as(CENTRE_15)))).toBe('CENTRE_15_NON_HABILITE');
    expect(emergencyNotices(UNCONSCIOUS)).toHaveLength(1);
    // A mode is an access of its own: the same physician breaking the glass opens (and notifies) another.
    await iti18(platform, regulator, UNCONSCIOUS, findDocuments(UNCONSCIOUS), as(BREAK_GLASS));
    expect(emergencyNotices(UNCONSCIOUS).map((n) => n.kind)).toEqual(['centre_15', 'bris_de_glace']);
  });

  it('grants centre 15 only from a SAMU regulation centre of its directory where the physician practises, whatever the token claims', async () => {
    const refusal = async (caller: TestCaller): Promise<string | undefined> => {
      const answer = await iti18(platform, caller, UNCONSCIOUS, findDocuments(UNCONSCIOUS), as(CENTRE_15));
      expect(answer.errors[0]?.errorCode).toBe('CENTRE_15_NON_HABILITE');
      return answer.errors[0]?.codeContext;
    };
    // The regulation physician acting from a structure that regulates nothing, or that the directory does not know.
    const atTheChu = withClaims(regulator, { structureId: '1750000019' });
    expect(await refusal(atTheChu)).toContain("la structure 1750000019 n'est pas un centre de régulation du SAMU");
    expect(await refusal(withClaims(regulator, { structureId: '1759999999' }))).toContain(
      "la structure 1759999999 n'est pas un centre de régulation du SAMU",
    );
    // The emergency physician naming the SAMU's centre, where the directory does not list him.
    expect(await refusal(withClaims(urgentist, { structureId: '1750000027' }))).toContain(
      "l'annuaire ne recense pas ce professionnel dans la structure 1750000027",
    );
    expect(await refusal(nurse)).toContain("le professionnel n'est pas médecin");
    expect(faultCode(await td02(platform, atTheChu, UNCONSCIOUS, as(CENTRE_15)))).toBe('CENTRE_15_NON_HABILITE');
    expect(
      auditOf(REGULATOR)
        .slice(-3)
        .map((entry) => [entry.structure, entry.outcome]),
    ).toEqual([
      ['1750000019', 'CENTRE_15_NON_HABILITE'],
      ['1759999999', 'CENTRE_15_NON_HABILITE'],
      ['1750000019', 'CENTRE_15_NON_HABILITE'],
    ]);
    expect(platform.emergencyAccesses.ofPatient(UNCONSCIOUS)).toEqual([]);
    expect(emergencyNotices(UNCONSCIOUS)).toEqual([]);

    expect((await iti18(platform, regulator, UNCONSCIOUS, findDocuments(UNCONSCIOUS), as(CENTRE_15))).status).toBe(
      'Success',
    );
    expect(emergencyNotices(UNCONSCIOUS).map((n) => n.kind)).toEqual(['centre_15']);
  });

  it('ends an emergency access after its window: calls within it ride on it, the first call after it opens a new one and tells the patient again', async () => {
    await recordOfTheUnconsciousPatient();
    await iti18(platform, urgentist, UNCONSCIOUS, findDocuments(UNCONSCIOUS), as(BREAK_GLASS));
    const [first] = platform.emergencyAccesses.ofPatient(UNCONSCIOUS);

    offsetMs = HOUR_MS;
    expect((await iti18(platform, urgentist, UNCONSCIOUS, findDocuments(UNCONSCIOUS), as(BREAK_GLASS))).status).toBe(
      'Success',
    );
    expect(platform.emergencyAccesses.ofPatient(UNCONSCIOUS)).toHaveLength(1);
    expect(emergencyNotices(UNCONSCIOUS)).toHaveLength(1);
    expect((await td02(platform, urgentist, UNCONSCIOUS, as())).body).toContain(`fin="${first!.expiresAt}"`);

    offsetMs = 2 * HOUR_MS + 60_000;
    expect((await td02(platform, urgentist, UNCONSCIOUS, as())).body).not.toContain('accesUrgence');
    expect((await iti18(platform, urgentist, UNCONSCIOUS, findDocuments(UNCONSCIOUS), as())).errors[0]?.errorCode).toBe(
      'AUTORISATION_REQUISE',
    );
    expect((await iti18(platform, urgentist, UNCONSCIOUS, findDocuments(UNCONSCIOUS), as(BREAK_GLASS))).status).toBe(
      'Success',
    );
    const [, second] = platform.emergencyAccesses.ofPatient(UNCONSCIOUS);
    expect(Date.parse(second!.openedAt)).toBeGreaterThanOrEqual(Date.parse(first!.expiresAt));
    expect(emergencyNotices(UNCONSCIOUS)).toHaveLength(2);
  });

  it('hides masked documents under break-glass and centre 15, except from their author and the médecin traitant', async () => {
    const { letter, stay } = await recordOfTheUnconsciousPatient();
    expect(
      outcome(
        await iti57(
          platform,
          gp,
          visibilityUpdate(updateSet(gp, UNCONSCIOUS), registryEntry(platform, stay), { MASQUE_PS: true }),
        ),
      ),
    ).toBe('Success');

    expect(
      uniqueIdsOf(await iti18(platform, urgentist, UNCONSCIOUS, findDocuments(UNCONSCIOUS), as(BREAK_GLASS))),
    ).toEqual([letter]);
    expect(
      uniqueIdsOf(await iti18(platform, regulator, UNCONSCIOUS, findDocuments(UNCONSCIOUS), as(CENTRE_15))),
    ).toEqual([letter]);
    const refused = await iti43(platform, urgentist, UNCONSCIOUS, [stay], as(BREAK_GLASS));
    const missing = await iti43(platform, urgentist, UNCONSCIOUS, ['1.2.250.1.999.1.1.404'], as(BREAK_GLASS));
    expect(wording(refused.response.errors[0], stay)).toEqual(
      wording(missing.response.errors[0], '1.2.250.1.999.1.1.404'),
    );

    expect(uniqueIdsOf(await iti18(platform, gp, UNCONSCIOUS, findDocuments(UNCONSCIOUS), as(BREAK_GLASS)))).toEqual(
      [letter, stay].sort(),
    );
    platform.rules.designateMedecinTraitant(UNCONSCIOUS, EMERGENCY_PHYSICIAN);
    expect(
      uniqueIdsOf(await iti18(platform, urgentist, UNCONSCIOUS, findDocuments(UNCONSCIOUS), as(BREAK_GLASS))),
    ).toEqual([letter, stay].sort());
  });

  it("keeps the habilitation matrix and the patient's blocks in force under break-glass", async () => {
    const { letter } = await recordOfTheUnconsciousPatient();
    expect(
      uniqueIdsOf(await iti18(platform, podiatrist, UNCONSCIOUS, findDocuments(UNCONSCIOUS), as(BREAK_GLASS))),
    ).toEqual([letter]);
    const blocked = await iti18(
      platform,
      podiatrist,
      SEED_MATRICULES.adulte,
      findDocuments(SEED_MATRICULES.adulte),
      as(BREAK_GLASS),
    );
    expect(blocked.errors[0]?.errorCode).toBe('PS_BLOQUE');
    expect(recordStatus(await td02(platform, podiatrist, SEED_MATRICULES.adulte, as(BREAK_GLASS))).authorization).toBe(
      'INTERDIT',
    );
    expect(platform.emergencyAccesses.ofPatient(SEED_MATRICULES.adulte)).toEqual([]);
    expect(emergencyNotices(SEED_MATRICULES.adulte)).toEqual([]);
  });
});
