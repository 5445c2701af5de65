import 'server-only'
import {cacheLife, cacheTag} from 'next/cache'
import type {QueryParams} from '@sanity/client'
import {
  documentCountQuery,
  documentIdentityQuery,
  faqQuery,
  incompleteDocumentsQuery,
  guideQuery,
  operatorPageQuery,
  operatorSlugsQuery,
  operatorsQuery,
  siteSettingsQuery,
} from './queries'
import {contentSource, runQuery} from './source'
import {CONTENT_TAG, documentTags, slugTag, typeTag, type ChangedDocument} from './tags'
import type {DocumentIdentity, FaqEntry, Guide, OperatorLink, OperatorPage, OperatorSummary, SiteSettings} from './types'

/**
 * What pages read. Each function is cached ('use cache') and tagged with the documents its
 * answer shows, so a change refreshes exactly the pages that show it (see tags.ts).
 */
export {contentSource}

async function read<T>(query: string, params: QueryParams, tags: string[]): Promise<T> {
  const {data, fromLastGood} = await runQuery<T>(query, params)
  // A last good answer stands in for a failed fetch: keep it only briefly, then try again.
  if (fromLastGood) cacheLife('retry')
  else cacheLife('content')
  cacheTag(CONTENT_TAG, ...tags)
  return data
}

function tagDocuments(...docs: (ChangedDocument | null | undefined)[]) {
  const tags = docs.flatMap((doc) => (doc ? documentTags(doc) : []))
  if (tags.length > 0) cacheTag(...tags)
}

const asOperator = (link: OperatorLink | null | undefined) => link && {...link, _type: 'operator'}
const asPolicy = (policy: {_id: string} | null | undefined, operatorSlug: string) =>
  policy && {_id: policy._id, _type: 'policy', operator: operatorSlug}

export async function getSiteSettings(): Promise<SiteSettings> {
  'use cache'
  return read<SiteSettings>(siteSettingsQuery, {}, ['doc:siteSettings'])
}

export async function getGuide(): Promise<Guide> {
  'use cache'
  return read<Guide>(guideQuery, {}, ['doc:guide'])
}

/** Every listed operator with its policy: home, compare, checklist, sitemap and feeds. */
export async function getOperators(): Promise<OperatorSummary[]> {
  'use cache'
  const [operators, incomplete] = await Promise.all([
    read<OperatorSummary[]>(operatorsQuery, {}, [typeTag('operator'), typeTag('policy')]),
    read<{_id: string; _type: string}[]>(incompleteDocumentsQuery, {}, []),
  ])
  for (const doc of incomplete) {
    console.warn(`[content] left out ${doc._type} "${doc._id}": a required field is missing (operator: name and slug; policy: operator)`)
  }
  tagDocuments(...operators.flatMap((op) => [asOperator(op), asOperator(op.parent), asPolicy(op.policy, op.slug)]))
  return operators
}

export async function getOperatorPage(slug: string): Promise<OperatorPage | null> {
  'use cache'
  const operator = await read<OperatorPage | null>(operatorPageQuery, {slug}, [slugTag('operator', slug)])
  if (operator) {
    tagDocuments(
      asOperator(operator),
      asOperator(operator.parent),
      ...operator.brands.map(asOperator),
      asPolicy(operator.policy, operator.slug),
    )
  }
  return operator
}

export async function getOperatorSlugs(): Promise<string[]> {
  'use cache'
  return read<string[]>(operatorSlugsQuery, {}, [typeTag('operator')])
}

export async function getFaq(): Promise<FaqEntry[]> {
  'use cache'
  return read<FaqEntry[]>(faqQuery, {}, [typeTag('faq')])
}

/** Uncached reads, for the webhook and the health check. */
export async function identifyDocument(id: string): Promise<DocumentIdentity> {
  return (await runQuery<DocumentIdentity>(documentIdentityQuery, {id})).data
}

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
