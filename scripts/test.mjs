#!/usr/bin/env node
// `npm test`: unit tests, a production build, then integration and browser tests against it.
// Ends with one line CI reads: "N passed, N failed", summed over every tier.
import {mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {nextBuild, nodeTool, requireSupportedNode, typegen} from './runtime.mjs'

requireSupportedNode()
console.log(`Tests run on Node ${process.version}`)
const results = '.test-results'
rmSync(results, {recursive: true, force: true})
mkdirSync(results, {recursive: true})
let passed = 0
let failed = 0
// Tests a machine cannot run (the proxy's, without Varnish) are skipped, and said so at the end.
let skipped = 0

function vitest(tier) {
  const output = join(results, `${tier}.json`)
  nodeTool(`${tier} tests`, 'node_modules/vitest/vitest.mjs', ['run', '--project', tier, '--reporter=default', '--reporter=json', `--outputFile.json=${output}`])
  try {
    const report = JSON.parse(readFileSync(output, 'utf8'))
    passed += report.numPassedTests
    skipped += report.numPendingTests + report.numTodoTests
    // A file that failed to load counts once, even though none of its tests ran.
    failed += report.numFailedTests + (report.numTotalTestSuites > 0 && report.success === false && report.numFailedTests === 0 ? 1 : 0)
  } catch {
    console.error(`no report from the ${tier} tests`)
    failed += 1
  }
}

const tiers = process.argv.slice(2)
const want = (tier) => tiers.length === 0 || tiers.includes(tier)

// Types first: the unit tests and the build both compile against them.
if (!typegen()) failed += 1
if (want('unit')) vitest('unit')
if (want('integration') || want('browser')) {
  // Built with known fake secrets, so a test can prove they never reach the browser bundles.
  const built = nextBuild({
    SANITY_REVALIDATE_SECRET: 'test-revalidate-secret-6f1c2b7e9a',
    SANITY_API_READ_TOKEN: 'test-read-token-skA93kdLq0ZmB71Xc',
    NEXT_DIST_DIR: '.next',
    SITE_URL: 'https://kz-sim.example',
  })
  if (!built) failed += 1
  // This build carries test values (SITE_URL, fake secrets): `npm start` must not serve it.
  if (built) writeFileSync('.next/TEST_BUILD', 'built by npm test\n')
  if (built) {
    if (want('integration')) vitest('integration')
    if (want('browser')) vitest('browser')
  }
}

console.log(`Node ${process.version}`)
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`)
process.exit(failed === 0 ? 0 : 1)
