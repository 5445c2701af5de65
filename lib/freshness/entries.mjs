// @ts-check
/**
 * Cache entries in two tiers: a capped in-memory LRU in front of the store. Every read is checked
 * against the tag expiries, whichever tier answers; while the store is unreachable the memory tier
 * keeps serving what it has (the last good pages).
 */
import {deserialize, serialize} from 'node:v8'
import {buildId} from './backends.mjs'
import {createLru} from './lru.mjs'
import {freshness} from './state.mjs'

/** Memory per tier; the store holds the rest. */
const MEMORY_ENTRIES = 2000
const MEMORY_BYTES = 32 * 1024 * 1024

/**
 * @template T
 * @param {string} space the entries' namespace in the store
 * @param {(record: T) => {tags: string[], timestamp: number}} stamp what a record was made from
 */
export function createEntryStore(space, stamp) {
  const memory = createLru(MEMORY_ENTRIES, MEMORY_BYTES)
  // Entries of another build never match: keys of the page cache do not name the build.
  const build = buildId()
  const keyOf = (/** @type {string} */ key) => `${build}:${key}`
  /** @param {Buffer | undefined} bytes @returns {T | undefined} */
  const current = (bytes) => {
    if (!bytes) return undefined
    const record = /** @type {T} */ (deserialize(bytes))
    const {tags, timestamp} = stamp(record)
    return freshness().tags.isExpired(tags, timestamp) ? undefined : record
  }
  return {
    /** @returns {Promise<T | undefined>} */
    async get(/** @type {string} */ key) {
      const fromMemory = current(memory.get(key))
      if (fromMemory) return fromMemory
      const bytes = await freshness().entries.read(space, keyOf(key))
      const record = current(bytes)
      if (bytes && record) memory.set(key, bytes)
      return record
    },
    async set(/** @type {string} */ key, /** @type {T} */ record, /** @type {number} */ ttlSeconds) {
      const bytes = serialize(record)
      memory.set(key, bytes)
      await freshness().entries.write(space, keyOf(key), bytes, ttlSeconds)
    },
    async delete(/** @type {string} */ key) {
      memory.delete(key)
      await freshness().entries.remove(space, keyOf(key))
    },
  }
}
