import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { SEED_MATRICULES, SEED_PROFESSIONALS } from '../seed/seed-data.js';
import {
  cardHolder,
  faultCode,
  recordStatus,
  samuRegulator,
  td02,
  type TestCaller,
} from '../test-support/dmp-caller.js';
import { httpsRequest } from '../test-support/https-client.js';
import { portalRequest, type PortalRequest } from '../test-support/portal-client.js';
import { startTestPlatform, type TestPlatform } from '../testing.js';

const ADULT = SEED_MATRICULES.adulte;

describe('the patient portal', () => {
  let platform: TestPlatform;
  let gp: TestCaller;

  beforeAll(async () => {
    platform = await startTestPlatform();
    gp = cardHolder(platform, SEED_PROFESSIONALS.generaliste);
  });
  afterAll(() => platform.dispose());
  beforeEach(() => platform.reseed());

  const portal = (path: string, options: Partial<PortalRequest> = {}) =>
    portalRequest(platform, path, { ...options, as: options.as ?? ADULT });
  const act = (action: Record<string, string>, as: string = ADULT) =>
    portal('/portail/api/actions', {
      method: 'POST',
      body: JSON.stringify(action),
      contentType: 'application/json',
      as,
    });

  it('refuses wrong credentials', async () => {
    const wrong = await httpsRequest(platform.port, platform.pki.rootPem, {
      method: 'GET',
      path: '/portail/api/dossier',
      headers: { Authorization: `Basic ${Buffer.from(`${ADULT}:devine`).toString('base64')}` },
    });
    expect(wrong.status).toBe(401);
  });

  it('serves a page with a strict CSP, no script and no external resource', async () => {
    const page = await portal('/portail/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(
      "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    expect(page.body).not.toMatch(/<script|style=|https?:\/\/(?!www\.w3)/i);
    expect(page.body).toContain('DUVAL-FICTIF');
    const css = await portal('/portail/style.css');
    expect(css.headers['content-type']).toMatch(/^text\/css/);
  });

  it('shows the record, the access history and the notifications', async () => {
    await td02(platform, gp, ADULT, {
      claims: { accessMode: 'bris_de_glace', accessReason: 'Patient inconscient aux urgences' },
    });
    const record = JSON.parse((await portal('/portail/api/dossier')).body) as {
      patient: { matricule: string };
      bloques: { professional: string }[];
    };
    expect(record.patient.matricule).toBe(ADULT);
    expect(record.bloques.map((b) => b.professional)).toEqual([SEED_PROFESSIONALS.pedicure]);
    const history = JSON.parse((await portal('/portail/api/historique')).body) as {
      action: string;
      accessMode: string;
    }[];
    expect(history.at(-1)).toMatchObject({ action: 'TD0.2', accessMode: 'bris_de_glace' });
    const notifications = JSON.parse((await portal('/portail/api/notifications')).body) as { kind: string }[];
    expect(notifications.map((n) => n.kind)).toEqual(['bris_de_glace']);
  });

  it('changes what TD0.2 answers: block and unblock, médecin traitant, oppositions, close and reopen', async () => {
    expect((await act({ action: 'bloquer', professionnel: SEED_PROFESSIONALS.generaliste })).status).toBe(200);
    expect(recordStatus(await td02(platform, gp, ADULT)).authorization).toBe('INTERDIT');
    await act({ action: 'debloquer', professionnel: SEED_PROFESSIONALS.generaliste });
    expect(recordStatus(await td02(platform, gp, ADULT)).authorization).toBe('NON_EXISTE');

    await act({ action: 'designer-medecin-traitant', professionnel: SEED_PROFESSIONALS.generaliste });
    expect(recordStatus(await td02(platform, gp, ADULT)).medecinTraitant).toBe(true);

    await act({ action: 'opposer', acces: 'bris_de_glace' });
    expect(
      faultCode(
        await td02(platform, gp, ADULT, {
          claims: { accessMode: 'bris_de_glace', accessReason: 'Patient inconscient aux urgences' },
        }),
      ),
    ).toBe('BRIS_DE_GLACE_REFUSE');
    await act({ action: 'autoriser', acces: 'bris_de_glace' });
    expect(
      (
        await td02(platform, gp, ADULT, {
          claims: { accessMode: 'bris_de_glace', accessReason: 'Patient inconscient aux urgences' },
        })
      ).status,
    ).toBe(200);

    await act({ action: 'fermer', motif: 'Je ne souhaite plus de dossier' });
    expect(recordStatus(await td02(platform, gp, ADULT)).record.status).toBe('FERME');
    await act({ action: 'rouvrir' });
    expect(recordStatus(await td02(platform, gp, ADULT)).record.status).toBe('ACTIF');

    expect(
      platform.audit
        .list({ patient: ADULT })
        .filter((e) => e.authMode === 'PATIENT')
        .map((e) => e.action),
    ).toEqual([
      'portail.bloquer',
      'portail.debloquer',
      'portail.designer-medecin-traitant',
      'portail.opposer',
      'portail.autoriser',
      'portail.fermer',
      'portail.rouvrir',
    ]);
  });

  it('validates every input and refuses what the record state forbids', async () => {
    expect((await act({ action: 'bloquer', professionnel: '<script>' })).status).toBe(400);
    expect((await act({ action: 'supprimer-tout' })).status).toBe(400);
    const text = await portal('/portail/api/actions', {
      method: 'POST',
      body: 'action=rouvrir',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(text.status).toBe(415);
    const opposed = await act({ action: 'rouvrir' }, SEED_MATRICULES.opposant);
    expect([opposed.status, (JSON.parse(opposed.body) as { code: string }).code]).toEqual([409, 'DMP_INEXISTANT']);
  });

  it('refuses, on each JSON action of its API, another Content-Type before reading, and unreadable JSON', async () => {
    for (const path of ['/portail/api/actions', '/portail/api/messages', '/portail/api/documents']) {
      const form = await portal(path, {
        method: 'POST',
        body: 'a=1',
        contentType: 'application/x-www-form-urlencoded',
      });
      const broken = await portal(path, { method: 'POST', body: '{"action":', contentType: 'application/json' });
      expect([path, form.status, broken.status, (JSON.parse(broken.body) as { erreur: string }).erreur]).toEqual([
        path,
        415,
        400,
        'JSON illisible.',
      ]);
    }
  });

  it("lets a legal representative manage a minor's record, but not see the activity of a secret connection", async () => {
    const father = SEED_MATRICULES.famillePere;
    const chloe = SEED_MATRICULES.familleMineureSecrete;
    const tom = '116116912308707';
    const mine = JSON.parse((await portal('/portail/api/dossier', { as: father })).body) as { representes: string[] };
    expect(mine.representes).toEqual([tom, chloe]);
    expect((await portal(`/portail/api/dossier?patient=${chloe}`, { as: ADULT })).status).toBe(403);
    expect((await portal(`/portail/api/dossier?patient=${ADULT}`, { as: father })).status).toBe(403);

    await td02(platform, gp, chloe);
    expect((await portal(`/portail/api/historique?patient=${chloe}`, { as: father })).status).toBe(403);
    expect((await portal(`/portail/api/historique?patient=${tom}`, { as: father })).status).toBe(200);
    expect(JSON.parse((await portal('/portail/api/historique', { as: chloe })).body)).toEqual([
      expect.objectContaining({ action: 'TD0.2' }),
    ]);
    const page = await portal(`/portail/?patient=${chloe}`, { as: father });
    expect(page.body).toContain('en tant que représentant légal');
    expect(page.body).not.toContain('TD0.2');

    const acted = await portal(`/portail/api/actions?patient=${chloe}`, {
      method: 'POST',
      body: JSON.stringify({ action: 'opposer', acces: 'bris_de_glace' }),
      contentType: 'application/json',
      as: father,
    });
    expect(acted.status).toBe(200);
    expect(
      faultCode(
        await td02(platform, gp, chloe, {
          claims: { accessMode: 'bris_de_glace', accessReason: 'Patient inconscient aux urgences' },
        }),
      ),
    ).toBe('BRIS_DE_GLACE_REFUSE');
    expect(
      platform.audit
        .list({ patient: chloe })
        .filter((e) => e.authMode === 'PATIENT')
        .map((e) => [e.actor, e.action]),
    ).toEqual([['REPRESENTANT_LEGAL', 'portail.opposer']]);

    const token = /name="jeton" value="([^"]+)"/.exec(page.body)![1]!;
    const form = await portal('/portail/actions', {
      method: 'POST',
      body: new URLSearchParams({
        jeton: token,
        patient: chloe,
        action: 'autoriser',
        acces: 'bris_de_glace',
      }).toString(),
      contentType: 'application/x-www-form-urlencoded',
      as: father,
    });
    expect([form.status, form.headers.location]).toEqual([303, `/portail/?patient=${chloe}`]);
    const replayed = await portal('/portail/actions', {
      method: 'POST',
      body: new URLSearchParams({ jeton: token, patient: tom, action: 'opposer', acces: 'centre_15' }).toString(),
      contentType: 'application/x-www-form-urlencoded',
      as: father,
    });
    expect(replayed.status).toBe(403);
  });

  it('accepts the page forms only with their anti-forgery token', async () => {
    const page = await portal('/portail/');
    const token = /name="jeton" value="([^"]+)"/.exec(page.body)![1]!;
    const forged = await portal('/portail/actions', {
      method: 'POST',
      body: 'jeton=faux&action=opposer&acces=centre_15',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(forged.status).toBe(403);
    const genuine = await portal('/portail/actions', {
      method: 'POST',
      body: new URLSearchParams({ jeton: token, action: 'opposer', acces: 'centre_15' }).toString(),
      contentType: 'application/x-www-form-urlencoded',
    });
    expect([genuine.status, genuine.headers.location]).toEqual([303, '/portail/']);
    const unblock = (await portal('/portail/')).body.match(
      /<form[^>]*>(?:(?!<\/form>).)*name="action" value="debloquer"(?:(?!<\/form>).)*<\/form>/s,
    )![0];
    const fields = Object.fromEntries(
      [...unblock.matchAll(/name="(\w+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]),
    );
    expect(fields).toEqual({ jeton: token, action: 'debloquer', professionnel: SEED_PROFESSIONALS.pedicure });
    await portal('/portail/actions', {
      method: 'POST',
      body: new URLSearchParams(fields).toString(),
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(platform.store.blocked(ADULT)).toEqual([]);
    expect(
      faultCode(
        await td02(platform, samuRegulator(platform), ADULT, {
          claims: { accessMode: 'centre_15', accessReason: 'Appel au 15 pour malaise', medicalRegulation: true },
        }),
      ),
    ).toBe('CENTRE_15_REFUSE');
  });
});
