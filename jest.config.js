/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  rootDir: '.',
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: { allowJs: true, isolatedModules: true } }],
  },
  // middy, @atproto/api and some of its dependencies are ESM-only: ts-jest turns them into CommonJS for the run
  transformIgnorePatterns: ['/node_modules/(?!(@middy|@atproto|multiformats|tlds|await-lock)/)'],
  resolver: '<rootDir>/test/support/jest-resolver.js',
  testTimeout: 30000,
  setupFiles: ['<rootDir>/test/support/jest-env.ts'],
  // the bin runs the built CLI; build it from the sources under test
  globalSetup: '<rootDir>/test/support/build-cli.ts',
};
