#!/usr/bin/env node
// The server as the container image runs it (`node server.js`): Next's standalone output, which
// every build writes to <distDir>/standalone (server.js and the files the server was traced to
// need), completed with what the trace leaves out: the browser's files (<distDir>/static and
// public/), the bundled dataset, and the notes the build left for the server (<distDir>/kz-sim-guide).
//   node scripts/standalone.mjs <directory>   copies the completed server there (the Dockerfile)
// The fleet test links the same parts into <distDir>/standalone instead (completeInPlace).
import {cpSync, existsSync, mkdirSync, rmSync, symlinkSync} from 'node:fs'
import {dirname, join, relative, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** What the standalone output leaves out, as paths in the project; each goes to the same path in the server's directory. */
export const untracedParts = (/** @type {string} */ distDir) =>
  [join(distDir, 'static'), 'public', join('sanity', 'seed'), join(distDir, 'kz-sim-guide')].filter((part) => existsSync(join(root, part)))

export const standaloneDir = (distDir = process.env.NEXT_DIST_DIR || '.next') => join(root, distDir, 'standalone')

/** Links the parts the trace leaves out into <distDir>/standalone, so `node server.js` runs there. */
export function completeInPlace(distDir = process.env.NEXT_DIST_DIR || '.next') {
  const server = standaloneDir(distDir)
  if (!existsSync(join(server, 'server.js'))) throw new Error(`${relative(root, server)}/server.js is missing: build first`)
  for (const part of untracedParts(distDir)) {
    const target = join(server, part)
    rmSync(target, {recursive: true, force: true})
    mkdirSync(dirname(target), {recursive: true})
    symlinkSync(relative(dirname(target), join(root, part)), target)
  }
  return server
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const into = process.argv[2]
  if (!into) {
    console.error('usage: node scripts/standalone.mjs <directory>')
    process.exit(2)
  }
  const distDir = process.env.NEXT_DIST_DIR || '.next'
  cpSync(standaloneDir(distDir), into, {recursive: true, verbatimSymlinks: true})
  for (const part of untracedParts(distDir)) cpSync(join(root, part), join(into, part), {recursive: true, dereference: true})
  console.log(`standalone server in ${into}`)
}
