import type {Locale} from './i18n/locales'

/**
 * Every address of the site, built here only. A page's `path` is the part after the locale ('' for
 * the guide), so the same path serves every language (hreflang, the language switch).
 */
export const localePath = (locale: Locale, path = '') => `/${locale}${path}`

export const operatorSubpath = (slug: string) => `/operators/${slug}`
export const operatorPath = (locale: Locale, slug: string) => localePath(locale, operatorSubpath(slug))

export const checklistPath = (locale: Locale, operatorSlug?: string) =>
  localePath(locale, operatorSlug ? `/checklist?operator=${encodeURIComponent(operatorSlug)}` : '/checklist')

/** Where the report form posts, where a stored report sends the reader, and the form itself. */
export const reportActionPath = (locale: Locale, operatorSlug: string) => `/api/reports/${locale}/${encodeURIComponent(operatorSlug)}`
export const reportReceivedPath = (locale: Locale, operatorSlug: string) => localePath(locale, `${operatorSubpath(operatorSlug)}/report-received`)
export const reportFormPath = (locale: Locale, operatorSlug: string) => `${operatorPath(locale, operatorSlug)}#report`
