// @ts-check
/**
 * A least-recently-used map, capped by count and by total bytes: the memory tier in front of the
 * store, and the home of last good answers. Values are byte buffers, or anything with a size.
 * @template [T=Buffer]
 * @param {number} maxEntries
 * @param {number} maxBytes
 * @param {(value: T) => number} [sizeOf] bytes a value counts for (default: its byteLength)
 */
export function createLru(maxEntries, maxBytes, sizeOf = (value) => /** @type {Buffer} */ (/** @type {unknown} */ (value)).byteLength) {
  /** @type {Map<string, T>} */
  const entries = new Map()
  let bytes = 0
  const remove = (/** @type {string} */ key) => {
    const value = entries.get(key)
    if (value === undefined) return
    bytes -= sizeOf(value)
    entries.delete(key)
  }
  return {
    /** @returns {T | undefined} */
    get(/** @type {string} */ key) {
      const value = entries.get(key)
      if (value === undefined) return undefined
      // Map keeps insertion order: re-inserting marks the entry as the most recently used.
      entries.delete(key)
      entries.set(key, value)
      return value
    },
    set(/** @type {string} */ key, /** @type {T} */ value) {
      remove(key)
      const size = sizeOf(value)
      if (size > maxBytes) return
      entries.set(key, value)
      bytes += size
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
