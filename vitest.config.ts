import {fileURLToPath} from 'node:url'
import {defineConfig} from 'vitest/config'

const root = fileURLToPath(new URL('.', import.meta.url))

/**
 * Three tiers. Unit tests run in-process; integration and browser tests start their own servers
 * on loopback (against builds made by scripts/test.mjs) and stop them.
 */
export default defineConfig({
  resolve: {alias: {'@': root, 'server-only': `${root}tests/support/server-only.ts`}},
  oxc: {jsx: {runtime: 'automatic'}},
  test: {
    projects: [
      {extends: true, test: {name: 'unit', include: ['tests/unit/**/*.test.{ts,tsx}'], environment: 'node'}},
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
