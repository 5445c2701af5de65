import 'server-only'
import {createClient, type SanityClient} from '@sanity/client'
import {DEFAULT_API_VERSION, LOCAL_DATASET, LOCAL_PROJECT_ID, localStudioApiHost, readContentEnv, type ContentEnv} from '../env.mjs'
import {readToken, writeToken} from './token'

/**
 * The Sanity clients of the site's server: reading published content, reading drafts (draft mode)
 * and writing editorial records (readers' reports, source checks). Each talks to the configured
 * project, or, with none, to the local backend `npm start` runs over the bundled dataset.
 * Tokens stay on the server.
 */
export type ProjectTarget = Extract<ContentEnv, {source: 'sanity'}>

/** The local backend has no accounts; the placeholder only satisfies clients that insist on a token. */
const LOCAL_BACKEND_TOKEN = 'local-backend'
/** The local backend takes writes only with this header, which Sanity's own tools always send. */
const LOCAL_BACKEND_WRITE_HEADERS = {'x-sanity-app': 'kz-sim-guide-site'}

export function createContentClient(target: ProjectTarget, token = readToken(), headers?: Record<string, string>): SanityClient {
  return createClient({
    projectId: target.projectId,
    dataset: target.dataset,
    apiVersion: target.apiVersion,
    // Pages are cached by Next.js and refreshed by webhook: the CDN would only add staleness.
    useCdn: false,
    perspective: 'published',
    token,
    ...(target.apiHost ? {apiHost: target.apiHost, useProjectHostname: false} : {}),
    ...(headers ? {headers} : {}),
    timeout: 10_000,
    maxRetries: 1,
  })
}

/** The local backend as a project, when `npm start` runs one (no Sanity project configured). */
function localBackend(): ProjectTarget | undefined {
  const apiHost = localStudioApiHost()
  if (!apiHost) return undefined
  return {source: 'sanity', projectId: LOCAL_PROJECT_ID, dataset: LOCAL_DATASET, apiVersion: DEFAULT_API_VERSION, apiHost}
}

/** A client that can read drafts, or undefined when there is nowhere to read them from. */
export function draftsClient(): SanityClient | undefined {
  const env = readContentEnv()
  if (env.source === 'sanity') {
    const token = readToken()
    return token ? createContentClient(env, token).withConfig({perspective: 'drafts'}) : undefined
  }
  const local = localBackend()
  return local && createContentClient(local, LOCAL_BACKEND_TOKEN).withConfig({perspective: 'drafts'})
}

/**
 * The client the change feed listens and catches up with (change-feed.ts): the project, with the
 * read token when there is one (a private dataset needs it), or the local backend `npm start` runs.
 * Undefined when there is neither: the bundled dataset's file watcher is then the only path.
 */
export function feedClient(): SanityClient | undefined {
  const env = readContentEnv()
  if (env.source === 'sanity') return createContentClient(env)
  const local = localBackend()
  return local && createContentClient(local, LOCAL_BACKEND_TOKEN)
}

/**
 * A client that may write editorial records, which editors work through and readers never see:
 * to the project with SANITY_API_WRITE_TOKEN, or to the local backend. Undefined when neither is
 * there: the caller answers "try again later" rather than lose what it was given.
 */
export function writeClient(): SanityClient | undefined {
  const env = readContentEnv()
  if (env.source === 'sanity') {
    const token = writeToken()
    return token ? createContentClient(env, token) : undefined
  }
  const local = localBackend()
  return local && createContentClient(local, LOCAL_BACKEND_TOKEN, LOCAL_BACKEND_WRITE_HEADERS)
}
