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
  // the X adapter imports twitter-api-v2's ES module files one by one (for the bundles' size): the same files'
  // CommonJS build runs under jest, so every import shares one copy of the library's error classes
  moduleNameMapper: { '^twitter-api-v2/dist/esm/(.*)$': '<rootDir>/node_modules/twitter-api-v2/dist/cjs/$1' },
  resolver: '<rootDir>/test/support/jest-resolver.js',
  testTimeout: 30000,
  setupFiles: ['<rootDir>/test/support/jest-env.ts'],
  // the bin runs the built CLI; build it from the sources under test
  globalSetup: '<rootDir>/test/support/build-cli.ts',
};
