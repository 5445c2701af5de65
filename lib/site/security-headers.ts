/**
 * Response headers for every route. Reader pages are served from a shared cache, so the
 * Content-Security-Policy cannot carry a per-request nonce: scripts are limited to this origin
 * plus Next's inline bootstrap, and nothing else may load or frame the site. Editors' rich text
 * is rendered through an allow-list (see safe-url.ts), never as HTML.
 */
type Header = {key: string; value: string}

const common: Header[] = [
  {key: 'X-Content-Type-Options', value: 'nosniff'},
  {key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin'},
  {key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()'},
  {key: 'Cross-Origin-Opener-Policy', value: 'same-origin'},
]

function csp(directives: Record<string, string>) {
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ')
}

/**
 * `framedByStudio`: for editors in draft mode only, whom the Studio's Presentation tool shows the
 * site in a frame on this same origin. Readers' pages may not be framed at all.
 */
export function securityHeaders({framedByStudio = false} = {}): Header[] {
  return [
    ...common,
    {
      key: 'Content-Security-Policy',
      value: csp({
        'default-src': "'self'",
        'script-src': "'self' 'unsafe-inline'",
        'style-src': "'self' 'unsafe-inline'",
        'img-src': "'self' data:",
        'font-src': "'self'",
        'connect-src': "'self'",
        'object-src': "'none'",
        'base-uri': "'self'",
        'form-action': "'self'",
        'frame-ancestors': framedByStudio ? "'self'" : "'none'",
        'upgrade-insecure-requests': '',
      })
        .replace(/ ;/g, ';')
        .trimEnd(),
    },
    {key: 'X-Frame-Options', value: framedByStudio ? 'SAMEORIGIN' : 'DENY'},
  ]
}

/**
 * The Studio talks to Sanity's APIs and live sockets, or to the local backend `npm start` runs on
 * this machine (its port is chosen at start, this policy at build: any localhost port, over TLS
 * only, and `local.localhost`, where Sanity's SDK looks for the local project); asks Sanity's module
 * CDN whether it is up to date; loads its typeface from Sanity's design-system host; and may be
 * framed by Sanity's Presentation tool on this origin.
 */
export function studioSecurityHeaders(): Header[] {
  return [
    ...common,
    {
      key: 'Content-Security-Policy',
      value: csp({
        'default-src': "'self'",
        'script-src': "'self' 'unsafe-inline' 'unsafe-eval'",
        'style-src': "'self' 'unsafe-inline'",
        'img-src': "'self' data: blob: https://cdn.sanity.io https://*.sanity.io https://lh3.googleusercontent.com",
        'font-src': "'self' data: https://design-system-static.sanity.io",
        'connect-src':
          "'self' https://*.sanity.io wss://*.sanity.io https://sanity-cdn.com https://localhost:* wss://localhost:* https://local.localhost:*",
        'frame-src': "'self' https://*.sanity.io",
        'worker-src': "'self' blob:",
        'object-src': "'none'",
        'base-uri': "'self'",
        'frame-ancestors': "'self'",
      }),
    },
    {key: 'X-Frame-Options', value: 'SAMEORIGIN'},
  ]
}
