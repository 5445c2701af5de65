import {randomUUID} from 'node:crypto'
import {createServer as createHttpServer, type IncomingMessage} from 'node:http'
import {createSecureServer, type Http2ServerRequest} from 'node:http2'
import type {AddressInfo} from 'node:net'
import {evaluate, parse} from 'groq-js'
import {signWebhookBody} from '../../lib/webhook.ts'
import {mutationsForActions, type DocumentAction} from './actions.ts'
import {LOCAL_DATASET} from '../../lib/env.ts'
import {DocumentStore, isDraftId, MutationError, publishedIdOf, type RawMutation, type StoredDocument, type Transaction} from './store.ts'

/**
 * A local stand-in for Sanity's HTTP API over the bundled dataset: what the real Studio calls
 * (queries with perspectives, live listeners, documents, actions, mutations, the current user),
 * and what @sanity/client calls. The Studio reaches it over HTTP/2 with TLS; tests may use plain
 * HTTP/1.1. Anything it does not implement is answered 501 with the endpoint's name.
 *
 * Loopback is not a boundary on its own: any page the editor opens can send requests to
 * localhost. So it answers only requests addressed to its own loopback name (against DNS
 * rebinding), from no origin or the site's own (CORS allows that origin alone), and takes writes
 * only with the `x-sanity-app` header the Studio always sends, which a form or a simple request
 * from another page cannot carry. Everything else gets 403 and changes nothing.
 */
export const WRITE_HEADER = 'x-sanity-app'
/** What Sanity's GROQ-powered webhook sends, as the README configures it. */
export const WEBHOOK_PROJECTION = `{_id, _type, "slug": slug.current, "operator": operator->slug.current}`

type Request = IncomingMessage | Http2ServerRequest
/** What the handler uses of a response, the same over HTTP/1.1 and HTTP/2. */
type Response = {
  writeHead(status: number, headers?: Record<string, string>): unknown
  setHeader(name: string, value: string): unknown
  write(chunk: string): boolean
  end(): unknown
  end(chunk: string): unknown
  readonly headersSent: boolean
  on(event: 'close', listener: () => void): unknown
}

export type LocalBackendOptions = {
  /** The NDJSON export it serves. */
  file: string
  /** Write published changes into `file` and drafts beside it; otherwise keep changes in memory. */
  persist: boolean
  /** 0 picks a free port. */
  port?: number
  /** TLS for HTTP/2; without it, plain HTTP/1.1 (tests, and server-side clients only). */
  tls?: {key: string; cert: string}
  /** The site's origins: the only ones CORS allows. */
  allowedOrigins: string[]
  /** Sends the site a signed webhook after each change of a published document, as Sanity would. */
  webhook?: {url?: string; secret: string}
  /** Tests only: sees every request first, and answers it itself when it returns true (outages). */
  intercept?: (request: Request, response: Response) => boolean
}

export type LocalBackend = {
  url: string
  port: number
  store: DocumentStore
  /** Applies mutations as one transaction, as POST /data/mutate does: listeners and webhooks hear of it. */
  commit(mutations: RawMutation[]): Promise<Transaction>
  webhook?: {url?: string; secret: string}
  /** performance.now() when the last webhook left. */
  lastWebhookSentAt: number
  /** Resolves when every webhook sent so far has been answered. */
  webhooksSettled(): Promise<void>
  stop(): Promise<void>
}

const EDITOR = {
  id: 'local-editor',
  name: 'Local editor',
  email: 'editor@localhost',
  role: 'administrator',
  roles: [{name: 'administrator', title: 'Administrator'}],
  provider: 'local',
}

class HttpError extends Error {
  readonly status: number
  constructor(status: number, message: string) {
    super(message)
    this.status = status
  }
}

async function readBody(request: Request): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > 8 * 1024 * 1024) throw new HttpError(413, 'Request body over 8 MB')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

async function readJson<T>(request: Request): Promise<T> {
  try {
    return JSON.parse(await readBody(request)) as T
  } catch (error) {
    if (error instanceof HttpError) throw error
    throw new HttpError(400, 'The body is not valid JSON')
  }
}

/** Documents as a perspective shows them: `drafts` lays each draft over its published version. */
export function inPerspective(documents: StoredDocument[], perspective: string): StoredDocument[] {
  if (perspective === 'raw') return documents
  const published = documents.filter((doc) => !isDraftId(doc._id) && !doc._id.startsWith('versions.'))
  if (perspective === 'published') return published
  if (perspective === 'drafts' || perspective === 'previewDrafts') {
    const byId = new Map(published.map((doc) => [doc._id, doc]))
    for (const draft of documents.filter((doc) => isDraftId(doc._id))) {
      byId.set(publishedIdOf(draft._id), {...draft, _id: publishedIdOf(draft._id), _originalId: draft._id})
    }
    return [...byId.values()]
  }
  throw new HttpError(400, `The local backend does not implement the perspective "${perspective}" (raw, published and drafts only)`)
}

/** groq-js cannot take a parameter in a slice (`[0...$limit]`): numeric parameters are written into the query. */
function inlineNumbers(query: string, params: Record<string, unknown>): string {
  return query.replace(/\$([A-Za-z_]\w*)\b/g, (whole, name: string) => (typeof params[name] === 'number' ? String(params[name]) : whole))
}

function parseGroq(query: string, params: Record<string, unknown>) {
  try {
    return parse(inlineNumbers(query, params), {params})
  } catch (error) {
    throw new HttpError(400, `Invalid GROQ: ${(error as Error).message}`)
  }
}

/** Every string in a document, for the Studio's search (`[@, _id] match text::query(…)`), which groq-js lacks. */
const SEARCH_TEXT = '__localSearchText'
function searchText(value: unknown): string {
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return value.map(searchText).join(' ')
  if (value && typeof value === 'object') return Object.values(value).map(searchText).join(' ')
  return ''
}

async function runGroq(query: string, params: Record<string, unknown>, dataset: StoredDocument[]): Promise<unknown> {
  const search = /\[@,\s*_id\]\s+match\s+text::query\(/g
  if (search.test(query)) {
    query = query.replace(search, `[${SEARCH_TEXT}, _id] match (`)
    dataset = dataset.map((doc) => ({...doc, [SEARCH_TEXT]: searchText(doc)}))
  }
  return (await evaluate(parseGroq(query, params), {dataset, params})).get()
}

function paramsFromSearch(search: URLSearchParams): Record<string, unknown> {
  const params: Record<string, unknown> = {}
  for (const [key, value] of search) {
    if (!key.startsWith('$')) continue
    try {
      params[key.slice(1)] = JSON.parse(value)
    } catch {
      throw new HttpError(400, `Parameter ${key} is not valid JSON`)
    }
  }
  return params
}

type Listener = {query: string; params: Record<string, unknown>; includeResult: boolean; includePrevious: boolean; send: (event: string, data: unknown) => void}

export async function startLocalBackend(options: LocalBackendOptions): Promise<LocalBackend> {
  const store = new DocumentStore({file: options.file, persist: options.persist})
  const listeners = new Set<Listener>()
  const keyValues = new Map<string, unknown>()
  const pendingWebhooks = new Set<Promise<unknown>>()
  let port = 0
  const allowedHosts = () => new Set([`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`])

  const backend: LocalBackend = {
    url: '',
    port: 0,
    store,
    commit: (mutations) => commit(mutations),
    webhook: options.webhook,
    lastWebhookSentAt: 0,
    async webhooksSettled() {
      await Promise.all(pendingWebhooks)
    },
    stop: async () => {},
  }

  async function matches(listener: Listener, doc: StoredDocument | null): Promise<boolean> {
    if (!doc) return false
    const result = await runGroq(listener.query, listener.params, [doc]).catch(() => [])
    return Array.isArray(result) ? result.length > 0 : Boolean(result)
  }

  async function announce({transactionId, timestamp, changes}: Transaction, mutations: RawMutation[]) {
    for (const listener of listeners) {
      const visible: {change: Transaction['changes'][number]; transition: string}[] = []
      for (const change of changes) {
        const [was, is] = await Promise.all([matches(listener, change.before), matches(listener, change.after)])
        if (was || is) visible.push({change, transition: was && is ? 'update' : is ? 'appear' : 'disappear'})
      }
      visible.forEach(({change: {id, before, after}, transition}, index) =>
        listener.send('mutation', {
          eventId: `${transactionId}#${id}`,
          documentId: id,
          transactionId,
          transition,
          identity: EDITOR.id,
          // The whole new state: the Studio applies it over the previous revision exactly.
          mutations: after ? [{createOrReplace: after}] : [{delete: {id}}],
          previousRev: before?._rev,
          resultRev: transactionId,
          timestamp,
          visibility: 'query',
          effects: {apply: [0, after], revert: [0, before]},
          transactionTotalEvents: visible.length,
          transactionCurrentEvent: index + 1,
          ...(listener.includeResult && after ? {result: after} : {}),
          ...(listener.includePrevious && before ? {previous: before} : {}),
        }),
      )
    }
    if (mutations.length > 0) await sendWebhooks(changes)
  }

  async function sendWebhooks(changes: Transaction['changes']) {
    const webhook = backend.webhook
    if (!webhook?.url) return
    for (const {id, before, after} of changes) {
      if (isDraftId(id)) continue
      const doc = after ?? before!
      const dataset = inPerspective(store.all(), 'published').filter((other) => other._id !== id).concat(doc)
      const body = JSON.stringify(await runGroq(`*[_id == $id][0]${WEBHOOK_PROJECTION}`, {id}, dataset))
      backend.lastWebhookSentAt = performance.now()
      const delivery = signWebhookBody(body, webhook.secret)
        .then((signature) =>
          fetch(webhook.url!, {method: 'POST', headers: {'content-type': 'application/json', 'sanity-webhook-signature': signature}, body}),
        )
        .then(async (response) => {
          const answer = await response.text()
          if (!response.ok) console.error(`[local backend] webhook answered ${response.status}: ${answer}`)
        })
        .catch((error) => console.error('[local backend] webhook failed', error))
      pendingWebhooks.add(delivery)
      void delivery.finally(() => pendingWebhooks.delete(delivery))
    }
  }

  async function commit(mutations: RawMutation[], transactionId?: string) {
    const transaction = store.commit(mutations, transactionId)
    await announce(transaction, mutations)
    return transaction
  }

  async function route(request: Request, response: Response, url: URL, send: (status: number, body: unknown) => void) {
    const method = request.method ?? 'GET'
    const path = url.pathname.replace(/^\/v[^/]+(?=\/)/, '')
    const perspective = url.searchParams.get('perspective') ?? 'raw'
    let match: RegExpMatchArray | null

    if (method === 'GET' && path === '/ping') return send(200, 'PONG')
    if (method === 'GET' && path === '/users/me') return send(200, EDITOR)
    if (method === 'GET' && path === '/auth/id') return send(200, {id: EDITOR.id})
    if ((match = path.match(/^\/users\/me\/keyvalue(?:\/([^/]+))?$/))) {
      if (method === 'GET') {
        const keys = match[1] ? decodeURIComponent(match[1]).split(',') : url.searchParams.getAll('key')
        return send(200, keys.map((key) => ({key, value: keyValues.get(key) ?? null})))
      }
      if (method === 'PUT' || method === 'POST') {
        const pairs = await readJson<{key: string; value: unknown}[]>(request)
        if (!Array.isArray(pairs)) throw new HttpError(400, 'Expected a list of {key, value}')
        for (const {key, value} of pairs) keyValues.set(key, value)
        return send(200, pairs)
      }
    }
    if (method === 'GET' && (match = path.match(/^\/users\/([^/]+)$/))) {
      const ids = decodeURIComponent(match[1]!).split(',')
      const users = ids.filter((id) => id === EDITOR.id || id === 'me').map(() => ({id: EDITOR.id, displayName: EDITOR.name, email: EDITOR.email, isCurrentUser: true}))
      return send(200, ids.length === 1 ? (users[0] ?? null) : users)
    }
    if (method === 'GET' && (match = path.match(/^\/projects\/([\w-]+)\/datasets\/([\w-]+)\/acl$/))) {
      return send(200, [{filter: '_id in path("**")', permissions: ['read', 'create', 'update', 'history', 'manage']}])
    }
    // The one editor may do everything with the project; nothing more is known about it.
    if (method === 'GET' && path.match(/^\/projects\/[\w-]+\/grants$/)) {
      const all = (names: string[]) => [{grants: names.map((name) => ({name})), config: {}}]
      return send(200, {'sanity.project': all(['read', 'update']), 'sanity.project.members': all(['read'])})
    }
    if (method === 'GET' && (match = path.match(/^\/projects\/([\w-]+)\/datasets$/))) return send(200, [{name: LOCAL_DATASET, aclMode: 'public'}])
    if (method === 'GET' && (match = path.match(/^\/projects\/([\w-]+)$/))) {
      return send(200, {
        id: match[1],
        displayName: 'KZ SIM Guide (local)',
        studioHost: null,
        isBlocked: false,
        isDisabled: false,
        metadata: {},
        members: [{id: EDITOR.id, role: EDITOR.role, roles: EDITOR.roles, isRobot: false, isCurrentUser: true}],
      })
    }
    if (method === 'GET' && path.match(/^\/(projects\/[\w-]+\/)?features$/)) return send(200, [])

    if ((match = path.match(/^\/data\/query\/([\w-]+)$/)) && (method === 'GET' || method === 'POST')) {
      let query: string
      let params: Record<string, unknown>
      let chosen = perspective
      if (method === 'POST') {
        const body = await readJson<{query?: string; params?: Record<string, unknown>; perspective?: string}>(request)
        query = body.query ?? ''
        params = body.params ?? {}
        chosen = body.perspective ?? perspective
      } else {
        query = url.searchParams.get('query') ?? ''
        params = paramsFromSearch(url.searchParams)
      }
      if (!query) throw new HttpError(400, 'A query is required')
      const started = performance.now()
      const result = await runGroq(query, params, inPerspective(store.all(), chosen))
      return send(200, {query, result, ms: Math.round(performance.now() - started)})
    }
    if (method === 'GET' && (match = path.match(/^\/data\/doc\/([\w-]+)\/(.+)$/))) {
      const ids = decodeURIComponent(match[2]!).split(',')
      const documents = ids.map((id) => store.get(id)).filter((doc) => doc !== undefined)
      return send(200, {documents, omitted: ids.filter((id) => !store.get(id)).map((id) => ({id, reason: 'existence'}))})
    }
    if (method === 'GET' && (match = path.match(/^\/data\/listen\/([\w-]+)$/))) return listen(request, response, url)
    if (method === 'POST' && (match = path.match(/^\/data\/mutate\/([\w-]+)$/))) {
      const body = await readJson<{mutations?: RawMutation[]; transactionId?: string}>(request)
      if (!Array.isArray(body.mutations)) throw new HttpError(400, 'Expected {mutations: [...]}')
      const {transactionId, changes} = await commit(body.mutations, body.transactionId)
      const returnDocuments = url.searchParams.get('returnDocuments') === 'true'
      const results = changes.map(({id, before, after}) => ({
        id,
        operation: !after ? 'delete' : before ? 'update' : 'create',
        ...(returnDocuments && after ? {document: after} : {}),
      }))
      return send(200, {transactionId, results, documentIds: results.map((result) => result.id)})
    }
    if (method === 'POST' && (match = path.match(/^\/data\/actions\/([\w-]+)$/))) {
      const body = await readJson<{actions?: DocumentAction[]; transactionId?: string; dryRun?: boolean}>(request)
      if (!Array.isArray(body.actions)) throw new HttpError(400, 'Expected {actions: [...]}')
      if (body.dryRun) throw new HttpError(501, 'The local backend does not implement dry runs of actions')
      const {transactionId} = await commit(mutationsForActions(body.actions, (id) => store.get(id)), body.transactionId)
      return send(200, {transactionId})
    }
    // History is not kept: the lists are truthfully empty, and an old revision cannot be shown.
    if (method === 'GET' && path.match(/^\/data\/history\/[\w-]+\/transactions\//)) {
      response.writeHead(200, {'content-type': 'application/x-ndjson'})
      return response.end('')
    }
    if (method === 'GET' && path.match(/^\/data\/history\/[\w-]+\/events\//)) return send(200, {events: [], nextCursor: null})
    if (method === 'GET' && path.match(/^\/data\/history\/[\w-]+\/documents\//)) {
      throw new HttpError(404, 'The local backend keeps no history: earlier revisions cannot be shown')
    }
    throw new HttpError(501, `The local backend does not implement ${method} ${url.pathname}`)
  }

  function listen(request: Request, response: Response, url: URL) {
    const query = url.searchParams.get('query')
    if (!query) throw new HttpError(400, 'A listener needs a query')
    const params = paramsFromSearch(url.searchParams)
    parseGroq(query, params)
    response.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-cache'})
    const listener: Listener = {
      query: inlineNumbers(query, params),
      params,
      includeResult: url.searchParams.get('includeResult') !== 'false',
      includePrevious: url.searchParams.get('includePreviousRevision') === 'true',
      send: (event, data) => void response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
    }
    listeners.add(listener)
    listener.send('welcome', {listenerName: randomUUID()})
    // Keeps idle streams open through proxies and timers.
    const keepAlive = setInterval(() => void response.write(': keep-alive\n\n'), 15_000)
    const close = () => {
      clearInterval(keepAlive)
      listeners.delete(listener)
    }
    request.on('close', close)
    response.on('close', close)
  }

  /** The boundary: whose requests are answered at all. */
  function refusal(request: Request, url: URL): string | undefined {
    const host = (request.headers[':authority'] as string | undefined) ?? request.headers.host
    if (!host || !allowedHosts().has(host.toLowerCase())) return `Host "${host}" is not this backend's loopback name`
    const origin = request.headers.origin
    if (origin !== undefined && !options.allowedOrigins.includes(origin)) return `Origin ${origin} may not use this backend`
    const method = request.method ?? 'GET'
    const isRead = ['GET', 'HEAD', 'OPTIONS'].includes(method) || (method === 'POST' && /\/data\/query\//.test(url.pathname))
    if (!isRead) {
      if (!request.headers[WRITE_HEADER]) return `A write needs the ${WRITE_HEADER} header`
      if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) return 'A write must be sent as application/json'
    }
    return undefined
  }

  async function handle(request: Request, response: Response) {
    const url = new URL(request.url ?? '/', 'http://local-backend')
    const origin = request.headers.origin
    const send = (status: number, body: unknown) => {
      response.writeHead(status, {'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store'})
      response.end(JSON.stringify(body))
    }
    const refused = refusal(request, url)
    if (refused) {
      request.resume()
      return send(403, {error: {description: refused}})
    }
    if (origin) {
      response.setHeader('access-control-allow-origin', origin)
      response.setHeader('access-control-allow-credentials', 'true')
      response.setHeader('vary', 'Origin')
    }
    if (request.method === 'OPTIONS') {
      response.setHeader('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS')
      response.setHeader('access-control-allow-headers', String(request.headers['access-control-request-headers'] ?? 'content-type'))
      response.setHeader('access-control-max-age', '600')
      response.writeHead(204)
      return response.end()
    }
    if (options.intercept?.(request, response)) return
    try {
      if (store.refresh()) console.log(`[local backend] ${options.file} changed on disk: read it again`)
      await route(request, response, url, send)
    } catch (error) {
      const status = error instanceof HttpError || error instanceof MutationError ? error.status : 500
      if (status === 500) console.error('[local backend]', error)
      if (!response.headersSent) send(status, {error: {description: (error as Error).message}, statusCode: status})
      else response.end()
    }
  }

  const server = options.tls
    ? createSecureServer({...options.tls, allowHTTP1: true}, (request, response) => void handle(request, response))
    : createHttpServer((request, response) => void handle(request, response))
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port
  backend.port = port
  backend.url = `${options.tls ? 'https' : 'http'}://localhost:${port}`
  const sessions = new Set<{destroy(): void}>()
  server.on('session', (session) => {
    sessions.add(session)
    session.on('close', () => sessions.delete(session))
  })
  server.on('connection', (socket) => {
    sessions.add(socket)
    socket.on('close', () => sessions.delete(socket))
  })
  backend.stop = () =>
    new Promise((resolve) => {
      for (const session of sessions) session.destroy()
      server.close(() => resolve())
    })
  return backend
}
