/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  testTimeout: 30000,
  // tests spawn bin/jixiao.js, which runs the compiled CLI: compile it first when src/ changed
  globalSetup: '<rootDir>/scripts/cli-fresh.cjs',
  reporters: ['default', '<rootDir>/scripts/jest-summary.cjs'],
};
