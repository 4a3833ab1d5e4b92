import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PHONE_PREFIX } from '../mock-platform/psc/phone-handler.js';
import { SEED_MATRICULES, SEED_PROFESSIONALS, SEED_STRUCTURES } from '../mock-platform/seed/seed-data.js';
import { startTestPlatform, type TestPlatform } from '../mock-platform/testing.js';
import { ONE_PAGE_PDF as PDF } from './support/outcomes.js';
import { runPasserelle, type CliRun } from './support/run-cli.js';
import { provisionCastFromTemplate } from './support/cast-template.js';

/**
 * The professional signs in with her e-CPS (Pro Santé Connect, CIBA) and works on the record with no card in
 * any reader: the command line as a script runs it, each command its own process, against the mock.
 */
const home = mkdtempSync(join(tmpdir(), 'passerelle-ecps-'));
const files = mkdtempSync(join(tmpdir(), 'passerelle-ecps-files-'));
const GP = SEED_PROFESSIONALS.generaliste;
const ADULT = SEED_MATRICULES.adulte;
let platform: TestPlatform;
let env: Record<string, string | undefined>;

const passerelle = (args: string[]): Promise<CliRun> => runPasserelle(args, env);
const atDesk = ['--e-cps', '--vitale', 'VITALE-ADULTE'];
const sessionFile = join(home, 'ecps-session.json');

/** Waits until the mock's e-CPS app shows a request (the command line is still polling). */
async function pendingRequest(): Promise<{ id: string; bindingMessage: string }> {
  for (;;) {
    const [pending] = platform.psc.phone.list();
    if (pending) return pending;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Submits the e-CPS app page's form, as the professional's tap on "Approuver" would. */
function tapOnPage(id: string, decision: 'approve' | 'refuse'): Promise<number> {
  const body = new URLSearchParams({ id, decision }).toString();
  return new Promise((resolve, reject) => {
    const call = request(
      `${platform.url}${PHONE_PREFIX}`,
      {
        method: 'POST',
        ca: platform.pki.rootPem,
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'Content-Length': Buffer.byteLength(body),
          Origin: platform.url,
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    call.on('error', reject);
    call.end(body);
  });
}

beforeAll(async () => {
  provisionCastFromTemplate(home);
  platform = await startTestPlatform({ pkiDir: join(home, 'pki') });
  env = {
    ...process.env,
    PASSERELLE_HOME: home,
    PASSERELLE_PLATFORM_URL: platform.url,
    PASSERELLE_PLATFORM_CA: join(home, 'pki', 'root.crt'),
  };
  // The patient's Vitale card only: no professional card is in any reader.
  await passerelle(['cards', 'insert', 'VITALE-ADULTE']);
}, 120_000);
afterAll(async () => platform.dispose());

describe('passerelle login --e-cps, then the record with no card', { timeout: 180_000 }, () => {
  it('signs in (approved at once), then status, consent, upload and search go under AIR mode', async () => {
    const cards = await passerelle(['cards', 'list', '--json']);
    const listed = JSON.parse(cards.stdout) as { cards: { kind: string; inserted: boolean }[] };
    expect(listed.cards.filter((card) => card.kind !== 'vitale' && card.inserted)).toEqual([]);

    platform.psc.phone.autoApprove = true;
    const login = await passerelle(['login', '--e-cps', GP, '--json']);
    expect(login.stderr).toMatch(/code PSR-[A-Z0-9]{6}/);
    expect(login.code).toBe(0);
    const session = JSON.parse(login.stdout) as { identity: { nationalId: string }; activity: number };
    expect(session).toMatchObject({ identity: { nationalId: GP }, activity: 1 });
    // The refresh token is kept sealed (AES-GCM, format version 1); the access token is not kept at all.
    const stored = JSON.parse(readFileSync(sessionFile, 'utf8')) as Record<string, string>;
    expect(Object.keys(stored).sort()).toEqual(['activity', 'nationalId', 'refreshToken']);
    expect(Buffer.from(stored.refreshToken!, 'base64')[0]).toBe(1);

    const status = await passerelle(['status', ...atDesk]);
    expect(status.stderr).not.toContain('Erreur');
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('NON_EXISTE');

    const consent = await passerelle(['consent', ...atDesk]);
    expect(consent.code).toBe(0);
    expect(consent.stdout).toContain('VALIDE');

    const pdf = join(files, 'lettre.pdf');
    writeFileSync(pdf, PDF);
    const upload = await passerelle([
      'upload',
      ...atDesk,
      '--type',
      '11490-0',
      '--identity-checked',
      'passeport',
      '--json',
      pdf,
    ]);
    expect(upload.stderr).not.toContain('Erreur');
    expect(upload.code).toBe(0);
    const filed = (JSON.parse(upload.stdout) as { document: { uniqueId: string } }).document.uniqueId;

    const search = await passerelle(['search', ...atDesk, '--json']);
    expect(search.code).toBe(0);
    expect(
      (JSON.parse(search.stdout) as { documents: { uniqueId: string }[] }).documents.map((d) => d.uniqueId),
    ).toContain(filed);

    // Every DMP call about her went under AIR mode, in Dr Lumière's name (INSi's calls name its certificate).
    const dmpCalls = platform.audit.list({ patient: ADULT }).filter((entry) => entry.actor === GP);
    expect(dmpCalls.length).toBeGreaterThanOrEqual(4);
    expect(new Set(dmpCalls.map((entry) => entry.authMode))).toEqual(new Set(['INDIRECTE_RENFORCEE']));

    // A colleague at the same workstation logs in with her own card while the GP's e-CPS session is still open:
    // her acts are hers, under her card, never carried by the GP's session.
    await passerelle(['cards', 'insert', 'CPS-INFIRMIER']);
    const nurse = await runPasserelle(
      ['status', '--card', 'CPS-INFIRMIER', '--vitale', 'VITALE-ADULTE', '--pin-stdin', '--json'],
      env,
      '1234\n',
    );
    expect(nurse.code, nurse.stderr).toBe(0);
    const statusCalls = platform.audit.list({ patient: ADULT }).filter((entry) => entry.action === 'TD0.2');
    expect(statusCalls.at(-1)).toMatchObject({ actor: '899700100058', authMode: 'DIRECTE' });
    await passerelle(['cards', 'remove', 'CPS-INFIRMIER']);
  });

  it('signs in when the professional approves on the e-CPS app page, and logout revokes the session', async () => {
    platform.psc.phone.autoApprove = false;
    const running = passerelle(['login', '--e-cps', GP]);
    const pending = await pendingRequest();
    expect(await tapOnPage(pending.id, 'approve')).toBe(303);
    const login = await running;
    expect(login.code).toBe(0);
    expect(login.stderr).toContain(pending.bindingMessage);
    expect(login.stdout).toContain('Cabinet du Dr Lumière');

    const logout = await passerelle(['logout']);
    expect(logout.code).toBe(0);
    expect(existsSync(sessionFile)).toBe(false);
    const after = await passerelle(['status', ...atDesk]);
    expect(after.code).toBe(1);
    expect(after.stderr).toContain('login --e-cps');
  });

  it('says so in plain words when the professional refuses on her app, and keeps no session', async () => {
    platform.psc.phone.autoApprove = false;
    const running = passerelle(['login', '--e-cps', GP]);
    await pendingRequest();
    await platform.psc.phone.respond({ nationalId: GP }, { approve: false });
    const login = await running;
    expect(login.code).toBe(1);
    expect(login.stderr).toContain("La connexion a été refusée sur l'application e-CPS");
    expect(login.stderr).toContain('The sign-in was refused on the e-CPS app');
    expect(existsSync(sessionFile)).toBe(false);
  });

  it('refuses a sign-in below eidas1 and an unknown professional, sending nothing', async () => {
    platform.psc.phone.autoApprove = false;
    const before = platform.audit.list({ patient: ADULT }).length;
    const running = passerelle(['login', '--e-cps', GP]);
    await pendingRequest();
    await platform.psc.phone.respond({ nationalId: GP }, { approve: true, acr: 'eidas0' });
    const low = await running;
    expect(low.code).toBe(1);
    expect(low.stderr).toContain('eidas1');
    expect(existsSync(sessionFile)).toBe(false);
    const unknown = await passerelle(['login', '--e-cps', '899700199999']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('ne connaît pas de compte e-CPS');
    expect(platform.audit.list({ patient: ADULT }).length).toBe(before);
  });

  it('refuses --card and --e-cps together, and --e-cps when nobody is signed in', async () => {
    const both = await passerelle(['status', '--card', 'CPS-GENERALISTE', ...atDesk]);
    expect(both.code).toBe(1);
    const nobody = await passerelle(['status', ...atDesk]);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain("Aucun professionnel n'est connecté");
  });

  it('asks a professional with two activities to choose one, then carries the chosen structure in the VIHF', async () => {
    platform.psc.phone.autoApprove = true;
    const HOSPITAL_PHYSICIAN = SEED_PROFESSIONALS.hospitalier;
    const unchosen = await passerelle(['login', '--e-cps', HOSPITAL_PHYSICIAN, '--json']);
    expect(unchosen.code).toBe(1);
    expect(JSON.parse(unchosen.stdout)).toMatchObject({
      error: {
        code: 'ECPS_ACTIVITY_REQUIRED',
        details: {
          count: 2,
          activities: [
            { activity: 1, structureId: SEED_STRUCTURES.chu.id, structureName: SEED_STRUCTURES.chu.name },
            {
              activity: 2,
              structureId: SEED_STRUCTURES.cabinetGeneraliste.id,
              structureName: SEED_STRUCTURES.cabinetGeneraliste.name,
            },
          ],
        },
      },
    });
    expect(unchosen.stderr).toContain(
      `--activity (1 à 2) : 1. ${SEED_STRUCTURES.chu.name} (${SEED_STRUCTURES.chu.id}) ; 2. Cabinet du Dr Lumière (0751234567).`,
    );
    expect(unchosen.stderr).toContain('choose your work situation with --activity (1 to 2)');
    expect(existsSync(sessionFile)).toBe(false);

    const login = await passerelle(['login', '--e-cps', HOSPITAL_PHYSICIAN, '--activity', '2']);
    expect(login.code, login.stderr).toBe(0);
    expect(login.stdout).toContain('Cabinet du Dr Lumière');
    const status = await passerelle(['status', ...atDesk]);
    expect(status.code, status.stderr).toBe(0);
    const [call] = platform.audit
      .list({ patient: ADULT })
      .filter((entry) => entry.actor === HOSPITAL_PHYSICIAN && entry.action === 'TD0.2');
    expect(call).toMatchObject({ structure: SEED_STRUCTURES.cabinetGeneraliste.id, authMode: 'INDIRECTE_RENFORCEE' });
    expect((await passerelle(['logout'])).code).toBe(0);
  });
});
