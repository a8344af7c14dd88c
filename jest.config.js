// Three tiers by file name: *.spec.ts (unit, no I/O), *.int-spec.ts (real Postgres and Kafka),
// test/**/*.e2e-spec.ts (the services as processes); `npm test` runs them (test/run-suite.sh).
// test/browser/*.browser-spec.ts: a real browser on the command centre (`npm run test:browser`).
// test/faults/*.fault-spec.ts: faults, generated bad input and load on purpose (`npm run test:faults`).
const swc = JSON.parse(require('fs').readFileSync(`${__dirname}/.swcrc`, 'utf8'));
const shared = {
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: { '^@cityloop/([a-z-]+)(/.*)?$': '<rootDir>/libs/$1/src$2' },
  testEnvironment: 'node',
  rootDir: __dirname,
};

// Real Postgres and Kafka: from the environment, or testcontainers where Docker answers.
const services = {
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/libs/testing/src/long-timeout.ts'],
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    { ...shared, ...services, displayName: 'int', testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'] },
    { ...shared, ...services, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
    {
      ...shared,
      ...services,
      displayName: 'faults',
      testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
    },
    {
      ...shared,
      ...services,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
    },
  ],
};
