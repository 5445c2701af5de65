// @ts-check
/**
 * Where freshness state lives: tag expiry times, cache entries and last good answers.
 * Two backends behind one interface:
 *  - files under <distDir>/cache/kz-sim-guide (or FRESHNESS_DIR): the default, survives a restart,
 *    needs nothing;
 *  - Redis when REDIS_URL is set: shared by every instance of one deployment.
 * Plain JavaScript (checked by TypeScript through JSDoc) because Next loads cache handlers with
 * Node's own `import()`, unbundled.
 */
import {createHash} from 'node:crypto'
import {readFileSync, statSync} from 'node:fs'
import {mkdir, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {writeFileAtomically} from '../files.mjs'
import {buildFolder, freshnessFolder, redisKeyPrefix} from '../env.mjs'

/**
 * @typedef {object} Backend
 * @property {string} name
 * @property {() => Promise<string>} tagVersion A value that changes whenever a tag expires: cheap to read on every request.
 * @property {() => Promise<Record<string, number>>} readTags Every expired tag and when (ms since the epoch).
 * @property {(tags: string[], at: number) => Promise<void>} writeTags Rejects when the store cannot be reached.
 * @property {(space: string, key: string) => Promise<Buffer | undefined>} readEntry
 * @property {(space: string, key: string, bytes: Buffer, ttlSeconds: number) => Promise<void>} writeEntry
 * @property {(space: string, key: string) => Promise<void>} deleteEntry
 * @property {(name: string, ttlSeconds?: number) => Promise<boolean>} claim Takes a marker, for `ttlSeconds` (default: for good):
 *   true for the one caller that set it, false while it is set.
 * @property {(name: string) => Promise<void>} release
 * @property {() => Promise<void>} close
 */

/** The dist directory of the build being made or served. */
export const buildDir = () => join(/* turbopackIgnore: true */ process.cwd(), buildFolder())

/** The file backend's directory: beside the build, unless FRESHNESS_DIR names another (servers sharing one build on one machine). */
export const stateDir = () => freshnessFolder() ?? join(/* turbopackIgnore: true */ buildDir(), 'cache', 'kz-sim-guide')

/** The build that is being served: cache entries of another build are never read. */
export function buildId() {
  try {
    return readFileSync(join(buildDir(), 'BUILD_ID'), 'utf8').trim()
  } catch {
    return 'build'
  }
}

const hashOf = (/** @type {string} */ key) => createHash('sha256').update(key).digest('hex').slice(0, 40)

/** Entries carry their own expiry time in the first 8 bytes, as a file has no TTL. */
const withExpiry = (/** @type {Buffer} */ bytes, /** @type {number} */ ttlSeconds) => {
  const header = Buffer.alloc(8)
  header.writeDoubleBE(Number.isFinite(ttlSeconds) ? Date.now() + ttlSeconds * 1000 : Number.MAX_VALUE)
  return Buffer.concat([header, bytes])
}

/** Where the file backend keeps claims: entries with no content, only an expiry. */
const CLAIMS = 'claims'

/** @returns {Backend} */
export function createFileBackend(root = stateDir()) {
  const tagsFile = join(root, 'tags.json')
  const entryFile = (/** @type {string} */ space, /** @type {string} */ key) => join(root, space, hashOf(key))
  // Writes of tags.json are read-modify-write: one at a time, or a later write could lose an earlier one.
  let tagWrites = Promise.resolve()
  const readTags = async () => {
    try {
      return /** @type {Record<string, number>} */ (JSON.parse(await readFile(tagsFile, 'utf8')))
    } catch {
      return {}
    }
  }
  return {
    name: 'files',
    async tagVersion() {
      // Read on every request: a synchronous stat of one local file takes a few microseconds, where
      // the promise API's waits its turn in libuv's thread pool behind the cache's reads (0.3 ms
      // per request measured under load).
      const info = statSync(tagsFile, {throwIfNoEntry: false})
      return info ? `${info.mtimeMs}-${info.size}` : 'none'
    },
    readTags,
    writeTags(tags, at) {
      const write = tagWrites.then(async () => {
        await mkdir(root, {recursive: true})
        const current = await readTags()
        for (const tag of tags) current[tag] = Math.max(current[tag] ?? 0, at)
        await writeFileAtomically(tagsFile, JSON.stringify(current))
      })
      tagWrites = write.catch(() => {})
      return write
    },
    async readEntry(space, key) {
      const file = entryFile(space, key)
      const stored = await readFile(file).catch(() => undefined)
      if (!stored || stored.length < 8) return undefined
      if (stored.readDoubleBE(0) < Date.now()) {
        await rm(file, {force: true})
        return undefined
      }
      return stored.subarray(8)
    },
    async writeEntry(space, key, bytes, ttlSeconds) {
      await mkdir(join(root, space), {recursive: true})
      await writeFileAtomically(entryFile(space, key), withExpiry(bytes, ttlSeconds))
    },
    async deleteEntry(space, key) {
      await rm(entryFile(space, key), {force: true})
    },
    async claim(name, ttlSeconds = Infinity) {
      const file = entryFile(CLAIMS, name)
      await mkdir(join(root, CLAIMS), {recursive: true})
      // `wx` fails when the file exists: one caller creates it. A claim whose time is up is
      // removed once and taken again (the sweep removes the others).
      for (let attempt = 0; ; attempt++) {
        const created = await writeFile(file, withExpiry(Buffer.alloc(0), ttlSeconds), {flag: 'wx'}).then(
          () => true,
          (/** @type {NodeJS.ErrnoException} */ error) => {
            if (error.code === 'EEXIST') return false
            throw error
          },
        )
        if (created || attempt > 0) return created
        const stored = await readFile(file).catch(() => undefined)
        if (stored && stored.length >= 8 && stored.readDoubleBE(0) >= Date.now()) return false
        await rm(file, {force: true})
      }
    },
    async release(name) {
      await rm(entryFile(CLAIMS, name), {force: true})
    },
    async close() {},
  }
}

/** Removes entries whose time is up: files have no TTL of their own. */
export async function sweepExpiredFiles(root = stateDir()) {
  let removed = 0
  for (const space of await readdir(/* turbopackIgnore: true */ root, {withFileTypes: true}).catch(() => [])) {
    if (!space.isDirectory()) continue
    for (const name of await readdir(/* turbopackIgnore: true */ join(root, space.name)).catch(() => [])) {
      const file = join(root, space.name, name)
      const stored = await readFile(file).catch(() => undefined)
      if (!stored || stored.length < 8 || stored.readDoubleBE(0) < Date.now()) {
        await rm(file, {force: true})
        removed++
      }
    }
  }
  return removed
}

/**
 * Sets each tag's expiry to `at` unless a later one is stored (instances' clocks and deliveries
 * interleave), and bumps the version every instance polls, in one atomic step.
 */
const KEEP_LATEST_EXPIRY = `
for i = 2, #ARGV do
  local stored = tonumber(redis.call('HGET', KEYS[1], ARGV[i]) or '0')
  if stored < tonumber(ARGV[1]) then redis.call('HSET', KEYS[1], ARGV[i], ARGV[1]) end
end
return redis.call('INCR', KEYS[2])`

/** Every Redis call gives up after this long: a hung store must not hang a page. */
const REDIS_TIMEOUT_MS = 1000

/**
 * @param {string} url
 * @param {(message: string) => void} onTrouble called once per outage, with the reason
 * @returns {Promise<Backend>}
 */
export async function createRedisBackend(url, onTrouble) {
  const {createClient, RESP_TYPES} = await import('redis')
  const prefix = `${redisKeyPrefix()}:`
  const client = createClient({
    url,
    // Fail fast while disconnected instead of queueing: the caller falls back, the webhook answers 503.
    disableOfflineQueue: true,
    socket: {connectTimeout: REDIS_TIMEOUT_MS, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000)},
  })
  client.on('error', (/** @type {Error} */ error) => onTrouble(error.message || String(error)))
  const connecting = client.connect().then(
    () => undefined,
    (/** @type {Error} */ error) => onTrouble(error.message),
  )
  // The first connection is waited for, briefly, so that start-up reads the store (the tags, the
  // provisional build); past that the client keeps trying in the background, and a start while
  // Redis is down still serves pages.
  await Promise.race([connecting, new Promise((resolve) => setTimeout(resolve, REDIS_TIMEOUT_MS).unref())])

  /** @template T @param {Promise<T>} operation @returns {Promise<T>} */
  const bounded = (operation) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Redis did not answer within ${REDIS_TIMEOUT_MS} ms`)), REDIS_TIMEOUT_MS)
      operation.then(
        (value) => (clearTimeout(timer), resolve(value)),
        (error) => (clearTimeout(timer), reject(error)),
      )
    })
  const ready = () => {
    if (!client.isReady) throw new Error(`Redis at ${new URL(url).host} is not reachable`)
  }
  // Entries are bytes: read them back as Buffers, not strings.
  const binary = client.withTypeMapping({[RESP_TYPES.BLOB_STRING]: Buffer})
  const tagsKey = `${prefix}tags`
  const versionKey = `${prefix}tags:version`
  const entryKey = (/** @type {string} */ space, /** @type {string} */ key) => `${prefix}${space}:${hashOf(key)}`
  return {
    name: 'redis',
    async tagVersion() {
      ready()
      return String(await bounded(client.get(versionKey)))
    },
    async readTags() {
      ready()
      const stored = await bounded(client.hGetAll(tagsKey))
      return Object.fromEntries(Object.entries(stored).map(([tag, at]) => [tag, Number(at)]))
    },
    async writeTags(tags, at) {
      ready()
      await bounded(client.eval(KEEP_LATEST_EXPIRY, {keys: [tagsKey, versionKey], arguments: [String(at), ...tags]}))
    },
    async readEntry(space, key) {
      ready()
      const value = await bounded(binary.get(entryKey(space, key)))
      return value ?? undefined
    },
    async writeEntry(space, key, bytes, ttlSeconds) {
      ready()
      const options = Number.isFinite(ttlSeconds) ? {EX: Math.max(1, Math.ceil(ttlSeconds))} : {}
      await bounded(client.set(entryKey(space, key), bytes, options))
    },
    async deleteEntry(space, key) {
      ready()
      await bounded(client.del(entryKey(space, key)))
    },
    async claim(name, ttlSeconds = Infinity) {
      ready()
      const expiry = Number.isFinite(ttlSeconds) ? {EX: Math.max(1, Math.ceil(ttlSeconds))} : {}
      return (await bounded(client.set(`${prefix}claim:${name}`, String(Date.now()), {NX: true, ...expiry}))) === 'OK'
    },
    async release(name) {
      ready()
      await bounded(client.del(`${prefix}claim:${name}`))
    },
    async close() {
      await client.close().catch(() => {})
    },
  }
}
