import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {createFileBackend, sweepExpiredFiles} from '@/lib/freshness/backends.mjs'
import {createLru} from '@/lib/freshness/lru.mjs'
import {Freshness, holdsContent} from '@/lib/freshness/state.mjs'

const scratch = () => mkdtempSync(join(tmpdir(), 'kz-freshness-'))

describe('the LRU of the memory tier', () => {
  it('drops the least recently used entries past its count or byte cap', () => {
    const lru = createLru(2, 10)
    lru.set('a', Buffer.from('aaa'))
    lru.set('b', Buffer.from('bbb'))
    lru.get('a')
    lru.set('c', Buffer.from('ccc'))
    expect([lru.get('a')?.toString(), lru.get('b'), lru.get('c')?.toString()]).toEqual(['aaa', undefined, 'ccc'])
    lru.set('d', Buffer.from('dddddddd'))
    expect(lru.bytes).toBeLessThanOrEqual(10)
    lru.set('huge', Buffer.alloc(11))
    expect(lru.get('huge')).toBeUndefined()
  })
})

describe('the file backend', () => {
  it('keeps the latest expiry of each tag, and a version that changes with it', async () => {
    const backend = createFileBackend(scratch())
    const before = await backend.tagVersion()
    await backend.writeTags(['doc:a', 'type:x'], 2000)
    await backend.writeTags(['doc:a'], 1000)
    expect(await backend.readTags()).toEqual({'doc:a': 2000, 'type:x': 2000})
    expect(await backend.tagVersion()).not.toBe(before)
  })

  it('forgets entries whose time is up, on read and in a sweep', async () => {
    const root = scratch()
    const backend = createFileBackend(root)
    await backend.writeEntry('pages', 'fresh', Buffer.from('kept'), 60)
    await backend.writeEntry('pages', 'old', Buffer.from('gone'), -1)
    await backend.writeEntry('pages', 'older', Buffer.from('gone'), -1)
    expect((await backend.readEntry('pages', 'fresh'))?.toString()).toBe('kept')
    expect(await backend.readEntry('pages', 'old')).toBeUndefined()
    expect(await sweepExpiredFiles(root)).toBe(1)
  })
})

describe('freshness', () => {
  it('expires tags in the store, so another process sharing it sees them after refresh', async () => {
    const root = scratch()
    const writer = new Freshness(Promise.resolve(createFileBackend(root)))
    const reader = new Freshness(Promise.resolve(createFileBackend(root)))
    const renderedAt = Date.now() - 10
    await writer.expire(['doc:policy.kcell'])
    expect(reader.isExpired(['doc:policy.kcell'], renderedAt)).toBe(false)
    await reader.refresh()
    expect(reader.isExpired(['doc:policy.kcell', 'content'], renderedAt)).toBe(true)
    expect(reader.isExpired(['doc:policy.beeline'], renderedAt)).toBe(false)
    expect(reader.isExpired(['doc:policy.kcell'], Date.now() + 10)).toBe(false)
  })

  it('rejects an expiry the store cannot take, and keeps the last known state', async () => {
    const backend = {...createFileBackend(scratch()), writeTags: () => Promise.reject(new Error('store down'))}
    const state = new Freshness(Promise.resolve(backend))
    await expect(state.expire(['doc:x'])).rejects.toThrow('store down')
    expect(state.trouble).toBe('store down')
  })

  it('keeps last good answers only when they show a document or a list', async () => {
    expect([holdsContent({_id: 'guide'}), holdsContent([]), holdsContent(null), holdsContent(29), holdsContent({title: 'x'})]).toEqual([true, true, false, false, false])
    const state = new Freshness(Promise.resolve(createFileBackend(scratch())))
    await state.rememberAnswer('page', {_id: 'operator.kcell'})
    await state.rememberAnswer('nothing', null)
    expect(await state.recallAnswer('page')).toEqual({value: {_id: 'operator.kcell'}})
    expect(await state.recallAnswer('nothing')).toBeUndefined()
  })
})

describe('concurrent expiries', () => {
  it('loses none of them in the file backend', async () => {
    const backend = createFileBackend(scratch())
    await Promise.all(Array.from({length: 20}, (_, n) => backend.writeTags([`doc:${n}`], 1000 + n)))
    expect(Object.keys(await backend.readTags())).toHaveLength(20)
  })
})
