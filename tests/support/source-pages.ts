import {createServer, type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'

/**
 * Stand-ins for the operators' and newspapers' servers in the source checker's tests: plain HTTP
 * on a loopback address, answering from a table of routes that a test may change between runs,
 * and logging every request (path, headers, start and end), so a test can say what a run cost a
 * host or prove that a server was never asked.
 */
export type Route = (request: IncomingMessage, response: ServerResponse) => void
export type LoggedRequest = {path: string; headers: IncomingMessage['headers']; startedAt: number; endedAt?: number}

export type PageServer = {
  origin: string
  host: string
  port: number
  routes: Map<string, Route>
  requests: LoggedRequest[]
  stop(): Promise<void>
}

export async function startPageServer(host = '127.0.0.1', routes: Record<string, Route> = {}): Promise<PageServer> {
  const table = new Map(Object.entries(routes))
  const requests: LoggedRequest[] = []
  const server = createServer((request, response) => {
    const entry: LoggedRequest = {path: request.url ?? '/', headers: request.headers, startedAt: performance.now()}
    requests.push(entry)
    response.on('close', () => (entry.endedAt = performance.now()))
    const route = table.get(new URL(entry.path, 'http://x').pathname)
    if (route) return route(request, response)
    response.writeHead(404, {'content-type': 'text/plain'}).end('Not found')
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, host, () => resolve())
  })
  const {port} = server.address() as AddressInfo
  return {
    origin: `http://${host}:${port}`,
    host,
    port,
    routes: table,
    requests,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** An HTML page as a CMS serves one: head, scripts, navigation and footer around the words that matter. */
export const htmlPage = (main: string, {script = 'window.dataLayer = []', title = 'Page'} = {}) => `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>${title}</title><style>body{font:16px sans-serif}</style>
<script>${script}</script></head>
<body><header><a href="/">Logo</a><nav><a href="/ru">Главная</a> <a href="/kk">Қазақша</a> <a href="/en">English</a></nav></header>
<main>${main}</main>
<footer>© 2026 · <a href="/privacy">Privacy</a></footer></body></html>`

export const html =
  (body: () => string, headers: Record<string, string> = {}): Route =>
  (_request, response) =>
    response.writeHead(200, {'content-type': 'text/html; charset=utf-8', ...headers}).end(body())

export const robots =
  (text: string): Route =>
  (_request, response) =>
    response.writeHead(200, {'content-type': 'text/plain'}).end(text)

export const redirect =
  (status: number, location: string): Route =>
  (_request, response) =>
    response.writeHead(status, {location}).end()
