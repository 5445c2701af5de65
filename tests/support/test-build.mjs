// @ts-check
import {fileURLToPath} from 'node:url'

/**
 * The one production build every integration and browser test runs against, made by
 * scripts/test.mjs (this file is its single source for both). It is built with known fake
 * secrets, so a test can prove they never reach the browser bundles, and for a Sanity project
 * whose Content Lake is unreachable while building: the build falls back to the bundled dataset
 * and marks itself provisional, so one build serves the bundled dataset and, at run time, a
 * Content Lake stand-in (which then refreshes every page on its first start).
 */
export const TEST_SECRETS = {
  SANITY_REVALIDATE_SECRET: 'test-revalidate-secret-6f1c2b7e9a',
  SANITY_API_READ_TOKEN: 'test-read-token-skA93kdLq0ZmB71Xc',
  DRAFT_MODE_SECRET: 'test-draft-mode-secret-4c1d8e2a9b7f3a6e5d0c',
}

/**
 * The dataset every test and the tests' build read: a frozen copy of the bundled seed, so an
 * editor's publish (which rewrites sanity/seed/production.ndjson) never changes what a test sees.
 * Tests derive what they expect from it; what must hold of the live seed is `npm run check-content`.
 * A full path: servers run from other folders too (the fleet's, in the standalone server's).
 */
export const FIXTURE_FILE = fileURLToPath(new URL('../fixtures/dataset.ndjson', import.meta.url))

/** The public address the test build is made with (SITE_URL is read at build time). */
export const TEST_SITE_URL = 'https://kz-sim.example'

/** Marks the build as the tests' (`npm start` never serves it) and records what it was made with. */
export const TEST_BUILD_FILE = 'TEST_BUILD'

/** The build's environment; `unreachableLake` is a loopback address where nothing listens. */
export const testBuildEnv = (/** @type {string} */ unreachableLake) => ({
  ...TEST_SECRETS,
  SITE_URL: TEST_SITE_URL,
  SANITY_PROJECT_ID: 'test',
  SANITY_DATASET: 'production',
  SANITY_API_HOST: unreachableLake,
  NEXT_DIST_DIR: '.next',
  CONTENT_DATASET_FILE: FIXTURE_FILE,
})
