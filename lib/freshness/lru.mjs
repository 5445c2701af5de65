// @ts-check
/**
 * A least-recently-used map of byte buffers, capped by count and by total bytes: the memory
 * tier in front of the store, and the home of last good answers.
 * @param {number} maxEntries
 * @param {number} maxBytes
 */
export function createLru(maxEntries, maxBytes) {
  /** @type {Map<string, Buffer>} */
  const entries = new Map()
  let bytes = 0
  const remove = (/** @type {string} */ key) => {
    const value = entries.get(key)
    if (value === undefined) return
    bytes -= value.byteLength
    entries.delete(key)
  }
  return {
    /** @returns {Buffer | undefined} */
    get(/** @type {string} */ key) {
      const value = entries.get(key)
      if (value === undefined) return undefined
      // Map keeps insertion order: re-inserting marks the entry as the most recently used.
      entries.delete(key)
      entries.set(key, value)
      return value
    },
    set(/** @type {string} */ key, /** @type {Buffer} */ value) {
      remove(key)
      if (value.byteLength > maxBytes) return
      entries.set(key, value)
      bytes += value.byteLength
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries && bytes <= maxBytes) break
        remove(oldest)
      }
    },
    delete: remove,
    get bytes() {
      return bytes
    },
  }
}
