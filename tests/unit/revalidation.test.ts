import {describe, expect, it} from 'vitest'
import {needsIdentity, parseChangeNotice} from '@/lib/content/changes'
import {fingerprint, tagsBetween} from '@/lib/content/dataset-watcher'
import {documentTags, tagsForChange} from '@/lib/content/tags'
import {signWebhookBody, verifyWebhookSignature} from '@/lib/webhook'
import {seedDocuments} from '../support/dataset'

describe('cache tags', () => {
  it('names the pages that show a document and the lists of its type', () => {
    expect(documentTags({_id: 'operator.kcell', _type: 'operator', slug: 'kcell'})).toEqual([
      'doc:operator.kcell',
      'slug:operator:kcell',
    ])
    expect(tagsForChange({_id: 'policy.kcell', _type: 'policy', operator: 'kcell'})).toEqual([
      'doc:policy.kcell',
      'slug:operator:kcell',
      'type:policy',
    ])
  })
  it('maps drafts and versions to the published document', () => {
    expect(documentTags({_id: 'drafts.policy.kcell', _type: 'policy'})).toEqual(['doc:policy.kcell'])
    expect(documentTags({_id: 'versions.r1.policy.kcell', _type: 'policy'})).toEqual(['doc:policy.kcell'])
  })
  it('refreshes both addresses when a slug is renamed', () => {
    const tags = tagsForChange(
      {_id: 'operator.kcell', _type: 'operator', slug: 'kcell'},
      {_id: 'operator.kcell', _type: 'operator', slug: 'kcell-kz'},
    )
    expect(tags).toContain('slug:operator:kcell')
    expect(tags).toContain('slug:operator:kcell-kz')
  })
})

describe('webhook bodies', () => {
  it('reads the projection {_id, _type, slug, operator}', () => {
    expect(parseChangeNotice({_id: 'policy.izi', _type: 'policy', slug: null, operator: 'izi'})).toEqual({
      id: 'policy.izi',
      type: 'policy',
      versions: [{_id: 'policy.izi', _type: 'policy', slug: null, operator: 'izi'}],
    })
  })
  it('reads the before()/after() form, including deletion', () => {
    const renamed = parseChangeNotice({
      before: {_id: 'operator.izi', _type: 'operator', slug: 'izi'},
      after: {_id: 'operator.izi', _type: 'operator', slug: 'izi-app'},
    })
    expect(renamed?.versions.map((v) => v.slug)).toEqual(['izi', 'izi-app'])
    const deleted = parseChangeNotice({before: {_id: 'operator.izi', _type: 'operator', slug: 'izi'}, after: null})
    expect(deleted?.versions).toHaveLength(1)
  })
  it('asks for the identity of a bare {_id, _type} of an addressed type only', () => {
    expect(needsIdentity(parseChangeNotice({_id: 'policy.izi', _type: 'policy'})!)).toBe(true)
    expect(needsIdentity(parseChangeNotice({_id: 'faq.x', _type: 'faq'})!)).toBe(false)
  })
  it.each([null, 42, 'text', [], {}, {_id: 1, _type: 'policy'}, {_id: 'x'}, {_id: 'x'.repeat(300), _type: 'policy'}, {before: 1, after: 2}])(
    'refuses %j',
    (body) => {
      expect(parseChangeNotice(body)).toBeUndefined()
    },
  )
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
    expect(await verifyWebhookSignature(body, await signWebhookBody(body, 'another-secret'), secret)).toEqual({valid: false, reason: 'mismatch'})
    expect(await verifyWebhookSignature(`${body} `, await signWebhookBody(body, secret), secret)).toEqual({valid: false, reason: 'mismatch'})
    const stale = await signWebhookBody(body, secret, now - 5 * 60 * 1000 - 1)
    expect(await verifyWebhookSignature(body, stale, secret, now)).toEqual({valid: false, reason: 'stale'})
    const future = await signWebhookBody(body, secret, now + 10 * 60 * 1000)
    expect(await verifyWebhookSignature(body, future, secret, now)).toEqual({valid: false, reason: 'stale'})
    const truncated = (await signWebhookBody(body, secret)).slice(0, -3)
    expect(await verifyWebhookSignature(body, truncated, secret)).toEqual({valid: false, reason: 'mismatch'})
  })
})

describe('dataset changes on disk', () => {
  it('expires the tags of exactly the documents that changed, were added or removed', () => {
    const before = seedDocuments()
    const after = before
      .filter((doc) => doc._id !== 'faq.esim')
      .map((doc) => (doc._id === 'policy.beeline' ? {...doc, confidence: 'medium'} : doc))
      .concat([{_id: 'operator.new', _type: 'operator', name: 'New', slug: {current: 'new'}}])
    const tags = tagsBetween(fingerprint(before), fingerprint(after))
    expect(tags.sort()).toEqual(
      [
        'doc:faq.esim',
        'type:faq',
        'doc:policy.beeline',
        'slug:operator:beeline',
        'type:policy',
        'doc:operator.new',
        'slug:operator:new',
        'type:operator',
      ].sort(),
    )
    expect(tagsBetween(fingerprint(before), fingerprint(before))).toEqual([])
  })
})
