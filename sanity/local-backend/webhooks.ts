import {WEBHOOK_FILTER, WEBHOOK_PROJECTION} from '../../lib/content/webhook/delivery.ts'
import {isPublishedId} from '../../lib/content/ids.ts'
import {randomUUID} from 'node:crypto'
import {IDEMPOTENCY_KEY_HEADER_NAME, SIGNATURE_HEADER_NAME, signWebhookBody} from '../../lib/content/webhook/signature.ts'
import {runGroq} from './groq.ts'
import type {Transaction} from './store.ts'

/**
 * Sanity's GROQ-powered webhook, as docs/deploy.md configures it (the same filter and projection):
 * after each change of a published document that the filter matches, a signed delivery to the site.
 */
export type WebhookTarget = {url?: string; secret: string}

export class Webhooks {
  /** Where deliveries go; no url, no deliveries (a test can lose one on purpose). */
  readonly target: WebhookTarget | undefined
  /** performance.now() when the last delivery left. */
  lastSentAt = 0
  private readonly pending = new Set<Promise<unknown>>()

  constructor(target: WebhookTarget | undefined) {
    this.target = target
  }

  async deliver({changes}: Transaction) {
    const target = this.target
    if (!target?.url) return
    for (const {id, before, after} of changes) {
      if (!isPublishedId(id)) continue
      const doc = after ?? before!
      const body = await runGroq(`*[${WEBHOOK_FILTER}][0]${WEBHOOK_PROJECTION}`, {}, [doc])
      if (body === null) continue
      const text = JSON.stringify(body)
      this.lastSentAt = performance.now()
      const headers = {'content-type': 'application/json', [IDEMPOTENCY_KEY_HEADER_NAME]: randomUUID()}
      const delivery = signWebhookBody(text, target.secret)
        .then((signature) => fetch(target.url!, {method: 'POST', headers: {...headers, [SIGNATURE_HEADER_NAME]: signature}, body: text}))
        .then(async (response) => {
          const answer = await response.text()
          if (!response.ok) console.error(`[local backend] webhook answered ${response.status}: ${answer}`)
        })
        .catch((error) => console.error('[local backend] webhook failed', error))
      this.pending.add(delivery)
      void delivery.finally(() => this.pending.delete(delivery))
    }
  }

  /** Resolves when every delivery sent so far has been answered. */
  async settled() {
    await Promise.all(this.pending)
  }
}
