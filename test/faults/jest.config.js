/**
 * The fault suite (`npm run test:faults`): one file, `*.faults.ts`, so the default `npm test` (which matches
 * `*.test.ts`) never picks it up. In band: it owns its redis-server child and spawns worker processes itself.
 * @type {import('jest').Config}
 */
const base = require('../../jest.config.js');

module.exports = {
  ...base,
  rootDir: '../..',
  roots: ['<rootDir>/test/faults'],
  testMatch: ['**/*.faults.ts'],
  testTimeout: 120000,
  maxWorkers: 1,
};
