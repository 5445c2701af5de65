import {LOCALE_TAGS, type Locale} from './locales'

/** Fills `{name}` placeholders. Unknown placeholders stay visible rather than vanish. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (key in values ? String(values[key]) : match))
}

/** A calendar date (YYYY-MM-DD, as Sanity stores `date` fields) in the reader's language. */
export function formatDate(date: string, locale: Locale): string {
  const parsed = new Date(`${date.slice(0, 10)}T00:00:00Z`)
  if (Number.isNaN(parsed.getTime())) return date
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], {dateStyle: 'long', timeZone: 'UTC'}).format(parsed)
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(LOCALE_TAGS[locale]).format(value)
}

/** Whole days between a YYYY-MM-DD date and `now`. */
export function daysSince(date: string, now: Date = new Date()): number {
  const then = Date.parse(`${date.slice(0, 10)}T00:00:00Z`)
  return Math.floor((now.getTime() - then) / 86_400_000)
}
