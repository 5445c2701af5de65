import {describe, expect, it} from 'vitest'
import {markTranslationsBehind, translationsBehind} from '@/lib/content/translations'
import {
  basisAfterPublish,
  isLocaleValue,
  matchingBasis,
  readableText,
  textHash,
  translationStates,
  translationSummary,
  withoutBasisTexts,
  writtenAgainst,
  writtenText,
} from '@/lib/i18n/translation'
import {LOCALES} from '@/lib/i18n/locales'
import {changesSinceWritten, wordChanges} from '@/lib/i18n/translation-diff'
import {fixtureDocuments} from '../support/dataset'

/** Translation states, derived from the texts and what each language was written against. */
const written = <T extends Record<string, unknown>>(value: T) => ({...value, translationBasis: matchingBasis(value)})
const states = (value: unknown) =>
  Object.fromEntries(
    Object.entries(translationStates(value)).map(([locale, entry]) => [
      locale,
      entry.state === 'behind' ? `behind ${entry.newer.join(',')}` : entry.state,
    ]),
  )
const note = written({_type: 'localeText', zh: '需要身份证件。', en: 'Bring your ID.', ru: 'Нужно удостоверение.', kk: 'Куәлік керек.'})

describe('hashes of what a reader reads', () => {
  it('ignore spacing and keys, and see words and link targets', () => {
    expect(textHash('Bring your ID.')).toBe(textHash('  Bring  your\nID. '))
    expect(textHash('')).toBe('')
    const block = (text: string, href = 'https://kcell.kz', key = 'a') => [
      {_type: 'block', _key: key, children: [{_type: 'span', _key: `${key}s`, text}], markDefs: [{_type: 'link', _key: 'l', href}]},
    ]
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

describe('what a translator sees of a text that is behind', () => {
  /** The change as the Studio marks it: removed words in [-…-], added ones in {+…+}. */
  const marked = (value: unknown, locale: 'zh' | 'en' | 'ru' | 'kk') =>
    changesSinceWritten(value, locale).map(({locale: newer, before, after, parts}) => ({
      newer,
      before,
      after,
      marked: parts?.map(({text, change}) => ({removed: `[-${text}-]`, added: `{+${text}+}`, same: text})[change]).join('') ?? null,
    }))

  it('keeps, beside the hashes, the texts they stand for', () => {
    expect(note.translationBasis.texts).toEqual(
      (['zh', 'en', 'ru', 'kk'] as const).map((locale) => ({_key: textHash(note[locale]), _type: 'basisText', text: note[locale]})),
    )
  })

  it('shows, after an English-only edit, the English then and now with the changed words marked, in every language behind it', () => {
    const edited = {...note, en: 'Bring your passport or ID card.'}
    const after = 'Bring your passport or ID card.'
    const change = {newer: 'en', before: 'Bring your ID.', after, marked: 'Bring your {+passport or +}ID {+card+}.'}
    expect(marked(edited, 'zh')).toEqual([change])
    expect(marked(edited, 'kk')).toEqual([change])
    expect(marked(edited, 'en')).toEqual([])
  })

  it('still shows it after the English edit is published, and no more once translated or confirmed', () => {
    const edited = {...note, en: 'Bring your passport.'}
    const published = {...edited, translationBasis: basisAfterPublish(edited)}
    expect(marked(published, 'ru')).toEqual([
      {newer: 'en', before: 'Bring your ID.', after: 'Bring your passport.', marked: 'Bring your [-ID-]{+passport+}.'},
    ])
    // A second English edit is still compared with the English the Russian was written against.
    const again = {...published, en: 'Bring your passport, please.'}
    expect(marked(again, 'ru')[0]).toMatchObject({before: 'Bring your ID.', after: 'Bring your passport, please.'})
    expect(marked({...published, ru: 'Нужен паспорт.'}, 'ru')).toEqual([])
    expect(marked({...published, translationBasis: matchingBasis(published)}, 'ru')).toEqual([])
  })

  it('splits Chinese into words, and reads Portable Text as a reader does', () => {
    expect(wordChanges('携带身份证件到营业厅办理。', '携带护照到营业厅办理。', 'zh')).toEqual([
      {text: '携带', change: 'same'},
      {text: '身份证件', change: 'removed'},
      {text: '护照', change: 'added'},
      {text: '到营业厅办理。', change: 'same'},
    ])
    const block = (text: string) => [{_type: 'block', _key: 'b', children: [{_type: 'span', _key: 's', text}], markDefs: []}]
    const steps = written({_type: 'localeBlockContent', zh: block('去营业厅。'), en: block('Go to an office.')})
    expect(marked({...steps, zh: block('去 Kcell Center。')}, 'en')).toEqual([
      {newer: 'zh', before: '去营业厅。', after: '去 Kcell Center。', marked: '去[-营业厅-]{+ Kcell Center+}。'},
    ])
  })

  it('says the text then is unknown when the basis did not keep it, or it was altered by hand', () => {
    const {texts, ...hashesOnly} = note.translationBasis
    expect(texts).toHaveLength(4)
    const edited = {...note, en: 'Bring your passport.'}
    expect(marked({...edited, translationBasis: hashesOnly}, 'zh')).toEqual([
      {newer: 'en', before: null, after: 'Bring your passport.', marked: null},
    ])
    const altered = note.translationBasis.texts!.map((entry) => (entry.text === note.en ? {...entry, text: 'Bring your visa.'} : entry))
    expect(marked({...edited, translationBasis: {...note.translationBasis, texts: altered}}, 'zh')[0]?.before).toBeNull()
  })
})

describe('translation states in content as read', () => {
  it('need only the hashes: the site drops the texts kept for the Studio, and the states stay the same', () => {
    const edited = {...note, en: 'Bring your passport.'}
    const stripped = withoutBasisTexts(structuredClone({doc: [edited]}))
    expect(stripped.doc[0]!.translationBasis).not.toHaveProperty('texts')
    expect(translationStates(stripped.doc[0])).toEqual(translationStates(edited))
  })

  it('mark the languages behind, with when the document holding them changed', () => {
    const policy = {
      _id: 'policy.kcell',
      _updatedAt: '2026-12-03T10:00:00Z',
      channels: [{_key: 'k', note: {...note, en: 'Changed.'}}],
      fees: {text: note},
    }
    markTranslationsBehind(policy)
    expect(policy.channels[0]!.note).toMatchObject({
      translationBehind: {zh: {newer: ['en'], updatedAt: '2026-12-03T10:00:00Z'}, ru: {newer: ['en']}, kk: {newer: ['en']}},
    })
    expect(policy.channels[0]!.note).not.toHaveProperty('translationBehind.en')
    expect(policy.fees.text).not.toHaveProperty('translationBehind')
    expect(translationsBehind(policy)).toEqual({newer: ['en'], behind: ['zh', 'ru', 'kk']})
  })

  it('count, per document, the texts behind or missing a language', () => {
    expect(translationSummary({a: note, b: [{c: {...note, zh: '改了。'}}], d: written({_type: 'localeString', zh: '只有中文'})})).toEqual({
      texts: 3,
      behind: 1,
      missing: 1,
    })
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
      if (['localeString', 'localeText', 'localeBlockContent'].includes(record._type as string) && !record.translationBasis)
        unstamped.push(path)
      Object.entries(record).forEach(([key, field]) => visit(field, `${path}.${key}`))
    }
    documents.forEach((doc) => visit(doc, doc._id))
    expect(unstamped).toEqual([])
  })

  it('keeps the texts every language was written against, so the translator’s view works from the first edit', () => {
    const withoutText: string[] = []
    const visit = (value: unknown) => {
      if (Array.isArray(value)) return value.forEach(visit)
      if (!value || typeof value !== 'object') return
      if (isLocaleValue(value)) {
        for (const locale of LOCALES) {
          for (const other of LOCALES) {
            const hash = writtenAgainst(value, locale)?.[other]
            if (!hash || writtenText(value, hash) === readableText(value[other])) continue
            withoutText.push(`${readableText(value.en).slice(0, 40)} (${locale}: ${other})`)
          }
        }
        return
      }
      Object.values(value).forEach(visit)
    }
    visit(fixtureDocuments())
    expect(withoutText).toEqual([])
  })
})
