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
import {fixtureDocuments, runGroq} from '../support/dataset'

/** A fact with no dates: in force, as far as anyone knows. */
const IN_FORCE = {effect: 'inForce', effectiveFrom: null, effectiveUntil: null}

const SLUGS = ['kcell', 'activ', 'beeline', 'izi', 'tele2', 'altel']

describe('queries over the bundled dataset', () => {
  it('lists the six operators in editorial order, each with its policy', async () => {
    const operators = await runGroq<OperatorSummary[]>(operatorsQuery)
    expect(operators.map((op) => op.slug)).toEqual(SLUGS)
    for (const operator of operators) {
      expect(operator.policy?._id).toBe(`policy.${operator.slug}`)
      expect(operator.policy?.reviewedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      // A verified date only where something is verified.
      if (operator.policy?.confidence === 'unverified') expect(operator.policy.verifiedAt, operator.slug).toBeNull()
      else expect(operator.policy?.verifiedAt, operator.slug).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    }
    expect(operators.filter((op) => op.policy?.verifiedAt).map((op) => op.slug)).toEqual(['kcell', 'activ', 'beeline'])
    expect(operators.find((op) => op.slug === 'activ')).toMatchObject({parent: {slug: 'kcell'}, parentAssumed: false})
    expect(operators.find((op) => op.slug === 'izi')).toMatchObject({parent: {slug: 'beeline'}, parentAssumed: true})
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

  it('knows Kcell has activ as a brand, and that izi is only assumed to be Beeline’s', async () => {
    const kcell = await runGroq<OperatorPage>(operatorPageQuery, {slug: 'kcell'})
    expect(kcell.brands).toEqual([{_id: 'operator.activ', name: 'activ', slug: 'activ', assumed: false}])
    expect(kcell.parent).toBeNull()
    const beeline = await runGroq<OperatorPage>(operatorPageQuery, {slug: 'beeline'})
    expect(beeline.brands).toEqual([{_id: 'operator.izi', name: 'izi', slug: 'izi', assumed: true}])
  })

  it('gives no verified date to a policy without a source or rated unverified, whatever its field says', async () => {
    const dataset = [
      {_id: 'operator.a', _type: 'operator', name: 'A', slug: {current: 'a'}},
      {
        _id: 'policy.a',
        _type: 'policy',
        operator: {_ref: 'operator.a'},
        verifiedAt: '2026-01-02',
        confidence: 'high',
        _updatedAt: '2026-03-04T05:06:07Z',
      },
      {_id: 'operator.b', _type: 'operator', name: 'B', slug: {current: 'b'}},
      {
        _id: 'policy.b',
        _type: 'policy',
        operator: {_ref: 'operator.b'},
        verifiedAt: '2026-01-02',
        reviewedAt: '2026-02-03',
        confidence: 'unverified',
        sources: [{url: 'https://x.kz'}],
      },
      {_id: 'operator.c', _type: 'operator', name: 'C', slug: {current: 'c'}},
      {
        _id: 'policy.c',
        _type: 'policy',
        operator: {_ref: 'operator.c'},
        verifiedAt: '2026-01-02',
        confidence: 'low',
        sources: [{url: 'https://x.kz'}],
      },
    ]
    const policies = Object.fromEntries((await runGroq<OperatorSummary[]>(operatorsQuery, {}, dataset)).map((op) => [op.slug, op.policy]))
    expect(policies.a).toMatchObject({verifiedAt: null, reviewedAt: '2026-01-02'})
    expect(policies.b).toMatchObject({verifiedAt: null, reviewedAt: '2026-02-03'})
    expect(policies.c).toMatchObject({verifiedAt: '2026-01-02', reviewedAt: '2026-01-02'})
    const bare = [dataset[0]!, {...dataset[1]!, verifiedAt: undefined}]
    expect((await runGroq<OperatorSummary[]>(operatorsQuery, {}, bare))[0]!.policy?.reviewedAt).toBe('2026-03-04T05:06:07Z')
  })

  it('reads guide statements as facts or advice, a missing kind as a fact', async () => {
    const guide = await runGroq<Guide>(guideQuery)
    expect(guide!.precautions.map((item) => item.kind)).toContain('advice')
    expect(guide!.precautions.find((item) => item.topic === 'scamCall')).toMatchObject({
      kind: 'fact',
      evidence: {sourceUrl: 'https://stan.kz'},
    })
    const odd = await runGroq<Guide>(guideQuery, {}, [
      {
        _id: 'guide',
        _type: 'guide',
        whyCancel: [{_key: 'a', text: {en: 'x'}}, {_key: 'b', kind: 'rumour', text: {en: 'y'}, topic: 'gossip'}, {_key: 'c'}],
      },
    ])
    expect(odd!.whyCancel).toEqual([
      {_key: 'a', kind: 'fact', topic: null, title: null, text: {en: 'x'}, evidence: null, ...IN_FORCE},
      {_key: 'b', kind: 'fact', topic: null, title: null, text: {en: 'y'}, evidence: null, ...IN_FORCE},
    ])
    expect(odd!.precautions).toEqual([])
  })

  it('answers null for an unknown slug', async () => {
    expect(await runGroq(operatorPageQuery, {slug: 'nope'})).toBeNull()
  })

  it('lists slugs, FAQ, guide and settings', async () => {
    expect(await runGroq<string[]>(operatorSlugsQuery)).toEqual(SLUGS)
    const faq = await runGroq<FaqEntry[]>(faqQuery)
    expect(faq.length).toBe(fixtureDocuments().filter((doc) => doc._type === 'faq').length)
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
    expect(await runGroq<number>(documentCountQuery)).toBe(fixtureDocuments().length)
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
    expect(policy.fees).toEqual({text: null, evidence: null, ...IN_FORCE})
    expect(policy.changeLog.map((entry) => entry.date)).toEqual(['2026-03-01', '2026-01-01'])
    expect(page.contacts).toEqual([])
  })

  it('leaves out operators without a name, and survives a reference to a missing document', async () => {
    const operators = await runGroq<OperatorSummary[]>(operatorsQuery, {}, odd)
    expect(operators.map((op) => op.slug).sort()).toEqual(['dangling', 'x'])
    expect(operators.find((op) => op.slug === 'dangling')?.parent).toBeNull()
  })
})
