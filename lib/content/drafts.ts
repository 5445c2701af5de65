import 'server-only'
import {draftMode} from 'next/headers'
import type {SanityClient} from '@sanity/client'
import {DEFAULT_API_VERSION, LOCAL_DATASET, LOCAL_PROJECT_ID, localStudioApiHost, readContentEnv} from './env'
import {createContentClient} from './source'
import {readToken} from './token'

/**
 * Drafts, for editors in draft mode (entered only from the Studio's Presentation tool): read with
 * the `drafts` perspective through the Sanity client, from the project or from the local backend
 * `npm start` runs when there is none. Never cached: Next neither stores 'use cache' entries nor
 * serves them in draft mode, and these answers are never kept as a last good answer.
 */

/** The local backend has no accounts; the placeholder only satisfies clients that insist on a token. */
const LOCAL_BACKEND_TOKEN = 'local-backend'

/** A client that can read drafts, or undefined when there is nowhere to read them from. */
export function draftsClient(): SanityClient | undefined {
  const env = readContentEnv()
  if (env.source === 'sanity') {
    const token = readToken()
    return token ? createContentClient(env, token).withConfig({perspective: 'drafts'}) : undefined
  }
  const apiHost = localStudioApiHost()
  if (!apiHost) return undefined
  const local = {source: 'sanity', projectId: LOCAL_PROJECT_ID, dataset: LOCAL_DATASET, apiVersion: DEFAULT_API_VERSION, apiHost} as const
  return createContentClient(local, LOCAL_BACKEND_TOKEN).withConfig({perspective: 'drafts'})
}

/** The drafts client when this request is in draft mode; undefined for readers, and outside a request. */
export async function draftsForThisRequest(): Promise<SanityClient | undefined> {
  let enabled = false
  try {
    enabled = (await draftMode()).isEnabled
  } catch {
    // No request (a script, a test): not draft mode.
  }
  return enabled ? draftsClient() : undefined
}
