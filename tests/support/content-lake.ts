import {createClient, type SanityClient} from '@sanity/client'
import {startLocalBackend, type LocalBackend} from '@/sanity/local-backend/server'
import {TEST_SECRETS} from './server'

/**
 * Sanity's Content Lake for the tests: the local backend the Studio uses, over plain HTTP, with
 * changes kept in memory and a signed webhook to the site after each one, as Sanity sends. It
 * can also fail on purpose, to test outages.
 */
export type LakeFault = 'none' | 'error' | 'down'

export type ContentLake = LocalBackend & {
  fault: LakeFault
  webhook: {url?: string; secret: string}
  /** How many queries it has answered: what a change or a boundary costs the Lake. */
  readonly queries: number
}

export async function startContentLake(options: {file: string; port?: number; secret: string}): Promise<ContentLake> {
  let fault: LakeFault = 'none'
  let queries = 0
  const backend = await startLocalBackend({
    file: options.file,
    persist: false,
    port: options.port,
    allowedOrigins: [],
    webhook: {secret: options.secret},
    intercept(request, response) {
      if (request.url?.includes('/data/query/')) queries += 1
      if (fault === 'down') {
        request.socket.destroy()
        return true
      }
      if (fault === 'error' && request.url?.includes('/data/query/')) {
        response.writeHead(503, {'content-type': 'application/json'})
        response.end(JSON.stringify({error: {description: 'Service unavailable (simulated outage)'}}))
        return true
      }
      return false
    },
  })
  Object.defineProperty(backend, 'queries', {get: () => queries})
  return Object.defineProperty(backend, 'fault', {get: () => fault, set: (value: LakeFault) => (fault = value)}) as ContentLake
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
  }
}
