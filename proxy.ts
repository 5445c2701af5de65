import {NextResponse, type NextRequest} from 'next/server'
import {isListedOperator} from '@/lib/content/listed-operators'
import {DRAFT_MODE_COOKIE, DRAFT_SESSION_COOKIE, isDraftSession} from '@/lib/site/draft-mode-cookie.mjs'
import {negotiateLocale} from '@/lib/i18n/negotiate'
import {operatorSlugOf, TOP_LEVEL_SEGMENTS} from '@/lib/site/paths'

/**
 * Next's request proxy (not the caching proxy in front of the site): it picks a reader's language
 * for `/`, answers an address outside the site's tree or an operator no one has with the 404 page,
 * and sends a draft session to draft mode's own route tree.
 */

/** Where draft mode's copy of the readers' pages lives (`app/draft`): not an address for readers. */
const DRAFT_ROOT = '/draft'

/** Files beside the pages (feeds, share images) are the same in draft mode: served as they are. */
const NOT_A_PAGE = /\/(?:feed\.xml|opengraph-image[^/]*)$/

/**
 * An address no route has (under Next's own 404 route): Next answers it with the site's 404 page
 * (app/global-not-found.tsx) as prerendered HTML, marked never to be stored, so a CDN keeps no 404
 * for an operator published later. That is a tenth of the work of rendering an operator page that
 * finds no operator, which besides renders its 404 in the browser only (vercel/next.js#62228).
 */
const NOT_FOUND = '/_not-found/operator'
const NOT_FOUND_ROOT = '/_not-found'

/**
 * Any first segment the site does not have (`/xx`, `/wp-login.php`, `/.env`) would reach the
 * `[locale]` route, whose layout can only call Next's bare 404, stored for a year by a shared cache
 * (s-maxage=31536000): it gets the site's 404 page instead.
 */
const firstSegment = (pathname: string) => pathname.split('/')[1] ?? ''
const notFound = (request: NextRequest) => NextResponse.rewrite(new URL(NOT_FOUND, request.url))

export async function proxy(request: NextRequest) {
  const {pathname, search} = request.nextUrl
  // `/` has no content of its own: send the reader to their language.
  if (pathname === '/') {
    const response = NextResponse.redirect(new URL(`/${negotiateLocale(request.headers.get('accept-language'))}`, request.url), 307)
    response.headers.set('Vary', 'Accept-Language')
    return response
  }
  // A draft session is one the enable route signed (lib/site/draft-mode-cookie.mjs); Next's own cookie
  // alone is anyone's to send, and would make Next render the page for it, bypassing its cache.
  const bypass = request.cookies.has(DRAFT_MODE_COOKIE)
  const session = bypass && isDraftSession(request.cookies.get(DRAFT_SESSION_COOKIE)?.value)
  if (pathname === DRAFT_ROOT || pathname.startsWith(`${DRAFT_ROOT}/`)) {
    // Next runs the proxy again on its own rewrite below; anyone else gets the 404 page here.
    return session ? NextResponse.next() : notFound(request)
  }
  // The 404 page itself, where the rewrite below sends a request.
  if (pathname.startsWith(`${NOT_FOUND_ROOT}/`)) return NextResponse.next()
  if (!TOP_LEVEL_SEGMENTS.has(firstSegment(pathname))) return notFound(request)
  // A made-up operator address gets the 404 page without an operator page being rendered for it. A
  // draft session may preview an operator that is not published yet.
  const slug = operatorSlugOf(pathname)
  if (!session && slug !== undefined && (await isListedOperator(slug)) === false) return notFound(request)
  if (bypass && !session) return withoutDraftCookie(request)
  // A draft session: the same address, rendered by the draft tree, whose layout adds visual editing.
  if (!session || NOT_A_PAGE.test(pathname)) return NextResponse.next()
  return NextResponse.rewrite(new URL(`${DRAFT_ROOT}${pathname}${search}`, request.url))
}

/** The request as a reader's: Next never sees the draft-mode cookies, so it serves its cached page. */
function withoutDraftCookie(request: NextRequest) {
  request.cookies.delete([DRAFT_MODE_COOKIE, DRAFT_SESSION_COOKIE])
  const headers = new Headers(request.headers)
  headers.set('cookie', request.cookies.toString())
  return NextResponse.next({request: {headers}})
}

export const config = {
  matcher: [
    '/',
    '/draft',
    '/draft/:path*',
    // Literal, as Next requires of a matcher (a unit test holds them to LOCALES, TOP_LEVEL_SEGMENTS and DRAFT_MODE_COOKIE).
    '/:locale(zh|en|ru|kk)/operators/:slug/:path*',
    {source: '/:locale(zh|en|ru|kk)/:path*', has: [{type: 'cookie', key: '__prerender_bypass'}]},
    // Every address outside the site's top level (readers' pages never run the proxy for this).
    '/((?!(?:zh|en|ru|kk|api|studio|draft|_next|favicon\\.svg|robots\\.txt|sitemap\\.xml)(?:/|$)).+)',
  ],
}
