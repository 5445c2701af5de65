import {randomUUID} from 'node:crypto'
import {parseGroq, inlineNumbers, runGroq} from './groq.ts'
import {isPublishedId} from '../../lib/content/ids.ts'
import {HttpError, paramsFromSearch, type Request, type Response} from './http.ts'
import type {StoredDocument, Transaction} from './store.ts'

/**
 * Live listeners (`GET /data/listen`): server-sent events, one `mutation` per changed document that
 * matches a listener's GROQ filter, before or after the change, as the Studio expects them.
 * And the Live Content API's stream (`GET /data/live/events`), which Presentation's loader follows.
 */
type Listener = {
  query: string
  params: Record<string, unknown>
  includeResult: boolean
  includePrevious: boolean
  send: (event: string, data: unknown) => void
}

/** Keeps idle streams open through proxies and timers. */
const KEEP_ALIVE_MS = 15_000

export class Listeners {
  private readonly listeners = new Set<Listener>()
  /** Live Content API streams, and whether each follows drafts too. */
  private readonly liveStreams = new Set<{includeDrafts: boolean; send: (event: string, data: unknown) => void}>()
  private readonly identity: string

  constructor(identity: string) {
    this.identity = identity
  }

  open(request: Request, response: Response, url: URL) {
    const query = url.searchParams.get('query')
    if (!query) throw new HttpError(400, 'A listener needs a query')
    const params = paramsFromSearch(url.searchParams)
    parseGroq(query, params)
    const listener: Listener = {
      query: inlineNumbers(query, params),
      params,
      includeResult: url.searchParams.get('includeResult') !== 'false',
      includePrevious: url.searchParams.get('includePreviousRevision') === 'true',
      send: openStream(request, response, () => this.listeners.delete(listener)),
    }
    this.listeners.add(listener)
    listener.send('welcome', {listenerName: randomUUID()})
  }

  /**
   * groq-js answers carry no sync tags, so no change can name the queries it affects: every
   * change the stream can see is a `restart`, which tells the client to fetch its queries again.
   */
  openLive(request: Request, response: Response, url: URL) {
    const stream = {
      includeDrafts: url.searchParams.get('includeDrafts') === 'true',
      send: openStream(request, response, () => this.liveStreams.delete(stream)),
    }
    this.liveStreams.add(stream)
    stream.send('welcome', {})
  }

  /** Tells every listener whose filter a changed document matches, before or after. */
  async announce({transactionId, timestamp, changes}: Transaction) {
    const published = changes.some((change) => isPublishedId(change.id))
    for (const stream of this.liveStreams) if (published || stream.includeDrafts) stream.send('restart', {id: transactionId})
    for (const listener of this.listeners) {
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
          identity: this.identity,
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
  }
}

/** Starts a server-sent event stream, kept alive until the client leaves; returns its sender. */
function openStream(request: Request, response: Response, onClose: () => void) {
  response.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-cache'})
  const keepAlive = setInterval(() => void response.write(': keep-alive\n\n'), KEEP_ALIVE_MS)
  const close = () => {
    clearInterval(keepAlive)
    onClose()
  }
  request.on('close', close)
  response.on('close', close)
  return (event: string, data: unknown) => void response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
}

async function matches(listener: Listener, doc: StoredDocument | null): Promise<boolean> {
  if (!doc) return false
  const result = await runGroq(listener.query, listener.params, [doc]).catch(() => [])
  return Array.isArray(result) ? result.length > 0 : Boolean(result)
}
