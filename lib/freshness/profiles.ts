import {revalidateSeconds} from '../env.mjs'

/**
 * How long cached content lives (next.config.ts compiles these into the build; lib/content reads
 * them to cap a lifetime at a fact's next start or end).
 */

/**
 * The safety net for a lost webhook: cached content is re-checked at most this often. Webhooks and
 * the dataset watcher refresh pages within a second; this only bounds the damage when one is lost.
 * Read at build time (cache profiles are compiled into the build).
 */
export const REVALIDATE_SECONDS = revalidateSeconds()

/** A stale copy may be served for up to 30 days if the Content Lake stays unreachable, so readers never get an error. */
export const EXPIRE_SECONDS = 60 * 60 * 24 * 30

/**
 * `stale` stays at 300 s in every profile: Next leaves entries with a shorter client lifetime out of
 * prerendered pages altogether.
 */
const STALE_SECONDS = 300

export const CACHE_PROFILES = {
  // Every reader page: fresh until a webhook or the timer says otherwise.
  content: {stale: STALE_SECONDS, revalidate: REVALIDATE_SECONDS, expire: EXPIRE_SECONDS},
  // Used when a fetch failed and the last good result was served instead: retry soon.
  retry: {stale: STALE_SECONDS, revalidate: 5, expire: EXPIRE_SECONDS},
}

/** The content profile, cut short at `boundary` (ms): a fact starts or stops being in force then. */
export function contentUntil(boundary: number, now = Date.now()) {
  const seconds = Math.max(1, Math.ceil((boundary - now) / 1000))
  return {...CACHE_PROFILES.content, revalidate: Math.min(REVALIDATE_SECONDS, seconds)}
}
