import type {IncomingMessage} from 'node:http'
import type {Http2ServerRequest} from 'node:http2'

/** What the local backend's handlers see of HTTP, the same over HTTP/1.1 and HTTP/2. */
export type Request = IncomingMessage | Http2ServerRequest

export type Response = {
  writeHead(status: number, headers?: Record<string, string>): unknown
  setHeader(name: string, value: string): unknown
  write(chunk: string): boolean
  end(): unknown
  end(chunk: string): unknown
  readonly headersSent: boolean
  on(event: 'close', listener: () => void): unknown
}

/** An answer with a status and a message Sanity's clients show: `{error: {description}}`. */
export class HttpError extends Error {
  readonly status: number
  constructor(status: number, message: string) {
    super(message)
    this.status = status
  }
}

const MAX_BODY_BYTES = 8 * 1024 * 1024

export async function readBody(request: Request): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'Request body over 8 MB')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

export async function readJson<T>(request: Request): Promise<T> {
  const body = await readBody(request)
  try {
    return JSON.parse(body) as T
  } catch {
    throw new HttpError(400, 'The body is not valid JSON')
  }
}

/** GROQ parameters from a query string: `$name=<JSON>`. */
export function paramsFromSearch(search: URLSearchParams): Record<string, unknown> {
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
