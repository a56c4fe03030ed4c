import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import officeAddins from 'eslint-plugin-office-addins';

// ---- Borders between the folders of src/ (docs/design.md, "Folders and their borders") ----------
// Each folder of src/ may import only the sibling folders listed here; nothing in src/ imports test
// code; outside src/core the engine is reached only through its index ('../core').
const MAY_IMPORT = {
  reader: ['core'],
  host: ['core', 'review'],
  review: ['core', 'reader', 'node'],
  taskpane: ['host', 'core', 'review'],
  excel: ['host', 'core', 'review', 'taskpane'],
  commands: ['host', 'core', 'excel'],
  'excel-sim': ['core', 'node'],
  demo: ['excel-sim', 'core', 'review', 'server'],
  node: ['core', 'reader'],
  server: ['core', 'review'],
  cli: ['core', 'node', 'review', 'server'],
};
/** Folders whose code runs in the add-in's pages (webpack bundles it): Office's pages, not Node. */
const PAGE_CODE = ['core', 'reader', 'host', 'review', 'taskpane', 'excel', 'commands'];
/** The only page code that reaches the network: the 附件2 destinations and the Graph sign-in. */
const NETWORK_FILES = ['src/review/graph.ts', 'src/review/server-client.ts', 'src/review/naa.ts', 'src/excel/auth-page.ts'];

const NO_TEST_CODE = { regex: '^(\\.\\./)+test(/|$)', message: 'src/ must not import test code (test/)' };
const NODE_ONLY = ['fs', 'path', 'os', 'child_process', 'crypto', 'url', 'util', 'exceljs', 'react', 'react-dom', 'office-js', '@microsoft/office-js']
  .map((name) => ({ name, message: 'core/ must stay free of Office.js, React and Node-only APIs' }));

function importBorders(folder) {
  const allowed = MAY_IMPORT[folder].join('|'); // folder names hold only letters and '-'
  return ['error', {
    patterns: [
      NO_TEST_CODE,
      { regex: '^\\.\\./\\.\\./(?!(\\.\\./)*test(/|$))', message: `src/${folder}/ must not import from outside src/` },
      { regex: `^\\.\\./(?!\\.|(?:${allowed})(?:/|$))`, message: `src/${folder}/ may import only ${MAY_IMPORT[folder].map((f) => `src/${f}/`).join(', ')} (docs/design.md, "Folders and their borders")` },
      ...(MAY_IMPORT[folder].includes('core') ? [{ regex: '^\\.\\./core/', message: "outside src/core, the engine is reached only through its index: import from '../core'" }] : []),
    ],
  }];
}

const OFFICE_GLOBALS = ['Office', 'Excel', 'OfficeExtension', 'OfficeRuntime'].map((name) => ({ name, message: 'Office.js is used only in src/excel/ and src/commands/' }));

const NETWORK = [
  "CallExpression[callee.name='fetch']",
  "CallExpression[callee.object.name=/^(window|globalThis|self)$/][callee.property.name=/^(fetch|open)$/]",
  "NewExpression[callee.name=/^(XMLHttpRequest|WebSocket|EventSource|Image)$/]",
  "MemberExpression[property.name='sendBeacon']",
  "MemberExpression[object.name='location'][property.name=/^(href|assign|replace)$/]",
  "MemberExpression[object.property.name='location'][property.name=/^(href|assign|replace)$/]",
  "AssignmentExpression > MemberExpression.left[property.name='src']",
].map((selector) => ({ selector, message: `the add-in's pages reach the network only in ${NETWORK_FILES.join(', ')}` }));
const RAW_HTML = [
  "JSXAttribute[name.name='dangerouslySetInnerHTML']",
  "AssignmentExpression > MemberExpression.left[property.name=/^(innerHTML|outerHTML)$/]",
  "CallExpression[callee.property.name='insertAdjacentHTML']",
  "CallExpression[callee.object.name='document'][callee.property.name=/^write(ln)?$/]",
].map((selector) => ({ selector, message: 'the pages render no raw HTML: build elements or use React' }));
// a host name in page code other than the sign-in and Graph (esquery's regex cannot hold a slash: .. stands for //)
const OTHER_HOST = '/https:..(?!graph\\.microsoft\\.com|login\\.microsoftonline\\.com)[a-z0-9-]+\\.[a-z0-9.-]*[a-z]{2}/i';
const HOSTS = [`Literal[value=${OTHER_HOST}]`, `TemplateElement[value.raw=${OTHER_HOST}]`]
  .map((selector) => ({ selector, message: 'the only hosts written in page code are login.microsoftonline.com and graph.microsoft.com; others come from the settings or the build' }));

// One language kit (design §10): text a user reads is written in a catalogue — a `catalogue({…})`
// call, or a rule's `meta.docs` — and filled through src/core/lang.ts, never as a
// `{ zh: '…', en: '…' }` literal in code.
const BILINGUAL = [{
  selector:
    "ObjectExpression:not(CallExpression[callee.name='catalogue'] ObjectExpression):not(Property[key.name='docs'] > ObjectExpression)" +
    ":has(> Property[key.name='zh'][value.type=/^(Literal|TemplateLiteral)$/])" +
    ":has(> Property[key.name='en'][value.type=/^(Literal|TemplateLiteral)$/])",
  message: 'Bilingual text belongs in a catalogue: declare it with catalogue({…}) and fill it with localize/translate (src/core/lang.ts, design §10).',
}];

const pageFiles = (folder) => [`src/${folder}/**/*.ts`, `src/${folder}/**/*.tsx`];

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
  // Borders: what each folder may import (the engine's own rules are below).
  ...Object.keys(MAY_IMPORT).map((folder) => ({
    files: pageFiles(folder),
    rules: { 'no-restricted-imports': importBorders(folder) },
  })),
  {
    // The Office and Excel globals only in src/excel/ and src/commands/.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: [...pageFiles('excel'), ...pageFiles('commands')],
    rules: { 'no-restricted-globals': ['error', ...OFFICE_GLOBALS] },
  },
  {
    // The language kit's fence for all of src/ (tests and the kit itself exempt); the page code below
    // repeats it beside its own restrictions, since a later no-restricted-syntax replaces an earlier one.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'src/core/lang.ts'],
    rules: { 'no-restricted-syntax': ['error', ...BILINGUAL] },
  },
  {
    // What the pages' code may do: no console (the one exception says why), no raw HTML, no eval,
    // the network only in the 附件2 destinations and the sign-in, no host name but Graph's and the sign-in's.
    files: PAGE_CODE.flatMap(pageFiles),
    rules: {
      'no-console': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-syntax': ['error', ...NETWORK, ...RAW_HTML, ...HOSTS, ...BILINGUAL],
    },
  },
  {
    files: NETWORK_FILES,
    rules: { 'no-restricted-syntax': ['error', ...RAW_HTML, ...HOSTS, ...BILINGUAL] },
  },
  {
    // The engine (and the .xlsx reader) must run in the pane, the CLI, the server and the tests alike.
    files: ['src/core/**/*.ts', 'src/reader/**/*.ts'],
    ignores: ['src/core/**/*.test.ts', 'src/reader/**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', ...OFFICE_GLOBALS, 'process', 'require', 'Buffer'],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: NODE_ONLY,
        patterns: [
          { group: ['node:*'], message: 'core/ must not use Node-only APIs' },
          { group: ['@fluentui/*'], message: 'core/ must not use React' },
          NO_TEST_CODE,
        ],
      }],
    },
  },
  // src/core/ imports nothing outside src/core/: from its top folder no `../`, from rules/ no `../../`.
  ...[['src/core', '^\\.\\./'], ['src/core/rules', '^\\.\\./\\.\\./']].map(([dir, outside]) => ({
    files: [`${dir}/*.ts`],
    ignores: [`${dir}/*.test.ts`],
    rules: {
      'no-restricted-imports': ['error', {
        paths: NODE_ONLY,
        patterns: [
          { group: ['node:*'], message: 'core/ must not use Node-only APIs' },
          { group: ['@fluentui/*'], message: 'core/ must not use React' },
          NO_TEST_CODE,
          { regex: outside, message: 'src/core/ imports nothing outside src/core/' },
        ],
      }],
    },
  })),
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
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
