import {describe, expect, it} from 'vitest'
import {daysSince, format, formatDate, formatMoment, textIn, messagesFor, pickBlocks, pickText, LOCALES} from '@/lib/i18n'
import {en} from '@/lib/i18n/messages/en'
import {negotiateLocale} from '@/lib/i18n/negotiate'

describe('language fallback', () => {
  it('prefers the reader language', () => {
    expect(pickText({zh: '中', en: 'en', ru: 'ru', kk: 'kk'}, 'kk')).toEqual({value: 'kk', locale: 'kk', fellBack: false})
  })
  it('falls back kk → ru → en → zh and says so', () => {
    expect(pickText({zh: '中', en: 'en', ru: 'ru'}, 'kk')).toEqual({value: 'ru', locale: 'ru', fellBack: true})
    expect(pickText({zh: '中', en: 'en'}, 'kk')?.locale).toBe('en')
    expect(pickText({zh: '中'}, 'kk')?.locale).toBe('zh')
    expect(pickText({zh: '中'}, 'ru')?.locale).toBe('zh')
    expect(pickText({en: 'en'}, 'zh')).toEqual({value: 'en', locale: 'en', fellBack: true})
  })
  it('treats blank strings and empty block arrays as missing', () => {
    expect(pickText({en: '   ', zh: '中'}, 'en')?.locale).toBe('zh')
    expect(pickBlocks({en: [], zh: [{}]}, 'en')?.locale).toBe('zh')
  })
  it('survives values of the wrong type', () => {
    expect(pickText(null, 'en')).toBeUndefined()
    expect(pickText('plain' as never, 'en')).toBeUndefined()
    expect(pickText({en: 42 as never}, 'en')).toBeUndefined()
    expect(pickText({en: ['a list'], zh: '中'}, 'en')?.locale).toBe('zh')
    expect(pickBlocks({en: 'text where blocks belong'}, 'en')).toBeUndefined()
    expect(textIn(undefined, 'zh')).toBe('')
  })
})

describe('messages', () => {
  const keys = (value: object, prefix = ''): string[] =>
    Object.entries(value).flatMap(([key, child]) =>
      typeof child === 'object' && child !== null ? keys(child, `${prefix}${key}.`) : [`${prefix}${key}`],
    )
  const leaves = (value: object): string[] =>
    Object.values(value).flatMap((child) => (typeof child === 'object' && child !== null ? leaves(child) : [child as string]))

  it.each(LOCALES)('%s has every key, none empty, the same placeholders', (locale) => {
    const messages = messagesFor(locale)
    expect(keys(messages)).toEqual(keys(en))
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort().join()
    const ours = leaves(messages)
    leaves(en).forEach((english, index) => {
      expect(ours[index]?.trim()).not.toBe('')
      expect(placeholders(ours[index]!)).toBe(placeholders(english))
    })
  })
})

describe('formatting', () => {
  it('fills placeholders and keeps unknown ones', () => {
    expect(format('Cancel {name} in {days} days {x}', {name: 'Kcell', days: 3})).toBe('Cancel Kcell in 3 days {x}')
  })
  it('formats dates per locale with Intl', () => {
    expect(formatDate('2026-11-25', 'en')).toBe('November 25, 2026')
    expect(formatDate('2026-11-25', 'zh')).toBe('2026年11月25日')
    expect(formatDate('2026-11-25', 'ru')).toMatch(/25 ноября 2026/)
    expect(formatDate('not a date', 'en')).toBe('not a date')
  })
  it('counts days since a date', () => {
    expect(daysSince('2026-05-01', new Date('2026-11-25T12:00:00Z'))).toBe(208)
  })
})

describe('Accept-Language negotiation', () => {
  it.each([
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    ['zh-TW', 'zh'],
    ['en-US,en;q=0.9', 'en'],
    ['ru-RU,ru;q=0.9,en;q=0.8', 'ru'],
    ['kk-KZ,ru;q=0.8', 'kk'],
    ['de-DE,ru;q=0.5', 'ru'],
    ['en;q=0.2,ru;q=0.9', 'ru'],
    ['fr-FR', 'zh'],
    ['', 'zh'],
    [null, 'zh'],
    ['*;q=0,;;,en;q=abc', 'zh'],
  ])('%s → %s', (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale)
  })
})

describe('a moment with a time of day, for every hour and minute', () => {
  /**
   * Each number word a time can end with when read aloud, and that word with the ablative ("from")
   * and dative ("until") endings, as a Kazakh grammar gives them. A time on the hour is read with
   * its zeros («тоғыз нөл нөл»): lib/i18n/format.ts says why, with its sources.
   */
  const KAZAKH_FORMS: Record<string, [from: string, until: string]> = {
    нөл: ['нөлден', 'нөлге'],
    бір: ['бірден', 'бірге'],
    екі: ['екіден', 'екіге'],
    үш: ['үштен', 'үшке'],
    төрт: ['төрттен', 'төртке'],
    бес: ['бестен', 'беске'],
    алты: ['алтыдан', 'алтыға'],
    жеті: ['жетіден', 'жетіге'],
    сегіз: ['сегізден', 'сегізге'],
    тоғыз: ['тоғыздан', 'тоғызға'],
    он: ['оннан', 'онға'],
    жиырма: ['жиырмадан', 'жиырмаға'],
    отыз: ['отыздан', 'отызға'],
    қырық: ['қырықтан', 'қырыққа'],
    елу: ['елуден', 'елуге'],
  }
  const UNITS = ['нөл', 'бір', 'екі', 'үш', 'төрт', 'бес', 'алты', 'жеті', 'сегіз', 'тоғыз']
  const TENS = ['нөл', 'он', 'жиырма', 'отыз', 'қырық', 'елу']
  /** 18:30 is read «он сегіз отыз», 18:35 «он сегіз отыз бес», 09:00 «тоғыз нөл нөл». */
  const lastWord = (minute: number) => (minute % 10 === 0 ? TENS[minute / 10]! : UNITS[minute % 10]!)
  const times = Array.from({length: 24 * 60}, (_, index) => {
    const [hour, minute] = [Math.floor(index / 60), index % 60]
    const clock = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`
    return {clock, minute, moment: `2026-01-03T${clock}:00+05:00`}
  })

  it('puts the Kazakh ending on the time, agreeing with its last number word (18:30 → -дан бастап, -ға дейін)', () => {
    expect(formatMoment('2026-01-03T18:30:00+05:00', 'kk')).toBe('2026 жылғы 3 қаңтарда сағат 18:30-дан')
    expect(formatMoment('2026-01-03T18:30:00+05:00', 'kk', 'until')).toBe('2026 жылғы 3 қаңтарда сағат 18:30-ға')
    expect(formatMoment('2026-01-03T09:00:00+05:00', 'kk')).toBe('2026 жылғы 3 қаңтарда сағат 09:00-ден')
    expect(times).toHaveLength(1440)
    for (const {clock, minute, moment} of times) {
      const word = lastWord(minute)
      const [from, until] = KAZAKH_FORMS[word]!
      expect(formatMoment(moment, 'kk'), clock).toBe(`2026 жылғы 3 қаңтарда сағат ${clock}-${from.slice(word.length)}`)
      expect(formatMoment(moment, 'kk', 'until'), clock).toBe(`2026 жылғы 3 қаңтарда сағат ${clock}-${until.slice(word.length)}`)
    }
  })

  it('keeps the ending on the month for a date alone, in every month', () => {
    const from = ['қаңтардан', 'ақпаннан', 'наурыздан', 'сәуірден', 'мамырдан', 'маусымнан']
    from.push('шілдеден', 'тамыздан', 'қыркүйектен', 'қазаннан', 'қарашадан', 'желтоқсаннан')
    const until = ['қаңтарға', 'ақпанға', 'наурызға', 'сәуірге', 'мамырға', 'маусымға', 'шілдеге', 'тамызға']
    until.push('қыркүйекке', 'қазанға', 'қарашаға', 'желтоқсанға')
    const at = ['қаңтарда', 'ақпанда', 'наурызда', 'сәуірде', 'мамырда', 'маусымда', 'шілдеде', 'тамызда']
    at.push('қыркүйекте', 'қазанда', 'қарашада', 'желтоқсанда')
    for (let month = 1; month <= 12; month++) {
      const day = `2026-${String(month).padStart(2, '0')}-15`
      expect(formatMoment(day, 'kk')).toBe(`2026 жылғы 15 ${from[month - 1]}`)
      expect(formatMoment(day, 'kk', 'until')).toBe(`2026 жылғы 15 ${until[month - 1]}`)
      expect(formatMoment(`${day}T12:30:00+05:00`, 'kk')).toBe(`2026 жылғы 15 ${at[month - 1]} сағат 12:30-дан`)
    }
  })

  it('writes every time the same way in Russian, Chinese and English', () => {
    for (const {clock, minute, moment} of times) {
      const hour = Number(clock.slice(0, 2))
      expect(formatMoment(moment, 'ru'), clock).toBe(`3 января 2026 г. в ${clock}`)
      expect(formatMoment(moment, 'zh'), clock).toBe(`2026年1月3日 ${clock}`)
      expect(formatMoment(moment, 'en'), clock).toMatch(
        new RegExp(`^January 3, 2026 at ${hour % 12 || 12}:${String(minute).padStart(2, '0')}\\s${hour < 12 ? 'AM' : 'PM'}$`),
      )
    }
  })
})
