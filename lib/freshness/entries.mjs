// @ts-check
/**
 * Cache entries in two tiers: a capped in-memory LRU in front of the store. Every read is checked
 * against the tag expiries, whichever tier answers; while the store is unreachable the memory tier
 * keeps serving what it has (the last good pages). The memory tier keeps records decoded (decoding
 * a page took 0.8 ms of the 4 ms a cached request costs), so a record got from it is shared:
 * callers answer with new objects around it and never change it.
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
  /** @type {ReturnType<typeof createLru<{record: T, size: number}>>} */
  const memory = createLru(MEMORY_ENTRIES, MEMORY_BYTES, (held) => held.size)
  // Entries of another build never match: keys of the page cache do not name the build.
  const build = buildId()
  const keyOf = (/** @type {string} */ key) => `${build}:${key}`
  const isCurrent = (/** @type {T} */ record) => {
    const {tags, timestamp} = stamp(record)
    return !freshness().tags.isExpired(tags, timestamp)
  }
  return {
    /** @returns {Promise<T | undefined>} */
    async get(/** @type {string} */ key) {
      const held = memory.get(key)
      if (held && isCurrent(held.record)) return held.record
      const bytes = await freshness().entries.read(space, keyOf(key))
      if (!bytes) return undefined
      const record = /** @type {T} */ (deserialize(bytes))
      if (!isCurrent(record)) return undefined
      memory.set(key, {record, size: bytes.byteLength})
      return record
    },
    async set(/** @type {string} */ key, /** @type {T} */ record, /** @type {number} */ ttlSeconds) {
      const bytes = serialize(record)
      // A copy: the caller's object is the caller's to change.
      memory.set(key, {record: /** @type {T} */ (deserialize(bytes)), size: bytes.byteLength})
      await freshness().entries.write(space, keyOf(key), bytes, ttlSeconds)
    },
    async delete(/** @type {string} */ key) {
      memory.delete(key)
      await freshness().entries.remove(space, keyOf(key))
    },
  }
}
