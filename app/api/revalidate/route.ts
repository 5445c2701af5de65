import {revalidateTag} from 'next/cache'
import type {NextRequest} from 'next/server'
import {expireTags} from '@/lib/cache/tag-manifest'
import {identifyDocument} from '@/lib/content'
import {needsIdentity, parseChangeNotice} from '@/lib/content/changes'
import {isValidTag, tagsForChange} from '@/lib/content/tags'
import {revalidateSecret} from '@/lib/content/token'
import {SIGNATURE_HEADER_NAME, verifyWebhookSignature} from '@/lib/webhook'

/**
 * Sanity's GROQ-powered webhook: a published change refreshes the pages that show the document,
 * with immediate expiry, so the very next request renders fresh. See README "Webhook".
 */
const MAX_BODY_BYTES = 64 * 1024

const fail = (status: number, message: string) => Response.json({message}, {status, headers: {'Cache-Control': 'no-store'}})

/** Reads at most `limit` bytes; undefined when the body is larger. */
async function readBody(request: NextRequest, limit: number): Promise<string | undefined> {
  if (!request.body) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const {done, value} = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel()
      return undefined
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

export async function POST(request: NextRequest) {
  const secret = revalidateSecret()
  if (!secret) return fail(500, 'SANITY_REVALIDATE_SECRET is not configured on the server; see .env.example')

  const contentType = request.headers.get('content-type') ?? ''
  if (!/^application\/json\s*(;|$)/i.test(contentType)) return fail(415, 'Expected Content-Type: application/json')
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) return fail(413, 'Body larger than 64 KB')

  const body = await readBody(request, MAX_BODY_BYTES)
  if (body === undefined) return fail(413, 'Body larger than 64 KB')

  const signature = await verifyWebhookSignature(body, request.headers.get(SIGNATURE_HEADER_NAME), secret)
  if (!signature.valid) {
    const reasons = {
      missing: `Missing ${SIGNATURE_HEADER_NAME} header`,
      malformed: 'Malformed signature',
      stale: 'Signature timestamp is more than 5 minutes old',
      mismatch: 'Invalid signature',
    }
    return fail(401, reasons[signature.reason])
  }

  let payload: unknown
  try {
    payload = JSON.parse(body)
  } catch {
    return fail(400, 'Body is not valid JSON')
  }
  const notice = parseChangeNotice(payload)
  if (!notice) return fail(400, 'Expected a document with string _id and _type, or {before, after}')

  // A bare {_id, _type}: find its slug (and a policy's operator) so its address refreshes too.
  if (needsIdentity(notice)) {
    const identity = await identifyDocument(notice.id).catch(() => null)
    if (identity) notice.versions.push(identity)
  }

  const tags = tagsForChange(...notice.versions).filter(isValidTag)
  for (const tag of tags) revalidateTag(tag, {expire: 0})
  // Next applies those at the end of the request; record the expiry now as well, on disk, so a
  // restart right after this answer cannot bring the old pages back.
  expireTags(tags)
  return Response.json({revalidated: true, id: notice.id, tags}, {headers: {'Cache-Control': 'no-store'}})
}
