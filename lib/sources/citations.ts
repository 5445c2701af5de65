/**
 * Where the dataset cites a source. A fact's evidence, a policy's or FAQ's list of sources, a
 * link in rich text and an operator's website all name pages readers are sent to. They are found
 * by walking whole documents, so a field added to the model later is checked without a change
 * here. Pure and free of Node APIs: the source checker, the Studio's Sources view and a policy's
 * validation all use it, so they agree on what a policy cites.
 */

export type Citation = {
  /** The URL as compared and stored (normalizeSourceUrl). */
  url: string
  documentId: string
  documentType: string
  /** A Sanity path string to the fact or list entry, for intent links: `channels[_key=="k02w"].evidence`. */
  path: string
  /** The same path for people: `channels › evidence`. */
  field: string
  /** When an editor last checked the fact against this source, where the fact says. */
  verifiedAt?: string
}

export type CitingDocument = {_id: string; _type: string; [field: string]: unknown}

/**
 * One spelling per page: trimmed, and without the fragment, which is never sent to the server.
 * A value that is not an absolute URL is kept as written, so the checker reports it rather than
 * drop it.
 */
export function normalizeSourceUrl(raw: string): string {
  const trimmed = raw.trim()
  try {
    const url = new URL(trimmed)
    url.hash = ''
    return url.href
  } catch {
    return trimmed
  }
}

const isHttpLink = (value: unknown): value is string => typeof value === 'string' && /^https?:\/\//i.test(value.trim())
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

type Segment = string | {_key: string} | number

function pathString(segments: Segment[]): string {
  return segments
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`
      if (typeof segment === 'object') return `[_key==${JSON.stringify(segment._key)}]`
      return index === 0 ? segment : `.${segment}`
    })
    .join('')
}
const fieldLabel = (segments: Segment[]) => segments.filter((segment) => typeof segment === 'string').join(' › ')

/** Every source a document cites, once per place it is cited. */
export function citationsIn(document: CitingDocument): Citation[] {
  const found: Citation[] = []
  const cite = (raw: string, segments: Segment[], verifiedAt?: unknown) =>
    found.push({
      url: normalizeSourceUrl(raw),
      documentId: document._id,
      documentType: document._type,
      path: pathString(segments),
      field: fieldLabel(segments),
      ...(typeof verifiedAt === 'string' && verifiedAt ? {verifiedAt} : {}),
    })

  function walk(value: unknown, segments: Segment[]) {
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, [...segments, isRecord(item) && typeof item._key === 'string' ? {_key: item._key} : index]))
      return
    }
    if (!isRecord(value)) return
    // A fact's evidence; its verifiedAt says when this source was last read for the fact.
    if (typeof value.sourceUrl === 'string' && value.sourceUrl.trim()) cite(value.sourceUrl, segments, value.verifiedAt)
    // An entry of a list of sources.
    if (value._type === 'sourceReference' && typeof value.url === 'string' && value.url.trim()) cite(value.url, segments, value.accessedAt)
    // A link in rich text (mailto:, tel: and site paths are not sources).
    if (value._type === 'link' && isHttpLink(value.href)) cite(value.href, segments.slice(0, -2))
    for (const [key, child] of Object.entries(value)) if (!key.startsWith('_')) walk(child, [...segments, key])
  }

  if (document._type === 'operator' && isHttpLink(document.website)) cite(document.website, ['website'])
  walk(document, [])
  return found
}

/** Every cited URL, each once, in a stable order. */
export function citedUrls(documents: CitingDocument[]): string[] {
  return [...new Set(documents.flatMap((document) => citationsIn(document).map((citation) => citation.url)))].sort()
}
