import {readFileSync} from 'node:fs'
import {createServer, type IncomingMessage, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {evaluate, parse} from 'groq-js'
import {parseNdjson, type RawDocument} from '@/lib/content/embedded'
import {signWebhookBody} from '@/lib/webhook'

/**
 * A local stand-in for Sanity's Content Lake: answers the query and mutation API as
 * @sanity/client speaks it, from an NDJSON file, with groq-js; and after each mutation sends the
 * site a signed GROQ-powered webhook with the projection the README configures — as Sanity does.
 * It can also fail on purpose, to test outages.
 */
export const WEBHOOK_PROJECTION = `{_id, _type, "slug": slug.current, "operator": operator->slug.current}`

export type LakeFault = 'none' | 'error' | 'down'

export type ContentLake = {
  url: string
  port: number
  documents: RawDocument[]
  /** Where webhooks go; none are sent while unset. */
  webhook: {url?: string; secret: string}
  fault: LakeFault
  queries: number
  /** performance.now() when the last webhook left, for latency measurements. */
  lastWebhookSentAt: number
  /** Resolves when the webhooks of all mutations so far have been answered. */
  webhooksSettled(): Promise<void>
  stop(): Promise<void>
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

function setPath(doc: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.')
  let target = doc
  for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>
  target[keys.at(-1)!] = value
}

function unsetPath(doc: Record<string, unknown>, path: string) {
  const keys = path.split('.')
  let target: Record<string, unknown> | undefined = doc
  for (const key of keys.slice(0, -1)) target = target?.[key] as Record<string, unknown> | undefined
  if (target) delete target[keys.at(-1)!]
}

export async function startContentLake(options: {file: string; port?: number; secret: string}): Promise<ContentLake> {
  const pending = new Set<Promise<unknown>>()
  let revision = 0
  const lake: ContentLake = {
    url: '',
    port: 0,
    documents: parseNdjson(readFileSync(options.file, 'utf8')),
    webhook: {secret: options.secret},
    fault: 'none',
    queries: 0,
    lastWebhookSentAt: 0,
    async webhooksSettled() {
      await Promise.all(pending)
    },
    stop: async () => {},
  }

  const project = async (doc: RawDocument | undefined) =>
    doc ? ((await (await evaluate(parse(`*[_id == $id][0]${WEBHOOK_PROJECTION}`), {dataset: lake.documents, params: {id: doc._id}})).get()) as object) : undefined

  async function sendWebhook(projection: object) {
    if (!lake.webhook.url) return
    // Set before the first await, so it is current by the time the mutation is answered.
    lake.lastWebhookSentAt = performance.now()
    const body = JSON.stringify(projection)
    const signature = await signWebhookBody(body, lake.webhook.secret)
    const response = await fetch(lake.webhook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'sanity-webhook-signature': signature,
      },
      body,
    })
    const answer = await response.text()
    if (!response.ok) console.error(`[lake] webhook answered ${response.status}: ${answer}`)
  }

  async function mutate(mutations: Record<string, Record<string, unknown>>[]) {
    const results: {id: string; operation: string; document?: RawDocument}[] = []
    const changed: object[] = []
    for (const mutation of mutations) {
      const [operation, spec] = Object.entries(mutation)[0] as [string, Record<string, unknown>]
      const now = new Date().toISOString()
      if (operation === 'patch') {
        const doc = lake.documents.find((d) => d._id === spec.id)
        if (!doc) throw Object.assign(new Error(`Document "${spec.id}" not found`), {status: 404})
        for (const [path, value] of Object.entries((spec.set as object) ?? {})) setPath(doc, path, value)
        for (const path of (spec.unset as string[]) ?? []) unsetPath(doc, path)
        Object.assign(doc, {_rev: `lake${++revision}`, _updatedAt: now})
        results.push({id: doc._id, operation: 'update', document: doc})
        changed.push((await project(doc))!)
      } else if (operation === 'createOrReplace' || operation === 'create') {
        const doc = {...(spec as RawDocument), _rev: `lake${++revision}`, _updatedAt: now}
        lake.documents = lake.documents.filter((d) => d._id !== doc._id).concat(doc)
        results.push({id: doc._id, operation: 'create', document: doc})
        changed.push((await project(doc))!)
      } else if (operation === 'delete') {
        const doc = lake.documents.find((d) => d._id === spec.id)
        const before = await project(doc)
        lake.documents = lake.documents.filter((d) => d._id !== spec.id)
        results.push({id: String(spec.id), operation: 'delete'})
        if (before) changed.push(before)
      } else {
        throw Object.assign(new Error(`Unsupported mutation ${operation}`), {status: 400})
      }
    }
    return {results, changed}
  }

  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://lake')
    const send = (status: number, body: unknown) => {
      response.writeHead(status, {'content-type': 'application/json'})
      response.end(JSON.stringify(body))
    }
    if (lake.fault === 'down') {
      request.socket.destroy()
      return
    }
    try {
      const query = url.pathname.match(/^\/v[\w-]+\/data\/query\/[\w-]+$/)
      const mutation = url.pathname.match(/^\/v[\w-]+\/data\/mutate\/[\w-]+$/)
      if (query) {
        lake.queries++
        if (lake.fault === 'error') return send(503, {error: {description: 'Service unavailable (simulated outage)'}})
        let groq: string
        let params: Record<string, unknown> = {}
        if (request.method === 'POST') {
          ;({query: groq, params = {}} = JSON.parse(await readBody(request)) as {query: string; params?: Record<string, unknown>})
        } else {
          groq = url.searchParams.get('query') ?? ''
          for (const [key, value] of url.searchParams) if (key.startsWith('$')) params[key.slice(1)] = JSON.parse(value)
        }
        const started = performance.now()
        const published = lake.documents.filter((doc) => !doc._id.startsWith('drafts.'))
        const result = await (await evaluate(parse(groq), {dataset: published, params})).get()
        return send(200, {result, ms: Math.round(performance.now() - started)})
      }
      if (mutation && request.method === 'POST') {
        const {mutations} = JSON.parse(await readBody(request)) as {mutations: Record<string, Record<string, unknown>>[]}
        const {results, changed} = await mutate(mutations)
        // Sanity delivers webhooks after the transaction; the client's answer does not wait for them,
        // but tests can (webhooksSettled) to measure from the webhook's arrival.
        for (const projection of changed) {
          const delivery = sendWebhook(projection).catch((error) => console.error('[lake] webhook failed', error))
          pending.add(delivery)
          void delivery.finally(() => pending.delete(delivery))
        }
        return send(200, {transactionId: `tx${revision}`, results, documentIds: results.map((r) => r.id)})
      }
      send(404, {error: {description: `No route ${request.method} ${url.pathname}`}})
    } catch (error) {
      const status = (error as {status?: number}).status ?? 400
      send(status, {error: {description: (error as Error).message}})
    }
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  lake.port = (server.address() as AddressInfo).port
  lake.url = `http://127.0.0.1:${lake.port}`
  lake.stop = () =>
    new Promise((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  return lake
}
