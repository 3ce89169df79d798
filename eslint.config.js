// Flat config: ESLint's and typescript-eslint's recommended rules, tuned to the house style.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layers, low to high (docs/decisions/0005-layers-and-use-case-boundary.md). A file may
 * import from its own layer or a lower one, never a higher one: that also rules out cycles
 * between folders. Each entry: the layer, its files, and how an import of it is spelled.
 */
const LAYERS = [
  { name: 'i18n', files: ['src/i18n/**/*.ts'], imports: ['**/i18n/**'] },
  { name: 'domain', files: ['src/domain/**/*.ts'], imports: ['**/domain/**'] },
  { name: 'config', files: ['src/config.ts', 'src/config/**/*.ts'], imports: ['**/config.ts', '**/config/**'] },
  { name: 'db', files: ['src/db/**/*.ts'], imports: ['**/db/**'] },
  { name: 'services', files: ['src/services/**/*.ts'], imports: ['**/services/**'] },
  { name: 'email', files: ['src/email/**/*.ts'], imports: ['**/email/**'] },
  { name: 'bookings', files: ['src/bookings/**/*.ts'], imports: ['**/bookings/**'] },
  { name: 'staff', files: ['src/staff/**/*.ts'], imports: ['**/staff/**'] },
  { name: 'web', files: ['src/web/**/*.ts'], imports: ['**/web/**'] },
  { name: 'http', files: ['src/http/**/*.ts'], imports: ['**/http/**'] },
  { name: 'server', files: ['src/server/**/*.ts'], imports: ['**/server/**'] },
  { name: 'cli', files: ['src/cli/**/*.ts'], imports: ['**/cli/**'] },
];

/** The domain (and the message catalogue) is pure: no I/O, no clock, no environment (see ARCHITECTURE.md). */
const PURE_LAYERS = ['i18n', 'domain'];
const IMPURE = ['node:*', 'fs', 'path', 'os', 'crypto', 'kysely', 'fastify', 'fastify/*', '@fastify/*'];

function layerRules() {
  return LAYERS.map((layer, index) => {
    const higher = LAYERS.slice(index + 1);
    const patterns = higher.map((above) => ({
      group: above.imports,
      message: `${layer.name} must not import ${above.name} (a higher layer). Order: ${LAYERS.map((l) => l.name).join(' → ')}.`,
    }));
    if (PURE_LAYERS.includes(layer.name))
      patterns.push({ group: IMPURE, message: `${layer.name} is pure: no I/O, no clock, no environment.` });
    return { files: layer.files, rules: { 'no-restricted-imports': ['error', { patterns }] } };
  }).concat({
    // A file outside every layer would escape the rules: each one lives in a layer's folder.
    files: ['src/**/*.ts'],
    ignores: LAYERS.flatMap((layer) => layer.files),
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'Program',
          message:
            'This file belongs to no layer: move it into a layer folder or add its folder to LAYERS in eslint.config.js.',
        },
      ],
    },
  });
}

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'docs/', 'bench/out/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        AbortController: 'readonly',
        structuredClone: 'readonly',
        fetch: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        queueMicrotask: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  ...layerRules(),
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
);
