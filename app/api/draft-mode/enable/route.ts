import {cookies, draftMode} from 'next/headers'
import {defineEnableDraftMode} from 'next-sanity/draft-mode'
import {draftsClient} from '@/lib/content/clients'
import {DRAFT_SESSION_SECONDS, draftSessionCookieOptions, signDraftSession} from '@/lib/site/draft-mode-cookie.mjs'

/**
 * next-sanity 13.3 types `client` with its own copy of @sanity/client 7. Ours is 8, with the same
 * public API for what this needs (validatePreviewUrl only queries), so only the nominal type differs.
 */
type DraftModeClient = Parameters<typeof defineEnableDraftMode>[0]['client']

/**
 * Draft mode, entered only from Sanity's Presentation tool: next-sanity checks the
 * `sanity-preview-secret` against the Content Lake (or the local backend) that holds the drafts.
 * A draft-mode request bypasses the page cache and its response is never stored for other readers.
 * Beside Next's cookie, the signed companion that the request proxy and the caching proxy check.
 */
export async function GET(request: Request) {
  const client = draftsClient()
  if (!client) {
    return Response.json(
      {
        message:
          'Draft mode needs a Sanity project with a read token (SANITY_PROJECT_ID, SANITY_API_READ_TOKEN), or the local Studio backend `npm start` runs',
      },
      {status: 401, headers: {'Cache-Control': 'no-store'}},
    )
  }
  try {
    // A wrong or missing secret is answered here (401).
    return await defineEnableDraftMode({client: client as unknown as DraftModeClient}).GET(request)
  } catch (redirect) {
    // A valid one ends in Next's redirect to the page, thrown, with draft mode enabled by then.
    if ((await draftMode()).isEnabled) {
      ;(await cookies()).set({...draftSessionCookieOptions(request.headers), value: signDraftSession(), maxAge: DRAFT_SESSION_SECONDS})
    }
    throw redirect
  }
}
