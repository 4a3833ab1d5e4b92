// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Layering of DESIGN.md §2: which folder may import what. A folder listed here may not import the
 * patterns next to it. `electron` belongs to main/electron alone; the renderer knows only the contract.
 */
const NODE_ONLY = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'tls'];
const layers = [
  {
    files: ['api/**'],
    forbidden: [
      '**/interop/**',
      '**/native-bridge/**',
      '**/main/**',
      '**/mock-platform/**',
      '**/renderer/**',
      ...NODE_ONLY,
    ],
  },
  { files: ['interop/**'], forbidden: ['**/native-bridge/**', '**/main/**', '**/mock-platform/**', '**/renderer/**'] },
  { files: ['native-bridge/**'], forbidden: ['**/main/**', '**/mock-platform/**', '**/renderer/**'] },
  { files: ['mock-platform/**'], forbidden: ['**/main/**', '**/renderer/**'] },
  {
    files: ['main/core/**'],
    forbidden: ['**/main/cli/**', '**/main/service/**', '**/main/electron/**', '**/renderer/**'],
  },
  { files: ['main/service/**'], forbidden: ['**/main/cli/**', '**/main/electron/**'] },
  {
    files: ['renderer/**'],
    forbidden: ['**/interop/**', '**/native-bridge/**', '**/main/**', '**/mock-platform/**', ...NODE_ONLY],
  },
];

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
  ...layers.map(({ files, forbidden }) => ({
    files: files.map((f) => `${f.replace('/**', '')}/**/*.{ts,tsx}`),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only main/electron/ may import electron (DESIGN.md §2).' }],
          patterns: [{ group: forbidden, message: 'This import crosses a layer of DESIGN.md §2.' }],
        },
      ],
    },
  })),
  {
    files: ['eslint.config.js'],
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
