import {citationsIn, type Citation, type CitingDocument} from './citations'

/**
 * What a source check found, and what an editor should look at first. Shared by the checker,
 * the `sourceCheck` schema and the Studio's views; free of Node APIs.
 */

/** In the order editors should look at them. */
export const SOURCE_CHECK_STATUSES = ['changed', 'moved', 'unreachable', 'blocked', 'unchanged'] as const
export type SourceCheckStatus = (typeof SOURCE_CHECK_STATUSES)[number]

export const SOURCE_CHECK_STATUS_TITLES: Record<SourceCheckStatus, string> = {
  changed: 'Changed: the page text is different',
  moved: 'Moved: a permanent redirect to another address',
  unreachable: 'Broken: no usable answer',
  blocked: 'Blocked: not fetched (address, scheme or robots.txt)',
  unchanged: 'Unchanged',
}

/** The last check in the shape the views and the validation read it. */
export type SourceCheckSummary = {url: string; status: string; changedAt: string | null}

export const isSourceCheckStatus = (value: unknown): value is SourceCheckStatus =>
  typeof value === 'string' && (SOURCE_CHECK_STATUSES as readonly string[]).includes(value)

/**
 * Whether a source changed after it was verified. `verifiedAt` is a date and `changedAt` an
 * instant: a change on the day of verification counts as seen, so "Mark verified today" always
 * clears the warning. Both are UTC, as the Studio writes dates.
 */
export function changedSinceVerified(changedAt: string | null | undefined, verifiedAt: string | null | undefined): boolean {
  return Boolean(changedAt && verifiedAt && changedAt.slice(0, 10) > verifiedAt)
}

/** The sources of a policy (any document) that changed after its `verifiedAt`, each once. */
export function sourcesChangedSince(
  document: CitingDocument,
  verifiedAt: string | null | undefined,
  checks: SourceCheckSummary[],
): SourceCheckSummary[] {
  const cited = new Set(citationsIn(document).map((citation) => citation.url))
  return checks.filter((check) => cited.has(check.url) && changedSinceVerified(check.changedAt, verifiedAt))
}

export type SourceRow<Check extends SourceCheckSummary> = {url: string; check?: Check; citations: Citation[]; changedSinceVerified: boolean}

/**
 * One row per cited URL, for the Sources view: changed, moved, broken and blocked first, then
 * sources that changed after a citing document or fact was verified, then sources not checked
 * yet, then the rest. A URL is "changed since verified" when any citation of it was verified (its
 * own date, or its policy's) before the change.
 */
export function sourceRows<Check extends SourceCheckSummary>(documents: CitingDocument[], checks: Check[]): SourceRow<Check>[] {
  const checkByUrl = new Map(checks.map((check) => [check.url, check]))
  const rows = new Map<string, SourceRow<Check>>()
  for (const document of documents) {
    const documentVerifiedAt = typeof document.verifiedAt === 'string' ? document.verifiedAt : undefined
    for (const citation of citationsIn(document)) {
      const row = rows.get(citation.url) ?? {
        url: citation.url,
        check: checkByUrl.get(citation.url),
        citations: [],
        changedSinceVerified: false,
      }
      row.citations.push(citation)
      row.changedSinceVerified ||= changedSinceVerified(row.check?.changedAt, citation.verifiedAt ?? documentVerifiedAt)
      rows.set(citation.url, row)
    }
  }
  const rank = (row: SourceRow<Check>) => {
    const status = row.check?.status
    if (isSourceCheckStatus(status) && status !== 'unchanged') return SOURCE_CHECK_STATUSES.indexOf(status)
    if (row.changedSinceVerified) return SOURCE_CHECK_STATUSES.length
    return row.check ? SOURCE_CHECK_STATUSES.length + 2 : SOURCE_CHECK_STATUSES.length + 1
  }
  return [...rows.values()].sort((a, b) => rank(a) - rank(b) || a.url.localeCompare(b.url))
}
