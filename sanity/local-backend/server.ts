import {createServer as createHttpServer, type IncomingMessage} from 'node:http'
import {createSecureServer} from 'node:http2'
import type {AddressInfo} from 'node:net'
import type {Duplex} from 'node:stream'
import {LOCAL_PROJECT_ID} from '../../lib/env.mjs'
import {HttpError, type Request, type Response} from './http.ts'
import {Listeners} from './listeners.ts'
import {createPresenceSocket} from './socket.ts'
import {EDITOR, findRoute, type BackendContext} from './routes.ts'
import {DocumentStore, MutationError, type RawMutation, type Transaction} from './store.ts'
import {Webhooks, type WebhookTarget} from './webhooks.ts'

/**
 * A local stand-in for Sanity's HTTP API over the bundled dataset: what the real Studio calls
 * (queries with perspectives, live listeners, documents, actions, mutations, the current user),
 * and what @sanity/client calls (routes.ts). The Studio reaches it over HTTP/2 with TLS; tests may
 * use plain HTTP/1.1. Anything it does not implement is answered 501 with the endpoint's name.
 *
 * Loopback is not a boundary on its own: any page the editor opens can send requests to
 * localhost. So it answers only requests addressed to its own loopback name (against DNS
 * rebinding), from no origin or the site's own (CORS allows that origin alone), and takes writes
 * only with the `x-sanity-app` header the Studio always sends, which a form or a simple request
 * from another page cannot carry. Everything else gets 403 and changes nothing.
 */
export const WRITE_HEADER = 'x-sanity-app'

export {inPerspective} from './groq.ts'

export type LocalBackendOptions = {
  /** The NDJSON export it serves. */
  file: string
  /** Write published changes into `file`, drafts and records beside it; otherwise keep changes in memory. */
  persist: boolean
  /** 0 picks a free port. */
  port?: number
  /** TLS for HTTP/2; without it, plain HTTP/1.1 (tests, and server-side clients only). */
  tls?: {key: string; cert: string}
  /** The site's origins: the only ones CORS allows. */
  allowedOrigins: string[]
  /** Sends the site a signed webhook after each change of a published document, as Sanity would. */
  webhook?: WebhookTarget
  /** Tests only: sees every request first, and answers it itself when it returns true (outages). */
  intercept?: (request: Request, response: Response) => boolean
}

export type LocalBackend = {
  url: string
  port: number
  store: DocumentStore
  /** Applies mutations as one transaction, as POST /data/mutate does: listeners and webhooks hear of it. */
  commit(mutations: RawMutation[]): Promise<Transaction>
  webhook?: WebhookTarget
  /** performance.now() when the last webhook left. */
  readonly lastWebhookSentAt: number
  /** Resolves when every webhook sent so far has been answered. */
  webhooksSettled(): Promise<void>
  stop(): Promise<void>
}

export async function startLocalBackend(options: LocalBackendOptions): Promise<LocalBackend> {
  const store = new DocumentStore({file: options.file, persist: options.persist})
  const listeners = new Listeners(EDITOR.id)
  const webhooks = new Webhooks(options.webhook)
  const commit = async (mutations: RawMutation[], transactionId?: string) => {
    const transaction = await store.commit(mutations, transactionId)
    await listeners.announce(transaction)
    await webhooks.deliver(transaction)
    return transaction
  }
  const context: BackendContext = {store, listeners, commit, keyValues: new Map()}
  let port = 0

  /**
   * The boundary: whose requests are answered at all. Loopback names only: `localhost`, the
   * loopback addresses, and `<project>.localhost`, which Sanity's SDK asks for (it puts the project
   * id before the API host) and which browsers resolve to loopback themselves.
   */
  function refusal(request: Request, url: URL): string | undefined {
    const host = (request.headers[':authority'] as string | undefined) ?? request.headers.host
    const loopbackNames = [`localhost:${port}`, `${LOCAL_PROJECT_ID}.localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]
    if (!host || !loopbackNames.includes(host.toLowerCase())) return `Host "${host}" is not this backend's loopback name`
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
      const method = request.method ?? 'GET'
      // The API version prefix (`/v2025-02-19`) is the same for every route.
      const found = findRoute(method, url.pathname.replace(/^\/v[^/]+(?=\/)/, ''))
      if (!found) throw new HttpError(501, `The local backend does not implement ${method} ${url.pathname}`)
      await found.route.handle({request, response, url, match: found.match, send}, context)
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
  // Presence goes over a WebSocket, which browsers open over HTTP/1.1: behind the same boundary.
  const presence = createPresenceSocket()
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refused = refusal(request, new URL(request.url ?? '/', 'http://local-backend'))
    if (refused || !presence.upgrade(request, socket, head)) socket.destroy()
  })
  const sessions = new Set<{destroy(): void}>()
  server.on('session', (session) => {
    sessions.add(session)
    session.on('close', () => sessions.delete(session))
  })
  server.on('connection', (socket) => {
    sessions.add(socket)
    socket.on('close', () => sessions.delete(socket))
  })
  return {
    url: `${options.tls ? 'https' : 'http'}://localhost:${port}`,
    port,
    store,
    commit: (mutations) => commit(mutations),
    webhook: webhooks.target,
    get lastWebhookSentAt() {
      return webhooks.lastSentAt
    },
    webhooksSettled: () => webhooks.settled(),
    stop: () =>
      new Promise((resolve) => {
        presence.close()
        for (const session of sessions) session.destroy()
        server.close(() => resolve())
      }),
  }
}
