import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ResponseOf } from '../api/contract/index.js';
import { TEST_RULES } from '../interop/cda-validation/test-support/rules.js';
import { SEED_PROFESSIONALS } from '../mock-platform/seed/seed-data.js';
import { httpsRequest } from '../mock-platform/test-support/https-client.js';
import { startTestPlatform, type TestPlatform } from '../mock-platform/testing.js';
import { runPasserelle, type CliRun } from './support/run-cli.js';
import { provisionCastFromTemplate } from './support/cast-template.js';

/**
 * The médecin traitant's year from the command line, with emulated cards, the mock and the official rules: the
 * example synthesis filed for the adult of VITALE-ADULTE once the GP declared herself médecin traitant, the
 * `vsm` reminder turning done, a second synthesis replacing the first, and bad syntheses refused.
 */
const home = mkdtempSync(join(tmpdir(), 'passerelle-vsm-'));
const files = mkdtempSync(join(tmpdir(), 'passerelle-vsm-files-'));
let platform: TestPlatform;
let env: Record<string, string | undefined>;

const passerelle = (args: string[], stdin = ''): Promise<CliRun> => runPasserelle(args, env, stdin);
const atDesk = ['--card', 'CPS-GENERALISTE', '--vitale', 'VITALE-ADULTE', '--pin-stdin'];
const withPin = (...args: string[]): Promise<CliRun> => passerelle([...args, ...atDesk], '1234\n');

function file(name: string, content: unknown): string {
  const path = join(files, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function json<T>(run: CliRun): T {
  expect(run.stderr).not.toContain('Erreur');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as T;
}

const vsmItem = (answer: ResponseOf<'reminders.list'>) => answer.items.find((item) => item.kind === 'vsm');

beforeAll(async () => {
  provisionCastFromTemplate(home);
  platform = await startTestPlatform({ pkiDir: join(home, 'pki') });
  env = {
    ...process.env,
    PASSERELLE_HOME: home,
    PASSERELLE_PLATFORM_URL: platform.url,
    PASSERELLE_PLATFORM_CA: join(home, 'pki', 'root.crt'),
    PASSERELLE_CDA_RULES: TEST_RULES.rulesDir,
    PASSERELLE_CDA_RULES_CACHE: TEST_RULES.cacheDir,
  };
  await passerelle(['cards', 'insert', 'CPS-GENERALISTE']);
  await passerelle(['cards', 'insert', 'VITALE-ADULTE']);
}, 120_000);
afterAll(async () => platform.dispose());

describe('passerelle vsm and reminders', { timeout: 240_000 }, () => {
  let example = '';
  let first = '';

  it('prints an example the contract accepts, the method’s answer with --json', async () => {
    const printed = await passerelle(['vsm', 'example']);
    expect(printed.code).toBe(0);
    const content = JSON.parse(printed.stdout) as { treatments: unknown[]; pathologies: unknown; results: unknown };
    expect(content.treatments).toHaveLength(1);
    example = file('vsm.json', printed.stdout);
    const answer = json<ResponseOf<'vsm.example'>>(await passerelle(['vsm', 'example', '--json']));
    expect(answer.content).toEqual(content);
  });

  it('files the synthesis of the GP declared médecin traitant, and her vsm reminder goes from due to done', async () => {
    json(await withPin('consent', '--medecin-traitant', '--json'));
    const before = json<ResponseOf<'reminders.list'>>(await withPin('reminders', '--json'));
    expect(before.medecinTraitant).toBe(true);
    expect(vsmItem(before)).toMatchObject({ status: 'due', label: { fr: 'Volet de synthèse médicale (VSM) annuel' } });
    // Born in May 1985: the cervical screening by HPV test applies to her, breast screening does not yet.
    expect(before.items.map((i) => i.id)).toContain('cervical-hpv');
    expect(before.items.map((i) => i.id)).not.toContain('breast');

    const filed = json<ResponseOf<'vsm.file'>>(
      await withPin('vsm', 'file', '--from', example, '--identity-checked', 'passeport', '--json'),
    );
    expect(filed.document.typeCode.code).toBe('SYNTH');
    expect(filed.replaced).toBeNull();
    expect(filed.check).toMatchObject({ valid: true, official: true });
    first = filed.document.uniqueId;

    const after = json<ResponseOf<'reminders.list'>>(await withPin('reminders', '--json'));
    expect(vsmItem(after)).toMatchObject({ status: 'done', evidence: { uniqueId: first } });
    const text = await withPin('reminders');
    expect(text.stdout).toContain('[fait / done] — Volet de synthèse médicale (VSM) annuel');
  });

  it('replaces her previous synthesis when she files a new one', async () => {
    const second = json<ResponseOf<'vsm.file'>>(await withPin('vsm', 'file', '--from', example, '--json'));
    expect(second.replaced).toBe(first);
    expect(second.document.message.en).toContain('replaced');
    const reminders = json<ResponseOf<'reminders.list'>>(await withPin('reminders', '--json'));
    expect(vsmItem(reminders)?.evidence?.uniqueId).toBe(second.document.uniqueId);
    const listed = json<ResponseOf<'document.search'>>(await withPin('search', '--type', 'SYNTH', '--json'));
    expect(listed.documents.filter((d) => d.status === 'Approved').map((d) => d.uniqueId)).toEqual([
      second.document.uniqueId,
    ]);
  });

  it('lists her patients from the journal with the ALD she marked and the coverage, and exports them as CSV', async () => {
    json(await withPin('patients', 'ald', '--json'));
    const csv = join(files, 'patients.csv');
    const list = json<ResponseOf<'patients.list'>>(await passerelle(['patients', '--json', '--csv', csv]));
    expect(list.patients).toEqual([
      expect.objectContaining({
        matricule: '285057511203496',
        name: 'JEANNE MARTIN-FICTIF',
        ald: true,
        vsmUpToDate: true,
      }),
    ]);
    expect(list.ald).toMatchObject({ patients: 1, withRecentVsm: 1, share: 1 });
    expect(list.ald.thresholds.every((t) => t.reached)).toBe(true);
    expect(list.toDo).toEqual([]);
    expect(readFileSync(csv, 'utf8')).toContain('285057511203496;1.2.250.1.213.1.4.10;JEANNE MARTIN-FICTIF;oui;');
    const text = await passerelle(['patients']);
    expect(text.stdout).toContain('seuil 90 % atteint');
  });

  it('refuses a synthesis without a mandatory section, an unknown code and a malformed file, saying which', async () => {
    const { treatments: _, ...rest } = JSON.parse((await passerelle(['vsm', 'example'])).stdout) as Record<
      string,
      unknown
    >;
    const missing = await withPin('vsm', 'file', '--from', file('missing.json', rest));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('section obligatoire « Traitement au long cours »');
    expect(missing.stderr).toContain('mandatory section “Traitement au long cours”');

    const content = JSON.parse((await passerelle(['vsm', 'example'])).stdout) as {
      pathologies: { allergies: { type: string }[] };
    };
    content.pathologies.allergies[0]!.type = '999999';
    const unknown = await withPin('vsm', 'file', '--from', file('unknown.json', content), '--json');
    expect(unknown.code).toBe(1);
    expect((JSON.parse(unknown.stdout) as { error: { code: string } }).error.code).toBe('VSM_CODE_UNKNOWN');

    const broken = await withPin('vsm', 'file', '--from', file('broken.json', '{"results": '));
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('ne peut pas être lu comme du JSON');
  });

  it('files, reminds and shares to the agenda with the e-CPS instead of the card (--e-cps)', async () => {
    platform.psc.phone.autoApprove = true;
    json(await passerelle(['login', '--e-cps', SEED_PROFESSIONALS.generaliste, '--json']));
    const atDeskEcps = ['--e-cps', '--vitale', 'VITALE-ADULTE', '--json'];
    json(await passerelle(['consent', '--medecin-traitant', ...atDeskEcps]));

    const content = file('vsm-ecps.json', (await passerelle(['vsm', 'example'])).stdout);
    const filed = json<ResponseOf<'vsm.file'>>(
      await passerelle(['vsm', 'file', '--from', content, '--identity-checked', 'passeport', ...atDeskEcps]),
    );
    expect(filed.document.typeCode.code).toBe('SYNTH');
    const reminders = json<ResponseOf<'reminders.list'>>(await passerelle(['reminders', ...atDeskEcps]));
    expect(vsmItem(reminders)).toMatchObject({ status: 'done', evidence: { uniqueId: filed.document.uniqueId } });

    const start = new Date(Date.now() + 5 * 24 * 3600 * 1000);
    start.setUTCHours(8, 0, 0, 0);
    const end = new Date(start.getTime() + 3600 * 1000);
    const shared = json<ResponseOf<'agenda.share'>>(
      await passerelle([
        'agenda',
        'share',
        ...atDeskEcps,
        '--start',
        start.toISOString(),
        '--end',
        end.toISOString(),
        '--reason',
        'Dépistage du cancer du col de l’utérus',
      ]),
    );
    const agenda = await httpsRequest(platform.port, platform.pki.rootPem, {
      method: 'GET',
      path: '/portail/api/agenda',
      headers: { Authorization: platform.portal.authorization('285057511203496') },
    });
    expect(JSON.parse(agenda.body)).toContainEqual(
      expect.objectContaining({ description: shared.appointment.description, start: start.toISOString() }),
    );
    // Every call about her went under the e-CPS's AIR mode, in the GP's name.
    const audit = platform.audit.list({ patient: '285057511203496' });
    for (const action of ['TD0.2', 'agenda.rendez-vous'])
      expect(audit.filter((e) => e.action === action).at(-1)).toMatchObject({
        actor: SEED_PROFESSIONALS.generaliste,
        authMode: 'INDIRECTE_RENFORCEE',
      });
  });
});
