import 'server-only'
import {createClient} from 'redis'
import {RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract} from 'rate-limiter-flexible'
import {reportSettings, type ReportSettings} from './settings'

/**
 * How many reports may be stored: so many an hour per client, and so many an hour from everyone,
 * which is what an hour of reports can cost the Content Lake (one write each) and the editors.
 * Counted in Redis when REDIS_URL is set, so every instance shares the counts; in memory otherwise,
 * which is right for one instance. A slot that was taken but not used (the write failed, or the
 * other limit said no) is given back: a reader who is told to try again is not charged for it.
 */
const HOUR_SECONDS = 3600
/** A store that does not answer within this long counts as down: the reader hears "try again later". */
const STORE_TIMEOUT_MS = 2000
const EVERYONE = 'all'

export class LimitStoreUnavailable extends Error {}

export type Slot = {granted: true; giveBack: () => Promise<void>} | {granted: false; retryAfterSeconds: number}

type Limiters = {
  perClient: RateLimiterAbstract
  overall: RateLimiterAbstract
  /** Resolves once the store can be asked (at once in memory); rejects after STORE_TIMEOUT_MS. */
  ready: () => Promise<void>
}

let limiters: Limiters | undefined

function createLimiters(settings: ReportSettings): Limiters {
  const limits = (prefix: string) => ({
    perClient: {points: settings.perClientPerHour, duration: HOUR_SECONDS, keyPrefix: `${prefix}client`},
    overall: {points: settings.perHour, duration: HOUR_SECONDS, keyPrefix: `${prefix}all`},
  })
  if (!settings.redisUrl) {
    const {perClient, overall} = limits('reports:')
    return {perClient: new RateLimiterMemory(perClient), overall: new RateLimiterMemory(overall), ready: async () => {}}
  }
  let trouble: string | undefined
  const report = (problem: string | undefined) => {
    if (problem && !trouble) console.error(`[reports] rate-limit store unreachable, reports are refused until it is back: ${problem}`)
    if (!problem && trouble) console.log('[reports] rate-limit store reachable again')
    trouble = problem
  }
  const client = createClient({
    url: settings.redisUrl,
    // Fail at once while disconnected, rather than queue a reader's request until Redis returns.
    disableOfflineQueue: true,
    socket: {connectTimeout: STORE_TIMEOUT_MS, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000)},
  })
  client.on('error', (error: Error) => report(error.message || String(error)))
  client.on('ready', () => report(undefined))
  client.connect().catch((error: Error) => report(error.message))
  const {perClient, overall} = limits(`${settings.redisPrefix}:reports:`)
  const store = {storeClient: client, useRedisPackage: true, rejectIfRedisNotReady: true}
  // The connection opens with the first report after a start (or comes back after an outage):
  // a report waits for it, briefly. One listener, however many reports are waiting.
  let connected: Promise<void> | undefined
  const ready = () => {
    if (client.isReady) return Promise.resolve()
    connected ??= new Promise<void>((resolve) =>
      client.once('ready', () => {
        connected = undefined
        resolve()
      }),
    )
    return bounded(connected)
  }
  return {perClient: new RateLimiterRedis({...perClient, ...store}), overall: new RateLimiterRedis({...overall, ...store}), ready}
}

function bounded<T>(operation: Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${STORE_TIMEOUT_MS} ms`)), STORE_TIMEOUT_MS)
    operation.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    )
  })
}

/** Takes one point; false with the wait when the limit is reached; throws when the store fails. */
async function take(limiter: RateLimiterAbstract, key: string): Promise<true | {retryAfterSeconds: number}> {
  try {
    await bounded(limiter.consume(key))
    return true
  } catch (outcome) {
    if (outcome instanceof RateLimiterRes) return {retryAfterSeconds: Math.max(1, Math.ceil(outcome.msBeforeNext / 1000))}
    throw new LimitStoreUnavailable((outcome as Error)?.message ?? String(outcome))
  }
}

const giveBack = (limiter: RateLimiterAbstract, key: string) =>
  bounded(limiter.reward(key)).then(
    () => undefined,
    (error: Error) => console.error(`[reports] could not give back a rate-limit point: ${error.message}`),
  )

/** A slot for one report from this client, or how long to wait. Throws LimitStoreUnavailable. */
export async function takeReportSlot(client: string): Promise<Slot> {
  limiters ??= createLimiters(reportSettings())
  const {perClient, overall, ready} = limiters
  await ready().catch((error: Error) => {
    throw new LimitStoreUnavailable(error.message)
  })
  const own = await take(perClient, client)
  if (own !== true) return {granted: false, ...own}
  let everyone: Awaited<ReturnType<typeof take>>
  try {
    everyone = await take(overall, EVERYONE)
  } catch (error) {
    await giveBack(perClient, client)
    throw error
  }
  if (everyone !== true) {
    await giveBack(perClient, client)
    return {granted: false, ...everyone}
  }
  return {granted: true, giveBack: async () => void (await Promise.all([giveBack(perClient, client), giveBack(overall, EVERYONE)]))}
}
