import {describe, expect, it} from 'vitest'
import type {RawDocument} from '@/lib/content/embedded'
import {LOCALES, messagesFor, type Locale} from '@/lib/i18n'
import {checkDocuments, checkMessages, termFindings} from '@/lib/i18n/term-check'
import {TERMS} from '@/lib/i18n/terms'
import {fixtureDocuments} from '../support/dataset'
import {validationMarkers} from '../support/validate'

/** The term base (lib/i18n/terms.ts): one term per concept in each language, and no forbidden variant in any text. */
const documents = fixtureDocuments()
const allMessages = () => Object.fromEntries(LOCALES.map((locale) => [locale, messagesFor(locale)])) as Record<Locale, object>
const found = (text: string, locale: Locale) => termFindings(text, locale).map((finding) => finding.found)

describe('the term base', () => {
  it('has one entry per concept, with a preferred term in every language and a reason for every forbidden variant', () => {
    const concepts = TERMS.map((term) => term.concept)
    expect(new Set(concepts).size).toBe(concepts.length)
    for (const needed of [
      'cancel',
      'data card',
      'SIM card',
      'deregister',
      'temporary block',
      'reserve',
      'balance',
      'debt',
      'power of attorney',
      'ID document',
      'ID card',
      'IIN',
      'service centre',
      'porting',
      'reviewed / verified',
      'source',
    ]) {
      expect(
        concepts.some((concept) => concept.includes(needed)),
        needed,
      ).toBe(true)
    }
    for (const term of TERMS) {
      expect(term.note, term.concept).not.toBe('')
      for (const locale of LOCALES) expect(term.preferred[locale].trim(), `${term.concept} ${locale}`).not.toBe('')
      for (const variants of Object.values(term.forbidden))
        for (const variant of variants) expect(variant.why.trim(), variant.variant).not.toBe('')
    }
  })

  it('finds the inflected forms of a forbidden variant, in Kazakh and Russian words that \\b cannot delimit', () => {
    expect(found('Қазақстанда SIM-картадан бас тарту', 'kk')).toEqual(['SIM-картадан бас тарту'])
    expect(found('қажетсіз нөмірлерден бас тартудың басты себебі', 'kk')).toEqual(['нөмірлерден бас тартудың'])
    expect(found('Нөмір белсенді және қарызсыз болуы тиіс. Қарызды өтеңіз.', 'kk')).toEqual(['қарызсыз', 'Қарызды'])
    expect(found('как отказаться от SIM-карты', 'ru')).toEqual(['отказаться'])
    expect(found('главная причина отказываться от ненужных номеров', 'ru')).toEqual(['отказываться'])
    expect(found('Подайте заявление с удостоверением личности.', 'ru')).toEqual(['удостоверением личности'])
    expect(found('Долги никуда не денутся.', 'ru')).toEqual(['Долги'])
    expect(found('带上身份证去营业厅。', 'zh')).toEqual(['身份证'])
    expect(found('暂不注销：临时停机（锁号）', 'zh')).toEqual(['临时停机', '锁号'])
    expect(found('Data-only SIM cards are not treated separately.', 'en')).toEqual(['Data-only SIM'])
  })

  it('leaves the legitimate uses alone: another sense, another word that starts alike, the ID card named with the passport', () => {
    expect(found('донор-оператор нөмірді көшіруден бас тартуы мүмкін', 'kk')).toEqual([])
    expect(found('Жеке куәліктің немесе төлқұжаттың көшірмесі', 'kk')).toEqual([])
    expect(found('Отказ в переносе номера: оператор может отказать в переносе.', 'ru')).toEqual([])
    expect(found('Копия удостоверения личности или паспорта', 'ru')).toEqual([])
    expect(found('долгосрочный тариф, Максимка', 'ru')).toEqual([])
    expect(found('带上身份证件；身份证或护照复印件', 'zh')).toEqual([])
    expect(found('Copy of ID card or passport; bring your ID.', 'en')).toEqual([])
    // A variant of several words is found only with spaces between them, not across a sentence.
    expect(found('Шартты бұзу керек SIM-картадан. Бас тарту емес.', 'kk')).toEqual([])
  })

  it('is met by every text of the dataset and every message', () => {
    expect(checkDocuments(documents)).toEqual([])
    expect(checkMessages(allMessages())).toEqual([])
  })

  it('catches a forbidden variant put back in the dataset or the messages, and says where, with the preferred term', () => {
    const guide = structuredClone(documents.find((doc) => doc._id === 'guide')!) as RawDocument & {title: Record<string, string>}
    guide.title.kk = 'Қазақстанда SIM-картадан бас тарту: жалпы нұсқаулық'
    guide.title.ru = 'Как отказаться от SIM-карты в Казахстане'
    expect(checkDocuments([guide]).map(({where, found, preferred}) => ({where, found, preferred}))).toEqual([
      {where: 'guide.title.ru', found: 'отказаться', preferred: 'расторгнуть договор (расторжение договора)'},
      {where: 'guide.title.kk', found: 'SIM-картадан бас тарту', preferred: 'шартты бұзу'},
    ])
    const messages = allMessages() as Record<Locale, {vocab: {alternative: {temporaryBlock: string}}}>
    const zh = structuredClone(messages.zh)
    zh.vocab.alternative.temporaryBlock = '暂停使用：临时停机（锁号）'
    expect(checkMessages({...messages, zh}).map(({where, found}) => `${where}: ${found}`)).toEqual([
      'zh.vocab.alternative.temporaryBlock: 临时停机',
      'zh.vocab.alternative.temporaryBlock: 锁号',
    ])
  })

  it('makes the Studio warn, never refuse, naming the preferred term', async () => {
    const policy = {
      _id: 'policy.terms',
      _type: 'policy',
      operator: {_type: 'reference', _ref: 'operator.kcell'},
      subscriptions: ['prepaid'],
      reviewedAt: '2026-01-01',
      confidence: 'unverified',
      processingTime: {_type: 'factNote', text: {_type: 'localeText', zh: '当场办理。', kk: 'Бұрын берешек өтеліп, қарызсыз болуы керек.'}},
    }
    const markers = await validationMarkers(policy, documents)
    expect(markers).toEqual([
      {path: 'processingTime.text.kk', level: 'warning', message: expect.stringContaining('«қарызсыз» — the term base says «берешек»')},
    ])
    // Sanity's own validation of a whole document: about 1 s alone, several on a busy machine.
  }, 30_000)
})
