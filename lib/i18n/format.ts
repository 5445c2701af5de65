import {LOCALE_TAGS, type Locale} from './locales'

/** Fills `{name}` placeholders. Unknown placeholders stay visible rather than vanish. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (key in values ? String(values[key]) : match))
}

/** One formatter per language and options: building an Intl formatter costs far more than using one. */
const formatters = new Map<string, Intl.DateTimeFormat>()
function dateTimeFormat(tag: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${tag} ${JSON.stringify(options)}`
  let formatter = formatters.get(key)
  if (!formatter) formatters.set(key, (formatter = new Intl.DateTimeFormat(tag, options)))
  return formatter
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
  return dateTimeFormat(LOCALE_TAGS[locale], {...options, timeZone: 'UTC'}).format(parsed)
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
 * Kazakh puts a case ending on the moment of "from" and "until" ("… бастап", "… дейін"), which Intl
 * does not inflect. A date alone takes it on the month: "2026 жылғы 3 қаңтардан бастап". With a time
 * of day, the date is in the locative and the ending goes on the time, agreeing with the last number
 * word of the time as read aloud: 18:30 is read «он сегіз отыз», so "сағат 18:30-дан бастап",
 * "18:30-ға дейін"; 18:05 («… бес»), "18:05-тен", "18:05-ке".
 *
 * A time on the hour is read with its zeros, «тоғыз нөл нөл», so 09:00 takes the endings of «нөл»:
 * "сағат 09:00-ден бастап", "20:00-ге дейін". That is how official notices write it: "сағат
 * 00.00-ден бастап … сағат 00.00-ге дейін" (a decree of Astana's chief sanitary doctor, qazaly.kz),
 * "сағат 09:00-ден 19:00-ге дейін" (Atyrau region, dalanews.kz), "09.00-ден 20.00-ге дейін" (kznews.kz).
 */
const KAZAKH_MONTHS = {
  from: [
    'қаңтардан',
    'ақпаннан',
    'наурыздан',
    'сәуірден',
    'мамырдан',
    'маусымнан',
    'шілдеден',
    'тамыздан',
    'қыркүйектен',
    'қазаннан',
    'қарашадан',
    'желтоқсаннан',
  ],
  until: [
    'қаңтарға',
    'ақпанға',
    'наурызға',
    'сәуірге',
    'мамырға',
    'маусымға',
    'шілдеге',
    'тамызға',
    'қыркүйекке',
    'қазанға',
    'қарашаға',
    'желтоқсанға',
  ],
  at: [
    'қаңтарда',
    'ақпанда',
    'наурызда',
    'сәуірде',
    'мамырда',
    'маусымда',
    'шілдеде',
    'тамызда',
    'қыркүйекте',
    'қазанда',
    'қарашада',
    'желтоқсанда',
  ],
}
/** The number words a time of day ends with when read aloud: units, then tens (0 is «нөл»). */
const KAZAKH_UNITS = ['нөл', 'бір', 'екі', 'үш', 'төрт', 'бес', 'алты', 'жеті', 'сегіз', 'тоғыз']
const KAZAKH_TENS = ['нөл', 'он', 'жиырма', 'отыз', 'қырық', 'елу']

/** The last word of HH:MM read aloud: the minutes' last number word («нөл» on the hour and at :10, :20 … it is the tens). */
const lastSpokenWord = (minute: number) => (minute % 10 === 0 ? KAZAKH_TENS[minute / 10]! : KAZAKH_UNITS[minute % 10]!)

/**
 * The ablative ("from") or dative ("until") ending after a Kazakh word, by synharmonism: the vowel
 * follows the word's last back (а о ұ ы) or front (ә е і ө ү) vowel; the first consonant follows its
 * last sound (after м н ң the ablative takes н; after a voiceless consonant, т and қ/к; otherwise д and ғ/г).
 */
function kazakhEnding(word: string, role: 'from' | 'until'): string {
  const front = /[әеіөү][^аоұыәеіөү]*$/.test(word)
  const last = word.at(-1) ?? ''
  const voiceless = 'кқпстшфхцчщ'.includes(last)
  if (role === 'from') return `${'мнң'.includes(last) ? 'н' : voiceless ? 'т' : 'д'}${front ? 'ен' : 'ан'}`
  return voiceless ? (front ? 'ке' : 'қа') : front ? 'ге' : 'ға'
}

/** Every part of a moment as a number, on a 24-hour clock. */
const NUMERIC_PARTS = {year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23'} as const
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
    const parts = Object.fromEntries(
      dateTimeFormat('en', {...NUMERIC_PARTS, timeZone: KAZAKHSTAN_TIME})
        .formatToParts(moment)
        .map((part) => [part.type, Number(part.value)]),
    ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute', number>
    const date = (month: string) => `${parts.year} жылғы ${parts.day} ${month}`
    if (dateOnly) return date(KAZAKH_MONTHS[role][parts.month - 1]!)
    const time = `${String(parts.hour).padStart(2, '0')}:${String(parts.minute).padStart(2, '0')}`
    return `${date(KAZAKH_MONTHS.at[parts.month - 1]!)} сағат ${time}-${kazakhEnding(lastSpokenWord(parts.minute), role)}`
  }
  if (dateOnly) return formatDate(value, locale)
  return dateTimeFormat(LOCALE_TAGS[locale], {dateStyle: 'long', timeStyle: 'short', timeZone: KAZAKHSTAN_TIME}).format(moment)
}

/** "A, B and C" in the reader's language. */
export function formatList(items: string[], locale: Locale): string {
  return new Intl.ListFormat(LOCALE_TAGS[locale], {type: 'conjunction'}).format(items)
}
