import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

/**
 * Probe files linted through the repository's own eslint.config.js, at paths inside the real folders: the
 * allow-list, the test exemptions and the rule are the ones `npx eslint .` runs. The probes do not exist on
 * disk, so type-aware linting (which needs each file in a tsconfig) is turned off for them; the layering rule
 * needs no types.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], ...tseslint.configs.disableTypeChecked }],
});

/** The layering messages a probe at `file` (relative to the repository) with `code` gets. */
async function layeringOf(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  if (result === undefined) throw new Error(`no lint result for ${file}`);
  expect(result.messages.filter((message) => message.fatal === true)).toEqual([]);
  return result.messages.filter((message) => message.ruleId === 'local/layering').map((message) => message.message);
}

describe('the layering rule', () => {
  it('refuses a core file that imports the service, the Electron shell or the mock by relative paths', async () => {
    const messages = await layeringOf(
      'main/core/probe.ts',
      ["import '../service/start.js';", "import '../electron/main.js';", "import '../../mock-platform/start.js';"].join(
        '\n',
      ),
    );
    expect(messages).toEqual([
      expect.stringContaining('main/core may not import main/service (../service/start.js)'),
      expect.stringContaining('main/core may not import main/electron (../electron/main.js)'),
      expect.stringContaining('main/core may not import mock-platform (../../mock-platform/start.js)'),
    ]);
  });

  it('refuses a crossing written as a type import, a re-export, a dynamic import or a detour through ..', async () => {
    const messages = await layeringOf(
      'main/core/config/probe.ts',
      [
        "import type { ServiceOptions } from '../../service/start.js';",
        "export * from '../../cli/main.js';",
        "export const later = () => import('../../demo/start-demo.js');",
        "import '../../core/../service/node-http.js';",
        'export type Options = ServiceOptions;',
      ].join('\n'),
    );
    expect(messages).toEqual([
      expect.stringContaining('main/core may not import main/service'),
      expect.stringContaining('main/core may not import main/cli'),
      expect.stringContaining('main/core may not import main/demo'),
      expect.stringContaining('main/core may not import main/service'),
    ]);
  });

  it('refuses interop and the card bridge that import main', async () => {
    expect(await layeringOf('interop/xds/probe.ts', "import '../../main/core/config/platform-url.js';")).toEqual([
      expect.stringContaining('interop may not import main/core'),
    ]);
    expect(
      await layeringOf('native-bridge/cards/probe.ts', "import '../../main/core/config/platform-url.js';"),
    ).toEqual([expect.stringContaining('native-bridge may not import main/core')]);
  });

  it('refuses a mock that imports the card bridge or main', async () => {
    const messages = await layeringOf(
      'mock-platform/services/probe.ts',
      ["import '../../native-bridge/index.js';", "import '../../main/core/config/platform-url.js';"].join('\n'),
    );
    expect(messages).toEqual([
      expect.stringContaining('mock-platform may not import native-bridge'),
      expect.stringContaining('mock-platform may not import main/core'),
    ]);
  });

  it('refuses a renderer that imports Node or interop', async () => {
    const messages = await layeringOf(
      'renderer/src/probe.ts',
      ["import 'node:fs';", "import 'path';", "import '../../interop/xds/index.js';"].join('\n'),
    );
    expect(messages).toEqual([
      expect.stringContaining('renderer may not import the Node built-in node:fs'),
      expect.stringContaining('renderer may not import the Node built-in path'),
      expect.stringContaining('renderer may not import interop'),
    ]);
  });

  it('refuses a contract that imports Node', async () => {
    expect(await layeringOf('api/contract/probe.ts', "import 'node:crypto';\nimport 'os';")).toEqual([
      expect.stringContaining('api/contract may not import the Node built-in node:crypto'),
      expect.stringContaining('api/contract may not import the Node built-in os'),
    ]);
  });

  it('refuses the local service that imports the command line', async () => {
    expect(await layeringOf('main/service/probe.ts', "import '../cli/main.js';")).toEqual([
      expect.stringContaining('main/service may not import main/cli'),
    ]);
  });

  it('keeps electron to the Electron shell', async () => {
    expect(await layeringOf('main/core/probe.ts', "import 'electron';")).toEqual([
      expect.stringContaining('main/core may not import electron: only main/electron may'),
    ]);
    expect(await layeringOf('main/electron/probe.ts', "import 'electron';")).toEqual([]);
  });

  it('refuses product code that imports the test suites, which lie outside every layer', async () => {
    expect(await layeringOf('main/core/probe.ts', "import '../../test/support/run-cli.js';")).toEqual([
      expect.stringContaining('it lies outside every layer (test/support/run-cli.ts)'),
    ]);
  });

  it('holds a test-support folder to the layer of its folder', async () => {
    expect(
      await layeringOf('main/core/queue/test-support/probe.ts', "import '../../../../mock-platform/testing.js';"),
    ).toEqual([expect.stringContaining('main/core may not import mock-platform')]);
  });

  it('lets the core import interop, the card bridge and the contract', async () => {
    const messages = await layeringOf(
      'main/core/probe.ts',
      [
        "import '../../interop/xds/index.js';",
        "import '../../native-bridge/index.js';",
        "import '../../api/contract/index.js';",
        "import 'node:fs';",
        "import 'zod';",
      ].join('\n'),
    );
    expect(messages).toEqual([]);
  });

  it('lets the command line import the mock platform and every host', async () => {
    const messages = await layeringOf(
      'main/cli/commands/probe.ts',
      [
        "import '../../../mock-platform/start.js';",
        "import '../../service/start.js';",
        "import '../../demo/start-demo.js';",
      ].join('\n'),
    );
    expect(messages).toEqual([]);
  });

  it('lets every layer but the i18n floor import api/errors', async () => {
    const importers = [
      'api/contract/probe.ts',
      'interop/probe.ts',
      'native-bridge/probe.ts',
      'mock-platform/probe.ts',
      'main/core/probe.ts',
      'main/service/probe.ts',
      'main/electron/probe.ts',
      'main/demo/probe.ts',
      'main/cli/probe.ts',
      'renderer/src/probe.ts',
    ];
    for (const importer of importers) {
      const depth = importer.split('/').length - 1;
      const specifier = `${'../'.repeat(depth)}api/errors/index.js`;
      expect(await layeringOf(importer, `import '${specifier}';`), importer).toEqual([]);
    }
    expect(await layeringOf('api/i18n/probe.ts', "import '../errors/index.js';")).toEqual([
      expect.stringContaining('api/i18n may not import api/errors'),
    ]);
  });

  it('lets tests, the suites under test/ and the benchmarks import anything', async () => {
    const code = (depth: number): string =>
      [
        `import '${'../'.repeat(depth)}mock-platform/testing.js';`,
        `import '${'../'.repeat(depth)}main/cli/main.js';`,
      ].join('\n');
    expect(await layeringOf('main/core/probe.test.ts', code(2))).toEqual([]);
    expect(await layeringOf('renderer/src/probe.test.tsx', code(2))).toEqual([]);
    expect(await layeringOf('test/probe.ts', code(1))).toEqual([]);
    expect(await layeringOf('bench/probe.ts', code(1))).toEqual([]);
  });
});
