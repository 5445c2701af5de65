/**
 * The signature of Sanity's webhook deliveries: checking one (the change route) and making one (the
 * local backend and the tests, which send deliveries as Sanity does). Applying the change it
 * carries is lib/content's job (changes.ts).
 */
import {timingSafeEqual} from 'node:crypto'
import {decodeSignatureHeader, encodeSignatureHeader, SIGNATURE_HEADER_NAME} from '@sanity/webhook'

export {SIGNATURE_HEADER_NAME}

/** Older signatures are refused, so a captured request cannot be replayed later. */
export const MAX_SIGNATURE_AGE_MS = 5 * 60 * 1000
/** Clocks differ a little; a signature from further in the future than this is refused too. */
const MAX_CLOCK_SKEW_MS = 60 * 1000
/** How long a signature may be accepted from the moment it first arrives: a replay is only possible within it. */
export const REPLAY_WINDOW_MS = MAX_SIGNATURE_AGE_MS + MAX_CLOCK_SKEW_MS
/** The header Sanity sends with each delivery, the same on every retry of it. */
export const IDEMPOTENCY_KEY_HEADER_NAME = 'idempotency-key'

export type SignatureCheck = {valid: true} | {valid: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch'}

/**
 * Checks a `sanity-webhook-signature` header (`t=<ms>,v1=<base64url HMAC-SHA256 of "t.body">`)
 * against the raw body. @sanity/webhook computes the expected header; the comparison is
 * constant-time, which @sanity/webhook's own `isValidSignature` is not.
 */
export async function verifyWebhookSignature(
  body: string,
  header: string | null | undefined,
  secret: string,
  now: number = Date.now(),
): Promise<SignatureCheck> {
  if (!header) return {valid: false, reason: 'missing'}
  let timestamp: number
  try {
    timestamp = decodeSignatureHeader(header).timestamp
  } catch {
    return {valid: false, reason: 'malformed'}
  }
  if (now - timestamp > MAX_SIGNATURE_AGE_MS || timestamp - now > MAX_CLOCK_SKEW_MS) return {valid: false, reason: 'stale'}
  let expected: string
  try {
    expected = await encodeSignatureHeader(body, timestamp, secret)
  } catch {
    return {valid: false, reason: 'malformed'}
  }
  const given = Buffer.from(header.trim())
  const wanted = Buffer.from(expected)
  // timingSafeEqual needs equal lengths; comparing against itself keeps the time the same.
  const equal = given.length === wanted.length ? timingSafeEqual(given, wanted) : !timingSafeEqual(wanted, wanted)
  return equal ? {valid: true} : {valid: false, reason: 'mismatch'}
}

/** Signs a body as Sanity does: for tests, benchmarks and the local Content Lake stand-in. */
export function signWebhookBody(body: string, secret: string, timestamp: number = Date.now()): Promise<string> {
  return encodeSignatureHeader(body, timestamp, secret)
}
