import type {Locale} from '../i18n/locales'
import {localizedPath} from '../seo'

/** Where the report form posts, and where a stored report sends the reader: one builder each. */
export const reportActionPath = (locale: Locale, operatorSlug: string) => `/api/reports/${locale}/${encodeURIComponent(operatorSlug)}`

export const reportReceivedPath = (locale: Locale, operatorSlug: string) => localizedPath(locale, `/operators/${operatorSlug}/report-received`)

/** The form on an operator's page, for a reader sent back to it. */
export const reportFormPath = (locale: Locale, operatorSlug: string) => localizedPath(locale, `/operators/${operatorSlug}#report`)
