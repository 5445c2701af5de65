import {copyFileSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {mutationsForActions, type DocumentAction} from '@/sanity/local-backend/actions'
import {inPerspective} from '@/sanity/local-backend/server'
import {DocumentStore, draftsFileFor, MutationError} from '@/sanity/local-backend/store'
import {localStudioApiHost, localStudioPort} from '@/lib/env.mjs'
import {FIXTURE_FILE} from '../support/dataset'

/** The Studio's document actions, as the local backend turns them into changes of the bundled dataset. */
function storeOnCopy() {
  const file = join(mkdtempSync(join(tmpdir(), 'kz-store-')), 'production.ndjson')
  copyFileSync(FIXTURE_FILE, file)
  return {file, store: new DocumentStore({file, persist: true})}
}
/** Actions as one request: translated against the store's documents, then committed (and written). */
const run = async (store: DocumentStore, ...actions: DocumentAction[]) => store.commit(mutationsForActions(actions, (id) => store.get(id)))
const edit = (set: Record<string, unknown>): DocumentAction => ({
  actionType: 'sanity.action.document.edit',
  draftId: 'drafts.operator.izi',
  publishedId: 'operator.izi',
  patch: {set},
})

describe('document actions on the local backend', () => {
  it('edits into a draft, discards it, and leaves the published file as it was', async () => {
    const {file, store} = storeOnCopy()
    const before = readFileSync(file, 'utf8')
    await run(store, edit({legalEntity: 'Draft only'}))
    expect(store.get('drafts.operator.izi')).toMatchObject({legalEntity: 'Draft only', name: 'izi'})
    expect(store.get('operator.izi')?.legalEntity).not.toBe('Draft only')
    await run(store, {actionType: 'sanity.action.document.discard', draftId: 'drafts.operator.izi', publishedId: 'operator.izi'})
    expect(store.get('drafts.operator.izi')).toBeUndefined()
    expect(readFileSync(file, 'utf8')).toBe(before)
  })

  it('unpublishes into a draft, and deletes a document with its drafts', async () => {
    const {file, store} = storeOnCopy()
    await run(store, {actionType: 'sanity.action.document.unpublish', draftId: 'drafts.operator.izi', publishedId: 'operator.izi'})
    expect(store.get('operator.izi')).toBeUndefined()
    expect(store.get('drafts.operator.izi')).toMatchObject({name: 'izi'})
    expect(readFileSync(file, 'utf8')).not.toContain('"_id":"operator.izi"')
    expect(readFileSync(draftsFileFor(file), 'utf8')).toContain('"_id":"drafts.operator.izi"')
    await run(store, {actionType: 'sanity.action.document.delete', publishedId: 'operator.izi', includeDrafts: ['drafts.operator.izi']})
    expect(store.get('drafts.operator.izi')).toBeUndefined()
  })

  it('creates a new draft, refuses a second create, and applies an edit and a publish of one request in order', async () => {
    const {store} = storeOnCopy()
    const create: DocumentAction = {
      actionType: 'sanity.action.document.create',
      publishedId: 'faq.new',
      attributes: {_id: 'drafts.faq.new', _type: 'faq'},
      ifExists: 'fail',
    }
    await run(store, create)
    await expect(run(store, create)).rejects.toThrow(MutationError)
    await run(store, {...create, ifExists: 'ignore'})
    await run(
      store,
      {actionType: 'sanity.action.document.edit', draftId: 'drafts.faq.new', publishedId: 'faq.new', patch: {set: {order: 7}}},
      {actionType: 'sanity.action.document.publish', draftId: 'drafts.faq.new', publishedId: 'faq.new'},
    )
    expect(store.get('faq.new')).toMatchObject({order: 7, _type: 'faq'})
    expect(store.get('drafts.faq.new')).toBeUndefined()
  })

  it('changes nothing when one action of a request fails', async () => {
    const {store} = storeOnCopy()
    await expect(
      run(store, edit({legalEntity: 'half'}), {actionType: 'sanity.action.document.publish', publishedId: 'operator.nobody'}),
    ).rejects.toThrow(/no draft/)
    expect(store.get('drafts.operator.izi')).toBeUndefined()
    await expect(run(store, {actionType: 'sanity.action.document.version.create', publishedId: 'operator.izi'})).rejects.toThrow(
      /does not implement/,
    )
  })

  it('reads the export again when someone else changed it, so a publish does not write over that change', async () => {
    const {file, store} = storeOnCopy()
    await run(store, edit({legalEntity: 'Draft kept'}))
    writeFileSync(file, readFileSync(file, 'utf8').replace('"name":"Kcell"', '"name":"Kcell (edited by hand)"'))
    expect(store.refresh()).toBe(true)
    expect(store.refresh()).toBe(false)
    await run(store, {actionType: 'sanity.action.document.publish', draftId: 'drafts.operator.izi', publishedId: 'operator.izi'})
    expect(readFileSync(file, 'utf8')).toContain('Kcell (edited by hand)')
    expect(readFileSync(file, 'utf8')).toContain('Draft kept')
  })

  it('lays drafts over published documents in the drafts perspective only', async () => {
    const {store} = storeOnCopy()
    await run(store, edit({legalEntity: 'Draft only'}))
    const izi = (perspective: string) => inPerspective(store.all(), perspective).filter((doc) => doc._id.endsWith('operator.izi'))
    expect(izi('published')).toMatchObject([{_id: 'operator.izi'}])
    expect(izi('published')[0]?.legalEntity).not.toBe('Draft only')
    expect(izi('drafts')).toMatchObject([{_id: 'operator.izi', _originalId: 'drafts.operator.izi', legalEntity: 'Draft only'}])
    expect(izi('raw')).toHaveLength(2)
    expect(() => inPerspective(store.all(), 'rABC')).toThrow(/perspective/)
  })
})

describe('where the site finds the local backend', () => {
  it('only on localhost, and never with a Sanity project', () => {
    const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv
    expect(localStudioApiHost(env({LOCAL_STUDIO_URL: 'https://localhost:3333'}))).toBe('https://localhost:3333')
    expect(localStudioApiHost(env({LOCAL_STUDIO_URL: 'https://localhost:3333', SANITY_PROJECT_ID: 'abc'}))).toBeUndefined()
    expect(localStudioApiHost(env({LOCAL_STUDIO_URL: 'https://evil.example:3333'}))).toBeUndefined()
    expect(localStudioApiHost(env({}))).toBeUndefined()
    expect(localStudioPort(env({}))).toBe(3333)
    expect(localStudioPort(env({LOCAL_STUDIO_PORT: '4000'}))).toBe(4000)
    expect(() => localStudioPort(env({LOCAL_STUDIO_PORT: 'http'}))).toThrow(/port/)
  })
})
