import {evaluate, parse} from 'groq-js'
import {isDraftId, isPublishedId, publishedIdOf} from '../../lib/content/ids.ts'
import {HttpError} from './http.ts'

/** GROQ over the local backend's documents, as the Content Lake answers it. */

/** What GROQ reads here: documents with an id (the store's own type builds on it). */
type GroqDocument = {_id: string; [field: string]: unknown}

/** The perspective a query gets when it names none: `published`, as the API version served here defaults to. */
export const DEFAULT_PERSPECTIVE = 'published'

/** Documents as a perspective shows them: `drafts` lays each draft over its published version. */
export function inPerspective<Document extends GroqDocument>(documents: Document[], perspective: string): Document[] {
  if (perspective === 'raw') return documents
  const published = documents.filter((doc) => isPublishedId(doc._id))
  if (perspective === 'published') return published
  if (perspective === 'drafts' || perspective === 'previewDrafts') {
    const byId = new Map(published.map((doc) => [doc._id, doc]))
    for (const draft of documents.filter((doc) => isDraftId(doc._id))) {
      byId.set(publishedIdOf(draft._id), {...draft, _id: publishedIdOf(draft._id), _originalId: draft._id})
    }
    return [...byId.values()]
  }
  throw new HttpError(400, `The local backend does not implement the perspective "${perspective}" (raw, published and drafts only)`)
}

/** groq-js cannot take a parameter in a slice (`[0...$limit]`): numeric parameters are written into the query. */
export function inlineNumbers(query: string, params: Record<string, unknown>): string {
  return query.replace(/\$([A-Za-z_]\w*)\b/g, (whole, name: string) => (typeof params[name] === 'number' ? String(params[name]) : whole))
}

export function parseGroq(query: string, params: Record<string, unknown>) {
  try {
    return parse(inlineNumbers(query, params), {params})
  } catch (error) {
    throw new HttpError(400, `Invalid GROQ: ${(error as Error).message}`)
  }
}

/** Every string in a document, for the Studio's search (`[@, _id] match text::query(…)`), which groq-js lacks. */
const SEARCH_TEXT = '__localSearchText'
function searchText(value: unknown): string {
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return value.map(searchText).join(' ')
  if (value && typeof value === 'object') return Object.values(value).map(searchText).join(' ')
  return ''
}

export async function runGroq(query: string, params: Record<string, unknown>, dataset: GroqDocument[]): Promise<unknown> {
  const search = /\[@,\s*_id\]\s+match\s+text::query\(/g
  if (search.test(query)) {
    query = query.replace(search, `[${SEARCH_TEXT}, _id] match (`)
    dataset = dataset.map((doc) => ({...doc, [SEARCH_TEXT]: searchText(doc)}))
  }
  return (await evaluate(parseGroq(query, params), {dataset, params})).get()
}
