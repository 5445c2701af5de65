import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest'
import {parseChangeNotice, receiveChange} from '@/lib/content/webhook/receive'
import {changedBetween, fingerprint} from '@/lib/content/dataset-watcher'
import * as queries from '@/lib/content/queries'
import {faqQuery, guideQuery, operatorPageQuery} from '@/lib/content/queries'
import {answerTags, queryTags, readTags, tagsForChange} from '@/lib/content/tags'
import {freshness} from '@/lib/freshness'
import {signWebhookBody, verifyWebhookSignature} from '@/lib/content/webhook/signature'
import {runGroq, fixtureDocuments} from '../support/dataset'

describe('cache tags', () => {
  it("derives a read's tags from its answer: every _id and _ref, at any depth, as published ids", () => {
    const answer = [
      {_id: 'faq.esim', operators: [{_id: 'operator.kcell', name: 'Kcell'}], note: {_ref: 'drafts.operator.izi'}},
      {_id: 'versions.r1.faq.other', operators: []},
    ]
    expect(answerTags(answer).sort()).toEqual(['doc:faq.esim', 'doc:faq.other', 'doc:operator.izi', 'doc:operator.kcell'])
    expect(answerTags(null)).toEqual([])
  })
  it('derives from the query the types it lists and the ids it names', () => {
    expect(queryTags(operatorPageQuery).sort()).toEqual(['type:operator', 'type:policy'])
    expect(queryTags(guideQuery).sort()).toEqual(['doc:guide', 'type:guide'])
    expect(readTags(faqQuery, {}, [])).toEqual(['content', 'type:faq', 'type:operator'])
  })
  it('reads types from the syntax tree, however the filter spells them', () => {
    expect(queryTags('*[_type in ["faq", "guide"]]').sort()).toEqual(['type:faq', 'type:guide'])
    expect(queryTags('*[_type == $type && "x" == _id]', {type: 'policy'}).sort()).toEqual(['doc:x', 'type:policy'])
    expect(queryTags('*[$type == _type]', {type: 'operator'})).toEqual(['type:operator'])
    expect(queryTags('*[_id in $ids]', {ids: ['guide', 'siteSettings']}).sort()).toEqual(['doc:guide', 'doc:siteSettings'])
    // A followed reference's type is not the type the query lists.
    expect(queryTags('*[parent->_type == "operator"]')).toEqual([])
  })
  // Every query the site runs, and the types it must carry: a document of one of them created or
  // deleted is in no answer yet, so only its type tag can refresh the read.
  const TYPES_OF: Record<string, string[]> = {
    siteSettingsQuery: ['siteSettings'],
    guideQuery: ['guide'],
    operatorsQuery: ['operator', 'policy'],
    operatorPageQuery: ['operator', 'policy'],
    operatorSlugsQuery: ['operator'],
    faqQuery: ['faq', 'operator'],
    incompleteDocumentsQuery: ['operator', 'policy'],
    documentCountQuery: [],
    policyVerificationAgeQuery: ['policy', 'readerReport'],
    datedFactsQuery: ['policy', 'guide', 'operator'],
    operatorsWithoutVerifiedProcedureQuery: ['operator', 'policy'],
    sourceCitingDocumentsQuery: ['policy', 'operator', 'guide', 'faq'],
    sourceCheckStateQuery: ['sourceCheck'],
    sourceChecksQuery: ['sourceCheck'],
    sourceChangesQuery: ['sourceCheck'],
    // The change feed's: the types come as $types (CHANGE_TYPES), and neither is cached.
    changeFeedQuery: [],
    catchUpQuery: [],
  }
  const exported = Object.entries(queries as Record<string, unknown>).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0].endsWith('Query'),
  )
  it('knows every exported query', () => {
    expect(exported.map(([name]) => name).sort()).toEqual(Object.keys(TYPES_OF).sort())
  })
  it.each(exported)('%s yields its type tags', (name, query) => {
    const types = queryTags(query).filter((tag) => tag.startsWith('type:'))
    expect(types.sort()).toEqual(TYPES_OF[name]!.map((type) => `type:${type}`).sort())
  })
  it('expires, for a change, the documents it names and the lists of their type', () => {
    expect(tagsForChange({_id: 'policy.kcell', _type: 'policy'})).toEqual(['doc:policy.kcell', 'type:policy'])
    expect(tagsForChange({_id: 'drafts.operator.izi', _type: 'operator'}, null)).toEqual(['doc:operator.izi', 'type:operator'])
  })
  it('tags every page that shows a document with a tag its change expires', async () => {
    // The FAQ shows operator names: renaming one must refresh it.
    const faq = await runGroq(faqQuery)
    const change = tagsForChange({_id: 'operator.kcell', _type: 'operator'})
    expect(readTags(faqQuery, {}, faq).some((tag) => change.includes(tag))).toBe(true)
    // A brand's parent lists its brands: a new brand (in no answer yet) refreshes it by type.
    const parent = await runGroq(operatorPageQuery, {slug: 'kcell'})
    const newBrand = tagsForChange({_id: 'operator.new-brand', _type: 'operator'})
    expect(readTags(operatorPageQuery, {slug: 'kcell'}, parent).some((tag) => newBrand.includes(tag))).toBe(true)
  })
})

describe('webhook bodies', () => {
  it('reads the projection {_id, _type}, and ignores other fields', () => {
    expect(parseChangeNotice({_id: 'policy.izi', _type: 'policy', slug: null, operator: 'izi'})).toEqual({
      id: 'policy.izi',
      type: 'policy',
      versions: [{_id: 'policy.izi', _type: 'policy'}],
    })
  })
  it('reads the before()/after() form, including deletion', () => {
    const renamed = parseChangeNotice({
      before: {_id: 'operator.izi', _type: 'operator', slug: 'izi'},
      after: {_id: 'operator.izi', _type: 'operator', slug: 'izi-app'},
    })
    expect(renamed?.versions).toEqual([
      {_id: 'operator.izi', _type: 'operator'},
      {_id: 'operator.izi', _type: 'operator'},
    ])
    const deleted = parseChangeNotice({before: {_id: 'operator.izi', _type: 'operator', slug: 'izi'}, after: null})
    expect(deleted?.versions).toHaveLength(1)
  })
  it.each([
    null,
    42,
    'text',
    [],
    {},
    {_id: 1, _type: 'policy'},
    {_id: 'x'},
    {_id: 'x'.repeat(300), _type: 'policy'},
    {before: 1, after: 2},
  ])('refuses %j', (body) => {
    expect(parseChangeNotice(body)).toBeUndefined()
  })
})

describe('webhook signatures', () => {
  const secret = 'a-long-random-secret'
  const body = JSON.stringify({_id: 'policy.kcell', _type: 'policy'})

  it('accepts a valid signature', async () => {
    expect(await verifyWebhookSignature(body, await signWebhookBody(body, secret), secret)).toEqual({valid: true})
  })
  it('refuses a missing, malformed, forged, tampered or stale signature', async () => {
    const now = Date.now()
    expect(await verifyWebhookSignature(body, null, secret)).toEqual({valid: false, reason: 'missing'})
    expect(await verifyWebhookSignature(body, 'nonsense', secret)).toEqual({valid: false, reason: 'malformed'})
    expect(await verifyWebhookSignature(body, await signWebhookBody(body, 'another-secret'), secret)).toEqual({
      valid: false,
      reason: 'mismatch',
    })
    expect(await verifyWebhookSignature(`${body} `, await signWebhookBody(body, secret), secret)).toEqual({
      valid: false,
      reason: 'mismatch',
    })
    const stale = await signWebhookBody(body, secret, now - 5 * 60 * 1000 - 1)
    expect(await verifyWebhookSignature(body, stale, secret, now)).toEqual({valid: false, reason: 'stale'})
    const future = await signWebhookBody(body, secret, now + 10 * 60 * 1000)
    expect(await verifyWebhookSignature(body, future, secret, now)).toEqual({valid: false, reason: 'stale'})
    const truncated = (await signWebhookBody(body, secret)).slice(0, -3)
    expect(await verifyWebhookSignature(body, truncated, secret)).toEqual({valid: false, reason: 'mismatch'})
  })
})

describe('a delivery received again', () => {
  const secret = 'replay-test-secret'
  const body = JSON.stringify({_id: 'policy.kcell', _type: 'policy'})
  const environment = {SANITY_REVALIDATE_SECRET: process.env.SANITY_REVALIDATE_SECRET, FRESHNESS_DIR: process.env.FRESHNESS_DIR}
  beforeAll(() => {
    process.env.SANITY_REVALIDATE_SECRET = secret
    process.env.FRESHNESS_DIR = mkdtempSync(join(tmpdir(), 'kz-replay-'))
  })
  afterAll(() => Object.assign(process.env, environment))

  it('is answered 200 and expires nothing: the same signature, or the same idempotency key with a new signature', async () => {
    const expire = vi.spyOn(freshness().tags, 'expire').mockResolvedValue()
    const signature = await signWebhookBody(body, secret)
    const first = await receiveChange(body, signature, 'delivery-1')
    expect(first).toMatchObject({status: 200, body: {revalidated: true}})
    expect(expire).toHaveBeenCalledTimes(1)
    // Replayed as captured; with another idempotency key or none; and Sanity's retry, signed again.
    for (const [again, key] of [
      [signature, 'delivery-1'],
      [signature, 'made-up'],
      [signature, null],
      [await signWebhookBody(body, secret, Date.now() - 1), 'delivery-1'],
    ] as const) {
      expect(await receiveChange(body, again, key)).toMatchObject({status: 200, body: {revalidated: false}})
    }
    expect(expire).toHaveBeenCalledTimes(1)
    // Another delivery is applied.
    expect(await receiveChange(body, await signWebhookBody(body, secret, Date.now() + 1), 'delivery-2')).toMatchObject({
      body: {revalidated: true},
    })
    expect(expire).toHaveBeenCalledTimes(2)
    expire.mockRestore()
  })

  it('that was not applied (the store was down) is applied when Sanity retries it', async () => {
    const expire = vi.spyOn(freshness().tags, 'expire').mockRejectedValueOnce(new Error('store down')).mockResolvedValue()
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const signature = await signWebhookBody(body, secret, Date.now() + 5)
    expect(await receiveChange(body, signature, 'delivery-3')).toMatchObject({status: 503})
    expect(await receiveChange(body, signature, 'delivery-3')).toMatchObject({status: 200, body: {revalidated: true}})
    expect(expire).toHaveBeenCalledTimes(2)
    vi.restoreAllMocks()
  })
})

describe('dataset changes on disk', () => {
  it('expires the tags of exactly the documents that changed, were added or removed', () => {
    const before = fixtureDocuments()
    const after = before
      .filter((doc) => doc._id !== 'faq.esim')
      .map((doc) => (doc._id === 'policy.beeline' ? {...doc, confidence: 'medium'} : doc))
      .concat([{_id: 'operator.new', _type: 'operator', name: 'New', slug: {current: 'new'}}])
    const tags = tagsForChange(...changedBetween(fingerprint(before), fingerprint(after)))
    expect(tags.sort()).toEqual(
      ['doc:faq.esim', 'type:faq', 'doc:policy.beeline', 'type:policy', 'doc:operator.new', 'type:operator'].sort(),
    )
    expect(changedBetween(fingerprint(before), fingerprint(before))).toEqual([])
  })
})
