import type {ChangedDocument} from './tags'

/**
 * What a webhook body says changed. Sanity sends the projection configured on the webhook (at
 * least `{_id, _type}`; other fields are ignored), or with `before()`/`after()` both versions.
 * Returns undefined when the body is not a change of a document.
 */
export type ChangeNotice = {id: string; type: string; versions: ChangedDocument[]}

function asDocument(value: unknown, fallback?: {_id: string; _type: string}): ChangedDocument | undefined {
  if (!value || typeof value !== 'object') return undefined
  const doc = value as Record<string, unknown>
  const _id = typeof doc._id === 'string' ? doc._id : fallback?._id
  const _type = typeof doc._type === 'string' ? doc._type : fallback?._type
  if (!_id || !_type || _id.length > 200 || _type.length > 100) return undefined
  return {_id, _type}
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
