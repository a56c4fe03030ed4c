/**
 * Three tiers (docs/design.md, "Folders and their borders" → tests):
 *   unit         the engine, the reader, the Excel module on the in-memory Excel, the ribbon, the review
 *                code, the CLI in-process: no server, no child process, no build — `npm run test:unit`
 *   integration  the review server (SQLite, PostgreSQL), the webpack build, the CLI as a process, the
 *                pane's React tests in jsdom, the lint fences, the long property, differential and fault suites
 *                — `npm run test:integration`
 *   e2e          the demo host in Chromium — `npm run test:e2e`
 * `npm test` runs type-check, lint and all three.
 */
const ts = { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };

/** Test files (relative to the repository) that are not unit tests: servers, processes, builds, slow suites. */
const INTEGRATION = [
  // the webpack build and what it emits
  'test/build.test.ts',
  'test/manifest.test.ts',
  // the review server, over SQLite and PostgreSQL
  'test/server/',
  'test/robustness/server-',
  // the CLI and the scripts as processes (need the compiled CLI: scripts/cli-fresh.cjs)
  'test/cli.test.ts',
  'test/cli-report.test.ts',
  'test/cli/',
  'test/start.test.ts',
  'test/robustness/files.test.ts',
  'test/robustness/restore.test.ts',
  // ESLint in a child process
  'test/lint-fences.test.ts',
  // the pane's React tests in jsdom (Fluent UI renders slowly there) and the long suites
  'test/taskpane/',
  'test/excel/pane-entry.test.tsx',
  'test/robustness/pane.test.tsx',
  'test/robustness/fuzz.test.ts',
  'test/robustness/metamorphic.test.ts',
  'test/robustness/catalogue.test.ts',
  'test/host-profiles.test.ts',
  'test/host-profiles-limits.test.ts',
  // the reader against exceljs on every fixture (about 25 s)
  'test/reader/differential.test.ts',
];
const E2E = ['test/e2e/'];

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** An entry as a glob for testMatch: a folder (ends in /), a file-name prefix (ends in -), or one file. */
const glob = (p) => `<rootDir>/${p.endsWith('/') ? `${p}**/*.test.{ts,tsx}` : p.endsWith('-') ? `${p}*.test.{ts,tsx}` : p}`;
/** An entry as a regex for testPathIgnorePatterns (a path prefix). */
const prefix = (p) => `<rootDir>/${escape(p)}`;

const common = {
  testEnvironment: 'node',
  transform: ts,
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/scripts/jest-summary.cjs'],
  projects: [
    {
      ...common,
      displayName: 'unit',
      // src/ too: a test left beside its module still runs (lint says it belongs in test/)
      roots: ['<rootDir>/src', '<rootDir>/test'],
      testPathIgnorePatterns: ['/node_modules/', ...[...INTEGRATION, ...E2E].map(prefix)],
    },
    {
      ...common,
      displayName: 'integration',
      roots: ['<rootDir>/test'],
      testMatch: INTEGRATION.map(glob),
      // tests spawn bin/jixiao.js, which runs the compiled CLI: compile it first when src/ changed
      globalSetup: '<rootDir>/scripts/cli-fresh.cjs',
    },
    {
      ...common,
      displayName: 'e2e',
      roots: ['<rootDir>/test/e2e'],
    },
  ],
};
