import {describe, expect, it} from 'vitest'
import {
  documentCountQuery,
  faqQuery,
  guideQuery,
  operatorPageQuery,
  operatorSlugsQuery,
  operatorsQuery,
  siteSettingsQuery,
} from '@/lib/content/queries'
import type {FaqEntry, Guide, OperatorPage, OperatorSummary, SiteSettings} from '@/lib/content/types'
import {runGroq} from '../support/dataset'

const SLUGS = ['kcell', 'activ', 'beeline', 'izi', 'tele2', 'altel']

describe('queries over the bundled dataset', () => {
  it('lists the six operators in editorial order, each with its policy', async () => {
    const operators = await runGroq<OperatorSummary[]>(operatorsQuery)
    expect(operators.map((op) => op.slug)).toEqual(SLUGS)
    for (const operator of operators) {
      expect(operator.policy?._id).toBe(`policy.${operator.slug}`)
      expect(operator.policy?.verifiedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    }
    expect(operators.find((op) => op.slug === 'activ')?.parent?.slug).toBe('kcell')
    expect(operators.find((op) => op.slug === 'izi')?.parent?.slug).toBe('beeline')
  })

  it.each(SLUGS)('loads the page of %s with brand relations and defaults filled in', async (slug) => {
    const page = await runGroq<OperatorPage>(operatorPageQuery, {slug})
    expect(page.slug).toBe(slug)
    expect(Array.isArray(page.contacts)).toBe(true)
    expect(Array.isArray(page.brands)).toBe(true)
    const policy = page.policy!
    for (const list of [policy.channels, policy.documents, policy.prerequisites, policy.sources, policy.changeLog]) {
      expect(Array.isArray(list)).toBe(true)
    }
    expect(['refunded', 'notRefunded', 'unknown']).toContain(policy.balanceRefund.outcome)
    expect(['high', 'medium', 'low', 'unverified']).toContain(policy.confidence)
    for (const channel of policy.channels) {
      for (const value of [channel.available, channel.ownerInPerson, channel.representativeAccepted]) {
        expect(['yes', 'no', 'unknown']).toContain(value)
      }
    }
  })

  it('knows Kcell has activ as a brand', async () => {
    const kcell = await runGroq<OperatorPage>(operatorPageQuery, {slug: 'kcell'})
    expect(kcell.brands.map((brand) => brand.slug)).toEqual(['activ'])
    expect(kcell.parent).toBeNull()
  })

  it('answers null for an unknown slug', async () => {
    expect(await runGroq(operatorPageQuery, {slug: 'nope'})).toBeNull()
  })

  it('lists slugs, FAQ, guide and settings', async () => {
    expect(await runGroq<string[]>(operatorSlugsQuery)).toEqual(SLUGS)
    const faq = await runGroq<FaqEntry[]>(faqQuery)
    expect(faq.length).toBe(15)
    for (const entry of faq) {
      expect(entry.question.zh).toBeTruthy()
      expect(entry.question.en).toBeTruthy()
    }
    const guide = await runGroq<Guide>(guideQuery)
    expect(guide?.unlinkFirst.length).toBeGreaterThan(0)
    expect(guide?.alternatives.map((a) => a.kind).sort()).toEqual(['portability', 'temporaryBlock'])
    const settings = await runGroq<SiteSettings>(siteSettingsQuery)
    expect(settings?.disclaimer?.zh).toBeTruthy()
  })

  it('counts published documents', async () => {
    expect(await runGroq<number>(documentCountQuery)).toBe(29)
  })
})

describe('query defaults over incomplete and odd documents', () => {
  const odd = [
    {_id: 'operator.x', _type: 'operator', name: 'X', slug: {current: 'x'}},
    {
      _id: 'policy.x',
      _type: 'policy',
      operator: {_ref: 'operator.x'},
      channels: 'not an array',
      documents: [{_key: 'a'}, {_key: 'b', title: {en: 'Passport'}}],
      subscriptions: ['prepaid', 'unknown-kind', 42],
      balanceRefund: {outcome: 'refunded'},
      changeLog: [{_key: 'c', date: '2026-01-01'}, {_key: 'd', date: '2026-03-01'}, {_key: 'e'}],
    },
    {_id: 'operator.nameless', _type: 'operator', slug: {current: 'nameless'}},
    {_id: 'operator.dangling', _type: 'operator', name: 'Dangling', slug: {current: 'dangling'}, parent: {_ref: 'operator.gone'}},
  ]

  it('turns missing and wrongly typed fields into defaults', async () => {
    const page = await runGroq<OperatorPage>(operatorPageQuery, {slug: 'x'}, odd)
    const policy = page.policy!
    expect(policy.channels).toEqual([])
    expect(policy.documents.map((doc) => doc._key)).toEqual(['b'])
    expect(policy.subscriptions).toEqual(['prepaid'])
    expect(policy.balanceRefund.outcome).toBe('refunded')
    expect(policy.bundleRefund.outcome).toBe('unknown')
    expect(policy.confidence).toBe('unverified')
    expect(policy.fees).toEqual({text: null, evidence: null})
    expect(policy.changeLog.map((entry) => entry.date)).toEqual(['2026-03-01', '2026-01-01'])
    expect(page.contacts).toEqual([])
  })

  it('leaves out operators without a name, and survives a reference to a missing document', async () => {
    const operators = await runGroq<OperatorSummary[]>(operatorsQuery, {}, odd)
    expect(operators.map((op) => op.slug).sort()).toEqual(['dangling', 'x'])
    expect(operators.find((op) => op.slug === 'dangling')?.parent).toBeNull()
  })
})
