import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {LOCALES, messagesFor} from '@/lib/i18n'
import {seedDocuments, SEED_FILE} from '../support/dataset'

/** The guide gives advice people act on: the bundled dataset is held to the content brief. */
const raw = readFileSync(SEED_FILE, 'utf8')
const documents = seedDocuments()

function walk(value: unknown, visit: (node: Record<string, unknown>, path: string) => void, path = '') {
  if (Array.isArray(value)) value.forEach((item, index) => walk(item, visit, `${path}[${index}]`))
  else if (value && typeof value === 'object') {
    visit(value as Record<string, unknown>, path)
    for (const [key, child] of Object.entries(value)) walk(child, visit, `${path}.${key}`)
  }
}

describe('content truth in the bundled dataset', () => {
  it('is in the export format: one document a line, every array object keyed', () => {
    const lines = raw.trim().split('\n')
    expect(lines.length).toBe(documents.length)
    for (const doc of documents) {
      walk(doc, (node, path) => {
        if (/\[\d+\]$/.test(path) && node._type !== 'reference') expect(node._key, `${doc._id}${path}`).toBeTruthy()
      })
    }
  })

  it('never carries the advertising link of the source article', () => {
    expect(raw).not.toMatch(/t\.me\//i)
    // The reseller's name is spelled out in pieces so this file itself never carries it.
    expect(raw.toLowerCase()).not.toContain(['esim', '1088'].join(''))
    expect(raw.toLowerCase()).not.toContain('telegram.me')
  })

  it('ships no unverified hotline numbers', () => {
    for (const doc of documents.filter((d) => d._type === 'operator')) {
      for (const contact of (doc.contacts as {kind: string; value?: string}[] | undefined) ?? []) {
        if (contact.kind === 'hotline') expect(contact.value ?? '', `${doc._id} hotline`).toBe('')
      }
    }
    expect(raw).not.toMatch(/"(455|0611|611)"/)
  })

  it('gives every sourced fact a checked date, and every source an http(s) address', () => {
    for (const doc of documents) {
      walk(doc, (node, path) => {
        if (node._type === 'evidence' && node.sourceUrl) {
          expect(node.verifiedAt, `${doc._id}${path}`).toMatch(/^\d{4}-\d{2}-\d{2}$/)
          expect(String(node.sourceUrl)).toMatch(/^https?:\/\//)
        }
        if (node._type === 'sourceReference') {
          expect(String(node.url)).toMatch(/^https?:\/\//)
          // The brief says only that its sources were read in 2026: no day or month is known.
          expect(node.accessedAt, `${doc._id}${path}`).toBe('2026')
        }
      })
    }
  })

  it('has a policy for every operator, each with a verified date, confidence and change log', () => {
    const operators = documents.filter((doc) => doc._type === 'operator')
    const policies = documents.filter((doc) => doc._type === 'policy')
    expect(operators.map((op) => (op.slug as {current: string}).current).sort()).toEqual(
      ['activ', 'altel', 'beeline', 'izi', 'kcell', 'tele2'],
    )
    for (const operator of operators) {
      const own = policies.filter((p) => (p.operator as {_ref: string})._ref === operator._id)
      expect(own, operator._id).toHaveLength(1)
      expect(own[0]!.reviewedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      expect(own[0]!.confidence).toBeTruthy()
      expect((own[0]!.changeLog as unknown[]).length).toBeGreaterThan(0)
    }
  })

  it('dates a policy as verified only when something in it is verified', () => {
    for (const policy of documents.filter((doc) => doc._type === 'policy')) {
      const verified = policy.confidence !== 'unverified' && ((policy.sources as unknown[] | undefined)?.length ?? 0) > 0
      if (verified) expect(policy.verifiedAt, policy._id).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      else expect(policy.verifiedAt, policy._id).toBeUndefined()
    }
    const byId = Object.fromEntries(documents.map((doc) => [doc._id, doc]))
    for (const id of ['policy.tele2', 'policy.altel', 'policy.izi']) expect(byId[id]!.verifiedAt, id).toBeUndefined()
  })


  it('has every locale value in Chinese and English, and the guide and settings in all four languages', () => {
    for (const doc of documents) {
      const everyLanguage = doc._type === 'guide' || doc._type === 'siteSettings'
      walk(doc, (node, path) => {
        if (!['localeString', 'localeText', 'localeBlockContent'].includes(String(node._type))) return
        const filled = (locale: string) => {
          const value = node[locale]
          return typeof value === 'string' ? value.trim() !== '' : Array.isArray(value) && value.length > 0
        }
        const anyFilled = ['zh', 'en', 'ru', 'kk'].some(filled)
        if (!anyFilled) return
        for (const locale of everyLanguage ? ['zh', 'en', 'ru', 'kk'] : ['zh', 'en']) {
          expect(filled(locale), `${doc._id}${path}.${locale}`).toBe(true)
        }
      })
    }
  })
})

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
  const statements = [...byId.guide!.whyCancel, ...byId.guide!.precautions] as {kind: string; topic?: string; evidence?: {sourceUrl?: string; confidence?: string}}[]

  it('marks each reason and precaution of the guide as fact or advice, and gives each fact its source', () => {
    expect(statements.length).toBeGreaterThan(5)
    for (const statement of statements) {
      expect(['fact', 'advice']).toContain(statement.kind)
      if (statement.kind === 'fact') expect(statement.evidence?.sourceUrl, JSON.stringify(statement)).toMatch(/^https:\/\//)
    }
    expect(statements.filter((statement) => statement.kind === 'advice').length).toBeGreaterThan(2)
  })

  it('has the sourced statements the checklist shows', () => {
    expect(statements.find((statement) => statement.topic === 'scamCall')).toMatchObject({kind: 'fact', evidence: {sourceUrl: 'https://stan.kz'}})
    expect(statements.find((statement) => statement.topic === 'holderAnswers')).toMatchObject({kind: 'fact', evidence: {sourceUrl: 'https://www.zakon.kz'}})
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
      /authenticator/i, /身份验证器/, /аутентификатор/i,
      /Закройте баланс/, /оператор АО «Kcell»/, /SIM-карт[аы] для модема/, /интернет-карт/, /Номер, которым вы перестали пользоваться, но не расторгли договор/,
      /ресімделген/, /izi-ді/, /ALTEL сияқты/, /ALTEL да,/, /бірдеңе қайтарыла/, /Телефонды қойып/, /ЖСН бойынша/, /[Нн]өмір қолжетімділікті/,
      /结清余额/, /否则会被封锁/,
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
    for (const id of ['policy.kcell', 'policy.activ']) expect(byId[id]!.balanceRefund.evidence).toMatchObject({sourceDate: '2016', confidence: 'medium'})
  })
})

describe('what readers still asked, answered as far as the brief allows', () => {
  const answer = (id: string, locale = 'en') => plain(byId[id]!.answer[locale])

  it('already abroad: the remote routes known, and the power of attorney as not yet verified', () => {
    expect(answer('faq.already-left')).toMatch(/power of attorney[^.]*not yet verified/i)
    expect(answer('faq.power-of-attorney')).toMatch(/not yet verified for any operator/)
  })
  it('a lost SIM: block first, then cancel, as advice; 挂失 in Chinese', () => {
    expect(answer('faq.lost-or-stolen')).toMatch(/Our advice: block first, then cancel/)
    expect(answer('faq.lost-or-stolen', 'zh')).toContain('挂失')
    expect(byId['faq.lost-or-stolen']!.question.zh).toContain('挂失')
    expect(messagesFor('zh').checklist.riskLost).toContain('挂失')
  })
  it('eSIM: what is known per operator, and whom to ask', () => {
    const text = answer('faq.esim')
    for (const name of ['Kcell', 'activ', 'Beeline', 'izi', 'Tele2', 'ALTEL']) expect(text).toContain(name)
    for (const id of ['kcell', 'activ', 'beeline', 'izi', 'tele2', 'altel']) {
      expect(byId[`policy.${id}`]!.esimNotes.text.en, id).toMatch(/not yet verified\. Ask/)
    }
  })
  it('porting: you apply at the operator you move to', () => {
    expect(answer('faq.port-instead')).toContain('You apply at the operator you are moving to')
    expect(answer('faq.port-instead')).toMatch(/Beeline, izi, Tele2 or ALTEL is not yet verified: ask the operator you want to move to/)
  })
  it('the eGov login: not yet verified, ask the eGov contact centre on 1414', () => {
    expect(answer('faq.unlink-first')).toMatch(/eGov[^\n]*not yet verified; ask the eGov contact centre on 1414/)
    for (const locale of LOCALES) expect(byId.guide!.unlinkFirst[3][locale]).toContain('1414')
  })
  it('answers nothing with a hotline, fee or hold period the brief does not give', () => {
    for (const [where, text] of texts()) expect(text, where).not.toMatch(/\b(455|0611|611)\b/)
    for (const id of ['kcell', 'activ', 'beeline', 'izi', 'tele2', 'altel']) {
      expect(byId[`policy.${id}`]!.numberHold?.holdDays, id).toBeUndefined()
      expect(byId[`policy.${id}`]!.fees, id).toBeUndefined()
    }
  })
})

describe('rules with a date (the second search of the sources, December 2026)', () => {
  const guide = documents.find((doc) => doc._id === 'guide') as unknown as {
    rules: {_key: string; title: Record<string, string>; effectiveFrom?: string; status?: string; evidence?: {sourceUrl?: string; sourceDate?: string}}[]
    whyCancel: {_key: string; text: Record<string, string>; effectiveFrom?: string}[]
    alternatives: {_key: string; body: Record<string, {children: {text: string}[]}[]>}[]
  }
  const rule = (key: string) => guide.rules.find((item) => item._key === key)!

  it('carries the dates the guide states in the model, not only in its sentences', () => {
    expect(rule('k02i').effectiveFrom).toBe('2025-11-18')
    expect(rule('k02j').effectiveFrom).toBe('2026-01-03')
    // The sources give 24 or 25 March 2025: by the 25th it was in force either way.
    expect(rule('k02h').effectiveFrom).toBe('2025-03-25')
    expect(guide.whyCancel.find((item) => item._key === 's005')!.effectiveFrom).toBe('2025-11-18')
    for (const key of ['k02h', 'k02i', 'k02j']) {
      for (const locale of LOCALES) expect(rule(key).title[locale], `${key} ${locale}`).not.toMatch(/2025|2026|since|自|с |бастап/i)
    }
  })

  it('shows the porting draft as a proposal with its source, and only there', () => {
    const draft = guide.rules.find((item) => item.status === 'proposed')!
    expect(draft.evidence?.sourceUrl).toBe('https://www.zakon.kz/pravo/6508550-protseduru-smeny-mobilnogo-operatora-planiruyut-usovershenstvovat.html')
    expect(draft.evidence?.sourceDate).toBe('2026-02-20')
    const portability = JSON.stringify(guide.alternatives.find((item) => item._key === 'k01i')!.body)
    expect(portability).not.toMatch(/draft|草案|Проект|жоба/i)
  })

  it('has activ’s Auto Extra Balance fact in four languages, with its source, date and grade', () => {
    const activ = documents.find((doc) => doc._id === 'policy.activ') as unknown as {
      prerequisites: {kind: string; text: Record<string, string>; evidence: {sourceUrl: string; verifiedAt: string; confidence: string}}[]
      sources: {url: string}[]
    }
    const fact = activ.prerequisites.find((item) => item.evidence.sourceUrl === 'https://activ.kz/kk/service/auto-extra-balance')!
    expect(fact.kind).toBe('debt')
    for (const locale of LOCALES) expect(fact.text[locale], locale).toMatch(/Auto Extra Balance|Авто Экстра баланс/)
    expect(fact.evidence).toMatchObject({verifiedAt: '2026-12-03', confidence: 'high'})
    expect(activ.sources.map((source) => source.url)).toContain('https://activ.kz/kk/service/auto-extra-balance')
  })

  it('cites the pages that say them for unused add-on packs and device instalments, not the bare kcell.kz home page', () => {
    const facts = (id: string) => {
      const policy = documents.find((doc) => doc._id === id) as unknown as {prerequisites: {kind: string; evidence: {sourceUrl: string}}[]; bundleRefund: {evidence: {sourceUrl: string}}}
      return {
        instalment: policy.prerequisites.find((item) => item.kind === 'deviceInstalment')!.evidence.sourceUrl,
        bundles: policy.prerequisites.find((item) => item.kind === 'bundles')!.evidence.sourceUrl,
        refund: policy.bundleRefund.evidence.sourceUrl,
      }
    }
    expect(facts('policy.kcell')).toEqual({instalment: 'https://www.kcell.kz/en/product/router', bundles: 'https://b2b.kcell.kz/ru/service/4299/698', refund: 'https://b2b.kcell.kz/ru/service/4299/698'})
    expect(facts('policy.activ')).toEqual({instalment: 'https://www.kcell.kz/en/product/router', bundles: 'https://activ.kz/en/service/additional-packs', refund: 'https://activ.kz/en/service/additional-packs'})
  })
})
