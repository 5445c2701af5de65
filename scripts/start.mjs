#!/usr/bin/env node
// `npm start`: serve the site, building first when there is no build or the sources are newer.
import {spawn} from 'node:child_process'
import {existsSync, readdirSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {nextBuild, requireSupportedNode, TOOL_ENV, typegen} from './runtime.mjs'

requireSupportedNode()
const distDir = process.env.NEXT_DIST_DIR || '.next'
const buildId = join(distDir, 'BUILD_ID')
const SOURCES = ['app', 'lib', 'sanity/schemaTypes', 'public', 'next.config.ts', 'proxy.ts', 'package-lock.json', 'sanity/config.ts', 'sanity/structure.ts', 'sanity/studio']

function newestMtime(path) {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), stat.mtimeMs)
}

// A build made by `npm test` carries test values (SITE_URL, fake secrets): never serve it.
const testBuild = existsSync(join(distDir, 'TEST_BUILD'))
const builtAt = existsSync(buildId) && !testBuild ? statSync(buildId).mtimeMs : 0
if (builtAt < Math.max(...SOURCES.map(newestMtime))) {
  console.log(testBuild ? 'The last build was made by the tests: building…' : builtAt ? 'Sources changed since the last build: building…' : 'No build yet: building…')
  if (!typegen() || !nextBuild()) process.exit(1)
}

console.log(`Serving on Node ${process.version}`)
const port = process.env.PORT || '3000'
const studioEnv = await startLocalStudioBackend()
const server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', port, ...(process.env.HOSTNAME ? ['-H', process.env.HOSTNAME] : [])], {
  stdio: 'inherit',
  env: {...process.env, ...TOOL_ENV, ...studioEnv},
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))

/**
 * With no Sanity project, the Studio edits the bundled dataset through a local backend on
 * loopback (HTTPS, HTTP/2). Never with a project: then the Studio talks to Sanity itself.
 */
async function startLocalStudioBackend() {
  const {readContentEnv, localStudioPort, siteUrl} = await import('../lib/env.ts')
  const content = readContentEnv()
  if (content.source !== 'embedded') return {}
  const {startStudioBackend} = await import('../sanity/local-backend/index.ts')
  const siteOrigins = [`http://localhost:${port}`, `http://127.0.0.1:${port}`, new URL(siteUrl()).origin]
  try {
    const backend = await startStudioBackend({file: content.datasetFile, port: localStudioPort(), siteOrigins})
    console.log(`Studio: local backend on ${backend.url} (certificate authority: ${backend.caFile}); open /studio`)
    // The site's server reads drafts from it in draft mode, and trusts its certificate.
    return {LOCAL_STUDIO_URL: backend.url, NODE_EXTRA_CA_CERTS: backend.caFile}
  } catch (error) {
    console.error(`Studio: the local backend did not start (${error.message}); the site runs, /studio explains how to edit`)
    return {}
  }
}
