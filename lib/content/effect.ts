/**
 * When a fact is in force. A fact or statement may carry `effectiveFrom` and `effectiveUntil`: a
 * date (`2026-01-03`, which means 00:00 in Kazakhstan, UTC+5 in the whole country since March
 * 2024) or a date and time with its offset (`2026-01-03T09:00:00+05:00`). A proposal (`status:
 * proposed`) is not in force at all. The queries decide each fact's state with GROQ's `now()`
 * (queries.ts); this module finds when a cached answer must be read again: at the next of those
 * moments, so an announced change takes effect on its day without anyone publishing it.
 */
export const KAZAKHSTAN_OFFSET = '+05:00'

/** The two spellings a moment may have; GROQ's dateTime() reads both the same way (see queries.ts). */
const DATE = /^\d{4}-\d{2}-\d{2}$/
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/

export const isEffectMoment = (value: unknown): value is string => typeof value === 'string' && (DATE.test(value) || DATE_TIME.test(value))

/** The moment, in ms since the epoch; undefined for anything that is not one of the two spellings. */
export function effectMoment(value: unknown): number | undefined {
  if (!isEffectMoment(value)) return undefined
  const moment = Date.parse(DATE.test(value) ? `${value}T00:00:00${KAZAKHSTAN_OFFSET}` : value)
  return Number.isNaN(moment) ? undefined : moment
}

/** The field names that hold moments; the queries project them under these names. */
const MOMENT_FIELDS = new Set(['effectiveFrom', 'effectiveUntil'])

/** The first moment after `now` at which any fact in an answer starts or stops being in force. */
export function nextBoundary(answer: unknown, now: number): number | undefined {
  let next: number | undefined
  const visit = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(visit)
    if (!value || typeof value !== 'object') return
    for (const [key, field] of Object.entries(value)) {
      if (MOMENT_FIELDS.has(key)) {
        const moment = effectMoment(field)
        if (moment !== undefined && moment > now && (next === undefined || moment < next)) next = moment
      } else visit(field)
    }
  }
  visit(answer)
  return next
}
