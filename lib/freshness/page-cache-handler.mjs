// @ts-check
/**
 * `cacheHandler`: Next's page cache (rendered pages and route responses). An entry is served only
 * while none of its tags (the `x-next-cache-tags` Next puts on a page: those of every cached read
 * it made) expired after it was stored. A 404 is never stored: a made-up address leaves nothing.
 */
import {createEntryStore} from './entries.mjs'
import {CACHE_TTL_HEADER, SURROGATE_KEY_HEADER, surrogateKeys} from './caching-proxy.mjs'
import {freshness, timeTagMoment} from './state.mjs'

/** @typedef {{lastModified: number, value: any, cacheControl?: {revalidate?: number | false, expire?: number}, tags: string[]}} PageRecord */

const TAGS_HEADER = 'x-next-cache-tags'
/** Kept at most this long when the entry names no expiry of its own. */
const DEFAULT_TTL_SECONDS = 30 * 24 * 3600

/** @type {ReturnType<typeof createEntryStore<PageRecord>>} */
const pages = createEntryStore('pages', (record) => ({tags: record.tags, timestamp: record.lastModified}))

const tagsOf = (/** @type {any} */ value, /** @type {{tags?: string[]}} */ context) => {
  const header = value?.headers?.[TAGS_HEADER]
  return typeof header === 'string' ? header.split(',') : (context.tags ?? [])
}

/**
 * Whole seconds until the earliest time tag of a page (a fact on it starts or stops being in force),
 * or undefined when it has none: the caching proxy keeps the page no longer than that. Rounded down,
 * so the proxy never keeps a page past its moment; with under a second left it does not keep it.
 */
export function secondsToBoundary(/** @type {string[]} */ tags, now = Date.now()) {
  const moments = tags.map(timeTagMoment).filter((/** @type {number | undefined} */ at) => at !== undefined && at > now)
  return moments.length > 0 ? Math.floor((Math.min(.../** @type {number[]} */ (moments)) - now) / 1000) : undefined
}

/**
 * Next sends the headers of a page's entry with the page: naming its documents there (the tags of
 * its reads) lets the caching proxy, or a CDN, purge exactly the pages a change shows, and the time
 * left to its next boundary caps how long the proxy keeps it. Worked out on every read, so the
 * proxy is told the time that is left, not the time the page was made with.
 */
function proxyHeaders(/** @type {string[]} */ tags) {
  /** @type {Record<string, string>} */
  const headers = {}
  const keys = surrogateKeys(tags)
  if (keys) headers[SURROGATE_KEY_HEADER] = keys
  const ttl = secondsToBoundary(tags)
  if (ttl !== undefined) headers[CACHE_TTL_HEADER] = `max-age=${ttl}`
  return headers
}

const withProxyHeaders = (/** @type {any} */ value, /** @type {string[]} */ tags) =>
  value?.headers ? {...value, headers: {...value.headers, ...proxyHeaders(tags)}} : value

export default class PageCacheHandler {
  /** @param {string} key */
  async get(key) {
    await freshness().tags.refresh()
    const record = await pages.get(key)
    return record
      ? {lastModified: record.lastModified, value: withProxyHeaders(record.value, record.tags), cacheControl: record.cacheControl}
      : null
  }

  /**
   * @param {string} key
   * @param {any} value
   * @param {{tags?: string[], cacheControl?: PageRecord['cacheControl']}} context
   */
  async set(key, value, context) {
    if (!value || value.status === 404) return pages.delete(key)
    const cacheControl = context.cacheControl
    const ttl = typeof cacheControl?.expire === 'number' ? cacheControl.expire : DEFAULT_TTL_SECONDS
    const tags = tagsOf(value, context)
    // Next answers a fresh render with the headers of the entry it stores, this very object.
    if (value.headers) Object.assign(value.headers, proxyHeaders(tags))
    await pages.set(key, {lastModified: Date.now(), value, cacheControl, tags}, ttl)
  }

  /** @param {string | string[]} tags */
  async revalidateTag(tags) {
    await freshness().tags.expire(Array.isArray(tags) ? tags : [tags])
  }

  resetRequestCache() {}
}
