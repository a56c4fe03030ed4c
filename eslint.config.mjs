import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import officeAddins from 'eslint-plugin-office-addins';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'build/', 'coverage/', 'test-artifacts/', 'samples/', 'docs/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The engine (and the .xlsx reader) must run in the pane, the CLI, the server and the tests alike.
    files: ['src/core/**/*.ts', 'src/reader/**/*.ts'],
    ignores: ['src/core/**/*.test.ts', 'src/reader/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['fs', 'path', 'os', 'child_process', 'crypto', 'url', 'util', 'exceljs', 'react', 'react-dom', 'office-js', '@microsoft/office-js']
          .map((name) => ({ name, message: 'core/ must stay free of Office.js, React and Node-only APIs' })),
        patterns: [
          { group: ['node:*'], message: 'core/ must not use Node-only APIs' },
          { group: ['@fluentui/*'], message: 'core/ must not use React' },
        ],
      }],
      'no-restricted-globals': ['error', 'Office', 'Excel', 'process', 'require', 'Buffer'],
    },
  },
  {
    // src/excel/ is the only Office.js code: load before read, sync before read, never sync in a loop.
    files: ['src/excel/**/*.ts'],
    plugins: { 'office-addins': officeAddins },
    rules: {
      'office-addins/call-sync-after-load': 'error',
      'office-addins/call-sync-before-read': 'error',
      'office-addins/load-object-before-read': 'error',
      'office-addins/no-context-sync-in-loop': 'error',
      'office-addins/no-empty-load': 'error',
      'office-addins/no-navigational-load': 'error',
      'office-addins/no-office-initialize': 'error',
      'office-addins/test-for-null-using-isNullObject': 'error',
    },
  },
  {
    // One language kit (design §10): text a user reads is written in a catalogue — a `catalogue({…})`
    // call, or a rule's `meta.docs` — and filled through src/core/lang.ts, never as a
    // `{ zh: '…', en: '…' }` literal in code. Tests and the kit itself are exempt.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'src/**/test-*.ts', 'src/**/test-*.tsx', 'src/core/lang.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector:
          "ObjectExpression:not(CallExpression[callee.name='catalogue'] ObjectExpression):not(Property[key.name='docs'] > ObjectExpression)" +
          ":has(> Property[key.name='zh'][value.type=/^(Literal|TemplateLiteral)$/])" +
          ":has(> Property[key.name='en'][value.type=/^(Literal|TemplateLiteral)$/])",
        message: 'Bilingual text belongs in a catalogue: declare it with catalogue({…}) and fill it with localize/translate (src/core/lang.ts, design §10).',
      }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
