import 'server-only'
import {draftMode} from 'next/headers'
import type {SanityClient} from '@sanity/client'
import {draftsClient} from './clients'

/**
 * Drafts, for editors in draft mode (entered only from the Studio's Presentation tool): read with
 * the `drafts` perspective through the Sanity client, from the project or from the local backend
 * `npm start` runs when there is none. Never cached: Next neither stores 'use cache' entries nor
 * serves them in draft mode, and these answers are never kept as a last good answer.
 */

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
