import {renderToStaticMarkup} from 'react-dom/server'
import {describe, expect, it} from 'vitest'
import {TrustPanel} from '@/app/_components/Trust'
import {buildChecklist, parseSituation} from '@/lib/checklist'
import {guideQuery, operatorPageQuery} from '@/lib/content/queries'
import type {Guide, OperatorPage} from '@/lib/content/types'
import {runGroq} from '../support/dataset'

const page = (slug: string) => runGroq<OperatorPage>(operatorPageQuery, {slug})

describe('the situation in the query string', () => {
  it('reads choices and falls back to safe defaults for anything else', () => {
    expect(parseSituation({operator: 'kcell', plan: 'postpaid', sim: 'esim', location: 'abroad', lost: '1', otherOwner: 'on', balance: 'true'})).toEqual({
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
    const checklist = buildChecklist(parseSituation({operator: 'kcell', sim: 'esim', plan: 'postpaid', lost: '1', balance: '1'}), await page('kcell'), guide)
    expect(checklist.risks.map((risk) => risk.kind)).toEqual(['lost', 'esim', 'postpaid', 'balance', 'scam'])
    const balance = checklist.risks.find((risk) => risk.kind === 'balance')
    expect(balance && 'rule' in balance && balance.rule.outcome).toBe('refunded')
    expect(checklist.unlinkFirst.length).toBe(guide!.unlinkFirst.length)
    expect(checklist.documents.length).toBeGreaterThan(0)
  })
  it('abroad, keeps only channels that do not need the owner in person, and says whether a representative is accepted', async () => {
    const kcell = buildChecklist(parseSituation({operator: 'kcell', location: 'abroad'}), await page('kcell'), null)
    const abroad = kcell.risks.find((risk) => risk.kind === 'abroad')
    expect(abroad && 'representative' in abroad && abroad.representative).toBeUndefined()
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

describe('trust notice', () => {
  const render = (verifiedAt: string) =>
    renderToStaticMarkup(<TrustPanel verifiedAt={verifiedAt} confidence="medium" locale="en" now={new Date('2026-11-25T12:00:00Z')} />)
  it('shows the verified date in a <time> element', () => {
    expect(render('2026-11-25')).toContain('<time dateTime="2026-11-25">November 25, 2026</time>')
  })
  it('warns when the policy was verified more than 180 days ago', () => {
    expect(render('2026-05-01')).toContain('more than 180 days ago')
    expect(render('2026-06-01')).not.toContain('more than 180 days ago')
  })
})
