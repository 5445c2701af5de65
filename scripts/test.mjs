#!/usr/bin/env node
// `npm test [unit] [integration] [browser] [-- file…]`: every tier by default, or only the files
// named. The generated types (only when the schema or queries changed); the unit tier while one
// production build is made; then one vitest run of the integration and browser tiers, which share
// that build and one reader site.
// Ends with one line CI reads: "N passed, N failed", summed over every tier.
import {spawn} from 'node:child_process'
import {mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {createServer} from 'node:net'
import {join} from 'node:path'
import {buildCacheEnv, requireSupportedNode, TOOL_ENV, typegenIfChanged} from './runtime.mjs'
import {TEST_BUILD_FILE, testBuildEnv} from '../tests/support/test-build.mjs'

requireSupportedNode()
console.log(`Tests run on Node ${process.version}`)
const TIERS = ['unit', 'integration', 'browser']
const files = process.argv.slice(2).filter((arg) => arg.startsWith('tests/'))
const asked = process.argv.slice(2).filter((arg) => !files.includes(arg) && arg !== '--')
const unknown = asked.filter((tier) => !TIERS.includes(tier))
if (unknown.length > 0) {
  console.error(`Unknown tier: ${unknown.join(', ')} (the tiers are ${TIERS.join(', ')})`)
  process.exit(2)
}
const tiers =
  asked.length > 0 ? asked : files.length > 0 ? TIERS.filter((tier) => files.some((file) => file.startsWith(`tests/${tier}/`))) : TIERS
const results = '.test-results'
rmSync(results, {recursive: true, force: true})
mkdirSync(results, {recursive: true})
const counts = Object.fromEntries(TIERS.map((tier) => [tier, {passed: 0, failed: 0, skipped: 0}]))
/** Steps that failed before any test could run (typegen, the build, a vitest run without a report). */
let stepFailures = 0
/** Skipped tests by name: a test is skipped only for a reason its title gives (tests/support/requirements.ts). */
const skippedNames = []

/** A loopback port where nothing listens: the build's Content Lake, unreachable on purpose. */
const closedPort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const {port} = server.address()
      server.close(() => resolve(port))
    })
  })

/**
 * Runs a Node tool from node_modules in the background; prints its name, result and duration.
 * Its output is kept and returned; `stream` also prints it as it comes (otherwise it is printed
 * once the tool ends, so that a tool run beside another does not interleave with it).
 */
function runTool(name, args, {env = {}, stream = true} = {}) {
  const started = Date.now()
  const output = []
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {env: {...process.env, ...TOOL_ENV, ...env}})
    for (const pipe of [child.stdout, child.stderr]) pipe.on('data', (chunk) => (output.push(chunk), stream && process.stdout.write(chunk)))
    child.on('exit', (code) => {
      if (!stream) process.stdout.write(Buffer.concat(output))
      console.log(`${name}: ${code === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
      resolve({ok: code === 0, output: Buffer.concat(output)})
    })
  })
}

/** One vitest run of the files of these tiers; its JSON report is counted per tier. */
async function vitest(runTiers, {stream = true} = {}) {
  const name = runTiers.join(', ')
  const output = join(results, `report-${runTiers.join('-')}.json`)
  const projects = runTiers.includes('unit') ? ['unit'] : []
  if (runTiers.some((tier) => tier !== 'unit')) projects.push('site')
  const inRun = (file) => runTiers.some((tier) => file.startsWith(`tests/${tier}/`))
  // Whole projects need no filter; a part of the site project is chosen by its folder, or its files.
  const wholeProjects = projects.flatMap((project) => (project === 'unit' ? ['unit'] : ['integration', 'browser']))
  const filters =
    files.length > 0
      ? files.filter(inRun)
      : wholeProjects.every((tier) => runTiers.includes(tier))
        ? []
        : runTiers.map((tier) => `tests/${tier}/`)
  const args = [
    'node_modules/vitest/vitest.mjs',
    'run',
    ...projects.flatMap((project) => ['--project', project]),
    ...filters,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${output}`,
  ]
  await runTool(`${name} tests`, args, {stream})
  let report
  try {
    report = JSON.parse(readFileSync(output, 'utf8'))
  } catch {
    console.error(`no report from the ${name} tests`)
    stepFailures += 1
    return
  }
  for (const file of report.testResults) {
    const tier = TIERS.find((name) => file.name.includes(`/tests/${name}/`)) ?? 'unit'
    for (const test of file.assertionResults) {
      if (test.status === 'passed') counts[tier].passed += 1
      else if (test.status === 'failed') counts[tier].failed += 1
      else {
        counts[tier].skipped += 1
        skippedNames.push(test.fullName)
      }
    }
    // A file that failed to load counts once, even though none of its tests ran.
    if (file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed')) counts[tier].failed += 1
  }
}

/** The tests' build: built with output kept, so a test can read what the build said. */
async function buildForTests() {
  const env = testBuildEnv(`http://127.0.0.1:${await closedPort()}`)
  const {ok: built, output} = await runTool('next build', ['node_modules/next/dist/bin/next', 'build'], {
    env: {...buildCacheEnv(env.NEXT_DIST_DIR), ...env},
  })
  writeFileSync(join(results, 'build.log'), output)
  if (!built) return false
  // `npm start` never serves this build; the tests check the secrets it was made with.
  writeFileSync(join(env.NEXT_DIST_DIR, TEST_BUILD_FILE), `${JSON.stringify({builtBy: 'npm test', env}, null, 2)}\n`)
  return true
}

if (!typegenIfChanged()) stepFailures += 1
const siteTiers = tiers.filter((tier) => tier !== 'unit')
// The unit tier needs no build: it runs beside it, on the core the build's single-threaded phases
// (type check, page data) leave idle.
const unitRun = tiers.includes('unit') ? vitest(['unit'], {stream: siteTiers.length === 0}) : Promise.resolve()
if (siteTiers.length > 0) {
  const built = await buildForTests()
  await unitRun
  if (built) await vitest(siteTiers)
  else stepFailures += 1
} else {
  await unitRun
}

const passed = TIERS.reduce((sum, tier) => sum + counts[tier].passed, 0)
const failed = TIERS.reduce((sum, tier) => sum + counts[tier].failed, 0) + stepFailures
const skipped = TIERS.reduce((sum, tier) => sum + counts[tier].skipped, 0)
for (const tier of tiers)
  console.log(`${tier}: ${counts[tier].passed} passed, ${counts[tier].failed} failed, ${counts[tier].skipped} skipped`)
console.log(`Node ${process.version}`)
// Tests a machine cannot run (the caching proxy's, without Varnish) are skipped, each named, and the
// reasons (the bracketed part of their titles) are in the last line.
for (const name of skippedNames) console.log(`skipped: ${name}`)
const reasons = [...new Set(skippedNames.map((name) => name.match(/\[skipped: ([^\]]+)\]/)?.[1] ?? 'no reason given'))]
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped (${reasons.join('; ')})` : ''}`)
process.exit(failed === 0 ? 0 : 1)
