// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

import layering from './eslint-rules/layering.js';

/**
 * The allow-list of docs/architecture.md: each folder (a layer) → the layers it may import besides itself.
 * The rule resolves every import to a real file before placing it, so relative paths cannot slip past.
 * `api/i18n` is the floor every layer may import, `api/errors` the error type every layer but `api/i18n` may import.
 */
const NEUTRAL = ['api/errors', 'api/i18n'];
const API = [...NEUTRAL, 'api/contract'];
const CORE = [...API, 'interop', 'native-bridge', 'main/core'];
const layers = {
  'api/errors': { may: ['api/i18n'], node: false },
  'api/i18n': { may: [], node: false },
  'api/contract': { may: NEUTRAL, node: false },
  interop: { may: NEUTRAL },
  'native-bridge': { may: [...NEUTRAL, 'interop'] },
  'main/core': { may: CORE },
  'main/service': { may: CORE },
  'main/electron': { may: [...API, 'main/core'] },
  'main/demo': { may: [...CORE, 'main/service', 'mock-platform'] },
  'main/cli': { may: [...CORE, 'main/service', 'main/electron', 'main/demo', 'mock-platform'] },
  renderer: { may: API, node: false },
  'mock-platform': { may: [...NEUTRAL, 'interop'] },
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'renderer/dist/**',
      'coverage/**',
      'test-results/**',
      '**/*.js',
      '!eslint.config.js',
      '!eslint-rules/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['vitest.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'always'],
    },
  },
  // Everywhere but main/electron: no electron.
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only main/electron/ may import electron (DESIGN.md §2).' }] },
      ],
    },
  },
  // Layering: tests (`*.test.ts(x)`, test/, bench/) may import anything; test-support/ folders obey their layer.
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['**/*.test.ts', '**/*.test.tsx', 'test/**', 'bench/**'],
    plugins: { local: { rules: { layering } } },
    rules: {
      'local/layering': ['error', { root: import.meta.dirname, layers, packages: { electron: ['main/electron'] } }],
    },
  },
  {
    files: ['eslint.config.js', 'eslint-rules/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.test.ts', 'test/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': 'off',
    },
  },
);
