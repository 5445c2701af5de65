// @ts-check
/**
 * How a draft session is recognised. Next's draft-mode cookie (`__prerender_bypass`) holds a value
 * only Next can check, deep in its render, after every cache has been bypassed for it: anyone can
 * send a made-up one. So the enable route also sets a companion cookie, signed (HMAC-SHA256) with
 * DRAFT_MODE_SECRET, with its own expiry: `<unix seconds>.<hex signature of "draft-session.<unix
 * seconds>">`. The request proxy (proxy.ts) and the caching proxy (deploy/varnish/site.vcl, through
 * vmod_digest) check it with the same secret, and treat a request without a valid one as a
 * reader's, served from their caches, whatever `__prerender_bypass` it carries. Plain JavaScript:
 * scripts/caching-proxy.mjs reads it too.
 */
import {createHmac, randomBytes, timingSafeEqual} from 'node:crypto'
import {draftModeSecretSetting, isProduction} from '../env.mjs'

/** Next's draft-mode cookie: Next names it. */
export const DRAFT_MODE_COOKIE = '__prerender_bypass'
/** The companion cookie the enable route sets beside it. */
export const DRAFT_SESSION_COOKIE = 'kz-draft-session'
/** How long a draft session lasts: a working day. Presentation enters draft mode again each time it opens. */
export const DRAFT_SESSION_SECONDS = 12 * 3600
/** What is signed: a prefix, so the secret signs nothing else that could be passed off as a session. */
const SIGNED_PREFIX = 'draft-session.'

const RANDOM_SECRET = Symbol.for('kz-sim-guide.draft-mode-secret')

/**
 * DRAFT_MODE_SECRET, or, when it is not set, one made at random for this process (shared by the
 * request proxy and the routes, which Next loads as separate bundles): right for one instance
 * without a caching proxy, as `npm start` runs it. Several instances, and the caching proxy, need
 * the same value set everywhere.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string}
 */
export function draftModeSecret(env) {
  const configured = draftModeSecretSetting(env)
  if (configured) return configured
  const global = /** @type {{[RANDOM_SECRET]?: string}} */ (/** @type {unknown} */ (globalThis))
  return (global[RANDOM_SECRET] ??= randomBytes(32).toString('hex'))
}

const signature = (/** @type {string} */ secret, /** @type {string} */ expires) =>
  createHmac('sha256', secret).update(`${SIGNED_PREFIX}${expires}`).digest('hex')

/** The companion cookie's value for a session that starts now. */
export function signDraftSession(secret = draftModeSecret(), now = Date.now()) {
  const expires = String(Math.floor(now / 1000) + DRAFT_SESSION_SECONDS)
  return `${expires}.${signature(secret, expires)}`
}

/**
 * Whether a companion cookie's value stands for a draft session: signed with the secret, and not
 * expired. Compared in constant time.
 * @param {string | undefined} value
 */
export function isDraftSession(value, secret = draftModeSecret(), now = Date.now()) {
  const [, expires = '', given = ''] = /^(\d{1,12})\.([0-9a-f]{64})$/.exec(value ?? '') ?? []
  if (!expires || Number(expires) * 1000 <= now) return false
  return timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(signature(secret, expires), 'hex'))
}

/**
 * The companion cookie travels where Next's draft-mode cookie does, so it has the attributes
 * next-sanity gives that one: SameSite=None and Secure in production (Presentation may frame the
 * site from the Studio's origin), partitioned in a cross-site frame (Safari keeps it only so).
 * @param {Headers} headers the request's
 */
export function draftSessionCookieOptions(headers) {
  const secure = isProduction()
  const partitioned = secure && headers.get('sec-fetch-dest') === 'iframe' && headers.get('sec-fetch-site') === 'cross-site'
  const sameSite = secure ? /** @type {const} */ ('none') : /** @type {const} */ ('lax')
  return {name: DRAFT_SESSION_COOKIE, httpOnly: true, path: '/', secure, sameSite, partitioned}
}
