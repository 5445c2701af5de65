import {defineEnableDraftMode} from 'next-sanity/draft-mode'
import {readContentEnv} from '@/lib/content/env'
import {createContentClient} from '@/lib/content/source'
import {readToken} from '@/lib/content/token'

/**
 * next-sanity 13.3 types `client` with its own copy of @sanity/client 7. Ours is 8, with the same
 * public API for what this needs (validatePreviewUrl only queries), so only the nominal type differs.
 */
type DraftModeClient = Parameters<typeof defineEnableDraftMode>[0]['client']

/**
 * Draft mode, entered only from Sanity's Presentation tool: next-sanity checks the
 * `sanity-preview-secret` against the Content Lake with the read token. A draft-mode request
 * bypasses the page cache and its response is never stored for other readers.
 */
export async function GET(request: Request) {
  const env = readContentEnv()
  const token = readToken()
  if (env.source !== 'sanity' || !token) {
    return Response.json(
      {message: 'Draft mode needs a Sanity project (SANITY_PROJECT_ID) and a read token (SANITY_API_READ_TOKEN)'},
      {status: 401, headers: {'Cache-Control': 'no-store'}},
    )
  }
  return defineEnableDraftMode({client: createContentClient(env, token) as unknown as DraftModeClient}).GET(request)
}
