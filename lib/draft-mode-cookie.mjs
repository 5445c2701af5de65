// @ts-check
/**
 * Next's draft-mode cookie. Next names it; the request proxy (proxy.ts), the security headers
 * (next.config.ts) and the caching proxy's VCL (filled in by scripts/caching-proxy.mjs) recognise
 * a draft session by it. Only Next can tell whether its value is valid.
 */
export const DRAFT_MODE_COOKIE = '__prerender_bypass'
