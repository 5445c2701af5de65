/**
 * The one module that reads the environment (documented in .env.example). Plain JavaScript with
 * types in JSDoc, because Next loads the cache handlers unbundled and the command-line scripts run
 * on Node alone: both import it as the routes do. Each reader takes the environment as an argument
 * (tests pass their own) and defaults to the process's. Secrets are read here too, but only the
 * server is given them: in a browser bundle `process.env` is empty (see lib/content/token.ts).
 */

/** @typedef {NodeJS.ProcessEnv} Env */
/**
 * Where content comes from. With SANITY_PROJECT_ID set, the Content Lake; without it, the bundled
 * dataset evaluated in-process, so a fresh clone runs with no account and no network.
 * @typedef {{source: 'sanity'; projectId: string; dataset: string; apiVersion: string; apiHost?: string}
 *   | {source: 'embedded'; datasetFile: string}} ContentEnv
 */

export const DEFAULT_API_VERSION = '2025-02-19'
export const DEFAULT_DATASET_FILE = 'sanity/seed/production.ndjson'

/** A setting's value, trimmed; undefined when unset or blank. */
const read = (/** @type {Env} */ env, /** @type {string} */ name) => env[name]?.trim() || undefined

/** @returns {ContentEnv} */
export function readContentEnv(env = process.env) {
  const projectId = read(env, 'SANITY_PROJECT_ID')
  if (projectId) {
    if (!/^[a-z0-9-]+$/.test(projectId)) throw new Error('SANITY_PROJECT_ID may contain only a-z, 0-9 and "-"')
    return {
      source: 'sanity',
      projectId,
      dataset: read(env, 'SANITY_DATASET') ?? 'production',
      apiVersion: read(env, 'SANITY_API_VERSION') ?? DEFAULT_API_VERSION,
      apiHost: read(env, 'SANITY_API_HOST'),
    }
  }
  return {source: 'embedded', datasetFile: embeddedDatasetFile(env)}
}

export function embeddedDatasetFile(env = process.env) {
  return read(env, 'CONTENT_DATASET_FILE') ?? DEFAULT_DATASET_FILE
}

/** Whether the site follows the content store's change feed (default: yes; CHANGE_FEED=off to stop it). */
export function changeFeedEnabled(env = process.env) {
  return read(env, 'CHANGE_FEED')?.toLowerCase() !== 'off'
}

/** Whether this process is `next build` prerendering, not a server answering readers (Next sets NEXT_PHASE). */
export function isBuilding(env = process.env) {
  return env.NEXT_PHASE === 'phase-production-build'
}

/** The longest a page keeps a version before it is rendered again, changed or not (at least a minute). */
export function revalidateSeconds(env = process.env) {
  return Math.max(60, Number(env.CONTENT_REVALIDATE_SECONDS) || 3600)
}

// The site

/** The public address of the site, for canonical URLs, sitemaps and feeds. */
export function siteUrl(env = process.env) {
  return (read(env, 'SITE_URL') ?? 'http://localhost:3000').replace(/\/+$/, '')
}

/** The other origins readers reach the site at (SITE_ORIGINS), as written: lib/site/origin.ts checks them. */
export function extraSiteOrigins(env = process.env) {
  return (env.SITE_ORIGINS ?? '').split(/[\s,]+/).filter(Boolean)
}

/** The port this server listens on, when started by `next start` or the image. */
export function serverPort(env = process.env) {
  return read(env, 'PORT')
}

/** Production: cookies are Secure, and the laptop conveniences are closed. */
export function isProduction(env = process.env) {
  return env.NODE_ENV === 'production'
}

// The local Studio backend

/** The port of the local backend `npm start` runs for the Studio when no Sanity project is set. */
export const DEFAULT_LOCAL_STUDIO_PORT = 3333

export function localStudioPort(env = process.env) {
  const port = Number(read(env, 'LOCAL_STUDIO_PORT') ?? DEFAULT_LOCAL_STUDIO_PORT)
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error('LOCAL_STUDIO_PORT must be a port number')
  return port
}

/**
 * Whether `npm start` may run the local backend, which lets any local process that sends the
 * Studio's header rewrite the bundled dataset. Only for the laptop default: never for a production
 * server reachable from other machines (NODE_ENV=production and a listen address, HOSTNAME, that
 * is not loopback; none means every interface) unless LOCAL_STUDIO_BACKEND=on asks for it by
 * name. LOCAL_STUDIO_BACKEND=off never runs it. The container image never runs `npm start`.
 */
export function localStudioBackendAllowed(env = process.env) {
  const asked = read(env, 'LOCAL_STUDIO_BACKEND')
  if (asked === 'on' || asked === 'off') return asked === 'on'
  if (asked) throw new Error(`LOCAL_STUDIO_BACKEND must be "on" or "off", got "${asked}"`)
  if (!isProduction(env)) return true
  const host = read(env, 'HOSTNAME')
    ?.replace(/^\[|\]$/g, '')
    .toLowerCase()
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host ?? '')
}

/**
 * The local backend's address, set by `npm start` once it listens (never by hand): the Studio and
 * draft mode use it when there is no Sanity project. Only a localhost address is accepted.
 */
export function localStudioApiHost(env = process.env) {
  const url = read(env, 'LOCAL_STUDIO_URL')
  if (!url || read(env, 'SANITY_PROJECT_ID')) return undefined
  return /^https?:\/\/localhost:\d+$/.test(url) ? url : undefined
}

/** How clients address the local backend: a project id and dataset of its own. */
export const LOCAL_PROJECT_ID = 'local'
export const LOCAL_DATASET = 'production'

// Secrets: the server's only

/** The read token (Viewer): draft mode and private datasets. */
export const readToken = (env = process.env) => read(env, 'SANITY_API_READ_TOKEN')
/** The write token (Editor): only for editorial records the site's server writes, such as readers' reports. */
export const writeToken = (env = process.env) => read(env, 'SANITY_API_WRITE_TOKEN')
/** The secret shared with Sanity's webhook. */
export const revalidateSecret = (env = process.env) => read(env, 'SANITY_REVALIDATE_SECRET')
/** The key of readers' daily client hash, when set by hand (lib/reports/settings.ts derives one otherwise). */
export const reportsClientSecret = (env = process.env) => read(env, 'REPORTS_CLIENT_SECRET')

/** The secret goes into the caching proxy's VCL as a string: plain characters only. */
const DRAFT_MODE_SECRET_FORMAT = /^[\w+/=.-]{32,256}$/

/** DRAFT_MODE_SECRET when set (lib/site/draft-mode-cookie.mjs makes one per process otherwise). */
export function draftModeSecretSetting(env = process.env) {
  const configured = read(env, 'DRAFT_MODE_SECRET')
  if (configured && !DRAFT_MODE_SECRET_FORMAT.test(configured)) {
    throw new Error('DRAFT_MODE_SECRET must be 32 to 256 characters of A-Z a-z 0-9 _ + / = . - (e.g. openssl rand -hex 32)')
  }
  return configured
}

// The cache store and the caching proxy

/** Redis, shared by every instance; without it each instance keeps its cache in files. */
export const redisUrl = (env = process.env) => read(env, 'REDIS_URL')
export const redisKeyPrefix = (env = process.env) => read(env, 'REDIS_KEY_PREFIX') ?? 'kz-sim-guide'
/** Next's build folder (NEXT_DIST_DIR: the benchmarks' second build), relative to the working folder. */
export const buildFolder = (env = process.env) => read(env, 'NEXT_DIST_DIR') ?? '.next'
/** Where the file store keeps entries and tags, when not in the build folder. */
export const freshnessFolder = (env = process.env) => read(env, 'FRESHNESS_DIR')
/** The caching proxy's purge address, when there is one. */
export const proxyPurgeUrl = (env = process.env) => read(env, 'PROXY_PURGE_URL')

// One instance of a fleet

/** @param {Env} env @param {string} name @param {number} fallback @param {(value: number) => boolean} valid */
function number(env, name, fallback, valid, what = 'a number') {
  const raw = read(env, name)
  if (!raw) return fallback
  const value = Number(raw)
  if (valid(value)) return value
  // A typo in a setting must not stop the site: said, and the default used.
  console.error(`[settings] ${name}=${JSON.stringify(raw)} is not ${what}: using ${fallback}`)
  return fallback
}
const seconds = (/** @type {Env} */ env, /** @type {string} */ name, /** @type {number} */ fallback) =>
  number(env, name, fallback, (value) => Number.isFinite(value) && value >= 0, 'a number of seconds')
const positiveInteger = (/** @type {Env} */ env, /** @type {string} */ name, /** @type {number} */ fallback) =>
  number(env, name, fallback, (value) => Number.isInteger(value) && value > 0, 'a positive whole number')

export const DRAIN_DEFAULTS = /** @type {const} */ ({delaySeconds: 5, timeoutSeconds: 25})

/** How long a SIGTERM keeps serving, and how long it waits for answers in flight (lib/instance/drain.ts). */
export function drainSettings(env = process.env) {
  return {
    delayMs: seconds(env, 'DRAIN_DELAY_SECONDS', DRAIN_DEFAULTS.delaySeconds) * 1000,
    timeoutMs: seconds(env, 'DRAIN_TIMEOUT_SECONDS', DRAIN_DEFAULTS.timeoutSeconds) * 1000,
  }
}

/** Whether Next leaves SIGTERM to the app (NEXT_MANUAL_SIG_HANDLE, Next's documented switch). */
export const signalsLeftToApp = (env = process.env) => Boolean(read(env, 'NEXT_MANUAL_SIG_HANDLE'))

/**
 * The addresses of the trusted hops in front of the site (the caching proxy, a load balancer):
 * only they may say who a reader is through X-Forwarded-For. Loopback unless
 * TRUSTED_HOP_ADDRESSES says otherwise (lib/instance/trusted-hops.ts reads the list).
 */
export const DEFAULT_TRUSTED_HOP_ADDRESSES = '127.0.0.1,::1'
export const trustedHopAddresses = (env = process.env) => read(env, 'TRUSTED_HOP_ADDRESSES') ?? DEFAULT_TRUSTED_HOP_ADDRESSES

// Readers' reports

export const REPORT_DEFAULTS = /** @type {const} */ ({perClientPerHour: 5, perHour: 30, trustedHops: 1})

/** The report form's limits, read when a report arrives so an instance takes a change at its next start. */
export function reportLimits(env = process.env) {
  return {
    /** Reports one client may send in an hour. */
    perClientPerHour: positiveInteger(env, 'REPORTS_PER_CLIENT_PER_HOUR', REPORT_DEFAULTS.perClientPerHour),
    /** Reports all readers together may send in an hour: what one hour can cost the Content Lake. */
    perHour: positiveInteger(env, 'REPORTS_PER_HOUR', REPORT_DEFAULTS.perHour),
    /** How many addresses at the end of X-Forwarded-For were written by the trusted hops. */
    trustedHops: positiveInteger(env, 'TRUSTED_HOPS', REPORT_DEFAULTS.trustedHops),
  }
}
