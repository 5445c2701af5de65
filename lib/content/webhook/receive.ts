import 'server-only'
import {createHash} from 'node:crypto'
import {freshness, isCachingProxyUnreachable} from '../../freshness'
import {applyChange} from '../changes'
import type {ChangedDocument} from '../tags'
import {revalidateSecret} from '../token'
import {REPLAY_WINDOW_MS, SIGNATURE_HEADER_NAME, verifyWebhookSignature} from './signature'

/**
 * Receiving Sanity's webhook (POST /api/revalidate): its signature checked (signature.ts), its body
 * read as the projection delivery.ts configures, and the change applied once (../changes.ts).
 */

/**
 * What a delivery says changed: WEBHOOK_PROJECTION (delivery.ts; other fields are ignored), or with
 * `before()`/`after()` both versions. Undefined when the body is not a change of a document.
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

export type ChangeAnswer = {status: number; body: Record<string, unknown>}

const fail = (status: number, message: string): ChangeAnswer => ({status, body: {message}})

const SIGNATURE_FAULTS = {
  missing: `Missing ${SIGNATURE_HEADER_NAME} header`,
  malformed: 'Malformed signature',
  stale: 'Signature timestamp is more than 5 minutes old',
  mismatch: 'Invalid signature',
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex')

/**
 * A delivery is applied once. Sanity retries one it heard no 200 for with the same idempotency key
 * (and a new signature); anyone who captured a delivery could send it again, with the same
 * signature, until the signature is too old. Either is answered 200 without a second expiry or
 * purge: a marker for each, in the store every instance shares, for as long as the signature holds.
 * (Two changes of one document signed in the same millisecond have the same body and signature:
 * expiring its tags once, after both were made, shows both.)
 */
const deliveryMarkers = (signatureHeader: string, idempotencyKey: string | null) => [
  `delivery-signature-${digest(signatureHeader.trim())}`,
  ...(idempotencyKey ? [`delivery-key-${digest(idempotencyKey)}`] : []),
]

/** Takes every marker, or none: false when one was already taken (the delivery was applied, or is being applied). */
async function claimDelivery(markers: string[]): Promise<boolean> {
  const store = freshness().markers
  const taken: string[] = []
  for (const marker of markers) {
    if (!(await store.claim(marker, REPLAY_WINDOW_MS / 1000))) {
      await releaseDelivery(taken)
      return false
    }
    taken.push(marker)
  }
  return true
}

const releaseDelivery = (markers: string[]) =>
  Promise.all(
    markers.map((marker) =>
      freshness()
        .markers.release(marker)
        .catch(() => {}),
    ),
  )

/**
 * One webhook delivery, given its raw body, signature header and idempotency key: checked, then
 * applied once. 200 only once the store has the expiry (or had it from the same delivery before);
 * 503 when the store cannot be reached, so that Sanity retries (the long timer still bounds a
 * lost change).
 */
export async function receiveChange(
  body: string,
  signatureHeader: string | null,
  idempotencyKey: string | null = null,
): Promise<ChangeAnswer> {
  const secret = revalidateSecret()
  if (!secret) return fail(500, 'SANITY_REVALIDATE_SECRET is not configured on the server; see .env.example')

  const signature = await verifyWebhookSignature(body, signatureHeader, secret)
  if (!signature.valid) return fail(401, SIGNATURE_FAULTS[signature.reason])

  let payload: unknown
  try {
    payload = JSON.parse(body)
  } catch {
    return fail(400, 'Body is not valid JSON')
  }
  const notice = parseChangeNotice(payload)
  if (!notice) return fail(400, 'Expected a document with string _id and _type, or {before, after}')

  const markers = deliveryMarkers(signatureHeader!, idempotencyKey)
  try {
    if (!(await claimDelivery(markers))) {
      console.log(`[content] a delivery for ${notice.id} was received again: already applied, nothing expired`)
      return {status: 200, body: {revalidated: false, id: notice.id, reason: 'This delivery was already applied'}}
    }
    const tags = await applyChange(...notice.versions)
    return {status: 200, body: {revalidated: true, id: notice.id, tags}}
  } catch (error) {
    // Not applied: Sanity's retry, with the same idempotency key, must be applied.
    await releaseDelivery(markers)
    console.error(`[content] change of ${notice.id} not applied, answering 503 so Sanity retries: ${(error as Error).message}`)
    // Which part failed, never where it is: the logs have that.
    return fail(503, `${isCachingProxyUnreachable(error) ? 'Caching proxy' : 'Cache store'} unreachable: try again`)
  }
}
