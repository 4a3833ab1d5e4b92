import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { SEED_MATRICULES, SEED_PROFESSIONALS } from '../seed/seed-data.js';
import { file, findDocuments, iti18 } from '../test-support/consult-caller.js';
import { cardHolder, td02, td03, type TestCaller } from '../test-support/dmp-caller.js';
import { portalRequest, type PortalRequest } from '../test-support/portal-client.js';
import {
  authorOf,
  cda,
  describeSubmission,
  iti41,
  outcome,
  registryResponse,
  signed,
} from '../test-support/xds-caller.js';
import { startTestPlatform, type TestPlatform } from '../testing.js';
import { localDateTime } from './portal-words.js';

const ADULT = SEED_MATRICULES.adulte;
const FATHER = SEED_MATRICULES.famillePere;
/** A minor whose father is her legal representative, without a secret connection of her own so far. */
const TOM = '116116912308707';

const PROFILE = {
  action: 'profil',
  allergies: 'Pénicilline (urticaire)',
  poids: '62',
  taille: '168',
  traitements: 'Lévothyrox 75 µg le matin',
  vaccinations: 'DTP 2021, grippe 2025',
  directives: 'Pas d’acharnement thérapeutique ; je souhaite être soulagée de la douleur.',
  don_organes: 'oui',
  personne_confiance: 'Marie DUVAL, sœur, 06 00 00 00 00',
  personnes_a_prevenir: 'Paul DUVAL, frère',
};

describe("the portal's patient profile and a minor's secret connection", () => {
  let platform: TestPlatform;
  let gp: TestCaller;

  beforeAll(async () => {
    platform = await startTestPlatform();
    gp = cardHolder(platform, SEED_PROFESSIONALS.generaliste);
  });
  afterAll(() => platform.dispose());
  beforeEach(() => platform.reseed());

  const portal = (path: string, options: Omit<Partial<PortalRequest>, 'contentType'> = {}) =>
    portalRequest(platform, path, { ...options, as: options.as ?? ADULT });
  const post = (path: string, value: unknown, as: string = ADULT) =>
    portal(path, { method: 'POST', body: JSON.stringify(value), as });

  it("files the profile as the patient's own documents, which a professional's search finds in class 90", async () => {
    const saved = await post('/portail/api/documents', PROFILE);
    expect(saved.status).toBe(200);
    expect((JSON.parse(saved.body) as { deposes: string[] }).deposes.sort()).toEqual([
      'directives',
      'profil',
      'vaccinations',
      'volontes',
    ]);
    await td03(platform, gp, ADULT, 'AJOUT');
    const found = await iti18(platform, gp, ADULT, findDocuments(ADULT));
    const mine = found.documentEntries.filter((entry) => entry.classCode.code === '90');
    expect(mine.map((entry) => entry.typeCode.code).sort()).toEqual(['11369-6', 'DOCPAT08', 'EXPPAT_1', 'EXPPAT_3']);
    const volontes = mine.find((entry) => entry.typeCode.code === 'EXPPAT_1')!;
    expect(volontes).toMatchObject({
      title: 'Volontés et droits du patient',
      authors: [{ person: { id: ADULT } }],
      healthcareFacilityTypeCode: { code: 'EXP_PATIENT' },
    });

    // The same profile saved again files nothing; a changed directive replaces its document, the rest stays.
    expect(JSON.parse((await post('/portail/api/documents', PROFILE)).body)).toEqual({ deposes: [] });
    const changed = await post('/portail/api/documents', { ...PROFILE, directives: 'Je refuse toute réanimation.' });
    expect(JSON.parse(changed.body)).toEqual({ deposes: ['directives'] });
    const after = await iti18(platform, gp, ADULT, findDocuments(ADULT));
    expect(after.documentEntries.filter((entry) => entry.typeCode.code === 'EXPPAT_3')).toHaveLength(1);
    expect(after.documentEntries.filter((entry) => entry.classCode.code === '90')).toHaveLength(4);
  });

  it('opens a document in the sanitized viewer, and lets the patient mask it to professionals', async () => {
    await post('/portail/api/documents', PROFILE);
    const [directives] = (
      JSON.parse((await portal('/portail/api/documents')).body) as { uniqueId: string; type: string }[]
    ).filter((d) => d.type === 'Directives anticipées');
    const viewer = await portal(`/portail/documents/${encodeURIComponent(directives!.uniqueId)}`);
    expect(viewer.status).toBe(200);
    expect(viewer.headers['content-security-policy']).toContain("default-src 'none'");
    expect(viewer.body).toContain('Pas d’acharnement thérapeutique');
    expect(viewer.body).toContain('par Vous');
    expect(viewer.body).not.toMatch(/<script/i);

    expect(
      (await post('/portail/api/documents', { action: 'masquer-document', document: directives!.uniqueId })).status,
    ).toBe(200);
    await td03(platform, gp, ADULT, 'AJOUT');
    const found = await iti18(platform, gp, ADULT, findDocuments(ADULT));
    expect(found.documentEntries.map((entry) => entry.typeCode.code)).not.toContain('EXPPAT_3');
    const listed = JSON.parse((await portal('/portail/api/documents')).body) as { uniqueId: string; masked: boolean }[];
    expect(listed.find((d) => d.uniqueId === directives!.uniqueId)?.masked).toBe(true);
    expect((await portal('/portail/documents/1.2.3.4.5')).status).toBe(404);
  });

  it('speaks local time, plain words and names professionals with their profession', async () => {
    await td02(platform, gp, ADULT, {
      claims: { accessMode: 'bris_de_glace', accessReason: 'Patient inconscient aux urgences' },
    });
    const page = (await portal('/portail/')).body;
    const [entry] = platform.audit.list({ patient: ADULT }).filter((e) => e.action === 'TD0.2');
    const utc = entry!.at.slice(11, 16);
    const paris = localDateTime(entry!.at);
    expect(paris.slice(-5)).not.toBe(utc);
    expect(page).toContain(paris);
    expect(page).toContain('Dr Claire LUMIERE, médecin (Cabinet du Dr Lumière)');
    expect(page).toContain('a vérifié que votre dossier existe et qu&#39;il peut y accéder');
    expect(page).toContain('Accès d&#39;urgence (bris de glace)');
    expect(page).not.toMatch(/TD0\.2|ITI-\d+|INSi\./);
    expect(page).toContain('Enregistrer mon profil dans mon dossier');
  });

  it("refuses a secret connection on an adult's record, and a document it would leave visible to the parents", async () => {
    const secret: TestCaller = { ...gp, claims: { ...gp.claims, secretConnection: true } };
    const send = async (matricule: string, visible: boolean): Promise<string> => {
      const content = cda(platform, authorOf(secret), matricule, 'Consultation de contraception');
      const metadata = describeSubmission(authorOf(secret), matricule, [content]);
      const entries = metadata.documentEntries.map((entry) =>
        visible
          ? entry
          : {
              ...entry,
              confidentialityCodes: [
                ...entry.confidentialityCodes,
                {
                  code: 'INVISIBLE_REPRESENTANTS_LEGAUX',
                  codeSystem: '1.2.250.1.213.1.1.4.13',
                  displayName: 'Non visible par les représentants légaux du patient',
                },
              ],
            },
      );
      const edited = { ...metadata, documentEntries: entries };
      return outcome(registryResponse(await iti41(platform, secret, await signed(secret, edited, [content]))));
    };
    expect(await send(ADULT, false)).toBe('CONNEXION_SECRETE_MAJEUR');
    expect(await send(TOM, true)).toBe('CONNEXION_SECRETE_VISIBILITE');
    expect(platform.audit.list().at(-1)).toMatchObject({ action: 'ITI-41', outcome: 'CONNEXION_SECRETE_VISIBILITE' });
  });

  it('files under a secret connection a document the minor sees and her legal representative does not', async () => {
    const secret: TestCaller = { ...gp, claims: { ...gp.claims, secretConnection: true } };
    await file(platform, secret, TOM, [
      { text: 'Consultation confidentielle', visibility: ['INVISIBLE_REPRESENTANTS_LEGAUX'] },
    ]);
    expect(platform.audit.list().at(-1)).toMatchObject({ action: 'ITI-41.connexion-secrete', outcome: 'OK' });
    const titles = (body: string) => (JSON.parse(body) as { title: string }[]).map((d) => d.title);
    expect(titles((await portal('/portail/api/documents', { as: TOM })).body)).toContain('Consultation confidentielle');
    expect(titles((await portal(`/portail/api/documents?patient=${TOM}`, { as: FATHER })).body)).not.toContain(
      'Consultation confidentielle',
    );
    const fatherPage = (await portal(`/portail/?patient=${TOM}`, { as: FATHER })).body;
    expect(fatherPage).not.toContain('Consultation confidentielle');
  });
});
