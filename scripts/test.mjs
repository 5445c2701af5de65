#!/usr/bin/env node
// `npm test`: unit tests, a production build, then integration and browser tests against it.
// Ends with one line CI reads: "N passed, N failed", summed over every tier.
import {spawnSync} from 'node:child_process'
import {mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

process.env.NEXT_TELEMETRY_DISABLED = '1'
const results = '.test-results'
rmSync(results, {recursive: true, force: true})
mkdirSync(results, {recursive: true})
let passed = 0
let failed = 0

function vitest(tier, extra = []) {
  const output = join(results, `${tier}.json`)
  const run = spawnSync('npx', ['vitest', 'run', '--project', tier, '--reporter=default', '--reporter=json', `--outputFile.json=${output}`, ...extra], {
    stdio: 'inherit',
  })
  try {
    const report = JSON.parse(readFileSync(output, 'utf8'))
    passed += report.numPassedTests
    failed += report.numFailedTests + (report.numTotalTestSuites > 0 && report.success === false && report.numFailedTests === 0 ? 1 : 0)
  } catch {
    console.error(`no report from the ${tier} tests`)
    failed += 1
  }
  return run.status === 0
}

function step(name, command, args, env = {}) {
  const started = Date.now()
  const run = spawnSync(command, args, {stdio: 'inherit', env: {...process.env, ...env}})
  console.log(`${name}: ${run.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  if (run.status !== 0) failed += 1
  return run.status === 0
}

const tiers = process.argv.slice(2)
const want = (tier) => tiers.length === 0 || tiers.includes(tier)

if (want('unit')) vitest('unit')
if (want('integration') || want('browser')) {
  // Built with known fake secrets, so a test can prove they never reach the browser bundles.
  const built = step('build (bundled dataset)', 'npx', ['next', 'build'], {
    SANITY_REVALIDATE_SECRET: 'test-revalidate-secret-6f1c2b7e9a',
    SANITY_API_READ_TOKEN: 'test-read-token-skA93kdLq0ZmB71Xc',
    NEXT_DIST_DIR: '.next',
    SITE_URL: 'https://kz-sim.example',
  })
  // This build carries test values (SITE_URL, fake secrets): `npm start` must not serve it.
  if (built) writeFileSync('.next/TEST_BUILD', 'built by npm test\n')
  if (built) {
    if (want('integration')) vitest('integration')
    if (want('browser')) vitest('browser')
  }
}

console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
