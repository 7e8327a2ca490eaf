/** Jest runs every suite through ts-jest (decorator metadata needs tsc, not esbuild). */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: false }],
    // The ml-* family ships ESM only; ts-jest (allowJs) turns it into CommonJS.
    '^.+\\.m?js$': ['ts-jest', { tsconfig: { allowJs: true, esModuleInterop: true }, isolatedModules: true }],
  },
  transformIgnorePatterns: [
    '/node_modules/(?!(ml-[^/]+|is-any-array|ml-array-[^/]+|ml-matrix|ml-distance[^/]*|ml-nearest-vector|ml-random)/)',
  ],
  testTimeout: 120000,
  // The analysis worker pool needs its bundled worker (see scripts/build-worker.mjs).
  globalSetup: '<rootDir>/scripts/jest-global-setup.mjs',
};
