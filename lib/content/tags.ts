/**
 * Cache tags. One function, `documentTags`, names the tags of a document; the data layer tags
 * every cached read with the tags of the documents it shows, and the webhook refreshes the tags of
 * the document that changed — so the two can never disagree.
 *
 * - `doc:<id>`: every page that shows the document (an operator page also shows its parent brand
 *   and its sub-brands, so it carries their ids too).
 * - `type:<type>`: every page that lists documents of a type (home, compare, checklist, sitemap,
 *   feed). A created or deleted document is in no page's `doc:` tags yet, so lists need this.
 * - `slug:<type>:<slug>`: the page at that address, even when it showed a 404. Needed when a slug is
 *   created or renamed: the old and the new address both refresh.
 * - `content`: every cached read.
 */
/** Carried by every cached read: refreshes everything at once (after a provisional build). */
export const CONTENT_TAG = 'content'

export type ChangedDocument = {
  _id: string
  _type: string
  slug?: string | null
  /** The policy's operator slug, from the webhook projection `"operator": operator->slug.current`. */
  operator?: string | null
}

const publishedId = (id: string) => id.replace(/^(drafts\.|versions\.[^.]+\.)/, '')

export const typeTag = (type: string) => `type:${type}`
export const slugTag = (type: string, slug: string) => `slug:${type}:${slug}`

/** The tags a cached read carries for a document it shows (no `type:` tag: that is for lists). */
export function documentTags(doc: ChangedDocument): string[] {
  const tags = [`doc:${publishedId(doc._id)}`]
  if (doc.slug) tags.push(slugTag(doc._type, doc.slug))
  if (doc._type === 'policy' && doc.operator) tags.push(slugTag('operator', doc.operator))
  return tags
}

/** The tags to refresh when a document changed: the pages that show it and the lists of its type. */
export function tagsForChange(...versions: (ChangedDocument | null | undefined)[]): string[] {
  const tags = new Set<string>()
  for (const doc of versions) {
    if (!doc) continue
    documentTags(doc).forEach((tag) => tags.add(tag))
    tags.add(typeTag(doc._type))
  }
  return [...tags]
}

/** Every tag a Next.js cache entry may carry is at most 256 characters. */
export const isValidTag = (tag: string) => tag.length > 0 && tag.length <= 256
