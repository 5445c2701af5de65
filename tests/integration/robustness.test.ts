import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import fc from 'fast-check'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {arbitraryOperatorWithPolicy} from '../support/arbitrary'
import {FIXTURE_FILE} from '../support/dataset'
import {get, startSite, type RunningSite} from '../support/server'

/**
 * Incomplete and odd documents through the real queries and pages of the production build: a
 * table of the cases we know, and generated ones. Every page answers 200 (or 404 for a document
 * left out), never 500.
 */
const reference = (id: string) => ({_type: 'reference', _ref: id})
const table: Record<string, unknown>[] = [
  {_id: 'operator.bare', _type: 'operator', name: 'Bare', slug: {current: 'bare'}},
  {_id: 'operator.empty-lists', _type: 'operator', name: 'Empty lists', slug: {current: 'empty-lists'}, contacts: []},
  {
    _id: 'policy.empty-lists',
    _type: 'policy',
    operator: reference('operator.empty-lists'),
    channels: [],
    documents: [],
    sources: [],
    changeLog: [],
    steps: {zh: []},
  },
  {
    _id: 'operator.long',
    _type: 'operator',
    name: 'Long',
    slug: {current: 'long'},
    summary: {en: 'x'.repeat(20_000)},
    legalEntity: 'L'.repeat(5_000),
  },
  {
    _id: 'operator.wrong-types',
    _type: 'operator',
    name: 'Wrong types',
    slug: {current: 'wrong-types'},
    website: 42,
    contacts: 'call us',
    summary: 'plain string',
  },
  {
    _id: 'policy.wrong-types',
    _type: 'policy',
    operator: reference('operator.wrong-types'),
    channels: {kind: 'office'},
    verifiedAt: 20261125,
    confidence: ['high'],
    balanceRefund: 'yes',
    numberHold: {holdDays: 'ninety'},
    steps: 'Step 1: go',
  },
  {_id: 'operator.dangling', _type: 'operator', name: 'Dangling', slug: {current: 'dangling'}, parent: reference('operator.gone')},
  {_id: 'policy.orphan', _type: 'policy', operator: reference('operator.gone')},
  {_id: 'operator.nameless', _type: 'operator', slug: {current: 'nameless'}},
  {
    _id: 'faq.odd',
    _type: 'faq',
    question: {en: 'Odd?'},
    answer: {en: [{_type: 'block', children: 'not a list'}, {_type: 'mystery'}, null]},
    operators: [reference('operator.gone')],
  },
]
const generated = fc.sample(
  fc.integer({min: 0, max: 1e6}).chain((n) => arbitraryOperatorWithPolicy(`gen-${n}`)),
  {numRuns: 20, seed: 20261125},
)
const dataset = join(mkdtempSync(join(tmpdir(), 'kz-odd-')), 'odd.ndjson')
let site: RunningSite

beforeAll(async () => {
  const documents = [...table, ...generated.flat()]
  writeFileSync(dataset, `${readFileSync(FIXTURE_FILE, 'utf8').trimEnd()}\n${documents.map((doc) => JSON.stringify(doc)).join('\n')}\n`)
  site = await startSite({env: {CONTENT_DATASET_FILE: dataset}})
})
afterAll(async () => {
  await site?.stop()
})

const slugs = [
  'bare',
  'empty-lists',
  'long',
  'wrong-types',
  'dangling',
  ...generated.map(([operator]) => (operator.slug as {current: string}).current),
]

describe('odd documents', () => {
  it.each(
    slugs.flatMap((slug) => [`/zh/operators/${slug}`, `/kk/operators/${slug}`, `/en/checklist?operator=${slug}&location=abroad&balance=1`]),
  )('%s answers 200', async (path) => {
    const response = await get(`${site.url}${path}`)
    expect(response.status).toBe(200)
    expect(response.text).not.toMatch(/href="\s*javascript:/i)
  })

  // Each list names every listed odd operator (by address), or the odd FAQ entry, beside the seed's own.
  it.each([
    ['/en', (slug: string) => `href="/en/operators/${slug}"`],
    ['/ru/compare', (slug: string) => `href="/ru/operators/${slug}"`],
    ['/sitemap.xml', (slug: string) => `/zh/operators/${slug}</loc>`],
  ])('%s lists them and answers 200', async (path, link) => {
    const response = await get(`${site.url}${path}`)
    expect(response.status).toBe(200)
    for (const slug of [...slugs, 'kcell']) expect(response.text, slug).toContain(link(slug))
  })

  it('/zh/faq lists the odd entry, in the language it has, and answers 200', async () => {
    const response = await get(`${site.url}/zh/faq`)
    expect(response.status).toBe(200)
    expect(response.text).toContain('Odd?')
    expect(response.text).toMatch(/<span lang="en">Odd\?<\/span> <span class="fallback-marker"/)
  })

  it("/en/feed.xml keeps the policies' changes and stays well-formed", async () => {
    const response = await get(`${site.url}/en/feed.xml`)
    expect(response.status).toBe(200)
    expect(response.text).toContain('<entry><id>urn:kz-sim-guide:policy.kcell:')
    expect(response.text.trimEnd().endsWith('</feed>')).toBe(true)
    expect(response.text).not.toMatch(/undefined|NaN|\[object Object\]/)
  })

  it('leaves out a document missing a required field, with a server log line', async () => {
    expect((await get(`${site.url}/en/operators/nameless`)).status).toBe(404)
    expect((await get(`${site.url}/en`)).text).not.toContain('/en/operators/nameless')
    expect(site.logs()).toMatch(/left out operator "operator\.nameless"/)
    expect(site.logs()).toMatch(/left out policy "policy\.orphan"/)
  })
})
