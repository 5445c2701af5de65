import {extraSiteOrigins, siteUrl} from '../env.mjs'

/**
 * Where the site's own pages are: SITE_URL's origin, and the other origins readers reach it at
 * (SITE_ORIGINS; `npm start` adds its own localhost addresses). From configuration only: a request
 * cannot name an origin as the site's, as it could through `Host` (a DNS-rebinding page, served
 * without a proxy that sets Host, makes its Origin and Host agree).
 */
export function siteOrigins(env?: NodeJS.ProcessEnv): Set<string> {
  const origins = new Set([new URL(siteUrl(env)).origin])
  for (const entry of extraSiteOrigins(env)) {
    let url: URL | undefined
    try {
      url = new URL(entry)
    } catch {
      url = undefined
    }
    if (
      !url ||
      !/^https?:$/.test(url.protocol) ||
      !/^[a-z0-9.-]+$|^\[[0-9a-f:.]+\]$/.test(url.hostname) ||
      url.pathname !== '/' ||
      url.search ||
      url.hash ||
      url.username ||
      url.password
    ) {
      throw new Error(`SITE_ORIGINS: "${entry}" is not an origin written as scheme://host[:port]`)
    }
    origins.add(url.origin)
  }
  return origins
}

/**
 * Whether a request that changes something (a reader's report, leaving draft mode) comes from a
 * page of this site. Browsers say where a request comes from in headers a page cannot set:
 * `Sec-Fetch-Site` (all current browsers) and `Origin` (on every POST). That is enough to refuse a
 * form on another site, without a cookie or a token in the page, which would make the page
 * uncacheable. A request with neither header is not from a browser: other clients can say
 * anything, but they carry no reader's or editor's cookies, and only the rate limits hold them.
 */
export function isFromThisSite(headers: Headers, origins: ReadonlySet<string> = siteOrigins()): boolean {
  const fetchSite = headers.get('sec-fetch-site')
  if (fetchSite !== null && fetchSite !== 'same-origin') return false
  const origin = headers.get('origin')
  // `Origin: null` (a sandboxed frame, a redirect across sites) is no origin of the site's.
  return origin === null || origins.has(origin)
}
