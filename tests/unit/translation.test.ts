import {describe, expect, it} from 'vitest'
import {markTranslationsBehind, translationsBehind} from '@/lib/content/translations'
import {basisAfterPublish, matchingBasis, readableText, textHash, translationStates, translationSummary} from '@/lib/i18n/translation'
import {fixtureDocuments} from '../support/dataset'

/** Translation states, derived from the texts and what each language was written against. */
const written = <T extends Record<string, unknown>>(value: T) => ({...value, translationBasis: matchingBasis(value)})
const states = (value: unknown) => Object.fromEntries(Object.entries(translationStates(value)).map(([locale, entry]) => [locale, entry.state === 'behind' ? `behind ${entry.newer.join(',')}` : entry.state]))
const note = written({_type: 'localeText', zh: '需要身份证件。', en: 'Bring your ID.', ru: 'Нужно удостоверение.', kk: 'Куәлік керек.'})

describe('hashes of what a reader reads', () => {
  it('ignore spacing and keys, and see words and link targets', () => {
    expect(textHash('Bring your ID.')).toBe(textHash('  Bring  your\nID. '))
    expect(textHash('')).toBe('')
    const block = (text: string, href = 'https://kcell.kz', key = 'a') => [{_type: 'block', _key: key, children: [{_type: 'span', _key: `${key}s`, text}], markDefs: [{_type: 'link', _key: 'l', href}]}]
    expect(textHash(block('Go to a Kcell Center.'))).toBe(textHash(block('Go to a Kcell Center.', 'https://kcell.kz', 'other-key')))
    expect(textHash(block('Go to a Kcell Center.'))).not.toBe(textHash(block('Go to a Kcell Store.')))
    expect(textHash(block('Go to a Kcell Center.'))).not.toBe(textHash(block('Go to a Kcell Center.', 'https://activ.kz')))
    expect(readableText(block('Go.'))).toBe('Go. <https://kcell.kz>')
    expect(textHash('x')).toMatch(/^[0-9a-f]{8}$/)
  })
})

describe('translation states', () => {
  it('are current when nothing changed since the texts were written against each other', () => {
    expect(states(note)).toEqual({zh: 'current', en: 'current', ru: 'current', kk: 'current'})
  })

  it('put the other languages behind when one changes, however it changed, and current again when it is reverted', () => {
    const edited = {...note, en: 'Bring your passport or ID card.'}
    expect(states(edited)).toEqual({zh: 'behind en', en: 'current', ru: 'behind en', kk: 'behind en'})
    expect(states({...edited, en: note.en})).toEqual(states(note))
  })

  it('take a language rewritten since as brought along, and say which languages a reader of each would read first', () => {
    const edited = {...note, en: 'Bring your passport.', ru: 'Нужен паспорт.'}
    expect(states(edited)).toEqual({zh: 'behind en,ru', en: 'current', ru: 'current', kk: 'behind ru,en'})
  })

  it('call an empty language missing, and a language filled in for the first time new, not newer', () => {
    const partial = written({_type: 'localeText', zh: '需要身份证件。', en: 'Bring your ID.'})
    expect(states(partial)).toEqual({zh: 'current', en: 'current', ru: 'missing', kk: 'missing'})
    expect(states({...partial, kk: 'Куәлік керек.'})).toEqual({zh: 'current', en: 'current', ru: 'missing', kk: 'current'})
  })

  it('work on Portable Text', () => {
    const block = (text: string) => [{_type: 'block', _key: 'b', children: [{_type: 'span', _key: 's', text}], markDefs: []}]
    const steps = written({_type: 'localeBlockContent', zh: block('去营业厅。'), en: block('Go to an office.')})
    expect(states({...steps, zh: block('去 Kcell Center。')})).toEqual({zh: 'current', en: 'behind zh', ru: 'missing', kk: 'missing'})
  })

  it('are kept by a publish: the current languages are recorded against the texts as they are, the behind ones stay behind', () => {
    const edited = {...note, en: 'Bring your passport.'}
    const published = {...edited, translationBasis: basisAfterPublish(edited)}
    expect(states(published)).toEqual(states(edited))
    // The next change, in Chinese, finds English behind it too.
    expect(states({...published, zh: '需要护照。'})).toEqual({zh: 'current', en: 'behind zh', ru: 'behind en,zh', kk: 'behind en,zh'})
  })

  it('are all current again once an editor confirms that the translations still match', () => {
    const edited = {...note, en: 'Bring your ID card.'}
    expect(states({...edited, translationBasis: matchingBasis(edited)})).toEqual(states(note))
  })
})

describe('translation states in content as read', () => {
  it('mark the languages behind, with when the document holding them changed', () => {
    const policy = {_id: 'policy.kcell', _updatedAt: '2026-12-03T10:00:00Z', channels: [{_key: 'k', note: {...note, en: 'Changed.'}}], fees: {text: note}}
    markTranslationsBehind(policy)
    expect(policy.channels[0]!.note).toMatchObject({translationBehind: {zh: {newer: ['en'], updatedAt: '2026-12-03T10:00:00Z'}, ru: {newer: ['en']}, kk: {newer: ['en']}}})
    expect(policy.channels[0]!.note).not.toHaveProperty('translationBehind.en')
    expect(policy.fees.text).not.toHaveProperty('translationBehind')
    expect(translationsBehind(policy)).toEqual({newer: ['en'], behind: ['zh', 'ru', 'kk']})
  })

  it('count, per document, the texts behind or missing a language', () => {
    expect(translationSummary({a: note, b: [{c: {...note, zh: '改了。'}}], d: written({_type: 'localeString', zh: '只有中文'})})).toEqual({texts: 3, behind: 1, missing: 1})
  })
})

describe('the bundled dataset', () => {
  it('starts with every text current, each with what its languages were written against', () => {
    const documents = fixtureDocuments()
    expect(translationSummary(documents).behind).toBe(0)
    const unstamped: string[] = []
    const visit = (value: unknown, path: string) => {
      if (Array.isArray(value)) return value.forEach((item, index) => visit(item, `${path}[${index}]`))
      if (!value || typeof value !== 'object') return
      const record = value as Record<string, unknown>
      if (['localeString', 'localeText', 'localeBlockContent'].includes(record._type as string) && !record.translationBasis) unstamped.push(path)
      Object.entries(record).forEach(([key, field]) => visit(field, `${path}.${key}`))
    }
    documents.forEach((doc) => visit(doc, doc._id))
    expect(unstamped).toEqual([])
  })
})
