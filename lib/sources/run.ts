import type {SanityClient} from '@sanity/client'
import {sourceCheckStateQuery, sourceCitingDocumentsQuery} from '../content/queries'
import type {SourceCheckStateQueryResult, SourceCitingDocumentsQueryResult} from '../content/sanity.types'
import {siteUrl} from '../env.mjs'
import {checkSource, sourceCheckId, type SourceCheckDocument} from './check'
import {citationsIn, type Citation} from './citations'
import {SourceFetcher, type FetcherOptions} from './fetcher'
import type {RequestLogEntry} from './politeness'

/**
 * One run of the source checker: read every source the published dataset cites, check each (hosts
 * side by side, each host politely), and write each result as soon as it is known, with the client
 * given (the project with a write token, or the local backend), so an interrupted run keeps what
 * it checked. Checks of sources no longer cited are removed once all others are written.
 */

/** The token robots.txt groups name to address this checker. */
export const ROBOTS_TOKEN = 'KZSIMGuideBot'

/** Names the site and its address, so an operator who sees our requests knows who asks and why. */
export const userAgent = (site = siteUrl()) => `${ROBOTS_TOKEN}/1.0 (+${site}; KZ SIM Guide checks the pages it cites for changes)`

export type SourceCheckRun = {
  /** In the order of their URLs. */
  checks: SourceCheckDocument[]
  citations: Map<string, Citation[]>
  /** Checks of URLs the content no longer cites, removed at the end of the run. */
  removed: string[]
  requests: RequestLogEntry[]
  durationMs: number
}

export type RunOptions = Omit<FetcherOptions, 'userAgent' | 'robotsToken'> & {
  client: SanityClient
  /** After each check is written: for progress. */
  onChecked?: (check: SourceCheckDocument, done: number, total: number) => void
}

export async function runSourceChecks({client, onChecked, ...fetcherOptions}: RunOptions): Promise<SourceCheckRun> {
  const started = performance.now()
  const [documents, previous] = await Promise.all([
    client.fetch<SourceCitingDocumentsQueryResult>(sourceCitingDocumentsQuery, {}, {perspective: 'published'}),
    client.fetch<SourceCheckStateQueryResult>(sourceCheckStateQuery, {}, {perspective: 'published'}),
  ])
  const citations = new Map<string, Citation[]>()
  for (const document of documents) {
    for (const citation of citationsIn(document)) citations.set(citation.url, [...(citations.get(citation.url) ?? []), citation])
  }
  const urls = [...citations.keys()].sort()
  const previousByUrl = new Map(previous.map((check) => [check.url, check]))
  const fetcher = new SourceFetcher({...fetcherOptions, userAgent: userAgent(), robotsToken: ROBOTS_TOKEN})
  let done = 0
  try {
    // Every URL starts at once; the host schedule lets one request per host through at a time.
    const checks = await Promise.all(
      urls.map(async (url) => {
        const check = await checkSource(url, previousByUrl.get(url), fetcher)
        await client.createOrReplace(check)
        onChecked?.(check, ++done, urls.length)
        return check
      }),
    )
    // A source no longer cited has nothing to tell editors: its last check goes too.
    const removed = previous.map((check) => check.url).filter((url) => !citations.has(url))
    for (const url of removed) await client.delete(sourceCheckId(url))
    return {checks, citations, removed, requests: fetcher.schedule.log, durationMs: performance.now() - started}
  } finally {
    await fetcher.close()
  }
}
