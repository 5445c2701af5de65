// @ts-check
/**
 * The one owner of freshness: when each tag last expired, expiring the tags of a change, the
 * provisional-build flag and last good answers. One instance per process, shared through
 * globalThis by the copies that Next loads (the cache handlers, unbundled) and the copy bundled
 * into routes; its state lives in the backend, so it survives a restart and reaches every
 * instance that shares the backend.
 */
import {createFileBackend, createRedisBackend, sweepExpiredFiles} from './backends.mjs'
import {createLru} from './lru.mjs'
import {purgeProxy} from './proxy.mjs'

/** @typedef {import('./backends.mjs').Backend} Backend */

/** A render that read its content just before an expiry may store its page just after it. */
const RACE_WINDOW_MS = 500
/** Last good answers: how many, how many bytes in memory, how long they are kept. */
const LAST_GOOD_ENTRIES = 500
const LAST_GOOD_BYTES = 16 * 1024 * 1024
const LAST_GOOD_SECONDS = 30 * 24 * 3600

const PROVISIONAL_FLAG = 'provisional-build'

export class Freshness {
  /** @param {Promise<Backend>} backend */
  constructor(backend) {
    this.backend = backend
    /** @type {Map<string, number>} tag → when it last expired (ms) */
    this.expiries = new Map()
    /** @type {string | undefined} */
    this.version = undefined
    /** @type {string | undefined} why the store is unreachable, while it is */
    this.trouble = undefined
    this.lastGood = createLru(LAST_GOOD_ENTRIES, LAST_GOOD_BYTES)
  }

  /** Logs once per outage, and once when the store is back. */
  report(/** @type {string | undefined} */ trouble) {
    if (trouble && !this.trouble) console.error(`[freshness] cache store unreachable, serving the last good pages: ${trouble}`)
    if (!trouble && this.trouble) console.log('[freshness] cache store reachable again')
    this.trouble = trouble
  }

  /**
   * Brings the local copy of tag expiries up to date: one cheap read when nothing changed. On
   * failure the last known state stands, so pages keep being served.
   */
  async refresh() {
    try {
      const backend = await this.backend
      const version = await backend.tagVersion()
      if (version !== this.version) {
        const stored = await backend.readTags()
        for (const [tag, at] of Object.entries(stored)) this.expiries.set(tag, Math.max(this.expiries.get(tag) ?? 0, at))
        this.version = version
      }
      this.report(undefined)
    } catch (error) {
      this.report(/** @type {Error} */ (error).message)
    }
  }

  /** When the latest of these tags expired; 0 if none ever did. */
  expiration(/** @type {readonly string[]} */ tags) {
    let latest = 0
    for (const tag of tags) latest = Math.max(latest, this.expiries.get(tag) ?? 0)
    return latest
  }

  /** Whether an entry made at `timestamp` with these tags has been expired since. */
  isExpired(/** @type {readonly string[]} */ tags, /** @type {number} */ timestamp) {
    const latest = this.expiration(tags)
    return latest > timestamp && latest <= Date.now()
  }

  /**
   * Expires tags now, in the store every instance reads, then purges the caching proxy (if any)
   * by the same tags. Resolves only once both have it; rejects when either cannot be reached.
   * Expires (and purges) once more after RACE_WINDOW_MS, which closes the window in which a
   * render that read the old content stores its page after the first expiry.
   */
  async expire(/** @type {string[]} */ tags) {
    const now = Date.now()
    const backend = await this.backend
    try {
      await backend.writeTags(tags, now)
    } catch (error) {
      this.report(/** @type {Error} */ (error).message)
      throw error
    }
    for (const tag of tags) this.expiries.set(tag, Math.max(this.expiries.get(tag) ?? 0, now))
    setTimeout(() => {
      const later = Date.now()
      backend.writeTags(tags, later).then(
        () => {
          tags.forEach((tag) => this.expiries.set(tag, Math.max(this.expiries.get(tag) ?? 0, later)))
          return purgeProxy(tags).catch(() => {})
        },
        (/** @type {Error} */ error) => this.report(error.message),
      )
    }, RACE_WINDOW_MS).unref()
    await purgeProxy(tags)
  }

  /** The build could not reach the Content Lake and rendered the bundled dataset instead. */
  async markProvisionalBuild(/** @type {string} */ reason) {
    await (await this.backend).writeFlag(PROVISIONAL_FLAG, reason)
  }

  /** If the build was provisional, expires everything once, so pages render again from the Lake. */
  async settleProvisionalBuild(/** @type {string} */ everythingTag) {
    const backend = await this.backend
    if ((await backend.readFlag(PROVISIONAL_FLAG)) === undefined) return false
    await this.expire([everythingTag])
    await backend.writeFlag(PROVISIONAL_FLAG, undefined)
    return true
  }

  /**
   * Keeps a last good answer, in memory (LRU, capped) and in the store, for answers that show a
   * document or a list: a "nothing here" answer is never worth keeping, and keeping it would let
   * made-up addresses fill memory and disk.
   */
  async rememberAnswer(/** @type {string} */ key, /** @type {unknown} */ value) {
    if (!holdsContent(value)) return
    const bytes = Buffer.from(JSON.stringify(value))
    if (this.lastGood.get(key)?.equals(bytes)) return
    this.lastGood.set(key, bytes)
    await (await this.backend).writeEntry('last-good', key, bytes, LAST_GOOD_SECONDS)
  }

  /** @returns {Promise<{value: unknown} | undefined>} */
  async recallAnswer(/** @type {string} */ key) {
    let bytes = this.lastGood.get(key)
    if (!bytes) bytes = await (await this.backend).readEntry('last-good', key).catch(() => undefined)
    return bytes && {value: JSON.parse(bytes.toString('utf8'))}
  }
}

/** A document (an object with an _id) or a list: not "nothing here", not a count. */
export const holdsContent = (/** @type {unknown} */ value) =>
  Array.isArray(value) || (typeof value === 'object' && value !== null && '_id' in value)

const GLOBAL_KEY = Symbol.for('kz-sim-guide.freshness')

/** The process's Freshness, created on first use from the environment. */
export function freshness() {
  const global = /** @type {{[GLOBAL_KEY]?: Freshness}} */ (/** @type {unknown} */ (globalThis))
  return (global[GLOBAL_KEY] ??= createFromEnvironment())
}

function createFromEnvironment() {
  const url = process.env.REDIS_URL?.trim()
  // A build never writes to the shared store: its entries would reach the running instances.
  const useRedis = url && process.env.NEXT_PHASE !== 'phase-production-build'
  /** @type {Freshness} */
  let state
  const backend = useRedis
    ? createRedisBackend(url, (trouble) => state.report(trouble))
    : Promise.resolve(createFileBackend())
  state = new Freshness(backend)
  if (!useRedis) void sweepExpiredFiles().catch(() => {})
  return state
}
