// @ts-check
/**
 * Freshness: whether a cached answer or page may still be served. It knows tag strings, bytes and
 * builds, never documents (lib/content decides which tags a change expires). One instance per
 * process, shared through globalThis by the copies Next loads (the cache handlers, unbundled) and
 * the copy bundled into routes. Its state lives in a store (files, or Redis shared by every
 * instance), so it survives a restart and reaches every instance. Five parts:
 *
 * - `tags`: when each tag last expired; expiring tags (and purging the caching proxy by them);
 *   time tags (`until:<ms>`) that expire on their own at a moment known in advance.
 * - `entries`: cached bytes by namespace and key, for the cache handlers, the dataset watcher and
 *   the change feed's mark.
 * - `lastGood`: the last good answer of each query, served while the Content Lake fails.
 * - `markers`: one-time markers every instance sees (a provisional build settled, a webhook
 *   delivery applied), each for a while or for good.
 * - `build`: facts about the build being served (written into its dist directory by `next build`,
 *   read from there), such as whether it is provisional.
 */
import {mkdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {buildDir, buildId, createFileBackend, createRedisBackend, sweepExpiredFiles} from './backends.mjs'
import {writeFileAtomically} from '../files.mjs'
import {purgeCachingProxy} from './caching-proxy.mjs'
import {createLru} from './lru.mjs'
import {isBuilding, redisUrl} from '../env.mjs'

/** @typedef {import('./backends.mjs').Backend} Backend */

/** A render that read its content just before an expiry may store its page just after it. */
export const RACE_WINDOW_MS = 500
/** Last good answers: how many, how many bytes in memory, how long they are kept. */
const LAST_GOOD_ENTRIES = 500
const LAST_GOOD_BYTES = 16 * 1024 * 1024
const LAST_GOOD_SECONDS = 30 * 24 * 3600

/** A tag that expires by itself at a moment: `until:<ms since the epoch>`. */
export const TIME_TAG_PREFIX = 'until:'
export const timeTag = (/** @type {number} */ at) => `${TIME_TAG_PREFIX}${Math.floor(at)}`
/** The moment a time tag expires, or undefined for any other tag. */
export const timeTagMoment = (/** @type {string} */ tag) => {
  if (!tag.startsWith(TIME_TAG_PREFIX)) return undefined
  const at = Number(tag.slice(TIME_TAG_PREFIX.length))
  return Number.isFinite(at) ? at : undefined
}

const PROVISIONAL_NOTE = 'provisional'

export class Freshness {
  /**
   * @param {Promise<Backend>} backend
   * @param {{buildDir?: string, build?: string}} [where] the build's dist directory and id (default: the one being served)
   */
  constructor(backend, {buildDir: dir = buildDir(), build = buildId()} = {}) {
    /** @type {Map<string, number>} tag → when it last expired (ms) */
    const expiries = new Map()
    /** @type {string | undefined} */
    let version
    /** Changes expired once and due to be expired again (the race window below). */
    let reexpiring = 0
    const lastGoodInMemory = createLru(LAST_GOOD_ENTRIES, LAST_GOOD_BYTES)
    /** @type {string | undefined} why the store is unreachable, while it is */
    this.trouble = undefined
    const note = (/** @type {string} */ tag, /** @type {number} */ at) => expiries.set(tag, Math.max(expiries.get(tag) ?? 0, at))
    const watched = async (/** @type {(store: Backend) => Promise<any>} */ operation) => {
      try {
        return await operation(await backend)
      } catch (error) {
        this.noteTrouble(/** @type {Error} */ (error).message)
        throw error
      }
    }

    this.tags = {
      /**
       * Brings the local copy of tag expiries up to date: one cheap read when nothing changed. On
       * failure the last known state stands, so pages keep being served.
       */
      refresh: async () => {
        try {
          const store = await backend
          const current = await store.tagVersion()
          if (current !== version) {
            for (const [tag, at] of Object.entries(await store.readTags())) note(tag, at)
            version = current
          }
          this.noteTrouble(undefined)
        } catch (error) {
          this.noteTrouble(/** @type {Error} */ (error).message)
        }
      },

      /** When the latest of these tags expired, 0 if none did; a time tag counts once its moment has come. */
      expiration: (/** @type {readonly string[]} */ tags) => {
        const now = Date.now()
        let latest = 0
        for (const tag of tags) {
          const moment = timeTagMoment(tag)
          const at = moment === undefined ? (expiries.get(tag) ?? 0) : moment <= now ? moment : 0
          latest = Math.max(latest, at)
        }
        return latest
      },

      /** Whether an entry made at `timestamp` with these tags has been expired since. */
      isExpired: (/** @type {readonly string[]} */ tags, /** @type {number} */ timestamp) => {
        const latest = this.tags.expiration(tags)
        return latest > timestamp && latest <= Date.now()
      },

      /**
       * Expires tags now, in the store every instance reads, then purges the caching proxy (if
       * any) by the same tags. Resolves only once both have it; rejects when either cannot be
       * reached. Expires (and purges) once more after RACE_WINDOW_MS, which closes the window in
       * which a render that read the old content stores its page after the first expiry.
       */
      expire: async (/** @type {string[]} */ tags) => {
        const now = Date.now()
        await watched((store) => store.writeTags(tags, now))
        for (const tag of tags) note(tag, now)
        reexpiring += 1
        setTimeout(() => {
          const later = Date.now()
          watched((store) => store.writeTags(tags, later))
            .then(
              () => {
                tags.forEach((tag) => note(tag, later))
                return purgeCachingProxy(tags).catch(() => {})
              },
              () => {},
            )
            .finally(() => (reexpiring -= 1))
        }, RACE_WINDOW_MS).unref()
        await purgeCachingProxy(tags)
      },

      /** How many changes are still to be expired a second time: 0 once every change so far has settled. */
      reexpiring: () => reexpiring,
    }

    this.entries = {
      /** @returns {Promise<Buffer | undefined>} undefined when missing or past its time; rejects when the store cannot be reached */
      readOrFail: (/** @type {string} */ space, /** @type {string} */ key) => watched((store) => store.readEntry(space, key)),
      /** Kept for `ttlSeconds` (Infinity: until replaced); rejects when the store cannot take it. */
      writeOrFail: (
        /** @type {string} */ space,
        /** @type {string} */ key,
        /** @type {Buffer} */ bytes,
        /** @type {number} */ ttlSeconds,
      ) => watched((store) => store.writeEntry(space, key, bytes, ttlSeconds)),
      /** @returns {Promise<Buffer | undefined>} undefined when missing, past its time, or the store is unreachable */
      read: (/** @type {string} */ space, /** @type {string} */ key) => this.entries.readOrFail(space, key).catch(() => undefined),
      /** Kept for `ttlSeconds`; a store that cannot take it is noted, and the caller goes on. */
      write: (/** @type {string} */ space, /** @type {string} */ key, /** @type {Buffer} */ bytes, /** @type {number} */ ttlSeconds) =>
        this.entries.writeOrFail(space, key, bytes, ttlSeconds).catch(() => {}),
      remove: (/** @type {string} */ space, /** @type {string} */ key) => watched((store) => store.deleteEntry(space, key)).catch(() => {}),
    }

    this.lastGood = {
      /**
       * Keeps a last good answer, in memory (LRU, capped) and in the store, for answers that show
       * a document or a list: a "nothing here" answer is never worth keeping, and keeping it would
       * let made-up addresses fill memory and disk.
       */
      remember: async (/** @type {string} */ key, /** @type {unknown} */ value) => {
        if (!holdsContent(value)) return
        const bytes = Buffer.from(JSON.stringify(value))
        if (lastGoodInMemory.get(key)?.equals(bytes)) return
        lastGoodInMemory.set(key, bytes)
        await watched((store) => store.writeEntry('last-good', key, bytes, LAST_GOOD_SECONDS))
      },
      /** @returns {Promise<{value: unknown} | undefined>} */
      recall: async (/** @type {string} */ key) => {
        const bytes = lastGoodInMemory.get(key) ?? (await this.entries.read('last-good', key))
        return bytes && {value: JSON.parse(bytes.toString('utf8'))}
      },
    }

    this.markers = {
      /**
       * Takes a marker that every instance sharing the store sees, for `ttlSeconds` (default: for
       * good): true for the one caller that took it, false while it is taken. Rejects when the
       * store cannot be reached.
       * @param {string} name
       * @param {number} [ttlSeconds]
       * @returns {Promise<boolean>}
       */
      claim: (name, ttlSeconds) => watched((store) => store.claim(name, ttlSeconds)),
      release: (/** @type {string} */ name) => watched((store) => store.release(name)),
    }

    const notesDir = join(dir, 'kz-sim-guide')
    this.build = {
      /** The build's id: cache entries of another build are never read. */
      id: build,
      /** Writes a note into the build's own directory (at build time: `next build` never writes to a shared store). */
      write: async (/** @type {string} */ name, /** @type {string} */ text) => {
        mkdirSync(notesDir, {recursive: true})
        await writeFileAtomically(join(notesDir, name), text)
      },
      /** @returns {string | undefined} */
      read: (/** @type {string} */ name) => {
        try {
          return readFileSync(join(notesDir, name), 'utf8')
        } catch {
          return undefined
        }
      },
      /** The build could not reach the Content Lake and rendered the bundled dataset instead. */
      markProvisional: (/** @type {string} */ reason) => this.build.write(PROVISIONAL_NOTE, reason),
      isProvisional: () => this.build.read(PROVISIONAL_NOTE) !== undefined,
      /**
       * After a provisional build, expires `everythingTag` once per build and store, so every page
       * renders again from the Lake; the first instance to start does it for all that share the store.
       */
      settle: async (/** @type {string} */ everythingTag) => {
        if (!this.build.isProvisional()) return false
        const marker = `settled-${build}`
        if (!(await this.markers.claim(marker))) return false
        try {
          await this.tags.expire([everythingTag])
        } catch (error) {
          await this.markers.release(marker).catch(() => {})
          throw error
        }
        return true
      },
    }
  }

  /** Logs once per outage, and once when the store is back. */
  noteTrouble(/** @type {string | undefined} */ trouble) {
    if (trouble && !this.trouble) console.error(`[freshness] cache store unreachable, serving the last good pages: ${trouble}`)
    if (!trouble && this.trouble) console.log('[freshness] cache store reachable again')
    this.trouble = trouble
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
  const url = redisUrl()
  // A build never writes to the shared store: its entries would reach the running instances.
  const useRedis = url && !isBuilding()
  /** @type {Freshness} */
  let state
  const backend = useRedis ? createRedisBackend(url, (trouble) => state.noteTrouble(trouble)) : Promise.resolve(createFileBackend())
  state = new Freshness(backend)
  if (!useRedis) void sweepExpiredFiles().catch(() => {})
  return state
}
