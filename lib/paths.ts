import {LOCALES, type Locale} from './i18n/locales'

/**
 * Every address of the site, built here only. A page's `path` is the part after the locale ('' for
 * the guide), so the same path serves every language (hreflang, the language switch).
 */
export const localePath = (locale: Locale, path = '') => `/${locale}${path}`

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

/** Where the report form posts, where a stored report sends the reader, and the form itself. */
export const reportActionPath = (locale: Locale, operatorSlug: string) => `/api/reports/${locale}/${encodeURIComponent(operatorSlug)}`
export const reportReceivedPath = (locale: Locale, operatorSlug: string) => localePath(locale, `${operatorSubpath(operatorSlug)}/report-received`)
export const reportFormPath = (locale: Locale, operatorSlug: string) => `${operatorPath(locale, operatorSlug)}#report`

/** The change feed's status, which the Studio's verification age view reads on the site's own origin. */
export const contentChangesStatusPath = '/api/content-changes'
