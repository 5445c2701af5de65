import 'server-only'
import {CACHE_PROFILES, REVALIDATE_SECONDS} from '../freshness/profiles'
import {freshness} from '../freshness'
import {operatorSlugsQuery} from './queries'
import {runQuery} from './store'
import {readTags} from './tags'

/**
 * Whether an operator is listed at a slug, for Next's request proxy, which cannot read 'use cache'
 * entries. The list is kept in memory with the tags of the read that gave it, and read again once
 * one of those tags expired: the expiry every cached page obeys, written by a webhook on any
 * instance or by the dataset watcher. So an operator published anywhere is listed from the first
 * request after its change, as its page is; the lifetimes of the cache profiles bound the rest.
 */
type Listing = {slugs: ReadonlySet<string>; tags: string[]; readAt: number; validUntil: number}

let listing: Listing | undefined
/** The read under way, if any, and when it started: a request joins it only if it started after the last expiry. */
let pending: {listing: Promise<Listing>; startedAt: number} | undefined
/** After a failed read, the list is not asked for again before this moment. */
let retryAt = 0

async function readListing(readAt: number): Promise<Listing> {
  const {data, fromLastGood} = await runQuery<string[]>(operatorSlugsQuery)
  // A last good answer stands in for a failed read: kept only until the next retry, as pages do.
  const seconds = fromLastGood ? CACHE_PROFILES.retry.revalidate : REVALIDATE_SECONDS
  return {slugs: new Set(data), tags: readTags(operatorSlugsQuery, {}, data), readAt, validUntil: readAt + seconds * 1000}
}

/** Whether an operator is listed at `slug`; undefined when the list cannot be read (the page decides then). */
export async function isListedOperator(slug: string): Promise<boolean | undefined> {
  await freshness().tags.refresh()
  const now = Date.now()
  const expiredAt = listing ? freshness().tags.expiration(listing.tags) : 0
  if (listing && now < listing.validUntil && expiredAt < listing.readAt) return listing.slugs.has(slug)
  if (now < retryAt) return undefined
  if (!pending || pending.startedAt <= expiredAt) {
    const read = readListing(now)
    const settled = () => {
      if (pending?.listing === read) pending = undefined
    }
    pending = {listing: read, startedAt: now}
    read.then(settled, settled)
  }
  try {
    const fresh = await pending.listing
    if (!listing || fresh.readAt >= listing.readAt) listing = fresh
    return fresh.slugs.has(slug)
  } catch (error) {
    retryAt = Date.now() + CACHE_PROFILES.retry.revalidate * 1000
    console.error(`[content] operator list unavailable, each page checks its own slug: ${(error as Error).message}`)
    return undefined
  }
}
