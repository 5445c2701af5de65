import {createHash} from 'node:crypto'
import {removeHiddenCharacters} from '../text/hidden-characters'
import {changeExcerpt} from './excerpt'
import {pageContent} from './extract'
import type {SourceFetcher} from './fetcher'
import type {SourceCheckStatus} from './status'

/**
 * One check of one source: fetch it, compare it with what the last check stored, and say what
 * happened, as the `sourceCheck` document that is written back. The first check of a URL records
 * a baseline. A check that cannot read the page keeps the last good text, hash and validators,
 * so the next good read is compared with the last good one.
 */

/** Page text kept for the next diff; the hash always covers all of it. */
export const STORED_TEXT_MAX_CHARS = 256 * 1024

/** What the last check left for this one (the `sourceCheck` document as read back). */
export type PreviousCheck = {
  url: string
  finalUrl?: string | null
  checkedAt?: string | null
  changedAt?: string | null
  baselineAt?: string | null
  comparedAs?: string | null
  textHash?: string | null
  size?: number | null
  text?: string | null
  etag?: string | null
  lastModified?: string | null
  excerpt?: string | null
  movedSeen?: string | null
}

export type SourceCheckDocument = {
  _id: string
  _type: 'sourceCheck'
  url: string
  status: SourceCheckStatus
  /** Why it is blocked or unreachable, where it moved, or what else to know about this check. */
  detail?: string
  httpStatus?: number
  finalUrl?: string
  checkedAt: string
  /** When the last change was seen (not set by the baseline). */
  changedAt?: string
  baselineAt?: string
  comparedAs?: 'text' | 'bytes'
  textHash?: string
  size?: number
  text?: string
  etag?: string
  lastModified?: string
  /** The lines removed and added by the last change, at most 2 KB. */
  excerpt?: string
  /** The address an editor saw this source move to and chose to keep citing as it is. */
  movedSeen?: string
}

/** One document per URL, at an id derived from it: checks replace each other, never pile up. */
export const sourceCheckId = (url: string) => `sourceCheck.${createHash('sha256').update(url).digest('hex').slice(0, 32)}`

/** Drops null and undefined, so a document never stores an empty field. */
function present<T extends Record<string, unknown>>(fields: T): {[K in keyof T]?: NonNullable<T[K]>} {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null && value !== undefined)) as {
    [K in keyof T]?: NonNullable<T[K]>
  }
}
const comparedAsOf = (value: unknown): 'text' | 'bytes' | undefined => (value === 'text' || value === 'bytes' ? value : undefined)

const isPermanent = (status: number) => status === 301 || status === 308

export async function checkSource(url: string, previous: PreviousCheck | undefined, fetcher: SourceFetcher): Promise<SourceCheckDocument> {
  const hasBaseline = Boolean(previous?.textHash)
  const validators =
    hasBaseline && previous?.finalUrl && (previous.etag || previous.lastModified)
      ? {etag: previous.etag ?? undefined, lastModified: previous.lastModified ?? undefined, validatorsFor: previous.finalUrl}
      : undefined
  const result = await fetcher.fetchPage(url, validators)
  const identity = {_id: sourceCheckId(url), _type: 'sourceCheck' as const, url, checkedAt: new Date().toISOString()}
  // What a check that read nothing new keeps from the last one.
  const kept = present({
    changedAt: previous?.changedAt,
    baselineAt: previous?.baselineAt,
    comparedAs: comparedAsOf(previous?.comparedAs),
    textHash: previous?.textHash,
    size: previous?.size,
    text: previous?.text,
    etag: previous?.etag,
    lastModified: previous?.lastModified,
    excerpt: previous?.excerpt,
    movedSeen: previous?.movedSeen,
  })
  const failed = (status: 'blocked' | 'unreachable', detail: string, httpStatus?: number): SourceCheckDocument => ({
    ...identity,
    ...kept,
    status,
    // A reason may quote what a server sent (a redirect's Location): editors read it as it shows.
    detail: removeHiddenCharacters(detail),
    ...present({httpStatus, finalUrl: result.url}),
  })

  if (result.kind !== 'response') return failed(result.kind, result.reason, result.kind === 'unreachable' ? result.status : undefined)
  const finalUrl = result.url
  // A permanent redirect stays reported, whatever the page says, until the citation changes (a new
  // URL is a new check) or an editor marks this move as seen.
  const moved = finalUrl !== url && result.redirects.some((redirect) => isPermanent(redirect.status)) && previous?.movedSeen !== finalUrl
  const movedNote = moved && `permanently redirected to ${finalUrl}`
  if (result.status === 304) {
    if (!validators) return failed('unreachable', 'answered 304 Not Modified to a request that was not conditional', 304)
    return {
      ...identity,
      ...kept,
      status: moved ? 'moved' : 'unchanged',
      detail: [movedNote, 'not modified (conditional GET)'].filter(Boolean).join('; '),
      httpStatus: 304,
      finalUrl: result.url,
      // A 304 may send newer validators; otherwise the last ones stay.
      ...present({etag: result.headers.etag, lastModified: result.headers['last-modified']}),
    }
  }
  if (result.status < 200 || result.status >= 300) return failed('unreachable', `answered ${result.status}`, result.status)

  const content = pageContent(result.body, result.headers['content-type'])
  const changed = hasBaseline && content.hash !== previous?.textHash
  const notes = [
    !hasBaseline && 'first check: recorded as the baseline',
    movedNote,
    moved && changed && 'and the text changed',
    result.truncated && `only the first ${Math.round(result.body.byteLength / 1024 / 1024)} MB were read`,
  ].filter(Boolean)
  return {
    ...identity,
    status: moved ? 'moved' : changed ? 'changed' : 'unchanged',
    httpStatus: result.status,
    finalUrl,
    comparedAs: content.comparedAs,
    textHash: content.hash,
    ...present({
      detail: notes.length ? notes.join('; ') : undefined,
      changedAt: changed ? identity.checkedAt : previous?.changedAt,
      baselineAt: hasBaseline ? previous?.baselineAt : identity.checkedAt,
      size: content.comparedAs === 'bytes' ? content.size : undefined,
      text: content.comparedAs === 'text' ? content.text.slice(0, STORED_TEXT_MAX_CHARS) : undefined,
      // Validators only from a whole read: a capped body must not stand for the whole page.
      etag: result.truncated ? undefined : result.headers.etag,
      lastModified: result.truncated ? undefined : result.headers['last-modified'],
      excerpt: changed ? excerptOf(previous, content) : previous?.excerpt,
      movedSeen: previous?.movedSeen,
    }),
  }
}

function excerptOf(previous: PreviousCheck | undefined, content: ReturnType<typeof pageContent>): string {
  if (content.comparedAs === 'bytes') {
    return `The file changed (compared by its bytes): ${previous?.size ?? '?'} → ${content.size} bytes.`
  }
  if (previous?.comparedAs !== 'text' || typeof previous.text !== 'string')
    return 'The page is now compared as text; before, it was a file.'
  return (
    changeExcerpt(previous.text, content.text.slice(0, STORED_TEXT_MAX_CHARS)) ||
    `The text changed past the first ${STORED_TEXT_MAX_CHARS / 1024} KB kept for comparison.`
  )
}
