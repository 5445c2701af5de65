import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import type {NextConfig} from 'next'
import {PHASE_PRODUCTION_BUILD, PHASE_PRODUCTION_SERVER} from 'next/constants'
import {DEPLOYMENT_ID_FILE} from './scripts/build-inputs.mjs'
import {CACHE_PROFILES} from './lib/freshness/profiles'
import {buildFolder} from './lib/env.mjs'
import {DRAFT_MODE_COOKIE} from './lib/site/draft-mode-cookie.mjs'
import {securityHeaders, studioSecurityHeaders} from './lib/site/security-headers'

/** Next loads cache handlers itself, unbundled: absolute paths to plain JavaScript modules. */
const handler = (file: string) => join(process.cwd(), 'lib', 'freshness', file)

const nextConfig: NextConfig = {
  cacheComponents: true,
  // Freshness on Next's documented interfaces: 'use cache' entries and the page cache both keep
  // their entries and tag expiry in one store (files, or Redis when REDIS_URL is set); see lib/freshness.
  cacheHandlers: {default: handler('use-cache-handler.mjs')},
  cacheHandler: handler('page-cache-handler.mjs'),
  // Off on purpose: an unknown address must answer a real 404 status, and a reader on a slow
  // connection gets the whole page in one response rather than a shell that streams in later.
  partialPrefetching: false,
  cacheLife: CACHE_PROFILES,
  // Another build directory, for the benchmarks and audits beside the usual build.
  distDir: buildFolder(),
  experimental: {
    globalNotFound: true,
    // The stylesheet (6 KB) goes into each page's <head> instead of a render-blocking request: a
    // reader on a slow connection sees text one round trip sooner (Lighthouse mobile with applied
    // throttling, medians of four pages: LCP 1.5-1.6 s -> 0.9-1.0 s), for 2-4 KB more gzipped HTML.
    inlineCss: true,
    // Written from the second build on (scripts/runtime.mjs says why).
    turbopackFileSystemCacheForBuild: process.env.NEXT_BUILD_CACHE !== '0',
  },
  // The benchmark's build skips the type check the usual build already did.
  typescript: {ignoreBuildErrors: process.env.NEXT_SKIP_TYPECHECK === '1'},
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ['groq-js', 'redis'],
  async headers() {
    return [
      // Everything but the Studio, which needs a looser policy of its own.
      {source: '/((?!studio(?:/|$)).*)', headers: securityHeaders()},
      // Draft mode (Next's bypass cookie): the Presentation tool frames the site on this origin.
      {source: '/((?!studio(?:/|$)).*)', has: [{type: 'cookie', key: DRAFT_MODE_COOKIE}], headers: securityHeaders({framedByStudio: true})},
      {source: '/studio/:path*', headers: studioSecurityHeaders()},
      {source: '/studio', headers: studioSecurityHeaders()},
      // HSTS only where the site is reached over HTTPS (behind a TLS-terminating proxy).
      {
        source: '/:path*',
        has: [{type: 'header', key: 'x-forwarded-proto', value: 'https'}],
        headers: [{key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains'}],
      },
    ]
  },
}

const distDir = nextConfig.distDir!

/**
 * The deployment id the build was made with (`npm run build` records it: scripts/runtime.mjs), so
 * every instance serving one build gives the same; NEXT_DEPLOYMENT_ID overrides it. A build made
 * otherwise (the tests') has none, as before.
 */
function recordedDeploymentId(phase: string): string | undefined {
  if (process.env.NEXT_DEPLOYMENT_ID) return process.env.NEXT_DEPLOYMENT_ID
  if (phase !== PHASE_PRODUCTION_SERVER) return undefined
  try {
    return readFileSync(join(distDir, DEPLOYMENT_ID_FILE), 'utf8').trim() || undefined
  } catch {
    return undefined
  }
}

export default (phase: string): NextConfig => ({
  ...nextConfig,
  deploymentId: recordedDeploymentId(phase),
  // Every build also writes <distDir>/standalone: server.js and only the files it needs, which is
  // what the container image runs (Dockerfile, scripts/standalone.mjs). `next start` serves the
  // same build as before.
  output: phase === PHASE_PRODUCTION_BUILD ? 'standalone' : undefined,
})
