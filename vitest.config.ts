import {fileURLToPath} from 'node:url'
import {defineConfig} from 'vitest/config'

const root = fileURLToPath(new URL('.', import.meta.url))

/**
 * Two projects. `unit` runs in-process. `site` holds the integration and browser tiers: they run
 * against the one production build scripts/test.mjs makes (`npm test` builds it first), start
 * their own servers on loopback and stop them, and share one reader site (tests/support/reader-site.ts).
 * Files run two at a time: most of their time is spent waiting on servers, not on the cores.
 */
export default defineConfig({
  resolve: {alias: {'@': root, 'server-only': `${root}tests/support/server-only.ts`}},
  oxc: {jsx: {runtime: 'automatic'}},
  test: {
    maxWorkers: 2,
    projects: [
      {extends: true, test: {name: 'unit', include: ['tests/unit/**/*.test.{ts,tsx}'], environment: 'node'}},
      {
        extends: true,
        test: {
          name: 'site',
          include: ['tests/integration/**/*.test.ts', 'tests/browser/**/*.test.ts'],
          globalSetup: ['tests/support/reader-site.ts'],
          testTimeout: 60_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
})
