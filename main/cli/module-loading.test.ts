import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runPasserelle } from '../../test/support/run-cli.js';

/**
 * Every `passerelle` process loads only what the command it runs needs: the scenarios start a few hundred of them,
 * and loading the whole program cost each one more than a second of CPU. A preloaded module hook lists what a run
 * of the compiled command loads (ES modules through the loader, CommonJS ones from the require cache at exit).
 */
const scratch = mkdtempSync(join(tmpdir(), 'passerelle-modules-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const HOOKS = `
import { appendFileSync } from 'node:fs';
let file;
export function initialize(data) { file = data.file; }
export async function load(url, context, next) {
  appendFileSync(file, url + '\\n');
  return next(url, context);
}
`;

const PRELOAD = `
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';
const file = process.env.LOADED_MODULES_FILE;
register(new URL('./hooks.mjs', import.meta.url), { data: { file } });
const require = createRequire(import.meta.url);
process.on('exit', () => appendFileSync(file, Object.keys(require.cache).map((path) => pathToFileURL(path).href + '\\n').join('')));
`;

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What the mock platform, the demo and the local service are: commands of their own, loaded by them only. */
const HOSTS = ['dist/mock-platform/', 'dist/main/demo/', 'dist/main/service/start.js'];
/** What only some core commands use: the official rules' engine, the platform's HTTP client, the SMTP client. */
const ON_USE = ['node_modules/saxon-js/', 'node_modules/axios/', 'node_modules/nodemailer/dist/esm/smtp-transport/'];

let preload: string;

beforeAll(() => {
  writeFileSync(join(scratch, 'hooks.mjs'), HOOKS);
  preload = join(scratch, 'preload.mjs');
  writeFileSync(preload, PRELOAD);
});

/** The files of the project a run of `passerelle args` loaded, relative to its root, and how the run ended. */
async function loadedBy(name: string, args: readonly string[]): Promise<{ code: number | null; files: string[] }> {
  const list = join(scratch, `${name}.txt`);
  writeFileSync(list, '');
  const run = await runPasserelle(args, {
    ...process.env,
    NODE_OPTIONS: `--import=${preload}`,
    LOADED_MODULES_FILE: list,
    PASSERELLE_HOME: join(scratch, 'home'),
  });
  const files = readFileSync(list, 'utf8')
    .split('\n')
    .filter((url) => url.startsWith('file:'))
    .map((url) => fileURLToPath(url))
    .filter((path) => path.startsWith(ROOT))
    .map((path) => path.slice(ROOT.length));
  return { code: run.code, files: [...new Set(files)] };
}

const under = (files: readonly string[], prefixes: readonly string[]): string[] =>
  files.filter((file) => prefixes.some((prefix) => file.startsWith(prefix)));

describe('the modules a passerelle process loads', () => {
  it('shows the help of every command without loading the core, the mock platform, the demo or the service', async () => {
    const { code, files } = await loadedBy('help', ['--help']);
    expect(code).toBe(0);
    // The commands are registered: their modules are there.
    expect(files).toContain('dist/main/cli/commands/mock-platform.js');
    expect(under(files, ['dist/main/core/router/', 'dist/main/core/workstation/desks.js', ...HOSTS])).toEqual([]);
    expect(under(files, ON_USE)).toEqual([]);
  });

  it('runs a core command without the mock platform, nor the rules engine, HTTP or SMTP clients it does not use', async () => {
    const { code, files } = await loadedBy('about', ['about', '--json']);
    expect(code).toBe(0);
    expect(files).toContain('dist/main/core/router/create-core.js');
    expect(under(files, [...HOSTS, ...ON_USE])).toEqual([]);
  });
});
