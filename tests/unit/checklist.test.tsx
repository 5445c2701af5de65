import {renderToStaticMarkup} from 'react-dom/server'
import {describe, expect, it} from 'vitest'
import {ChecklistRisk} from '@/app/_components/ChecklistRisk'
import {TrustPanel, VerificationStatus} from '@/app/_components/Trust'
import {buildChecklist, parseSituation, type Risk} from '@/lib/checklist'
import {guideQuery, operatorPageQuery, operatorSlugsQuery} from '@/lib/content/queries'
import type {Guide, OperatorPage} from '@/lib/content/types'
import {format, formatDate, LOCALES, messagesFor} from '@/lib/i18n'
import {runGroq} from '../support/dataset'

const page = (slug: string) => runGroq<OperatorPage>(operatorPageQuery, {slug})
const topics = (risks: Risk[]) => risks.map((risk) => `${risk.basis}:${risk.topic}`)

describe('the situation in the query string', () => {
  it('reads choices and falls back to safe defaults for anything else', () => {
    expect(
      parseSituation({operator: 'kcell', plan: 'postpaid', sim: 'esim', location: 'abroad', lost: '1', otherOwner: 'on', balance: 'true'}),
    ).toEqual({
      operator: 'kcell',
      plan: 'postpaid',
      sim: 'esim',
      location: 'abroad',
      lost: true,
      otherOwner: true,
      balance: true,
    })
    expect(parseSituation({operator: '../etc', plan: 'free', sim: ['esim', 'physical'], lost: 'no'})).toEqual({
      operator: undefined,
      plan: 'prepaid',
      sim: 'esim',
      location: 'kz',
      lost: false,
      otherOwner: false,
      balance: false,
    })
  })
})

describe('building a checklist from the policy data', () => {
  it('warns about what the situation risks, and always about the scam call', async () => {
    const guide = await runGroq<Guide>(guideQuery)
    const checklist = buildChecklist(
      parseSituation({operator: 'kcell', sim: 'esim', plan: 'postpaid', lost: '1', balance: '1'}),
      await page('kcell'),
      guide,
    )
    expect(topics(checklist.risks)).toEqual([
      'advice:lost',
      'advice:esim',
      'fact:note', // Kcell's eSIM note: not yet verified
      'advice:postpaid',
      'fact:note', // Kcell's device instalments
      'fact:balance',
      'fact:note', // the scam call, from the guide
    ])
    const balance = checklist.risks.find((risk) => risk.topic === 'balance')
    expect(balance && 'rule' in balance && balance.rule.outcome).toBe('refunded')
    expect(balance && 'rule' in balance && balance.rule.evidence?.sourceDate).toBe('2016')
    expect(checklist.unlinkFirst.length).toBe(guide!.unlinkFirst.length)
    expect(checklist.documents.length).toBeGreaterThan(0)
  })
  it('abroad, keeps only channels that do not need the owner in person, and says whether a representative is accepted', async () => {
    const kcell = buildChecklist(parseSituation({operator: 'kcell', location: 'abroad'}), await page('kcell'), null)
    // No channel of Kcell's is known to accept a representative: our advice, not a claim.
    expect(topics(kcell.risks)).toContain('advice:abroad')
    expect(topics(kcell.risks)).not.toContain('fact:abroadRepresentative')
    expect(kcell.channels.every((channel) => channel.ownerInPerson !== 'yes' || channel.representativeAccepted === 'yes')).toBe(true)
  })
  it('copes with an operator that has no policy', async () => {
    const tele2 = await page('tele2')
    const checklist = buildChecklist(parseSituation({operator: 'tele2'}), {...tele2, policy: null}, null)
    expect(checklist.confidence).toBe('unverified')
    expect(checklist.money.balance.outcome).toBe('unknown')
    expect(checklist.channels).toEqual([])
  })
})

describe('every checklist line is a fact tied to the data, or advice labelled as ours', () => {
  const flags = ['lost', 'otherOwner', 'balance'] as const
  const situations = [0, 1].flatMap((abroad) =>
    [0, 1].flatMap((esim) =>
      [0, 1].flatMap((postpaid) =>
        [0, 1, 2, 3, 4, 5, 6, 7].map((mask) => ({
          location: abroad ? 'abroad' : 'kz',
          sim: esim ? 'esim' : 'physical',
          plan: postpaid ? 'postpaid' : 'prepaid',
          ...Object.fromEntries(flags.filter((_, bit) => mask & (1 << bit)).map((flag) => [flag, '1'])),
        })),
      ),
    ),
  )

  it('holds for every operator, situation and language', async () => {
    const guide = await runGroq<Guide>(guideQuery)
    const slugs = await runGroq<string[]>(operatorSlugsQuery)
    // Every line any situation produces; the same line from two situations is checked once.
    const lines = new Map<string, Risk>()
    for (const slug of slugs) {
      const operator = await page(slug)
      for (const situation of situations) {
        const checklist = buildChecklist(parseSituation({operator: slug, ...situation}), operator, guide)
        for (const risk of checklist.risks) {
          // A fact line carries data from the policy or the guide, never only interface text.
          if (risk.basis === 'fact' && risk.topic === 'note') expect(risk.text.zh, slug).toBeTruthy()
          if (risk.basis === 'fact' && risk.topic === 'abroadRepresentative') expect(risk.channel.representativeAccepted).toBe('yes')
          lines.set(JSON.stringify(risk), risk)
        }
      }
    }
    expect(lines.size).toBeGreaterThan(10)
    for (const [id, risk] of lines) {
      for (const locale of LOCALES) {
        const html = renderToStaticMarkup(<ChecklistRisk risk={risk} locale={locale} />)
        const advice = html.includes('class="advice-label"')
        const sourced = html.includes('class="fact-source')
        expect(advice !== sourced, `${locale} ${id}: ${html}`).toBe(true)
        if (advice) expect(html).toContain(messagesFor(locale).trust.advice)
      }
    }
  })

  it('words advice as advice: each advice line says no rule was found, then what is safe', () => {
    const said = {
      en: ['We found no', 'to be safe'],
      zh: ['我们没有找到', '稳妥起见'],
      ru: ['мы не нашли', 'на всякий случай'],
      kk: ['таппадық', 'сақ болу үшін'],
    } as const
    for (const locale of LOCALES) {
      const t = messagesFor(locale).checklist
      for (const advice of [t.riskLost, t.riskAbroad, t.riskOtherOwner, t.riskEsim, t.riskPostpaid, t.riskScam]) {
        for (const words of said[locale]) expect(advice.toLowerCase(), `${locale}: ${advice}`).toContain(words.toLowerCase())
      }
    }
  })

  it('never tells a reader whose SIM is in someone else’s name that they answer for it', () => {
    for (const locale of LOCALES) expect(messagesFor(locale).checklist.riskOtherOwner).not.toMatch(/IIN|ИИН|ЖСН/)
  })

  it('shows a refund outcome with its confidence and the year of its source', async () => {
    const guide = await runGroq<Guide>(guideQuery)
    for (const slug of ['kcell', 'activ']) {
      const checklist = buildChecklist(parseSituation({operator: slug, balance: '1'}), await page(slug), guide)
      const balance = checklist.risks.find((risk) => risk.topic === 'balance')!
      const html = renderToStaticMarkup(<ChecklistRisk risk={balance} locale="en" />)
      expect(html).toMatch(/Refunded<\/strong> <small class="qualifier">\(confidence: Medium; source from 2016\)<\/small>/)
      expect(renderToStaticMarkup(<ChecklistRisk risk={balance} locale="zh" />)).toContain('可信度：中；来源日期：2016年')
    }
  })
})

describe('trust notice', () => {
  const render = (verifiedAt: string) =>
    renderToStaticMarkup(<TrustPanel verifiedAt={verifiedAt} confidence="medium" locale="en" now={new Date('2026-11-25T12:00:00Z')} />)
  it('says plainly that nothing is verified, with the review date, and shows no verified date', () => {
    const html = renderToStaticMarkup(
      <TrustPanel verifiedAt={null} reviewedAt="2026-11-26" confidence="unverified" locale="en" now={new Date('2026-11-26T12:00:00Z')} />,
    )
    expect(html).toContain('No cancellation procedure has been verified for this operator yet.')
    expect(html).toContain('Page last reviewed on <time dateTime="2026-11-26">November 26, 2026</time>.')
    expect(html).not.toContain('verified on')
    expect(html).not.toContain('more than 180 days ago')
  })
  it('shows the verified date in a <time> element', () => {
    expect(render('2026-11-25')).toContain('<time dateTime="2026-11-25">November 25, 2026</time>')
  })
  it.each(LOCALES)('reads in %s as separate statements, each ending with one full stop, then the confidence', (locale) => {
    const t = messagesFor(locale)
    const text = (html: string) => html.replace(/<[^>]+>/g, '')
    const badge = `${t.trust.confidence}: ${t.vocab.confidence.medium}`
    const verified = format(t.trust.verifiedOn, {date: formatDate('2026-11-25', locale)})
    const reviewed = format(t.trust.reviewedOn, {date: formatDate('2026-11-26', locale)})
    const status = (verifiedAt: string | null) =>
      text(renderToStaticMarkup(<VerificationStatus verifiedAt={verifiedAt} reviewedAt="2026-11-26" confidence="medium" locale={locale} />))
    expect(status('2026-11-25')).toBe(`${verified} ${reviewed} ${badge}`)
    expect(status(null)).toBe(`${t.trust.noProcedureVerified} ${reviewed} ${badge}`)
    // One full stop, never two (a Russian date already ends with «г.»).
    for (const statement of [verified, reviewed, t.trust.noProcedureVerified]) expect(statement).toMatch(/[^.。][.。]$/)
  })
  it('warns when the policy was verified more than 180 days ago', () => {
    expect(render('2026-05-01')).toContain('more than 180 days ago')
    expect(render('2026-06-01')).not.toContain('more than 180 days ago')
  })
})
