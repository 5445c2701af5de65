import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {createClient} from 'redis'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {createFileBackend, createRedisBackend, sweepExpiredFiles} from '@/lib/freshness/backends.mjs'
import {createLru} from '@/lib/freshness/lru.mjs'
import {secondsToBoundary} from '@/lib/freshness/page-cache-handler.mjs'
import {Freshness, holdsContent, timeTag} from '@/lib/freshness/state.mjs'
import {startRedis, type RunningRedis} from '../support/redis'
import {describeWith} from '../support/requirements'

const scratch = () => mkdtempSync(join(tmpdir(), 'kz-freshness-'))
/** A build directory, as `next build` leaves one (only its id matters here). */
const buildDir = (id = 'build-1') => {
  const dir = scratch()
  writeFileSync(join(dir, 'BUILD_ID'), id)
  return dir
}
const withFiles = (root = scratch(), dir = buildDir()) =>
  new Freshness(Promise.resolve(createFileBackend(root)), {buildDir: dir, build: 'build-1'})

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

  it('gives a claim to one caller', async () => {
    const root = scratch()
    const [one, two] = [createFileBackend(root), createFileBackend(root)]
    expect((await Promise.all([one.claim('x'), two.claim('x')])).sort()).toEqual([false, true])
    await one.release('x')
    expect(await two.claim('x')).toBe(true)
  })

  it('gives a claim for a while, then to the next caller, and sweeps it', async () => {
    const root = scratch()
    const backend = createFileBackend(root)
    expect(await backend.claim('for-a-while', 60)).toBe(true)
    expect(await backend.claim('for-a-while', 60)).toBe(false)
    expect(await backend.claim('over', -1)).toBe(true)
    expect(await backend.claim('over', 60)).toBe(true)
    expect(await backend.claim('over', 60)).toBe(false)
    await backend.claim('gone', -1)
    expect(await sweepExpiredFiles(root)).toBe(1)
  })
})

describe('freshness: tags', () => {
  it('expires tags in the store, so another process sharing it sees them after refresh', async () => {
    const root = scratch()
    const [writer, reader] = [withFiles(root), withFiles(root)]
    const renderedAt = Date.now() - 10
    await writer.tags.expire(['doc:policy.kcell'])
    expect(reader.tags.isExpired(['doc:policy.kcell'], renderedAt)).toBe(false)
    await reader.tags.refresh()
    expect(reader.tags.isExpired(['doc:policy.kcell', 'content'], renderedAt)).toBe(true)
    expect(reader.tags.isExpired(['doc:policy.beeline'], renderedAt)).toBe(false)
    expect(reader.tags.isExpired(['doc:policy.kcell'], Date.now() + 10)).toBe(false)
  })

  it('expires a time tag at its moment, on every instance, with no one expiring it', () => {
    const state = withFiles()
    const renderedAt = Date.now() - 10
    expect(state.tags.isExpired([timeTag(Date.now() + 60_000)], renderedAt)).toBe(false)
    expect(state.tags.expiration([timeTag(Date.now() + 60_000)])).toBe(0)
    const passed = Date.now() - 5
    expect(state.tags.isExpired([timeTag(passed)], renderedAt)).toBe(true)
    // An entry made after the moment carries the next moment instead, never this one.
    expect(state.tags.isExpired([timeTag(passed)], Date.now())).toBe(false)
  })

  it('rejects an expiry the store cannot take, and keeps the last known state', async () => {
    const backend = {...createFileBackend(scratch()), writeTags: () => Promise.reject(new Error('store down'))}
    const state = new Freshness(Promise.resolve(backend), {buildDir: buildDir()})
    await expect(state.tags.expire(['doc:x'])).rejects.toThrow('store down')
    expect(state.trouble).toBe('store down')
  })
})

describe('freshness: last good answers', () => {
  it('keeps them only when they show a document or a list', async () => {
    expect([holdsContent({_id: 'guide'}), holdsContent([]), holdsContent(null), holdsContent(29), holdsContent({title: 'x'})]).toEqual([
      true,
      true,
      false,
      false,
      false,
    ])
    const state = withFiles()
    await state.lastGood.remember('page', {_id: 'operator.kcell'})
    await state.lastGood.remember('nothing', null)
    expect(await state.lastGood.recall('page')).toEqual({value: {_id: 'operator.kcell'}})
    expect(await state.lastGood.recall('nothing')).toBeUndefined()
  })
})

describe('freshness: the build', () => {
  it('reads its notes where the build wrote them, not in the store', async () => {
    const dir = buildDir()
    const atBuild = withFiles(scratch(), dir)
    await atBuild.build.write('note.json', '{"a":1}')
    // Another process, another store: the note is the build's.
    expect(withFiles(scratch(), dir).build.read('note.json')).toBe('{"a":1}')
    expect(withFiles(scratch(), buildDir()).build.read('note.json')).toBeUndefined()
  })

  it('settles a provisional build once per store: the first start expires everything, the next ones do not', async () => {
    const dir = buildDir()
    const root = scratch()
    await withFiles(root, dir).build.markProvisional('Lake unreachable')
    const first = withFiles(root, dir)
    expect(first.build.isProvisional()).toBe(true)
    expect(await first.build.settle('content')).toBe(true)
    expect(await withFiles(root, dir).build.settle('content')).toBe(false)
    const other = withFiles(root, dir)
    await other.tags.refresh()
    expect(other.tags.isExpired(['content'], Date.now() - 60_000)).toBe(true)
    // A build that is not provisional never expires anything.
    expect(await withFiles(scratch(), buildDir()).build.settle('content')).toBe(false)
  })
})

describeWith(['redis'], 'freshness on Redis', () => {
  let redis: RunningRedis
  beforeAll(async () => {
    redis = await startRedis()
  })
  afterAll(async () => {
    await redis?.stop()
  })
  const onRedis = async (dir: string) => {
    // As a server starts: nothing waits for the connection but the backend itself.
    const backend = await createRedisBackend(redis.url, () => {})
    return {state: new Freshness(Promise.resolve(backend), {buildDir: dir, build: 'build-redis'}), close: () => backend.close()}
  }

  it('settles a provisional build, flagged in the build directory, once for every instance sharing Redis', async () => {
    const dir = buildDir('build-redis')
    mkdirSync(join(dir, 'kz-sim-guide'), {recursive: true})
    // `next build` never writes to Redis: it flags the build in its own directory.
    await withFiles(scratch(), dir).build.markProvisional('Lake unreachable')
    const [a, b] = await Promise.all([onRedis(dir), onRedis(dir)])
    try {
      const settled = await Promise.all([a.state.build.settle('content'), b.state.build.settle('content')])
      expect(settled.sort()).toEqual([false, true])
      await b.state.tags.refresh()
      expect(b.state.tags.isExpired(['content'], Date.now() - 60_000)).toBe(true)
    } finally {
      await Promise.all([a.close(), b.close()])
    }
  })

  it('gives a marker to one instance for a while (a webhook delivery applied), with the time kept by Redis', async () => {
    const dir = buildDir('build-redis')
    const [a, b] = await Promise.all([onRedis(dir), onRedis(dir)])
    try {
      expect((await Promise.all([a.state.markers.claim('delivery-x', 360), b.state.markers.claim('delivery-x', 360)])).sort()).toEqual([
        false,
        true,
      ])
      const client = createClient({url: redis.url})
      await client.connect()
      expect(await client.ttl('kz-sim-guide:claim:delivery-x')).toBeGreaterThan(350)
      await client.close()
      await a.state.markers.release('delivery-x')
      expect(await b.state.markers.claim('delivery-x', 360)).toBe(true)
    } finally {
      await Promise.all([a.close(), b.close()])
    }
  })
})

describe('concurrent expiries', () => {
  it('loses none of them in the file backend', async () => {
    const backend = createFileBackend(scratch())
    await Promise.all(Array.from({length: 20}, (_, n) => backend.writeTags([`doc:${n}`], 1000 + n)))
    expect(Object.keys(await backend.readTags())).toHaveLength(20)
  })
})

describe('how long the caching proxy may keep a page with a dated fact', () => {
  it('is the whole seconds left to the earliest moment, rounded down, so never past it', () => {
    const now = 1_000_000
    expect(secondsToBoundary([timeTag(now + 2_999), timeTag(now + 60_000), 'doc:guide'], now)).toBe(2)
    expect(secondsToBoundary([timeTag(now + 999)], now)).toBe(0)
    expect(secondsToBoundary([timeTag(now - 1), 'type:faq'], now)).toBeUndefined()
  })
})
