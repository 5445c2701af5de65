import type {NextRequest} from 'next/server'
import {receiveChange} from '@/lib/content/webhook/receive'
import {IDEMPOTENCY_KEY_HEADER_NAME, SIGNATURE_HEADER_NAME} from '@/lib/content/webhook/signature'

/** Sanity's webhook (see docs/deploy.md, "Webhook"): this reads the delivery, lib/content checks and applies it. */
const MAX_BODY_BYTES = 64 * 1024

const answer = (status: number, body: Record<string, unknown>) => Response.json(body, {status, headers: {'Cache-Control': 'no-store'}})

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
  if (!/^application\/json\s*(;|$)/i.test(request.headers.get('content-type') ?? '')) {
    return answer(415, {message: 'Expected Content-Type: application/json'})
  }
  const tooLarge = {message: 'Body larger than 64 KB'}
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) return answer(413, tooLarge)
  const body = await readBody(request, MAX_BODY_BYTES)
  if (body === undefined) return answer(413, tooLarge)
  const {headers} = request
  const {status, body: result} = await receiveChange(body, headers.get(SIGNATURE_HEADER_NAME), headers.get(IDEMPOTENCY_KEY_HEADER_NAME))
  return answer(status, result)
}
