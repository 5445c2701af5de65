import {evaluate, parse} from 'groq-js'
import {describe, expect, it} from 'vitest'
import {contentUntil, REVALIDATE_SECONDS} from '@/lib/freshness/profiles'
import {effectMoment, nextBoundary} from '@/lib/content/effect'
import {guideQuery, queryParams} from '@/lib/content/queries'
import {formatMoment} from '@/lib/i18n'

/** When facts are in force: the moments, the state GROQ gives them, and when a cached answer ends. */
const KZ_MIDNIGHT_3_JAN = Date.UTC(2026, 0, 2, 19, 0, 0)

describe('moments', () => {
  it('reads a date alone as 00:00 in Kazakhstan (UTC+5)', () => {
    expect(effectMoment('2026-01-03')).toBe(KZ_MIDNIGHT_3_JAN)
  })
  it('reads a date and time with its offset', () => {
    expect(effectMoment('2026-01-03T09:30:00+05:00')).toBe(Date.UTC(2026, 0, 3, 4, 30))
    expect(effectMoment('2026-01-03T04:30:00Z')).toBe(Date.UTC(2026, 0, 3, 4, 30))
    expect(effectMoment('2026-01-03T04:30:00.250Z')).toBe(Date.UTC(2026, 0, 3, 4, 30, 0, 250))
  })
  it('refuses what GROQ could not read the same way', () => {
    for (const value of ['2026-01-03T09:30', '2026-01-03T09:30+05:00', '3 January 2026', '2026-1-3', '', 20260103, null])
      expect(effectMoment(value)).toBeUndefined()
  })
  it("writes a moment in the reader's language, at Kazakhstan's time", () => {
    expect(formatMoment('2026-01-03', 'en')).toBe('January 3, 2026')
    // 19:00 UTC on 2 January is midnight on 3 January in Kazakhstan.
    expect(formatMoment('2026-01-02T19:00:00Z', 'en')).toMatch(/^January 3, 2026 at 12:00\sAM$/)
    expect(formatMoment('2026-01-02T19:00:00Z', 'ru')).toBe('3 января 2026 г. в 00:00')
    expect(formatMoment('2026-01-03', 'zh')).toBe('2026年1月3日')
  })
})

describe('the state GROQ gives a fact, across the UTC+5 day edge', () => {
  const guide = (rule: Record<string, unknown>) => [{_id: 'guide', _type: 'guide', rules: [{_key: 'r', title: {en: 'Rule'}, ...rule}]}]
  const stateAt = async (rule: Record<string, unknown>, now: number) => {
    const result = (await (
      await evaluate(parse(guideQuery), {dataset: guide(rule), params: queryParams(), timestamp: new Date(now)})
    ).get()) as {
      rules: {effect: string}[]
      ended: {_key: string; until: string}[]
    }
    return result.rules[0]?.effect ?? `ended:${result.ended.map((fact) => fact.until).join()}`
  }
  it('is upcoming until 00:00 in Kazakhstan on its day, and in force from then', async () => {
    expect(await stateAt({effectiveFrom: '2026-01-03'}, KZ_MIDNIGHT_3_JAN - 1000)).toBe('upcoming')
    // 19:00 UTC on 2 January is already 3 January in Kazakhstan.
    expect(await stateAt({effectiveFrom: '2026-01-03'}, KZ_MIDNIGHT_3_JAN)).toBe('inForce')
    expect(await stateAt({effectiveFrom: '2026-01-03T09:00:00+05:00'}, Date.UTC(2026, 0, 3, 3, 59, 59))).toBe('upcoming')
    expect(await stateAt({effectiveFrom: '2026-01-03T09:00:00+05:00'}, Date.UTC(2026, 0, 3, 4))).toBe('inForce')
  })
  it('leaves the lists at its end, into the change log', async () => {
    expect(await stateAt({effectiveUntil: '2026-01-03'}, KZ_MIDNIGHT_3_JAN - 1)).toBe('inForce')
    expect(await stateAt({effectiveUntil: '2026-01-03'}, KZ_MIDNIGHT_3_JAN)).toBe('ended:2026-01-03')
  })
  it('is a proposal whatever its dates, and in force with none', async () => {
    expect(await stateAt({status: 'proposed', effectiveFrom: '2020-01-01'}, KZ_MIDNIGHT_3_JAN)).toBe('proposed')
    expect(await stateAt({}, KZ_MIDNIGHT_3_JAN)).toBe('inForce')
    expect(await stateAt({effectiveFrom: 'someday'}, KZ_MIDNIGHT_3_JAN)).toBe('inForce')
  })
})

describe('when a cached answer ends', () => {
  const answer = {
    _id: 'guide',
    rules: [
      {effectiveFrom: '2026-01-03', effectiveUntil: '2027-01-01'},
      {effectiveFrom: '2025-11-18'},
      {nested: [{effectiveUntil: '2026-01-02T20:00:00+05:00'}]},
    ],
  }
  it('at the first start or end still to come, and at no past one', () => {
    const fourHoursBefore = KZ_MIDNIGHT_3_JAN - 4 * 3_600_000
    expect(nextBoundary(answer, fourHoursBefore - 1)).toBe(fourHoursBefore)
    expect(nextBoundary(answer, fourHoursBefore)).toBe(KZ_MIDNIGHT_3_JAN)
    expect(nextBoundary(answer, KZ_MIDNIGHT_3_JAN)).toBe(effectMoment('2027-01-01'))
    expect(nextBoundary(answer, effectMoment('2027-01-01')!)).toBeUndefined()
    expect(nextBoundary({effectiveFrom: 'not a moment'}, 0)).toBeUndefined()
  })
  it('cuts the content profile short at the boundary, never below a second nor past the safety net', () => {
    const now = 1_000_000
    expect(contentUntil(now + 4_200, now).revalidate).toBe(5)
    expect(contentUntil(now + 10, now).revalidate).toBe(1)
    expect(contentUntil(now + 10 * 86_400_000, now).revalidate).toBe(REVALIDATE_SECONDS)
    expect(contentUntil(now + 4_200, now).expire).toBeGreaterThan(contentUntil(now + 4_200, now).revalidate)
  })
})
