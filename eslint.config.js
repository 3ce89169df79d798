// Flat config: ESLint's and typescript-eslint's recommended rules, tuned to the house style.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'docs/', 'bench/out/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: {
        process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', URLSearchParams: 'readonly',
        setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly',
        setImmediate: 'readonly', AbortController: 'readonly', structuredClone: 'readonly', fetch: 'readonly',
        TextEncoder: 'readonly', TextDecoder: 'readonly', queueMicrotask: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Migrations talk to Kysely<any> (tables the typed schema does not know yet); `db copy` moves
    // rows of every table generically; tests poke at JSON and driver rows.
    files: ['src/db/migrations/**/*.ts', 'src/db/migrate.ts', 'src/db/transfer/**/*.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Load tests record timestamps in try blocks and report them in finally; the initial
    // values are the "never happened" answer, not useless.
    files: ['test/**/*.ts'],
    rules: { 'no-useless-assignment': 'off' },
  },
  {
    // src/i18n is the lowest layer (docs/decisions/0004): pure data and Intl, nothing of ours.
    files: ['src/i18n/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['../*'], message: 'src/i18n imports nothing outside src/i18n.' }] }] },
  },
  {
    files: ['src/i18n/*/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['../../*'], message: 'src/i18n imports nothing outside src/i18n.' }] }] },
  },
);
