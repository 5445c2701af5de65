// What every script of the project shares: the Node it runs on, and how it runs the tools.
import {spawnSync} from 'node:child_process'

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

/** Query result types from the schema and the queries (sanity.types.ts), before every build. */
export const typegen = () => step('typegen', 'npm', ['run', '--silent', 'typegen'])

export const nextBuild = (env) => nodeTool('next build', 'node_modules/next/dist/bin/next', ['build'], env)
