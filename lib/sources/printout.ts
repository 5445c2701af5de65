import type {SourceCheckDocument} from './check'
import type {Citation} from './citations'
import type {SourceCheckRun} from './run'
import {SOURCE_CHECK_STATUSES, type SourceCheckStatus} from './status'

/**
 * What `npm run check-sources` prints: a line per source as it is checked, then a table with the
 * sources that need an editor first and who cites them, the count per status, and what the run
 * cost each site (requests, and the shortest pause between two of them).
 */

const pad = (text: string, width: number) => (text.length >= width ? text : text + ' '.repeat(width - text.length))
const cut = (text: string, width: number) => (text.length <= width ? text : `${text.slice(0, width - 1)}…`)

export function progressLine(check: SourceCheckDocument, done: number, total: number): string {
  const counter = `[${String(done).padStart(String(total).length)}/${total}]`
  return `${counter} ${pad(check.status, 11)} ${pad(check.httpStatus ? String(check.httpStatus) : '—', 4)} ${check.url}${check.detail ? `  (${check.detail})` : ''}`
}

const citedBy = (citations: Citation[] = []) => [...new Set(citations.map((citation) => citation.documentId))].join(', ')

/** Sources that changed, moved, broke or were blocked in this run: what `--fail-on-change` fails on. */
export const needingAttention = (run: SourceCheckRun) => run.checks.filter((check) => check.status !== 'unchanged')

/** Per site as the schedule counts them (politeness.ts `hostKey`): requests, and the shortest pause between two. */
export function siteCosts(run: SourceCheckRun): {site: string; requests: number; minGapMs?: number}[] {
  const bySite = new Map<string, SourceCheckRun['requests']>()
  for (const entry of run.requests) bySite.set(entry.host, [...(bySite.get(entry.host) ?? []), entry])
  return [...bySite]
    .map(([site, entries]) => {
      const ordered = [...entries].sort((a, b) => a.startedAt - b.startedAt)
      const gaps = ordered.slice(1).map((entry, index) => entry.startedAt - ordered[index]!.endedAt)
      return {site, requests: entries.length, ...(gaps.length ? {minGapMs: Math.min(...gaps)} : {})}
    })
    .sort((a, b) => b.requests - a.requests || a.site.localeCompare(b.site))
}

export function summary(run: SourceCheckRun): string {
  const rank = (status: SourceCheckStatus) => SOURCE_CHECK_STATUSES.indexOf(status)
  const rows = [...run.checks].sort((a, b) => rank(a.status) - rank(b.status) || a.url.localeCompare(b.url))
  const urlWidth = Math.min(60, Math.max(3, ...rows.map((check) => check.url.length)))
  const lines = [
    '',
    `${pad('status', 11)} ${pad('HTTP', 4)} ${pad('URL', urlWidth)}  cited by / detail`,
    `${'-'.repeat(11)} ${'-'.repeat(4)} ${'-'.repeat(urlWidth)}  ${'-'.repeat(40)}`,
    ...rows.map((check) => {
      const detail = [citedBy(run.citations.get(check.url)), check.detail].filter(Boolean).join(' · ')
      return `${pad(check.status, 11)} ${pad(check.httpStatus ? String(check.httpStatus) : '—', 4)} ${pad(cut(check.url, urlWidth), urlWidth)}  ${cut(detail, 160)}`
    }),
    '',
    SOURCE_CHECK_STATUSES.map((status) => `${status}: ${run.checks.filter((check) => check.status === status).length}`).join(', '),
    ...(run.removed.length ? [`Removed the checks of ${run.removed.length} no longer cited: ${run.removed.join(', ')}`] : []),
    '',
    'Requests per site (www. and the bare name together), and the shortest pause between two of them:',
    ...siteCosts(run).map(
      ({site, requests, minGapMs}) =>
        `  ${pad(site, 32)} ${String(requests).padStart(3)}${minGapMs === undefined ? '' : `  ≥ ${(minGapMs / 1000).toFixed(2)} s apart`}`,
    ),
    '',
    `${run.checks.length} sources, ${run.requests.length} requests to ${siteCosts(run).length} sites, in ${(run.durationMs / 1000).toFixed(1)} s.`,
  ]
  return lines.join('\n')
}
