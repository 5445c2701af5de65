// @ts-check
/**
 * The caching proxy in front of the site (Varnish: deploy/varnish, `npm run caching-proxy`), as
 * the site sees it (not Next's request proxy, proxy.ts):
 * pages name their documents in a Surrogate-Key header, and a change purges the proxy by those
 * same tags. The proxy's address is PROXY_PURGE_URL; unset means there is no proxy.
 */
import {proxyPurgeUrl} from '../env.mjs'

export const SURROGATE_KEY_HEADER = 'surrogate-key'
/**
 * How long the caching proxy may keep a page whose content changes at a known moment (a fact
 * starts or stops being in force): Surrogate-Control's max-age, which CDNs read too.
 */
export const CACHE_TTL_HEADER = 'surrogate-control'

/** Next's own implicit tags (paths) are not documents: a change never names them. */
const NEXT_IMPLICIT_TAG = '_N_T_'
/** Keys are separated by spaces (Surrogate-Key, xkey) or commas (Cache-Tag): neither may occur in one. */
const isKey = (/** @type {string} */ tag) => /^[\x21-\x2b\x2d-\x7e]+$/.test(tag) && !tag.startsWith(NEXT_IMPLICIT_TAG)

/** The Surrogate-Key value for a page cached with these tags (the tags of every read it made). */
export const surrogateKeys = (/** @type {readonly string[]} */ tags) => [...new Set(tags.filter(isKey))].join(' ')

/** A purge request stays well inside the proxy's header limits. */
const MAX_KEYS_BYTES = 4000
const PURGE_TIMEOUT_MS = 2000

/** @returns {string[][]} */
function batches(/** @type {readonly string[]} */ keys) {
  /** @type {string[][]} */
  const result = []
  let size = Infinity
  for (const key of keys) {
    if (size + key.length + 1 > MAX_KEYS_BYTES) {
      result.push([])
      size = 0
    }
    result.at(-1)?.push(key)
    size += key.length + 1
  }
  return result
}

async function purgeOnce(/** @type {string} */ url, /** @type {string[]} */ keys) {
  const response = await fetch(url, {
    method: 'PURGE',
    headers: {'xkey-purge': keys.join(' ')},
    signal: AbortSignal.timeout(PURGE_TIMEOUT_MS),
  })
  await response.arrayBuffer()
  if (!response.ok) throw new Error(`answered ${response.status} ${response.statusText}`)
}

/** A purge the caching proxy did not take, twice: the change is not yet applied everywhere. */
class CachingProxyUnreachable extends Error {
  name = 'CachingProxyUnreachable'
}

/**
 * Told by name, not by class: the cache handlers load this module unbundled and the routes their
 * bundled copy, so the error may come from either.
 */
export const isCachingProxyUnreachable = (/** @type {unknown} */ error) =>
  error instanceof Error && error.name === 'CachingProxyUnreachable'

/**
 * Purges the proxy by tags and waits for its answer. A purge that fails is logged and retried
 * once; if that fails too, the error reaches the caller (the webhook answers 503, Sanity retries).
 */
export async function purgeCachingProxy(/** @type {readonly string[]} */ tags, url = proxyPurgeUrl()) {
  if (!url) return
  for (const keys of batches(tags.filter(isKey))) {
    try {
      await purgeOnce(url, keys)
    } catch (error) {
      console.error(`[freshness] caching proxy purge at ${url} failed, retrying once: ${/** @type {Error} */ (error).message}`)
      try {
        await purgeOnce(url, keys)
      } catch (again) {
        const message = `caching proxy purge at ${url} failed twice: ${/** @type {Error} */ (again).message}`
        console.error(`[freshness] ${message}`)
        throw new CachingProxyUnreachable(message, {cause: again})
      }
    }
  }
}
