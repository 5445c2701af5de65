import type {ChangedDocument} from './tags'

/**
 * What a webhook body says changed. Sanity sends the projection configured on the webhook:
 * `{_id, _type, slug, operator}`, or with `before()`/`after()` both versions, so a renamed slug
 * refreshes the old address too. Returns undefined when the body is not a change of a document.
 */
export type ChangeNotice = {id: string; type: string; versions: ChangedDocument[]}

function asDocument(value: unknown, fallback?: {_id: string; _type: string}): ChangedDocument | undefined {
  if (!value || typeof value !== 'object') return undefined
  const doc = value as Record<string, unknown>
  const _id = typeof doc._id === 'string' ? doc._id : fallback?._id
  const _type = typeof doc._type === 'string' ? doc._type : fallback?._type
  if (!_id || !_type || _id.length > 200 || _type.length > 100) return undefined
  const text = (field: unknown) => (typeof field === 'string' && field.length <= 200 ? field : null)
  const slug = typeof doc.slug === 'object' && doc.slug ? (doc.slug as {current?: unknown}).current : doc.slug
  return {_id, _type, slug: text(slug), operator: text(doc.operator)}
}

export function parseChangeNotice(body: unknown): ChangeNotice | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined
  const record = body as Record<string, unknown>
  if ('before' in record || 'after' in record) {
    const identity = asDocument(record.after) ?? asDocument(record.before) ?? asDocument(record)
    if (!identity) return undefined
    const versions = [asDocument(record.before, identity), asDocument(record.after, identity)].filter(
      (doc): doc is ChangedDocument => doc !== undefined,
    )
    return {id: identity._id, type: identity._type, versions: versions.length ? versions : [identity]}
  }
  const doc = asDocument(record)
  return doc && {id: doc._id, type: doc._type, versions: [doc]}
}

/** A bare `{_id, _type}` of a type whose pages are addressed by slug: look the rest up. */
export function needsIdentity(notice: ChangeNotice): boolean {
  return (
    (notice.type === 'operator' || notice.type === 'policy') &&
    notice.versions.every((doc) => !doc.slug && !doc.operator)
  )
}
