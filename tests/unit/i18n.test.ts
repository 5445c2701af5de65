import {describe, expect, it} from 'vitest'
import {daysSince, format, formatDate, textIn, messagesFor, pickBlocks, pickText, LOCALES} from '@/lib/i18n'
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
