// @ts-check
/**
 * `cacheHandlers.default`: where 'use cache' entries live (see next.config.ts). Tag expiry comes
 * from the freshness state, refreshed from the store once per request (`refreshTags`).
 */
import {createEntryStore} from './entries.mjs'
import {freshness} from './state.mjs'

/** @typedef {Omit<import('next/cache').CacheEntry, 'value'> & {value: Uint8Array}} StoredEntry */

/** @type {ReturnType<typeof createEntryStore<StoredEntry>>} */
const entries = createEntryStore('use-cache', (entry) => entry)
/** Sets still streaming: a get for the same key waits for them, as the interface requires. */
const pendingSets = new Map()

/** A stream of a copy of the entry's bytes: the kept entry is shared, and a reader may take its chunks. */
const streamOf = (/** @type {Uint8Array} */ bytes) =>
  new ReadableStream({
    start(controller) {
      controller.enqueue(bytes.slice())
      controller.close()
    },
  })

/** @type {import('next/cache').CacheHandler} */
const useCacheHandler = {
  async get(cacheKey) {
    await pendingSets.get(cacheKey)
    const entry = await entries.get(cacheKey)
    return entry && {...entry, value: streamOf(entry.value)}
  },

  async set(cacheKey, pendingEntry) {
    /** @type {() => void} */
    let done = () => {}
    pendingSets.set(cacheKey, new Promise((resolve) => (done = () => resolve(undefined))))
    try {
      const entry = await pendingEntry
      const value = new Uint8Array(await new Response(entry.value).arrayBuffer())
      await entries.set(cacheKey, {...entry, value}, entry.expire)
    } catch {
      // An interrupted render: keep nothing rather than half an entry.
    } finally {
      pendingSets.delete(cacheKey)
      done()
    }
  },

  refreshTags: () => freshness().tags.refresh(),

  async getExpiration(tags) {
    return freshness().tags.expiration(tags)
  },

  async updateTags(tags) {
    await freshness().tags.expire(tags)
  },
}

export default useCacheHandler
