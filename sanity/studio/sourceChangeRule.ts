import type {ValidationContext} from 'sanity'
import {DEFAULT_API_VERSION} from '../../lib/env.mjs'
import {sourceChangesQuery} from '../../lib/content/queries'
import type {SourceChangesQueryResult} from '../../lib/content/sanity.types'
import {citationsIn, type CitingDocument} from '../../lib/sources/citations'
import {sourcesChangedSince} from '../../lib/sources/status'

/**
 * A policy's warning when a page it cites changed after it was verified (the source checker's
 * `changedAt` is later than the policy's `verifiedAt`). Reading the page again and "Mark verified
 * today" clears it, since the verified date is then the later one.
 */
export async function sourceChangedSinceVerified(verifiedAt: string | undefined, context: ValidationContext): Promise<true | string> {
  const document = context.document as CitingDocument | undefined
  if (!verifiedAt || !document) return true
  const urls = [...new Set(citationsIn(document).map((citation) => citation.url))]
  if (urls.length === 0) return true
  const checks = await context.getClient({apiVersion: DEFAULT_API_VERSION}).fetch<SourceChangesQueryResult>(sourceChangesQuery, {urls})
  const changed = sourcesChangedSince(document, verifiedAt, checks)
  if (changed.length === 0) return true
  const list = changed.map((check) => `${check.url} (changed ${check.changedAt?.slice(0, 10)})`).join(', ')
  return `${changed.length === 1 ? 'A source' : `${changed.length} sources`} changed after this policy was verified: ${list}. Read ${changed.length === 1 ? 'it' : 'them'} again, update the facts, then "Mark verified today".`
}
