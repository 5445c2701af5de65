/**
 * Whether a report comes from a page of this site. Browsers say where a request comes from in
 * headers a page cannot set: `Sec-Fetch-Site` (all current browsers) and `Origin` (on every POST).
 * That is enough to refuse a form on another site, without a cookie or a token in the page, which
 * would make the page uncacheable. A request with neither header is not from a browser: other
 * clients can say anything, and only the rate limits hold them.
 */
export function isFromThisSite(headers: Headers, siteUrl: string): boolean {
  const fetchSite = headers.get('sec-fetch-site')
  if (fetchSite !== null && fetchSite !== 'same-origin') return false
  const origin = headers.get('origin')
  if (origin === null) return true
  if (origin === new URL(siteUrl).origin) return true
  // The address the reader used, as the Host header names it (behind a TLS terminator the
  // scheme may differ, so the host alone is compared). `Origin: null` has no host: refused.
  const host = headers.get('host')
  try {
    return host !== null && new URL(origin).host === host.toLowerCase()
  } catch {
    return false
  }
}
