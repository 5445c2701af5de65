import 'server-only'
import {parseChangeNotice} from '../content/changes'
import {tagsForChange} from '../content/tags'
import {revalidateSecret} from '../content/token'
import {SIGNATURE_HEADER_NAME, verifyWebhookSignature} from '../webhook'
import {expireTags} from '.'

/**
 * Sanity's GROQ-powered webhook: a published change expires the tags of the documents it names,
 * in the store every instance reads. The answer is 200 only once the store has the expiry; 503
 * when the store cannot be reached, so that Sanity retries (the long timer still bounds a lost one).
 */
export const MAX_BODY_BYTES = 64 * 1024

export type WebhookAnswer = {status: number; body: Record<string, unknown>}

const fail = (status: number, message: string): WebhookAnswer => ({status, body: {message}})

const SIGNATURE_FAULTS = {
  missing: `Missing ${SIGNATURE_HEADER_NAME} header`,
  malformed: 'Malformed signature',
  stale: 'Signature timestamp is more than 5 minutes old',
  mismatch: 'Invalid signature',
}

/** Checks and applies one webhook call, given its raw body and signature header. */
export async function applyChangeWebhook(body: string, signatureHeader: string | null): Promise<WebhookAnswer> {
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

  const tags = tagsForChange(...notice.versions)
  try {
    await expireTags(tags)
  } catch (error) {
    console.error(`[freshness] webhook for ${notice.id} not applied, answering 503 so Sanity retries: ${(error as Error).message}`)
    return fail(503, `Cache store unreachable: ${(error as Error).message}`)
  }
  return {status: 200, body: {revalidated: true, id: notice.id, tags}}
}
