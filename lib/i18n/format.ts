import {LOCALE_TAGS, type Locale} from './locales'

/** Fills `{name}` placeholders. Unknown placeholders stay visible rather than vanish. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (key in values ? String(values[key]) : match))
}

/** A date only as precise as is known: YYYY, YYYY-MM or YYYY-MM-DD. */
export const PARTIAL_DATE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/

/**
 * A calendar date in the reader's language: a day (YYYY-MM-DD, as Sanity stores `date` fields, or
 * the start of a datetime), or only a month or a year when that is all that is known.
 */
export function formatDate(date: string, locale: Locale): string {
  const precision = /^\d{4}$/.test(date) ? 'year' : /^\d{4}-\d{2}$/.test(date) ? 'month' : 'day'
  const day = precision === 'year' ? `${date}-01-01` : precision === 'month' ? `${date}-01` : date.slice(0, 10)
  const parsed = new Date(`${day}T00:00:00Z`)
  if (Number.isNaN(parsed.getTime())) return date
  const options: Intl.DateTimeFormatOptions =
    precision === 'year' ? {year: 'numeric'} : precision === 'month' ? {year: 'numeric', month: 'long'} : {dateStyle: 'long'}
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], {...options, timeZone: 'UTC'}).format(parsed)
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(LOCALE_TAGS[locale]).format(value)
}

/** Whole days between a YYYY-MM-DD date and `now`. */
export function daysSince(date: string, now: Date = new Date()): number {
  const then = Date.parse(`${date.slice(0, 10)}T00:00:00Z`)
  return Math.floor((now.getTime() - then) / 86_400_000)
}

/**
 * A moment a fact starts or stops being in force (lib/content/effect.ts): a date as `formatDate`
 * does, or a date and time as the clock reads in Kazakhstan (UTC+5), where the rules apply.
 */
export function formatMoment(value: string, locale: Locale): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, locale)
  const moment = new Date(value)
  if (Number.isNaN(moment.getTime())) return value
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], {dateStyle: 'long', timeStyle: 'short', timeZone: '+05:00'}).format(moment)
}
