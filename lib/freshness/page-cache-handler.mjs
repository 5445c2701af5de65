// @ts-check
/**
 * `cacheHandler`: Next's page cache (rendered pages and route responses). An entry is served only
 * while none of its tags (the `x-next-cache-tags` Next puts on a page: those of every cached read
 * it made) expired after it was stored. A 404 is never stored: a made-up address leaves nothing.
 */
import {createEntryStore} from './entries.mjs'
import {SURROGATE_KEY_HEADER, surrogateKeys} from './caching-proxy.mjs'
import {freshness} from './state.mjs'

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
 * Next sends the headers of a page's entry with the page: naming its documents there (the tags of
 * its reads) lets the caching proxy, or a CDN, purge exactly the pages a change shows.
 */
const withSurrogateKeys = (/** @type {any} */ value, /** @type {string[]} */ tags) => {
  const keys = surrogateKeys(tags)
  return keys && value?.headers ? {...value, headers: {...value.headers, [SURROGATE_KEY_HEADER]: keys}} : value
}

export default class PageCacheHandler {
  /** @param {string} key */
  async get(key) {
    await freshness().tags.refresh()
    const record = await pages.get(key)
    return record ? {lastModified: record.lastModified, value: withSurrogateKeys(record.value, record.tags), cacheControl: record.cacheControl} : null
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
    const keys = surrogateKeys(tags)
    if (value.headers && keys) value.headers[SURROGATE_KEY_HEADER] = keys
    await pages.set(key, {lastModified: Date.now(), value, cacheControl, tags}, ttl)
  }

  /** @param {string | string[]} tags */
  async revalidateTag(tags) {
    await freshness().tags.expire(Array.isArray(tags) ? tags : [tags])
  }

  resetRequestCache() {}
}
