import {fileURLToPath} from 'node:url'
import {defineConfig} from 'vitest/config'
import {BaseSequencer, type TestSpecification} from 'vitest/node'
import {FIXTURE_FILE} from './tests/support/test-build.mjs'

const root = fileURLToPath(new URL('.', import.meta.url))

/**
 * The files that take minutes start first, so the others fill the second worker around them
 * (without this, a fresh clone, which has no recorded durations, starts the largest files first).
 */
const LONGEST_FIRST = ['tests/integration/made-up-addresses.test.ts', 'tests/browser/studio.test.ts']

class LongestFirst extends BaseSequencer {
  async sort(files: TestSpecification[]) {
    const rank = (file: TestSpecification) => {
      const index = LONGEST_FIRST.findIndex((path) => file.moduleId.endsWith(path))
      return index === -1 ? LONGEST_FIRST.length : index
    }
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b))
  }
}

/**
 * Two projects. `unit` runs in-process. `site` holds the integration and browser tiers: they run
 * against the one production build scripts/test.mjs makes (`npm test` builds it first), start
 * their own servers on loopback and stop them, and share one reader site (tests/support/reader-site.ts).
 * Files run three at a time on the 2 cores: much of a file's time is spent waiting (on the Studio's
 * debounces, on a polite 1 s between requests to one host, on a boundary a few seconds ahead), and
 * the third file uses those cores meanwhile.
 */
export default defineConfig({
  resolve: {alias: {'@': root, 'server-only': `${root}tests/support/server-only.ts`}},
  oxc: {jsx: {runtime: 'automatic'}},
  test: {
    // Every tier reads the frozen fixture, never the seed an editor's publish rewrites: the code
    // under test in-process, and every server a test starts (tests/support/server.ts sets it too,
    // for the reader site the global set-up starts, which this environment does not reach).
    env: {CONTENT_DATASET_FILE: FIXTURE_FILE},
    maxWorkers: 3,
    sequence: {sequencer: LongestFirst},
    projects: [
      {extends: true, test: {name: 'unit', include: ['tests/unit/**/*.test.{ts,tsx}'], environment: 'node'}},
      {
        extends: true,
        test: {
          name: 'site',
          include: ['tests/integration/**/*.test.ts', 'tests/browser/**/*.test.ts'],
          globalSetup: ['tests/support/reader-site.ts'],
          // At least 3x the slowest test's time in a full run on a busy 2-core machine (a Studio test
          // that takes 20-30 s alone took up to 60 s with three files sharing the cores).
          testTimeout: 180_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
})
