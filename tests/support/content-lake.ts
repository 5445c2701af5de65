import {createClient, type SanityClient} from '@sanity/client'
import type {Request} from '@/sanity/local-backend/http'
import {startLocalBackend, type LocalBackend} from '@/sanity/local-backend/server'
import {TEST_SECRETS} from './server'

/**
 * Sanity's Content Lake for the tests: the local backend the Studio uses, over plain HTTP, with
 * changes kept in memory and a signed webhook to the site after each one, as Sanity sends (or none,
 * with no `webhook.url`). It can also fail on purpose, to test outages, and cut its link with the
 * site alone (its listeners and queries) while an editor still reaches it.
 */
export type LakeFault = 'none' | 'error' | 'down'

export type ContentLake = LocalBackend & {
  fault: LakeFault
  webhook: {url?: string; secret: string}
  /** How many queries it has answered: what a change or a boundary costs the Lake. */
  readonly queries: number
  /** Listeners open now, and ever asked for, refused ones too (the site's change feed holds one per instance). */
  readonly listeners: number
  readonly listens: number
  /** Cuts the link with the site: its listeners close and its requests fail until `restoreLink()`. Editors still reach the Lake. */
  cutLink(): void
  restoreLink(): void
}

export async function startContentLake(options: {file: string; port?: number; secret: string}): Promise<ContentLake> {
  let fault: LakeFault = 'none'
  let queries = 0
  let listens = 0
  let linkCut = false
  const openListeners = new Map<{destroy(): void}, {fromSite: boolean}>()
  // The site reads with its read token; an editor writes with a token of its own.
  const fromSite = (request: Request) => request.headers.authorization === `Bearer ${TEST_SECRETS.SANITY_API_READ_TOKEN}`
  const backend = await startLocalBackend({
    file: options.file,
    persist: false,
    port: options.port,
    allowedOrigins: [],
    webhook: {secret: options.secret},
    intercept(request, response) {
      if (request.url?.includes('/data/query/')) queries += 1
      if (request.url?.includes('/data/listen/')) listens += 1
      if ((linkCut && fromSite(request)) || fault === 'down') {
        request.socket.destroy()
        return true
      }
      if (request.url?.includes('/data/listen/')) {
        const stream = request.socket
        openListeners.set(stream, {fromSite: fromSite(request)})
        response.on('close', () => openListeners.delete(stream))
      }
      if (fault === 'error' && request.url?.includes('/data/query/')) {
        response.writeHead(503, {'content-type': 'application/json'})
        response.end(JSON.stringify({error: {description: 'Service unavailable (simulated outage)'}}))
        return true
      }
      return false
    },
  })
  Object.defineProperties(backend, {
    queries: {get: () => queries},
    listeners: {get: () => openListeners.size},
    listens: {get: () => listens},
    fault: {
      get: () => fault,
      set: (value: LakeFault) => {
        fault = value
      },
    },
  })
  return Object.assign(backend as ContentLake, {
    cutLink() {
      linkCut = true
      for (const [stream, {fromSite}] of openListeners) if (fromSite) stream.destroy()
    },
    restoreLink() {
      linkCut = false
    },
  })
}

/**
 * Changes a document as no listener and no webhook ever hears, nor a catch-up finds (its
 * `_updatedAt` stays): a change every signal of which was lost.
 */
export function changeUnannounced(lake: ContentLake, id: string, set: Record<string, unknown>) {
  Object.assign(lake.store.get(id)!, set)
}

/** An editor's client for the stand-in, as Sanity's own tools connect (the backend takes writes only with `x-sanity-app`). */
export function editorClient(lake: ContentLake, app = 'kz-sim-guide-tests'): SanityClient {
  return createClient({
    projectId: 'test',
    dataset: 'production',
    apiHost: lake.url,
    useProjectHostname: false,
    apiVersion: '2025-02-19',
    useCdn: false,
    token: 'editor-token',
    headers: {'x-sanity-app': app},
  })
}

/** What a site reading from the stand-in is built and started with (secrets are the tests' fakes). */
export function lakeSiteEnv(lake: ContentLake): Record<string, string> {
  return {
    SANITY_PROJECT_ID: 'test',
    SANITY_DATASET: 'production',
    SANITY_API_HOST: lake.url,
    SANITY_REVALIDATE_SECRET: TEST_SECRETS.SANITY_REVALIDATE_SECRET,
    SANITY_API_READ_TOKEN: TEST_SECRETS.SANITY_API_READ_TOKEN,
    DRAFT_MODE_SECRET: TEST_SECRETS.DRAFT_MODE_SECRET,
  }
}
