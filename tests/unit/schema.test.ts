import {describe, expect, it} from 'vitest'
import type {RawDocument} from '@/lib/content/embedded'
import {seedDocuments} from '../support/dataset'
import {EDITORIAL_WARNINGS} from '@/lib/content/freshness'
import {validate} from '../support/validate'

const documents = seedDocuments()
const paths = async (doc: RawDocument) => (await validate(doc, documents)).map((error) => error.path)

const policy = (fields: Record<string, unknown> = {}): RawDocument => ({
  _id: 'policy.test',
  _type: 'policy',
  operator: {_type: 'reference', _ref: 'operator.kcell'},
  subscriptions: ['prepaid'],
  verifiedAt: '2026-01-01',
  confidence: 'unverified',
  ...fields,
})
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
  it('needs an operator, subscriptions, a verified date and a confidence', async () => {
    expect(await paths({_id: 'policy.empty', _type: 'policy'})).toEqual(
      expect.arrayContaining(['operator', 'subscriptions', 'verifiedAt', 'confidence']),
    )
  })
  it('refuses a verified date in the future', async () => {
    expect(await paths(policy({verifiedAt: '2999-01-01'}))).toContain('verifiedAt')
  })
  it('refuses a confidence above "unverified" without a source', async () => {
    expect(await paths(policy({confidence: 'high'}))).toContain('sources')
    expect(
      await paths(policy({confidence: 'high', sources: [{_key: 's', _type: 'sourceReference', url: 'https://kcell.kz', title: 'Kcell', accessedAt: '2026-01-01'}]})),
    ).toEqual([])
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
    expect(await paths({...operator, slug: {_type: 'slug', current: 'x'}, parent: {_type: 'reference', _ref: 'operator.x'}})).toContain('parent')
  })
  it('needs the Chinese text of required localized fields', async () => {
    const faq = {_id: 'faq.x', _type: 'faq', question: {_type: 'localeString', en: 'Only English'}, answer: {_type: 'localeBlockContent', zh: [block('https://kcell.kz')]}}
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
  const warnings = async (doc: RawDocument) => (await validate(doc, documents, {editorialWarnings: true})).map((marker) => `${marker.path}: ${marker.message}`)
  it('a fact with no source', async () => {
    const fees = {_type: 'factNote', text: {_type: 'localeText', zh: '免费'}}
    expect(await warnings(policy({fees, verifiedAt: new Date().toISOString().slice(0, 10)}))).toEqual([`fees.evidence: ${EDITORIAL_WARNINGS.unsourced}`])
  })
  it('a verified date older than 180 days, and not a recent one', async () => {
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10)
    expect((await warnings(policy({verifiedAt: daysAgo(200)}))).join()).toMatch(/^verifiedAt: Verified 200 days ago/)
    expect(await warnings(policy({verifiedAt: daysAgo(100)}))).toEqual([])
  })
})
