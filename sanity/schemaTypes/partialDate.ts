import type {StringRule} from 'sanity'
import {PARTIAL_DATE} from '../../lib/i18n/format'

const today = () => new Date().toISOString().slice(0, 10)

/**
 * A date only as precise as is known: a year (2026), a month (2026-06) or a day (2026-06-15).
 * Stored as a string, because Sanity's `date` type needs a day and would make one up.
 */
export function partialDateRule(rule: StringRule) {
  return rule.custom((value: string | undefined) => {
    if (value === undefined) return true
    if (!PARTIAL_DATE.test(value)) return 'Write a year (2026), a month (2026-06) or a day (2026-06-15).'
    const [year, month = 1, day = 1] = value.split('-').map(Number) as [number, number?, number?]
    const date = new Date(Date.UTC(year, month - 1, day))
    if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return 'This date does not exist.'
    if (value > today()) return 'The date cannot be in the future.'
    return true
  })
}
