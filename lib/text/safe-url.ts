/**
 * Which link targets may be rendered as a link. Editors paste links; a `javascript:` or `data:`
 * URL must never become an `href`. Allowed: http, https, mailto, tel, site-relative paths and
 * in-page anchors. Everything else, including scheme tricks hidden by case, whitespace or control
 * characters, is refused.
 */
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:'])

export function safeHref(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined
  const href = raw.trim()
  if (href === '' || href.length > 2048) return undefined
  // Browsers drop ASCII control characters and whitespace inside a scheme ("java\tscript:"),
  // so any of them makes the URL suspect.
  if (/[\u0000-\u001f\u007f\s]/.test(href)) return undefined
  if (href.startsWith('#')) return href
  // "/path" is relative; "//host" is protocol-relative, an external link in disguise.
  if (href.startsWith('/')) return href.startsWith('//') || href.startsWith('/\\') ? undefined : href
  let url: URL
  try {
    url = new URL(href)
  } catch {
    return undefined
  }
  return SAFE_SCHEMES.has(url.protocol) ? href : undefined
}

export function isHttpUrl(raw: unknown): boolean {
  const href = typeof raw === 'string' ? safeHref(raw) : undefined
  return href !== undefined && /^https?:\/\//i.test(href)
}
