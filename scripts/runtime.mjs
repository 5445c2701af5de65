// What every script of the project shares: the Node it runs on, and how it runs the tools.
import {spawnSync} from 'node:child_process'
import {randomBytes} from 'node:crypto'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {BUILD_INPUTS, BUILD_INPUTS_FILE, DEPLOYMENT_ID_FILE, hashInputs, TYPEGEN_HASH_FILE, TYPEGEN_INPUTS} from './build-inputs.mjs'

/**
 * The project runs on Node 24 LTS. `npm ci` installs Node 24 as a package (`node` in package.json),
 * and npm puts `node_modules/.bin` first on the PATH of every script, so `npm start` and `npm test`
 * run on it even where the machine's own Node is older.
 */
export function requireSupportedNode() {
  const major = Number(process.versions.node.split('.')[0])
  if (major >= 24) return
  console.error(
    `This project runs on Node 24 LTS; this is Node ${process.version}.\n` +
      'Run it through npm (npm start, npm test): they use the Node 24 that `npm ci` installed. Or install Node 24.',
  )
  process.exit(1)
}

export const TOOL_ENV = {NEXT_TELEMETRY_DISABLED: '1', SANITY_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1'}

/** Runs a step in the foreground; prints its name, result and duration. Returns whether it passed. */
export function step(name, command, args, env = {}) {
  const started = Date.now()
  const run = spawnSync(command, args, {stdio: 'inherit', env: {...process.env, ...TOOL_ENV, ...env}})
  console.log(`${name}: ${run.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return run.status === 0
}

/** A Node tool from node_modules, on the Node this script runs on. */
export const nodeTool = (name, command, args, env) => step(name, process.execPath, [command, ...args], env)

const sanityCli = (name, args) => nodeTool(name, 'node_modules/sanity/bin/sanity', args)

/** Query result types from the schema and the queries (sanity.types.ts), and the hash of what they were made from. */
export function typegen() {
  const made =
    sanityCli('schema extract', ['schema', 'extract', '--path', 'sanity/extract.json', '--force']) &&
    sanityCli('typegen', ['typegen', 'generate'])
  if (made) writeFileSync(TYPEGEN_HASH_FILE, `${hashInputs(TYPEGEN_INPUTS)}\n`)
  return made
}

/** TypeGen only when the schema or the queries changed since the committed types were generated. */
export function typegenIfChanged() {
  const recorded = existsSync(TYPEGEN_HASH_FILE) ? readFileSync(TYPEGEN_HASH_FILE, 'utf8').trim() : ''
  if (recorded === hashInputs(TYPEGEN_INPUTS) && existsSync('lib/content/sanity.types.ts')) {
    console.log('typegen: schema and queries unchanged, keeping lib/content/sanity.types.ts')
    return true
  }
  return typegen()
}

/**
 * Turbopack's build cache is written only where a build was made before: writing it costs a first
 * build 20-25 s here (69 s instead of 49 s), and pays back from the next build (31 s). So a fresh
 * clone serves its first page, or runs its tests, as soon as it can; a rebuild, which means someone
 * is changing the code, starts the cache. NEXT_BUILD_CACHE=0 or 1 decides it instead.
 */
export const buildCacheEnv = (distDir) => ({
  NEXT_BUILD_CACHE: process.env.NEXT_BUILD_CACHE ?? (existsSync(join(distDir, 'BUILD_ID')) ? '1' : '0'),
})

/**
 * `next build` into NEXT_DIST_DIR (default .next), recording the hash of the inputs it was built
 * from and its deployment id: NEXT_DEPLOYMENT_ID, or a new one. Every instance that serves the
 * build then gives the same id, and Next reloads a page whose scripts came from another build
 * instead of mixing the two (version skew, during a rolling restart onto a new image).
 */
export function nextBuild(env = {}) {
  const distDir = env.NEXT_DIST_DIR || process.env.NEXT_DIST_DIR || '.next'
  const inputs = hashInputs(BUILD_INPUTS)
  const deploymentId = env.NEXT_DEPLOYMENT_ID || process.env.NEXT_DEPLOYMENT_ID || randomBytes(8).toString('hex')
  const built = nodeTool('next build', 'node_modules/next/dist/bin/next', ['build'], {
    ...buildCacheEnv(distDir),
    ...env,
    NEXT_DEPLOYMENT_ID: deploymentId,
  })
  if (built) {
    writeFileSync(join(distDir, BUILD_INPUTS_FILE), `${inputs}\n`)
    writeFileSync(join(distDir, DEPLOYMENT_ID_FILE), `${deploymentId}\n`)
  }
  return built
}

/** Whether the build in `distDir` was made from the inputs as they are now. */
export function buildIsCurrent(distDir) {
  const file = join(distDir, BUILD_INPUTS_FILE)
  return existsSync(join(distDir, 'BUILD_ID')) && existsSync(file) && readFileSync(file, 'utf8').trim() === hashInputs(BUILD_INPUTS)
}
