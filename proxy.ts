import {NextResponse, type NextRequest} from 'next/server'
import {negotiateLocale} from '@/lib/i18n/negotiate'

/** Where draft mode's copy of the readers' pages lives (`app/draft`): not an address for readers. */
const DRAFT_ROOT = '/draft'

/** Next's draft-mode cookie; whether its value is valid, only Next can tell (in the draft tree). */
const DRAFT_MODE_COOKIE = '__prerender_bypass'

/** Files beside the pages (feeds, share images) are the same in draft mode: served as they are. */
const NOT_A_PAGE = /\/(?:feed\.xml|opengraph-image[^/]*)$/

export function proxy(request: NextRequest) {
  const {pathname, search} = request.nextUrl
  // `/` has no content of its own: send the reader to their language.
  if (pathname === '/') {
    const response = NextResponse.redirect(new URL(`/${negotiateLocale(request.headers.get('accept-language'))}`, request.url), 307)
    response.headers.set('Vary', 'Accept-Language')
    return response
  }
  const session = request.cookies.has(DRAFT_MODE_COOKIE)
  if (pathname === DRAFT_ROOT || pathname.startsWith(`${DRAFT_ROOT}/`)) {
    // Next runs the proxy again on its own rewrite below; anyone else gets nothing here.
    return session ? NextResponse.next() : new NextResponse('Not found', {status: 404, headers: {'content-type': 'text/plain; charset=utf-8'}})
  }
  // A draft session: the same address, rendered by the draft tree, whose layout adds visual editing.
  if (!session || NOT_A_PAGE.test(pathname)) return NextResponse.next()
  return NextResponse.rewrite(new URL(`${DRAFT_ROOT}${pathname}${search}`, request.url))
}

export const config = {
  matcher: [
    '/',
    '/draft',
    '/draft/:path*',
    // Literal, as Next requires of a matcher: the locales of lib/i18n/locales.ts.
    {source: '/:locale(zh|en|ru|kk)/:path*', has: [{type: 'cookie', key: '__prerender_bypass'}]},
  ],
}
