import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CONTRACT, type MethodName } from '../../api/contract/index.js';
import { ORG_PIN, runCli, type CliRun } from '../../test/support/batch-cli.js';
import { lineFor, SEEDED, smallPdf, writeManifest } from '../../test/support/batch-fixtures.js';
import { prepareBatchHome, type BatchHome } from '../../test/support/batch-home.js';
import { ansExampleFor } from '../../test/support/ans-example.js';

/**
 * Every command that offers `--json` prints exactly the response of its contract method — the JSON the local
 * API answers for the same request — so that a script, the window and the service never disagree. Each output
 * is parsed with the method's response schema, and must be exactly what the schema keeps (nothing more).
 */
let station: BatchHome;
const files = mkdtempSync(join(tmpdir(), 'passerelle-json-contract-'));

beforeAll(async () => {
  station = await prepareBatchHome('json-contract');
}, 180_000);
afterAll(async () => station.platform.dispose());

const passerelle = (args: readonly string[], stdin = ''): Promise<CliRun> =>
  runCli([...args, '--home', station.home], station.env, stdin);

/** The command's standard output, checked against the response schema of `method`; returns it parsed. */
async function answerOf(method: MethodName, args: readonly string[], stdin = ''): Promise<unknown> {
  const run = await passerelle([...args, '--json'], stdin);
  expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
  const printed = JSON.parse(run.stdout) as unknown;
  const parsed = CONTRACT[method].response.safeParse(printed);
  expect(parsed.success, `${method}: ${parsed.error?.message ?? ''}`).toBe(true);
  // Nothing the schema does not describe: parsing keeps every field printed.
  expect(parsed.data).toEqual(printed);
  return printed;
}

const atDesk = (card: string, vitale: string): string[] => ['--card', card, '--vitale', vitale, '--pin-stdin'];
const PIN = '1234\n';

describe('each command’s --json is its contract method’s response', { timeout: 180_000 }, () => {
  it('for the batch: import, run, status, one item, retry, cancel', async () => {
    const folder = mkdtempSync(join(files, 'batch-'));
    writeFileSync(join(folder, 'lettre.pdf'), smallPdf('json-contract'));
    writeFileSync(join(folder, 'ferme.pdf'), smallPdf('json-contract-closed'));
    writeManifest(folder, 'manifest.csv', [lineFor(SEEDED.adult, 'lettre.pdf'), lineFor(SEEDED.closed, 'ferme.pdf')]);
    const imported = (await answerOf('batch.import', ['batch', 'import', folder])) as { queued: { id: string }[] };
    expect(imported.queued).toHaveLength(2);
    await answerOf('batch.run', ['batch', 'run', '--pin-stdin'], ORG_PIN);
    await answerOf('batch.status', ['batch', 'status', '--all']);
    await answerOf('batch.item', ['batch', 'status', imported.queued[0]!.id]);
    expect(await answerOf('batch.retry', ['batch', 'retry'])).toEqual({ requeued: 1 });
    expect(await answerOf('batch.cancel', ['batch', 'cancel', '--all'])).toEqual({ cancelled: 1, refused: [] });
  });

  it('for the cards, once the GP’s card is in the reader: cards.list and cards.verify', async () => {
    await passerelle(['cards', 'insert', 'CPS-GENERALISTE']);
    await answerOf('cards.list', ['cards', 'list']);
    await answerOf('cards.verify', ['cards', 'login', 'CPS-GENERALISTE', '--pin-stdin'], PIN);
  });

  it('for the patient in front of the GP: status, consent, upload, validate, search, get', async () => {
    await passerelle(['cards', 'insert', 'VITALE-ADULTE']);
    const gp = atDesk('CPS-GENERALISTE', 'VITALE-ADULTE');
    await answerOf('record.status', ['status', ...gp], PIN);
    await answerOf('record.consent', ['consent', ...gp], PIN);
    const letter = join(files, 'lettre.pdf');
    writeFileSync(letter, smallPdf('json-contract-upload'));
    const filed = (await answerOf(
      'document.upload',
      ['upload', ...gp, '--type', '11490-0', '--identity-checked', 'passeport', letter],
      PIN,
    )) as { document: { uniqueId: string } };
    const cda = join(files, 'ldl-ses.xml');
    writeFileSync(cda, ansExampleFor('LDL-SES_2022.01.xml', SEEDED.adult));
    await answerOf('document.validate', ['validate', cda]);
    await answerOf('document.search', ['search', ...gp], PIN);
    const { uniqueId } = filed.document;
    await answerOf('document.retrieve', ['get', ...gp, uniqueId, '--out', join(files, 'copie.xml')], PIN);
    await answerOf('document.render', ['get', ...gp, uniqueId, '--out', join(files, 'lisible.pdf'), '--render'], PIN);
  });

  it('for an emergency: the search the access opened', async () => {
    await passerelle(['cards', 'insert', 'CPS-URGENTISTE']);
    await passerelle(['cards', 'insert', 'VITALE-INCONSCIENT']);
    const answer = (await answerOf(
      'document.search',
      ['emergency', ...atDesk('CPS-URGENTISTE', 'VITALE-INCONSCIENT'), '--reason', 'Patient inconscient'],
      PIN,
    )) as { emergencyAccess?: { mode: string } };
    expect(answer.emergencyAccess?.mode).toBe('bris_de_glace');
  });
});
