import {describe, expect, it} from 'vitest'
import type {RawDocument} from '@/lib/content/embedded'
import {fixtureDocuments} from '../support/dataset'
import {EDITORIAL_WARNINGS} from '@/lib/content/verification'
import {validate} from '../support/validate'

const documents = fixtureDocuments()
const paths = async (doc: RawDocument) => (await validate(doc, documents)).map((error) => error.path)

const policy = (fields: Record<string, unknown> = {}): RawDocument => ({
  _id: 'policy.test',
  _type: 'policy',
  operator: {_type: 'reference', _ref: 'operator.kcell'},
  subscriptions: ['prepaid'],
  reviewedAt: '2026-01-01',
  confidence: 'unverified',
  ...fields,
})
const source = {_key: 's', _type: 'sourceReference', url: 'https://kcell.kz', title: 'Kcell', accessedAt: '2026'}
const block = (href: string) => ({
  _type: 'block',
  _key: 'b',
  style: 'normal',
  markDefs: [{_type: 'link', _key: 'l', href}],
  children: [{_type: 'span', _key: 's', text: 'link', marks: ['l']}],
})

describe('the bundled dataset passes the Studio schema rules', () => {
  it.each(documents.map((doc) => [doc._id, doc] as const))('%s', async (_id, doc) => {
    expect(await validate(doc, documents)).toEqual([])
  })
})

describe('validation rules where a wrong value would mislead a reader', () => {
  it('a valid policy passes', async () => {
    expect(await paths(policy())).toEqual([])
  })
  it('needs an operator, subscriptions, a reviewed date and a confidence', async () => {
    expect(await paths({_id: 'policy.empty', _type: 'policy'})).toEqual(
      expect.arrayContaining(['operator', 'subscriptions', 'reviewedAt', 'confidence']),
    )
  })
  it('refuses a verified or reviewed date in the future', async () => {
    expect(await paths(policy({confidence: 'high', sources: [source], verifiedAt: '2999-01-01'}))).toContain('verifiedAt')
    expect(await paths(policy({reviewedAt: '2999-01-01'}))).toContain('reviewedAt')
  })
  it('refuses a confidence above "unverified" without a source or a verified date', async () => {
    expect(await paths(policy({confidence: 'high', verifiedAt: '2026-01-01'}))).toContain('sources')
    expect(await paths(policy({confidence: 'high', sources: [source]}))).toContain('verifiedAt')
    expect(await paths(policy({confidence: 'high', sources: [source], verifiedAt: '2026-01-01'}))).toEqual([])
  })
  it('warns about a verified date on an unverified policy, which readers would misread', async () => {
    const markers = await validate(policy({verifiedAt: '2026-01-01'}), documents)
    expect(markers.map((marker) => marker.path)).toEqual(['verifiedAt'])
  })
  it('takes a source read date only as precise as it is known, and a real one', async () => {
    const withAccessed = (accessedAt: string) => policy({confidence: 'high', verifiedAt: '2026-01-01', sources: [{...source, accessedAt}]})
    for (const known of ['2026', '2026-06', '2026-06-15']) expect(await paths(withAccessed(known))).toEqual([])
    for (const wrong of ['26', '2026-13', '2026-02-30', '2026/06', '2999']) {
      expect((await paths(withAccessed(wrong))).join(), wrong).toMatch(/sources/)
    }
  })
  it('takes a partial source date on evidence', async () => {
    const balanceRefund = (sourceDate: string) => ({
      _type: 'refundRule',
      outcome: 'refunded',
      evidence: {_type: 'evidence', sourceUrl: 'https://kcell.kz', sourceDate, verifiedAt: '2026-01-01', confidence: 'medium'},
    })
    expect(await paths(policy({balanceRefund: balanceRefund('2016')}))).toEqual([])
    expect(await paths(policy({balanceRefund: balanceRefund('June 2016')}))).toContain('balanceRefund.evidence.sourceDate')
  })
  it('refuses a fact with a source but no checked date', async () => {
    const fees = {_type: 'factNote', evidence: {_type: 'evidence', sourceUrl: 'https://kcell.kz', confidence: 'high'}}
    expect(await paths(policy({fees}))).toContain('fees.evidence.verifiedAt')
  })
  it('refuses rich-text links with unsafe schemes', async () => {
    const steps = (href: string) => ({_type: 'localeBlockContent', zh: [block(href)]})
    expect(await paths(policy({steps: steps('https://kcell.kz')}))).toEqual([])
    expect((await paths(policy({steps: steps('javascript:alert(1)')}))).join()).toMatch(/steps\.zh/)
  })
  it('refuses an operator slug that is not a clean address, and a brand of itself', async () => {
    const operator = {_id: 'operator.x', _type: 'operator', name: 'X'}
    expect(await paths({...operator, slug: {_type: 'slug', current: 'Bad Slug'}})).toContain('slug')
    expect(await paths({...operator, slug: {_type: 'slug', current: 'x'}, parent: {_type: 'reference', _ref: 'operator.x'}})).toContain(
      'parent',
    )
  })
  it('warns about a guide fact, rule or alternative without a source, and not about advice', async () => {
    const guide = (fields: object) => ({
      _id: 'guide',
      _type: 'guide',
      title: {_type: 'localeString', zh: '指南'},
      intro: {_type: 'localeText', zh: '简介'},
      ...fields,
    })
    const text = {_type: 'localeText', zh: '说明'}
    const statement = (kind: string, evidence?: object) => ({
      precautions: [{_key: 'p', _type: 'statement', kind, text, ...(evidence ? {evidence} : {})}],
    })
    const warnings = async (doc: RawDocument) =>
      (await validate(doc, documents, {editorialWarnings: true})).map((marker) => `${marker.path}: ${marker.message}`)
    expect(await warnings(guide(statement('fact')))).toEqual([`precautions[_key=="p"].evidence: ${EDITORIAL_WARNINGS.unsourced}`])
    expect(await warnings(guide(statement('advice')))).toEqual([])
    expect(
      await warnings(
        guide(statement('fact', {_type: 'evidence', sourceUrl: 'https://stan.kz', verifiedAt: '2026-01-01', confidence: 'high'})),
      ),
    ).toEqual([])
    const rule = {_key: 'r', _type: 'regulation', title: {_type: 'localeString', zh: '规定'}, body: text}
    expect(await warnings(guide({rules: [rule]}))).toEqual([`rules[_key=="r"].evidence: ${EDITORIAL_WARNINGS.unsourced}`])
    const alternative = {_key: 'a', _type: 'alternative', kind: 'portability', title: {_type: 'localeString', zh: '携号转网'}}
    expect(await warnings(guide({alternatives: [alternative]}))).toEqual([
      `alternatives[_key=="a"].evidence: ${EDITORIAL_WARNINGS.unsourced}`,
    ])
  })
  it('needs the Chinese text of required locale values', async () => {
    const faq = {
      _id: 'faq.x',
      _type: 'faq',
      question: {_type: 'localeString', en: 'Only English'},
      answer: {_type: 'localeBlockContent', zh: [block('https://kcell.kz')]},
    }
    expect(await paths(faq)).toContain('question')
  })
  it('wants an international number for dialling from abroad', async () => {
    const operator = (valueFromAbroad: string) => ({
      _id: 'operator.y',
      _type: 'operator',
      name: 'Y',
      slug: {_type: 'slug', current: 'y'},
      contacts: [{_key: 'c', _type: 'contactChannel', kind: 'hotline', valueFromAbroad}],
    })
    expect(await paths(operator('+7 701 000 0000'))).toEqual([])
    expect((await paths(operator('8-701'))).join()).toMatch(/valueFromAbroad/)
  })
})

describe('what the Studio warns an editor about', () => {
  const warnings = async (doc: RawDocument) =>
    (await validate(doc, documents, {editorialWarnings: true})).map((marker) => `${marker.path}: ${marker.message}`)
  it('a fact with no source', async () => {
    const fees = {_type: 'factNote', text: {_type: 'localeText', zh: '免费'}}
    expect(
      await warnings(policy({fees, confidence: 'medium', sources: [source], verifiedAt: new Date().toISOString().slice(0, 10)})),
    ).toEqual([`fees.evidence: ${EDITORIAL_WARNINGS.unsourced}`])
  })
  it('a verified date older than 180 days, and not a recent one', async () => {
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10)
    expect((await warnings(policy({confidence: 'medium', sources: [source], verifiedAt: daysAgo(200)}))).join()).toMatch(
      /^verifiedAt: Verified 200 days ago/,
    )
    expect(await warnings(policy({confidence: 'medium', sources: [source], verifiedAt: daysAgo(100)}))).toEqual([])
  })
})
