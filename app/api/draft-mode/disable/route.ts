import {cookies, draftMode} from 'next/headers'
import {draftSessionCookieOptions} from '@/lib/site/draft-mode-cookie.mjs'
import {isFromThisSite} from '@/lib/site/origin'

/**
 * Leaving draft mode: a POST from a page of this site only. Draft-mode cookies are sent on
 * cross-site requests too (SameSite=None, for the Studio's frame), so a GET here, or a POST from
 * another site, would let any page end an editor's session. Other methods are answered 405.
 */
export async function POST(request: Request) {
  if (!isFromThisSite(request.headers)) {
    const headers = {'Cache-Control': 'no-store'}
    return Response.json({message: 'Draft mode is left from a page of this site only'}, {status: 403, headers})
  }
  ;(await draftMode()).disable()
  ;(await cookies()).set({...draftSessionCookieOptions(request.headers), value: '', maxAge: 0})
  return new Response(null, {status: 303, headers: {Location: '/', 'Cache-Control': 'no-store'}})
}
