import {describe, expect, it} from 'vitest'
import {LOCALES, messagesFor} from '@/lib/i18n'
import {fixtureDocuments} from '../support/dataset'

/**
 * Wording the code relies on and corrections made on reading the site as a reader would, held over
 * the frozen fixture and the interface messages. What must hold of the live seed whatever an editor
 * changes is in lib/content/checks.ts (`npm run check-content`, tests/unit/content-checks.test.ts).
 */
const documents = fixtureDocuments()
const byId = Object.fromEntries(documents.map((doc) => [doc._id, doc])) as Record<string, Record<string, any>>
/** Every string of the dataset and of the interface messages, with where it is. */
function texts(): [string, string][] {
  const found: [string, string][] = []
  const collect = (value: unknown, where: string) => {
    if (typeof value === 'string') found.push([where, value])
    else if (Array.isArray(value)) value.forEach((item, index) => collect(item, `${where}[${index}]`))
    // A translation basis keeps copies of texts for the Studio (lib/i18n/translation.ts): readers never see them.
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) if (key !== 'translationBasis') collect(child, `${where}.${key}`)
    }
  }
  for (const doc of documents) collect(doc, doc._id)
  for (const locale of LOCALES) collect(messagesFor(locale), `messages.${locale}`)
  return found
}
/** The text of Portable Text blocks in one language. */
const plain = (blocks: {children?: {text?: string}[]}[] | undefined) =>
  (blocks ?? []).map((block) => (block.children ?? []).map((child) => child.text ?? '').join('')).join('\n')

describe('every statement is a sourced fact or labelled advice', () => {
  const statements = [...byId.guide!.whyCancel, ...byId.guide!.precautions] as {
    kind: string
    topic?: string
    evidence?: {sourceUrl?: string; confidence?: string}
  }[]

  it('marks each reason and precaution of the guide as fact or advice, and gives each fact its source', () => {
    expect(statements.length).toBeGreaterThan(5)
    for (const statement of statements) {
      expect(['fact', 'advice']).toContain(statement.kind)
      if (statement.kind === 'fact') expect(statement.evidence?.sourceUrl, JSON.stringify(statement)).toMatch(/^https:\/\//)
    }
    expect(statements.filter((statement) => statement.kind === 'advice').length).toBeGreaterThan(2)
  })

  it('has the sourced statements the checklist shows', () => {
    expect(statements.find((statement) => statement.topic === 'scamCall')).toMatchObject({
      kind: 'fact',
      evidence: {sourceUrl: 'https://stan.kz'},
    })
    expect(statements.find((statement) => statement.topic === 'holderAnswers')).toMatchObject({
      kind: 'fact',
      evidence: {sourceUrl: 'https://www.zakon.kz'},
    })
  })

  it('labels the advice written into answers and notes as ours', () => {
    const labels = {zh: '我们的建议', en: 'Our advice', ru: 'Наш совет', kk: 'Біздің кеңес'} as const
    for (const id of ['faq.already-left', 'faq.lost-or-stolen', 'faq.esim', 'faq.unlink-first', 'faq.sim-expiring-call']) {
      for (const locale of LOCALES) expect(plain(byId[id]!.answer[locale]), `${id}.${locale}`).toContain(labels[locale])
    }
    for (const locale of LOCALES) expect(messagesFor(locale).trust.advice).toBe(labels[locale])
  })
})

describe('corrections from reading the site as a reader would', () => {
  it('leaves none of the phrases found wrong on reading', () => {
    const wrong = [
      // Authenticator apps do not receive SMS: the risk is SMS codes.
      /authenticator/i,
      /身份验证器/,
      /аутентификатор/i,
      /Закройте баланс/,
      /оператор АО «Kcell»/,
      /SIM-карт[аы] для модема/,
      /интернет-карт/,
      /Номер, которым вы перестали пользоваться, но не расторгли договор/,
      /ресімделген/,
      /izi-ді/,
      /ALTEL сияқты/,
      /ALTEL да,/,
      /бірдеңе қайтарыла/,
      /Телефонды қойып/,
      /ЖСН бойынша/,
      /[Нн]өмір қолжетімділікті/,
      /结清余额/,
      /否则会被封锁/,
    ]
    // One assertion over all texts: an assertion per text and phrase took seconds on a busy machine.
    const found = texts().flatMap(([where, text]) => wrong.filter((pattern) => pattern.test(text)).map((pattern) => `${where}: ${pattern}`))
    expect(found).toEqual([])
  })

  it('uses the reader’s own words in Chinese: 数据卡 and 流量卡 on the guide and the FAQ', () => {
    const settings = byId.siteSettings!
    const guide = byId.guide!
    for (const text of [settings.title.zh, settings.description.zh, guide.title.zh, guide.intro.zh]) {
      expect(text).toContain('数据卡')
      expect(text).toContain('流量卡')
    }
    const zhFaq = messagesFor('zh').faq
    expect(zhFaq.title).toContain('数据卡')
    expect(zhFaq.description).toContain('流量卡')
    const questions = documents.filter((doc) => doc._type === 'faq').map((doc) => (doc.question as {zh: string}).zh)
    expect(questions.some((question) => question.includes('数据卡') && question.includes('流量卡'))).toBe(true)
  })

  it('calls the card by one name in Chinese, in the interface and the dataset alike', () => {
    for (const [where, text] of texts()) {
      if (where.includes('.en') || where.includes('.ru') || where.includes('.kk') || !/[\u4e00-\u9fff]/.test(text)) continue
      expect(text, where).not.toMatch(/电话卡|手机卡|上网卡|纯流量卡|SIM卡/)
    }
  })

  it('marks izi’s link to Beeline as assumed, and no other', () => {
    for (const operator of documents.filter((doc) => doc._type === 'operator')) {
      expect(operator.parentAssumed === true, operator._id).toBe(operator._id === 'operator.izi')
    }
    expect(byId['operator.izi']!.parent).toEqual({_type: 'reference', _ref: 'operator.beeline'})
  })

  it('keeps Beeline’s “no expiry” statement with the scam warning, graded low for its bare home-page source', () => {
    expect(byId['policy.beeline']!.foreignerNotes).toBeUndefined()
    const noExpiry = byId.guide!.precautions.find((item: {text: {en: string}}) => /no expiry date/.test(item.text.en))
    expect(noExpiry).toMatchObject({kind: 'fact', evidence: {sourceUrl: 'https://beeline.kz', confidence: 'low'}})
    expect(byId['faq.already-left']!.answer.en.map((block: never) => plain([block])).join()).not.toMatch(/expiry/)
  })

  it('gives a settled-looking refund its confidence and the date of its source', () => {
    for (const policy of documents.filter((doc) => doc._type === 'policy')) {
      const refund = policy.balanceRefund as {outcome: string; evidence?: {sourceDate?: string; confidence?: string}} | undefined
      if (refund?.outcome !== 'refunded' && refund?.outcome !== 'notRefunded') continue
      expect(refund.evidence?.confidence, policy._id).toMatch(/high|medium|low/)
    }
    for (const id of ['policy.kcell', 'policy.activ'])
      expect(byId[id]!.balanceRefund.evidence).toMatchObject({sourceDate: '2016', confidence: 'medium'})
  })
})
