import type {CatchUpQueryResult} from './sanity.types'

/**
 * The mark: how far the site has applied the content store's changes, kept in the shared store so
 * that every instance, and the next start, resumes from it. And the catch-up after a gap in the
 * change feed: from the store's answer to `catchUpQuery`, the changes the site has not applied,
 * deletions included. Pure: change-feed.ts reads and writes the mark, asks, and applies.
 */

/**
 * How long before its mark a catch-up reads again: the Content Lake keeps `_updatedAt` in whole
 * seconds, and a change may become visible to queries a moment after the feed heard of it.
 */
export const CATCH_UP_SLACK_MS = 2_000

export type Transition = 'update' | 'appear' | 'disappear'

/** A change of one published document readers' pages show. `publishedAt`: the content store's time. */
export type ContentChange = {id: string; type?: string; transition: Transition; rev?: string; publishedAt?: string}

/** How a change reached the site first: its webhook (or, on the bundled dataset, the file watcher), the feed, or a catch-up. */
export type ChangePath = 'webhook' | 'feed' | 'catch-up'
export type LastChange = {publishedAt: string; reachedAt: number; path: ChangePath}

export type ChangeMark = {
  /** The content store's time up to which every change has been applied (ISO). */
  at: string
  /** The transaction of the last change applied, where one is known. */
  transactionId?: string
  /** Revisions applied less than CATCH_UP_SLACK_MS before `at`: a catch-up reads them again, and skips them. */
  recent: Record<string, {rev: string; at: string}>
  /** The documents the site lists, id → type: a catch-up finds a deletion by its absence. */
  listed: Record<string, string>
  /** The last change that reached the site, for editors (the Studio's verification age view). */
  lastChange?: LastChange
}

export type CatchUpAnswer = CatchUpQueryResult

const time = (iso: string) => Date.parse(iso)
const later = (a: string, b: string) => (time(b) > time(a) ? b : a)

/** The latest moment a change stamped `iso` can have been made: the Content Lake stamps whole seconds. */
export const madeBy = (iso: string) => time(iso) + (/\.\d/.test(iso) ? 0 : 999)

/** What `$since` a catch-up asks with: a little before the mark; everything ("") when there is none. */
export function catchUpSince(mark: ChangeMark | undefined): string {
  return mark ? new Date(time(mark.at) - CATCH_UP_SLACK_MS).toISOString() : ''
}

function keepRecent(recent: ChangeMark['recent'], at: string): ChangeMark['recent'] {
  const from = time(at) - CATCH_UP_SLACK_MS
  return Object.fromEntries(Object.entries(recent).filter(([, seen]) => time(seen.at) >= from))
}

/**
 * The changes the answer shows since the mark: documents changed since (less the revisions the
 * mark has applied), documents the mark lists that are gone, and documents that appeared without
 * a recent `_updatedAt` (an import keeps its own). With no mark there is nothing to compare with:
 * no changes, and the answer becomes the mark (the caller refreshes everything once instead).
 */
export function catchUp(mark: ChangeMark | undefined, answer: CatchUpAnswer): {changes: ContentChange[]; mark: ChangeMark} {
  const listed: Record<string, string> = Object.fromEntries(answer.listed.map((doc) => [doc._id, doc._type]))
  const changes: ContentChange[] = []
  if (mark) {
    for (const doc of answer.changed) {
      if (mark.recent[doc._id]?.rev === doc._rev) continue
      const transition = doc._id in mark.listed ? 'update' : 'appear'
      changes.push({id: doc._id, type: doc._type, transition, rev: doc._rev, publishedAt: doc._updatedAt})
    }
    const changedIds = new Set(answer.changed.map((doc) => doc._id))
    for (const [id, type] of Object.entries(mark.listed)) if (!(id in listed)) changes.push({id, type, transition: 'disappear'})
    for (const [id, type] of Object.entries(listed))
      if (!(id in mark.listed) && !changedIds.has(id)) changes.push({id, type, transition: 'appear'})
  }
  const latest = answer.changed.reduce<CatchUpAnswer['changed'][number] | undefined>(
    (found, doc) => (!found || time(doc._updatedAt) > time(found._updatedAt) ? doc : found),
    undefined,
  )
  // The last change's time, not the store's: a catch-up that finds nothing new leaves the mark as it was.
  const at = latest ? (mark ? later(mark.at, latest._updatedAt) : latest._updatedAt) : (mark?.at ?? answer.now)
  const recent = {...mark?.recent, ...Object.fromEntries(answer.changed.map((doc) => [doc._id, {rev: doc._rev, at: doc._updatedAt}]))}
  return {
    changes,
    mark: {at, transactionId: latest?._rev ?? mark?.transactionId, recent: keepRecent(recent, at), listed, lastChange: mark?.lastChange},
  }
}

/**
 * The mark after a change the feed heard was applied. Only a feed that has caught up since it
 * connected moves `at` forward: before that, changes made while it was away may still be missing.
 */
export function markApplied(mark: ChangeMark, change: ContentChange, advance: boolean): ChangeMark {
  const listed = {...mark.listed}
  if (change.transition === 'disappear') delete listed[change.id]
  else if (change.type) listed[change.id] = change.type
  const at = advance && change.publishedAt ? later(mark.at, change.publishedAt) : mark.at
  const recent = change.rev && change.publishedAt ? {...mark.recent, [change.id]: {rev: change.rev, at: change.publishedAt}} : mark.recent
  return {...mark, at, transactionId: advance && change.rev ? change.rev : mark.transactionId, recent: keepRecent(recent, at), listed}
}

/**
 * The later of two accounts of the last change. Of two accounts of the same one, the instance's
 * that applied it (an instance that found it applied says "webhook", as it cannot tell its webhook
 * from another instance's feed), else the first to reach the site.
 */
export function laterChange(a: LastChange | undefined, b: LastChange | undefined): LastChange | undefined {
  if (!a || !b) return a ?? b
  if (a.publishedAt !== b.publishedAt) return time(a.publishedAt) > time(b.publishedAt) ? a : b
  if ((a.path === 'webhook') !== (b.path === 'webhook')) return a.path === 'webhook' ? b : a
  return a.reachedAt <= b.reachedAt ? a : b
}

/**
 * What to write over a mark another instance may have moved meanwhile: the later `at`, the revisions
 * of both, and this instance's list (it has heard every change since its catch-up, as the other has).
 */
export function mergeMarks(stored: ChangeMark | undefined, mine: ChangeMark): ChangeMark {
  if (!stored) return mine
  const at = later(stored.at, mine.at)
  return {
    at,
    transactionId: at === mine.at ? mine.transactionId : stored.transactionId,
    recent: keepRecent({...stored.recent, ...mine.recent}, at),
    listed: mine.listed,
    lastChange: laterChange(stored.lastChange, mine.lastChange),
  }
}

/** The mark as stored: keys in order, so that the same mark is always the same text. */
export function markText(mark: ChangeMark): string {
  return JSON.stringify(mark, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  )
}

/** A stored mark, or undefined when there is none or it cannot be read as one. */
export function parseMark(text: string | undefined): ChangeMark | undefined {
  if (!text) return undefined
  try {
    const mark = JSON.parse(text) as ChangeMark
    const valid =
      typeof mark.at === 'string' && !Number.isNaN(time(mark.at)) && typeof mark.recent === 'object' && typeof mark.listed === 'object'
    return valid && mark.recent !== null && mark.listed !== null ? mark : undefined
  } catch {
    return undefined
  }
}
