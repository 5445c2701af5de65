import {LOCALE_TAGS, type Locale} from './locales'

/** Fills `{name}` placeholders. Unknown placeholders stay visible rather than vanish. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (key in values ? String(values[key]) : match))
}

/**
 * A template's text before and after one placeholder, for an element to go between them (a `<time>`,
 * a value in its own colour): `around('Verified on {date}.', 'date')` is `['Verified on ', '.']`.
 */
export function around(template: string, name: string): [before: string, after: string] {
  const [before = '', after = ''] = template.split(`{${name}}`)
  return [before, after]
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
 * Kazakh puts the date of "from" and "until" in a case of its own ("2026 жылғы 3 қаңтардан
 * бастап", "… қаңтарға дейін"), which Intl does not inflect: the month names in each case.
 */
const KAZAKH_MONTHS = {
  from: ['қаңтардан', 'ақпаннан', 'наурыздан', 'сәуірден', 'мамырдан', 'маусымнан', 'шілдеден', 'тамыздан', 'қыркүйектен', 'қазаннан', 'қарашадан', 'желтоқсаннан'],
  until: ['қаңтарға', 'ақпанға', 'наурызға', 'сәуірге', 'мамырға', 'маусымға', 'шілдеге', 'тамызға', 'қыркүйекке', 'қазанға', 'қарашаға', 'желтоқсанға'],
}
/** The clock in Kazakhstan, where the rules apply: UTC+5 in the whole country since March 2024. */
const KAZAKHSTAN_TIME = '+05:00'

/**
 * A moment a fact starts or stops being in force (lib/content/effect.ts), as the phrase "from …" or
 * "until …" needs it: a date as `formatDate` writes it, or a date and time as the clock reads in
 * Kazakhstan.
 */
export function formatMoment(value: string, locale: Locale, role: 'from' | 'until' = 'from'): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value)
  const moment = new Date(dateOnly ? `${value}T00:00:00${KAZAKHSTAN_TIME}` : value)
  if (Number.isNaN(moment.getTime())) return value
  if (locale === 'kk') {
    const part = (type: Intl.DateTimeFormatPartTypes, options: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat('en', {...options, timeZone: KAZAKHSTAN_TIME, hourCycle: 'h23'}).formatToParts(moment).find((entry) => entry.type === type)!.value
    const date = `${part('year', {year: 'numeric'})} жылғы ${Number(part('day', {day: 'numeric'}))} ${KAZAKH_MONTHS[role][Number(part('month', {month: 'numeric'})) - 1]}`
    return dateOnly ? date : `${date}, сағат ${part('hour', {hour: '2-digit', hourCycle: 'h23'})}:${part('minute', {minute: '2-digit'}).padStart(2, '0')}`
  }
  if (dateOnly) return formatDate(value, locale)
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], {dateStyle: 'long', timeStyle: 'short', timeZone: KAZAKHSTAN_TIME}).format(moment)
}

/** "A, B and C" in the reader's language. */
export function formatList(items: string[], locale: Locale): string {
  return new Intl.ListFormat(LOCALE_TAGS[locale], {type: 'conjunction'}).format(items)
}
