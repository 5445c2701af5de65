/**
 * Cache tags, derived from what a read shows rather than listed by hand:
 *
 * - `doc:<id>`: every document in an answer: each `_id`, and each `_ref` it did not follow (a
 *   followed reference projects the `_id` of the document it reached). Drafts and versions count
 *   as their published document.
 * - `type:<type>`: every type a query lists (`_type == "…"` in its filters). A document created,
 *   deleted or renamed is in no answer yet or any more, so lists, and pages that look one up by
 *   slug, need this.
 * - `doc:<id>` for each id a query asks for by name (`_id == "…"`), so an answer that was empty
 *   refreshes when that document is created.
 * - `content`: every cached read (refreshes everything at once after a provisional build).
 *
 * The webhook expires the tags of a change with the same functions, so the two cannot disagree.
 */
export const CONTENT_TAG = 'content'

export type ChangedDocument = {_id: string; _type: string}

const publishedId = (id: string) => id.replace(/^(drafts\.|versions\.[^.]+\.)/, '')

export const docTag = (id: string) => `doc:${publishedId(id)}`
export const typeTag = (type: string) => `type:${type}`

/** The documents an answer shows: every `_id` and `_ref` in it, at any depth. */
export function answerTags(answer: unknown): string[] {
  const tags = new Set<string>()
  const visit = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(visit)
    if (!value || typeof value !== 'object') return
    for (const [key, field] of Object.entries(value)) {
      if ((key === '_id' || key === '_ref') && typeof field === 'string') tags.add(docTag(field))
      else visit(field)
    }
  }
  visit(answer)
  return [...tags]
}

/** What a query asks for: the types it lists and the documents it names by id. */
export function queryTags(query: string): string[] {
  const tags = new Set<string>()
  for (const [, type] of query.matchAll(/_type\s*==\s*"([^"]+)"/g)) tags.add(typeTag(type!))
  for (const [, id] of query.matchAll(/_id\s*==\s*"([^"]+)"/g)) tags.add(docTag(id!))
  return [...tags]
}

/** The tags a cached read carries. */
export const readTags = (query: string, answer: unknown) => [CONTENT_TAG, ...queryTags(query), ...answerTags(answer)].filter(isValidTag)

/** The tags to expire when documents changed: the reads that show them and the lists of their types. */
export function tagsForChange(...versions: (ChangedDocument | null | undefined)[]): string[] {
  const present = versions.filter((doc): doc is ChangedDocument => Boolean(doc))
  return [...new Set([...answerTags(present), ...present.map((doc) => typeTag(doc._type))])].filter(isValidTag)
}

/** Every tag a Next.js cache entry may carry is at most 256 characters. */
export const isValidTag = (tag: string) => tag.length > 0 && tag.length <= 256
