#!/usr/bin/env node
// `npm start`: serve the site, building first when there is no build or a build input changed.
import {spawn} from 'node:child_process'
import {existsSync} from 'node:fs'
import {join} from 'node:path'
import {buildIsCurrent, nextBuild, requireSupportedNode, TOOL_ENV, typegenIfChanged} from './runtime.mjs'

requireSupportedNode()
const distDir = process.env.NEXT_DIST_DIR || '.next'

// A build made by `npm test` carries test values (SITE_URL, fake secrets): never serve it.
const testBuild = existsSync(join(distDir, 'TEST_BUILD'))
if (testBuild || !buildIsCurrent(distDir)) {
  const built = existsSync(join(distDir, 'BUILD_ID'))
  console.log(
    testBuild
      ? 'The last build was made by the tests: building…'
      : built
        ? 'Build inputs changed since the last build: building…'
        : 'No build yet: building…',
  )
  if (!typegenIfChanged() || !nextBuild()) process.exit(1)
}

console.log(`Serving on Node ${process.version}`)
const port = process.env.PORT || '3000'
const studioEnv = await startLocalStudioBackend()
// Readers on this machine reach the site at these addresses too: its forms accept them (lib/site/origin.ts).
const SITE_ORIGINS = [process.env.SITE_ORIGINS, `http://localhost:${port}`, `http://127.0.0.1:${port}`].filter(Boolean).join(',')
const server = spawn(
  process.execPath,
  ['node_modules/next/dist/bin/next', 'start', '-p', port, ...(process.env.HOSTNAME ? ['-H', process.env.HOSTNAME] : [])],
  {
    stdio: 'inherit',
    env: {...process.env, ...TOOL_ENV, ...studioEnv, SITE_ORIGINS},
  },
)
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))

/**
 * With no Sanity project, the Studio edits the bundled dataset through a local backend on
 * loopback (HTTPS, HTTP/2). Never with a project: then the Studio talks to Sanity itself.
 */
async function startLocalStudioBackend() {
  const {readContentEnv, localStudioBackendAllowed, localStudioPort, siteUrl} = await import('../lib/env.mjs')
  const content = readContentEnv()
  if (content.source !== 'embedded') return {}
  if (!localStudioBackendAllowed()) {
    console.log(
      'Studio: no local backend for a production server on a non-loopback address (LOCAL_STUDIO_BACKEND=on asks for one); /studio explains how to edit',
    )
    return {}
  }
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
