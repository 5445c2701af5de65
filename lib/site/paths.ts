import {LOCALES, type Locale} from '../i18n/locales'

/**
 * Every address of the site, built here only. A page's `path` is the part after the locale ('' for
 * the guide), so the same path serves every language (hreflang, the language switch).
 */
export const localePath = (locale: Locale, path = '') => `/${locale}${path}`

/**
 * What the site has at its top level: the four languages, the API, the Studio, draft mode's tree,
 * Next's files, and the files and metadata routes beside them (public/, app/robots.ts, app/sitemap.ts).
 */
export const TOP_LEVEL_SEGMENTS: ReadonlySet<string> = new Set([
  ...LOCALES,
  'api',
  'studio',
  'draft',
  '_next',
  'favicon.svg',
  'robots.txt',
  'sitemap.xml',
])

export const operatorSubpath = (slug: string) => `/operators/${slug}`
export const operatorPath = (locale: Locale, slug: string) => localePath(locale, operatorSubpath(slug))

const UNDER_AN_OPERATOR = new RegExp(`^/(?:${LOCALES.join('|')})/operators/([^/]+)(?:/|$)`)
/** The slug of the operator an address is under (its page, share image, report receipt), or undefined. */
export function operatorSlugOf(pathname: string): string | undefined {
  const segment = UNDER_AN_OPERATOR.exec(pathname)?.[1]
  if (segment === undefined) return undefined
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment // malformed: no operator has it
  }
}

export const checklistPath = (locale: Locale, operatorSlug?: string) =>
  localePath(locale, operatorSlug ? `/checklist?operator=${encodeURIComponent(operatorSlug)}` : '/checklist')

export const comparePath = (locale: Locale) => localePath(locale, '/compare')
/** Two operators side by side (the form on the comparison sends its picks here), or the empty form. */
export const sideBySideSubpath = (operatorSlugs: readonly string[] = []) =>
  `/compare/side-by-side${operatorSlugs.length > 0 ? `?${operatorSlugs.map((slug) => `operator=${encodeURIComponent(slug)}`).join('&')}` : ''}`
export const sideBySidePath = (locale: Locale, operatorSlugs: readonly string[] = []) =>
  localePath(locale, sideBySideSubpath(operatorSlugs))

/** Where the report form posts, where a stored report sends the reader, and the form itself. */
export const reportActionPath = (locale: Locale, operatorSlug: string) => `/api/reports/${locale}/${encodeURIComponent(operatorSlug)}`
export const reportReceivedPath = (locale: Locale, operatorSlug: string) =>
  localePath(locale, `${operatorSubpath(operatorSlug)}/report-received`)
export const reportFormPath = (locale: Locale, operatorSlug: string) => `${operatorPath(locale, operatorSlug)}#report`

/** The change feed's status, which the Studio's verification age view reads on the site's own origin. */
export const contentChangesStatusPath = '/api/content-changes'
