import 'server-only'
import {cacheLife, cacheTag} from 'next/cache'
import {contentUntil} from '../freshness/profiles'
import {timeTag} from '../freshness'
import type {QueryParams} from '@sanity/client'
import {
  documentCountQuery,
  faqQuery,
  incompleteDocumentsQuery,
  guideQuery,
  operatorPageQuery,
  operatorSlugsQuery,
  operatorsQuery,
  queryParams,
  siteSettingsQuery,
} from './queries'
import {draftsForThisRequest} from './drafts'
import {locateForEditing} from './edit-locations'
import {nextBoundary} from './effect'
import {markTranslationsBehind} from './translations'
import {contentStore, runQuery} from './store'
import {readTags} from './tags'
import type {FaqEntry, Guide, OperatorPage, OperatorSummary, SiteSettings} from './types'

/**
 * What pages read. For readers, each answer is cached ('use cache') and tagged with what it shows
 * and what its query lists (see tags.ts), so a change refreshes exactly the pages that show it; it
 * also expires on its own at the next moment a fact in it starts or stops being in force
 * (effect.ts). Texts whose translation is behind are marked (translations.ts). Editors in draft
 * mode (the Studio's Presentation tool) read drafts instead, uncached.
 */
export {contentStore}

/**
 * Drafts for an editor in draft mode, never cached nor kept for anyone else; the cached answer for
 * everyone else. Draft mode is looked up here, outside the cached functions: an answer cached for
 * readers must not depend on who asked.
 */
async function readerOrDraft<T>(cached: () => Promise<T>, query: string, params: QueryParams = {}): Promise<T> {
  const drafts = await draftsForThisRequest()
  if (!drafts) return cached()
  const answer = await drafts.fetch<T>(query, queryParams(params), {cache: 'no-store', tag: 'kz-sim-guide.drafts'})
  // Only editors see where each value lives (click-to-edit): it never reaches a cached answer.
  return locateForEditing(markTranslationsBehind(answer))
}

async function read<T>(query: string, params: QueryParams = {}): Promise<T> {
  const {data, fromLastGood} = await runQuery<T>(query, params)
  const boundary = nextBoundary(data, Date.now())
  // A last good answer stands in for a failed fetch: keep it only briefly, then try again.
  if (fromLastGood) cacheLife('retry')
  else if (boundary) cacheLife(contentUntil(boundary))
  else cacheLife('content')
  // The time tag makes the entry expire at the boundary exactly, on every instance (lib/freshness).
  cacheTag(...readTags(query, params, data), ...(boundary ? [timeTag(boundary)] : []))
  return markTranslationsBehind(data)
}

export const getSiteSettings = () => readerOrDraft(cachedSiteSettings, siteSettingsQuery)
async function cachedSiteSettings(): Promise<SiteSettings> {
  'use cache'
  return read<SiteSettings>(siteSettingsQuery)
}

export const getGuide = () => readerOrDraft(cachedGuide, guideQuery)
async function cachedGuide(): Promise<Guide> {
  'use cache'
  return read<Guide>(guideQuery)
}

/** Every listed operator with its policy: home, compare, checklist, sitemap and feeds. */
export const getOperators = () => readerOrDraft(cachedOperators, operatorsQuery)
async function cachedOperators(): Promise<OperatorSummary[]> {
  'use cache'
  const [operators, incomplete] = await Promise.all([
    read<OperatorSummary[]>(operatorsQuery),
    read<{_id: string; _type: string}[]>(incompleteDocumentsQuery),
  ])
  for (const doc of incomplete) {
    console.warn(`[content] left out ${doc._type} "${doc._id}": a required field is missing (operator: name and slug; policy: operator)`)
  }
  return operators
}

export async function getOperatorSlugs(): Promise<string[]> {
  'use cache'
  return read<string[]>(operatorSlugsQuery)
}

/**
 * One operator's page, or null. Only a listed slug is looked up and cached: an address no
 * operator has leaves nothing behind in any cache. A newly published operator is listed from the
 * first request after its webhook (the slug list carries `type:operator`). In draft mode any slug is
 * looked up, so an editor can preview an operator that is not published yet.
 */
export const getOperatorPage = (slug: string) => readerOrDraft(() => listedOperatorPage(slug), operatorPageQuery, {slug})
async function listedOperatorPage(slug: string): Promise<OperatorPage | null> {
  if (!(await getOperatorSlugs()).includes(slug)) return null
  return cachedOperatorPage(slug)
}

async function cachedOperatorPage(slug: string): Promise<OperatorPage | null> {
  'use cache'
  return read<OperatorPage | null>(operatorPageQuery, {slug})
}

export const getFaq = () => readerOrDraft(cachedFaq, faqQuery)
async function cachedFaq(): Promise<FaqEntry[]> {
  'use cache'
  return read<FaqEntry[]>(faqQuery)
}

/** Uncached, for the health check. */
export async function countDocuments(): Promise<number> {
  return (await runQuery<number>(documentCountQuery, {})).data
}

/**
 * "Now", as cached pages see it: the time their content was read. Judging a policy's age against
 * it keeps pages cacheable (a render may not read the clock) and is right to within one
 * revalidation period.
 */
export async function getContentClock(): Promise<string> {
  'use cache'
  cacheLife('content')
  return new Date().toISOString()
}
