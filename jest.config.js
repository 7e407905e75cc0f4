/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  rootDir: '.',
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: { allowJs: true, isolatedModules: true } }],
  },
  // middy is ESM-only; let ts-jest turn it into CommonJS for the test run
  transformIgnorePatterns: ['/node_modules/(?!@middy/)'],
  testTimeout: 30000,
  setupFiles: ['<rootDir>/test/support/jest-env.ts'],
  // the bin runs the built CLI; build it from the sources under test
  globalSetup: '<rootDir>/test/support/build-cli.ts',
};
