import {pipeline, type Readable} from 'node:stream'
import {createBrotliDecompress, createGunzip, createInflate} from 'node:zlib'
import robotsParser from 'robots-parser'
import {request, type Agent} from 'undici'
import {originKey, refusalForUrl} from './addresses'
import {BlockedAddressError, createGuardedAgent} from './guarded-agent'
import {HostSchedule, hostKey} from './politeness'

/**
 * Fetches a source page the polite and safe way: robots.txt honoured at every hop, each request
 * in its host's turn (politeness.ts), every connection through the guarded agent, redirects
 * followed by hand (at most 5) so each new address is judged again, a time limit on each request
 * and a size limit on what is read (the rest is not downloaded). Nothing the server sends is
 * trusted: a body is read only up to the cap, and decompressed only up to it. An allowed origin
 * (SOURCE_CHECK_ALLOW) is allowed for the URL the dataset cites, and redirects that stay on its
 * origin: a redirect to any other origin is judged as the Internet is, so a cited page cannot
 * send the checker into an allowed local service.
 */

export type FetcherOptions = {
  /** The User-Agent header: the site's name and its address. */
  userAgent: string
  /** The token robots.txt groups are matched against. */
  robotsToken: string
  allowedOrigins: ReadonlySet<string>
  /** Per request (connect, headers and body). Default 15 s. */
  timeoutMs?: number
  /** Bytes of (decoded) body read. Default 2 MB. */
  maxBytes?: number
  /** Default 5. */
  maxRedirects?: number
  /** Pause between two requests to one host. Default 1 s. */
  hostIntervalMs?: number
}

export const DEFAULT_TIMEOUT_MS = 15_000
export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024
export const DEFAULT_MAX_REDIRECTS = 5
/** RFC 9309: crawlers must parse at least 500 KiB of a robots.txt; more is not read. */
const ROBOTS_MAX_BYTES = 500 * 1024

export type Redirect = {url: string; status: number}
export type Validators = {etag?: string; lastModified?: string}

export type FetchResult =
  | {
      kind: 'response'
      url: string
      status: number
      headers: Record<string, string | undefined>
      body: Buffer
      truncated: boolean
      redirects: Redirect[]
    }
  | {kind: 'blocked'; url: string; reason: string; redirects: Redirect[]}
  | {kind: 'unreachable'; url: string; reason: string; status?: number; redirects: Redirect[]}

type RobotsVerdict =
  | {kind: 'rules'; isAllowed: (url: string) => boolean}
  | {kind: 'allow-all'}
  | {kind: 'blocked'; reason: string}
  | {kind: 'unreachable'; reason: string}

const REDIRECTS = new Set([301, 302, 303, 307, 308])

function decoderFor(contentEncoding: string | undefined) {
  switch (contentEncoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip()
    case 'deflate':
      return createInflate()
    case 'br':
      return createBrotliDecompress()
    default:
      return undefined
  }
}

/** Reads at most `maxBytes` of the decoded body, then stops downloading. */
async function readCapped(
  body: Readable,
  contentEncoding: string | undefined,
  maxBytes: number,
): Promise<{body: Buffer; truncated: boolean}> {
  const decoder = decoderFor(contentEncoding)
  const source: Readable = decoder ? pipeline(body, decoder, () => {}) : body
  const chunks: Buffer[] = []
  let size = 0
  let truncated = false
  try {
    for await (const chunk of source) {
      const buffer = chunk as Buffer
      if (size + buffer.length > maxBytes) {
        chunks.push(buffer.subarray(0, maxBytes - size))
        size = maxBytes
        truncated = true
        break
      }
      chunks.push(buffer)
      size += buffer.length
    }
  } finally {
    // Stops the download when the cap was reached (the connection closes); an error then is expected.
    body.on('error', () => {}).destroy()
  }
  return {body: Buffer.concat(chunks, size), truncated}
}

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`

/** What went wrong, in words an editor can act on. */
function describeFailure(error: unknown, timeoutMs: number): string {
  const failure = error as {name?: string; code?: string; message?: string; cause?: unknown}
  if (failure.name === 'TimeoutError' || failure.name === 'AbortError' || /timeout/i.test(failure.code ?? '')) {
    return `no complete answer within ${seconds(timeoutMs)}`
  }
  if (failure.code === 'ENOTFOUND') return 'the host name does not resolve (DNS)'
  if (failure.code === 'ECONNREFUSED') return 'connection refused'
  if (failure.code === 'ECONNRESET' || failure.code === 'UND_ERR_SOCKET') return 'the connection was closed before a complete answer'
  if (/CERT|SSL|TLS/.test(failure.code ?? '')) return `TLS: ${failure.message}`
  return failure.message ?? String(error)
}

const blockedCause = (error: unknown): BlockedAddressError | undefined => {
  for (let current = error; current; current = (current as {cause?: unknown}).cause)
    if (current instanceof BlockedAddressError) return current
  return undefined
}

export class SourceFetcher {
  readonly schedule: HostSchedule
  /** For every connection but those to the cited URL's origin when it is an allowed one. */
  private readonly agent: Agent
  private readonly allowedAgent: Agent
  private readonly robots = new Map<string, Promise<RobotsVerdict>>()
  private readonly options: FetcherOptions & {timeoutMs: number; maxBytes: number; maxRedirects: number}

  constructor(options: FetcherOptions) {
    this.options = {timeoutMs: DEFAULT_TIMEOUT_MS, maxBytes: DEFAULT_MAX_BYTES, maxRedirects: DEFAULT_MAX_REDIRECTS, ...options}
    this.schedule = new HostSchedule(options.hostIntervalMs)
    this.agent = createGuardedAgent({allowedOrigins: new Set(), connectTimeoutMs: this.options.timeoutMs})
    this.allowedAgent = createGuardedAgent({allowedOrigins: options.allowedOrigins, connectTimeoutMs: this.options.timeoutMs})
  }

  /** A page, with robots.txt asked at every hop; validators are sent to `validatorsFor` (the last final URL) only. */
  fetchPage(url: string, validators?: Validators & {validatorsFor: string}): Promise<FetchResult> {
    return this.follow(url, {maxBytes: this.options.maxBytes, robots: true, validators})
  }

  async close(): Promise<void> {
    await Promise.all([this.agent.close(), this.allowedAgent.close()])
  }

  private async follow(
    startUrl: string,
    {maxBytes, robots, validators}: {maxBytes: number; robots: boolean; validators?: Validators & {validatorsFor: string}},
  ): Promise<FetchResult> {
    const redirects: Redirect[] = []
    let url: URL
    try {
      url = new URL(startUrl)
    } catch {
      return {kind: 'blocked', url: startUrl, reason: 'not an absolute URL', redirects}
    }
    // A refusal after a redirect names the address the redirect asked for.
    const blocked = (reason: string): FetchResult => ({
      kind: 'blocked',
      url: url.href,
      reason: redirects.length ? `redirected to ${url.href}: ${reason}` : reason,
      redirects,
    })
    const cited = originKey(url)
    const allowed: ReadonlySet<string> = this.options.allowedOrigins.has(cited) ? new Set([cited]) : new Set()
    for (;;) {
      const refused = refusalForUrl(url, allowed)
      if (refused) return blocked(refused)
      if (robots) {
        const verdict = await this.robotsFor(url)
        if (verdict.kind === 'blocked') return blocked(verdict.reason)
        if (verdict.kind === 'unreachable') return {kind: 'unreachable', url: url.href, reason: verdict.reason, redirects}
        if (verdict.kind === 'rules' && !verdict.isAllowed(url.href)) {
          return blocked(`robots.txt of ${url.origin} disallows ${url.pathname}${url.search} for ${this.options.robotsToken}`)
        }
      }
      const conditional = validators && validators.validatorsFor === url.href ? validators : undefined
      let response: Awaited<ReturnType<typeof this.requestOnce>>
      try {
        const agent = allowed.has(originKey(url)) ? this.allowedAgent : this.agent
        response = await this.schedule.run(hostKey(url.hostname), url.href, () => this.requestOnce(url, agent, maxBytes, conditional))
      } catch (error) {
        const refusal = blockedCause(error)
        if (refusal) return blocked(refusal.message)
        return {kind: 'unreachable', url: url.href, reason: describeFailure(error, this.options.timeoutMs), redirects}
      }
      const location = REDIRECTS.has(response.status) ? response.headers.location : undefined
      if (!location) return {kind: 'response', url: url.href, redirects, ...response}
      redirects.push({url: url.href, status: response.status})
      if (redirects.length > this.options.maxRedirects) {
        return {
          kind: 'unreachable',
          url: url.href,
          status: response.status,
          reason: `more than ${this.options.maxRedirects} redirects`,
          redirects,
        }
      }
      try {
        url = new URL(location, url)
      } catch {
        return {
          kind: 'unreachable',
          url: url.href,
          status: response.status,
          reason: `a redirect to an invalid address (${location.slice(0, 200)})`,
          redirects,
        }
      }
    }
  }

  /** One request; only a 2xx body is kept (up to the cap), any other is discarded. */
  private async requestOnce(url: URL, agent: Agent, maxBytes: number, validators?: Validators) {
    const {statusCode, headers, body} = await request(url, {
      dispatcher: agent,
      method: 'GET',
      headers: {
        'user-agent': this.options.userAgent,
        accept: 'text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8',
        'accept-encoding': 'gzip, deflate, br',
        ...(validators?.etag ? {'if-none-match': validators.etag} : {}),
        ...(validators?.lastModified ? {'if-modified-since': validators.lastModified} : {}),
      },
      // One limit for the whole request: connecting, the headers and the body read.
      signal: AbortSignal.timeout(this.options.timeoutMs),
    })
    const single = Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]),
    )
    if (statusCode < 200 || statusCode >= 300) {
      // Redirect and error bodies are small and unread; past 64 KB the connection is closed instead.
      await body.dump({limit: 64 * 1024})
      return {status: statusCode, headers: single, body: Buffer.alloc(0), truncated: false}
    }
    return {status: statusCode, headers: single, ...(await readCapped(body, single['content-encoding'], maxBytes))}
  }

  /** robots.txt of a URL's origin, fetched once per run, as RFC 9309 reads it. */
  private robotsFor(url: URL): Promise<RobotsVerdict> {
    let verdict = this.robots.get(url.origin)
    if (!verdict) {
      verdict = this.readRobots(url)
      this.robots.set(url.origin, verdict)
    }
    return verdict
  }

  private async readRobots(url: URL): Promise<RobotsVerdict> {
    const robotsUrl = new URL('/robots.txt', url.origin).href
    const result = await this.follow(robotsUrl, {maxBytes: ROBOTS_MAX_BYTES, robots: false})
    // Refused at the same origin, the page would be refused too; after a redirect, the reason names robots.txt's new address.
    if (result.kind === 'blocked') return {kind: 'blocked', reason: result.reason}
    // "Unavailable" (4xx, or too many redirects): no rules. "Unreachable" (5xx, network): assume nothing may be fetched.
    if (result.kind === 'unreachable') {
      return result.status !== undefined && result.status < 500
        ? {kind: 'allow-all'}
        : {kind: 'unreachable', reason: `robots.txt could not be read (${result.reason}), so the page was not requested`}
    }
    if (result.status >= 500) return {kind: 'unreachable', reason: `robots.txt answered ${result.status}, so the page was not requested`}
    if (result.status < 200 || result.status >= 300) return {kind: 'allow-all'}
    const rules = robotsParser(robotsUrl, result.body.toString('utf8'))
    const delay = rules.getCrawlDelay(this.options.robotsToken)
    if (delay !== undefined && delay > 0) this.schedule.setCrawlDelay(hostKey(url.hostname), delay)
    return {kind: 'rules', isAllowed: (page) => rules.isAllowed(page, this.options.robotsToken) !== false}
  }
}
