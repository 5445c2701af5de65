import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {ListenEvent, MutationEvent, SanityClient} from '@sanity/client'
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'
import {CHANGE_TYPES} from '@/lib/content/webhook/delivery'
import {ChangeFeed, retryDelay} from '@/lib/content/change-feed'
import {describeChangeFeed} from '@/lib/content/change-feed-status'
import {catchUp, catchUpSince, markText, mergeMarks, parseMark, type CatchUpAnswer, type ChangeMark} from '@/lib/content/catch-up'
import {catchUpQuery} from '@/lib/content/queries'
import type {RawDocument} from '@/lib/content/embedded'
import {createFileBackend, type Backend} from '@/lib/freshness/backends.mjs'
import {Freshness} from '@/lib/freshness/state.mjs'
import {runGroq, fixtureDocuments} from '../support/dataset'

/** The seed's documents of the followed types, each last changed at `at`. */
const contentAt = (at: string): RawDocument[] =>
  fixtureDocuments()
    .filter((doc) => CHANGE_TYPES.includes(doc._type))
    .map((doc) => ({...doc, _updatedAt: at, _rev: `rev-${doc._id}`}))
const ask = (dataset: RawDocument[], mark?: ChangeMark) =>
  runGroq<CatchUpAnswer>(catchUpQuery, {types: CHANGE_TYPES, since: catchUpSince(mark)}, dataset)

describe('the catch-up', () => {
  const earlier = '2026-03-01T10:00:00Z'
  const later = '2026-03-01T10:05:00Z'

  it('asks for everything without a mark, and from a little before the mark with one', async () => {
    const dataset = contentAt(earlier)
    const everything = await ask(dataset)
    expect(everything.changed.map((doc) => doc._id).sort()).toEqual(dataset.map((doc) => doc._id).sort())
    const {changes, mark} = catchUp(undefined, everything)
    // Nothing to compare with: no changes (the feed refreshes every page once instead), and a mark.
    expect(changes).toEqual([])
    expect(mark.at).toBe(earlier)
    expect(Object.keys(mark.listed).sort()).toEqual(dataset.map((doc) => doc._id).sort())

    const [edited] = dataset
    const next = dataset.map((doc) => (doc === edited ? {...doc, _updatedAt: later, _rev: 'rev-2'} : doc))
    const answer = await ask(next, mark)
    // The documents changed at or after the mark less its slack: what was read last time, and the edit.
    expect(catchUpSince(mark)).toBe('2026-03-01T09:59:58.000Z')
    expect(answer.changed.map((doc) => doc._id).sort()).toEqual(dataset.map((doc) => doc._id).sort())
    const found = catchUp(mark, answer)
    // The revisions the mark has applied are skipped: the one edit is found.
    expect(found.changes).toEqual([{id: edited!._id, type: edited!._type, transition: 'update', rev: 'rev-2', publishedAt: later}])
    expect(found.mark.at).toBe(later)
    expect(found.mark.transactionId).toBe('rev-2')
    // Read from the new mark, only the edit is in the slack, and it is applied already.
    const again = catchUp(found.mark, await ask(next, found.mark))
    expect((await ask(next, found.mark)).changed.map((doc) => doc._id)).toEqual([edited!._id])
    expect(again.changes).toEqual([])
    expect(markText(again.mark)).toBe(markText(found.mark))
  })

  it('finds deletions by comparing the documents the mark lists with what the store has, and new documents with an old date', async () => {
    const dataset = contentAt(earlier)
    const {mark} = catchUp(undefined, await ask(dataset))
    const policy = dataset.find((doc) => doc._type === 'policy')!
    const operator = dataset.find((doc) => doc._type === 'operator')!
    const imported = {
      _id: 'operator.imported',
      _type: 'operator',
      name: 'Imported',
      slug: {current: 'imported'},
      _updatedAt: '2020-01-01T00:00:00Z',
      _rev: 'old',
    }
    const created = {_id: 'faq.created', _type: 'faq', _updatedAt: later, _rev: 'new'}
    const next = [...dataset.filter((doc) => doc !== policy && doc !== operator), imported, created]
    const {changes, mark: after} = catchUp(mark, await ask(next, mark))
    expect(changes).toEqual(
      expect.arrayContaining([
        {id: policy._id, type: 'policy', transition: 'disappear'},
        {id: operator._id, type: 'operator', transition: 'disappear'},
        {id: 'faq.created', type: 'faq', transition: 'appear', rev: 'new', publishedAt: later},
        {id: 'operator.imported', type: 'operator', transition: 'appear'},
      ]),
    )
    expect(changes).toHaveLength(4)
    expect(after.listed).not.toHaveProperty(policy._id)
    expect(after.listed['operator.imported']).toBe('operator')
  })

  it('merges a mark with the one another instance wrote: the later time, both revisions, this list', () => {
    const base: ChangeMark = {at: earlier, recent: {a: {rev: '1', at: earlier}}, listed: {a: 'faq'}}
    const mine: ChangeMark = {at: later, recent: {b: {rev: '2', at: later}}, listed: {b: 'faq'}, transactionId: '2'}
    const merged = mergeMarks(base, mine)
    expect(merged.at).toBe(later)
    expect(merged.transactionId).toBe('2')
    expect(merged.recent).toEqual({b: {rev: '2', at: later}})
    expect(merged.listed).toEqual({b: 'faq'})
    expect(parseMark(markText(merged))).toEqual(merged)
    // Of two accounts of one change, the instance's that applied it: the other only found it applied.
    const found = {publishedAt: later, reachedAt: 1, path: 'webhook' as const}
    const applied = {publishedAt: later, reachedAt: 2, path: 'feed' as const}
    expect(mergeMarks({...base, lastChange: found}, {...mine, lastChange: applied}).lastChange).toEqual(applied)
    expect(mergeMarks({...base, lastChange: applied}, {...mine, lastChange: found}).lastChange).toEqual(applied)
    expect(parseMark('{"at": 3}')).toBeUndefined()
    expect(parseMark('not json')).toBeUndefined()
  })
})

describe('reconnecting', () => {
  it('waits longer after each failure, up to a ceiling, with jitter: never a loop', () => {
    const options = {baseMs: 1_000, ceilingMs: 20_000}
    expect([0, 1, 2, 3, 4, 5, 10, 100].map((attempt) => retryDelay(attempt, options, () => 1))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 20_000, 20_000, 20_000,
    ])
    expect(retryDelay(3, options, () => 0)).toBe(4_000)
    for (let i = 0; i < 100; i++) expect(retryDelay(2, options)).toBeGreaterThanOrEqual(2_000)
  })
})

describe('the change feed', () => {
  /** A listener the test drives: each connection gets the events emitted while it is open. */
  type Observer = {next: (event: ListenEvent<Record<string, unknown>>) => void; error: (error: Error) => void}
  let observers: Observer[]
  let dataset: RawDocument[]
  let queries: number
  let storeDown: boolean
  let tagWrites: string[][]
  let freshness: Freshness
  let feed: ChangeFeed
  let logs: string[]

  const client = {
    listen: () => ({
      subscribe(observer: Observer) {
        observers.push(observer)
        return {unsubscribe: () => (observers = observers.filter((open) => open !== observer))}
      },
    }),
    fetch: async (query: string, params: Record<string, unknown>) => {
      queries += 1
      return runGroq(query, params, dataset)
    },
  } as unknown as SanityClient
  const emit = (event: ListenEvent<Record<string, unknown>>) => observers.forEach((observer) => observer.next(event))
  const failing =
    <T extends unknown[], R>(operation: (...args: T) => Promise<R>) =>
    (...args: T) =>
      storeDown ? Promise.reject(new Error('Redis is not reachable')) : operation(...args)
  const until = (condition: () => boolean) => vi.waitFor(() => expect(condition()).toBe(true), {timeout: 5_000, interval: 10})
  const published = (id: string, type: string, rev: string, timestamp: string): MutationEvent<Record<string, unknown>> => ({
    type: 'mutation',
    documentId: id,
    eventId: `${rev}#${id}`,
    identity: 'editor',
    mutations: [],
    transactionId: rev,
    resultRev: rev,
    timestamp,
    transition: 'update',
    visibility: 'query',
    transactionTotalEvents: 1,
    transactionCurrentEvent: 1,
    result: {_id: id, _type: type, _rev: rev, _createdAt: timestamp, _updatedAt: timestamp},
  })
  /** The expiries of changes, without the first catch-up's refresh of everything (written again 0.5 s later). */
  const changeWrites = () => tagWrites.filter((tags) => !tags.includes('content'))
  const storedMark = async () => parseMark((await freshness.entries.read('change-feed', 'mark'))?.toString('utf8'))

  beforeEach(() => {
    observers = []
    dataset = contentAt('2026-03-01T10:00:00Z')
    queries = 0
    storeDown = false
    logs = []
    const files = createFileBackend(mkdtempSync(join(tmpdir(), 'kz-feed-')))
    const writes: string[][] = []
    tagWrites = writes
    const backend: Backend = {
      ...files,
      tagVersion: failing(files.tagVersion),
      readTags: failing(files.readTags),
      // Into this test's list: an earlier test's second expiries still land, in its own.
      writeTags: failing((tags: string[], at: number) => (writes.push(tags), files.writeTags(tags, at))),
      readEntry: failing(files.readEntry),
      writeEntry: failing(files.writeEntry),
    }
    const buildDir = mkdtempSync(join(tmpdir(), 'kz-feed-build-'))
    writeFileSync(join(buildDir, 'BUILD_ID'), 'build-1')
    freshness = new Freshness(Promise.resolve(backend), {buildDir, build: 'build-1'})
    ;(globalThis as Record<symbol, unknown>)[Symbol.for('kz-sim-guide.freshness')] = freshness
    vi.spyOn(console, 'log').mockImplementation((line: string) => void logs.push(line))
    vi.spyOn(console, 'error').mockImplementation((line: string) => void logs.push(line))
    feed = new ChangeFeed(client, {graceMs: 0, graceJitterMs: 0})
    feed.start()
  })

  afterEach(() => {
    feed.stop()
    vi.restoreAllMocks()
  })

  /** A feed that waits `graceMs` for a webhook before it applies a change, connected and caught up. */
  async function connectWithGrace(graceMs: number) {
    feed.stop()
    feed = new ChangeFeed(client, {graceMs, graceJitterMs: 0})
    feed.start()
    emit({type: 'welcome', listenerName: 'one'})
    await until(() => feed.status().state === 'connected')
    await feed.settled()
    tagWrites.length = 0
  }

  it('catches up once at its first connection, refreshing everything when the store has no mark, and writes the mark', async () => {
    expect(feed.status().state).toBe('connecting')
    expect(feed.health()).toBe('down')
    emit({type: 'welcome', listenerName: 'one'})
    await until(() => feed.status().state === 'connected')
    await feed.settled()
    expect(queries).toBe(1)
    expect(tagWrites[0]).toEqual(['content'])
    expect(changeWrites()).toEqual([])
    expect((await storedMark())?.at).toBe('2026-03-01T10:00:00Z')
    expect(feed.health()).toBe('ok')
  })

  it('holds a change while the store is down, one per document, and applies it once the store is back', async () => {
    emit({type: 'welcome', listenerName: 'one'})
    await until(() => feed.status().state === 'connected')
    await feed.settled()
    tagWrites.length = 0
    storeDown = true
    emit(published('policy.kcell', 'policy', 'r1', '2026-03-01T10:01:00.000Z'))
    await until(() => feed.heldChanges === 1)
    emit(published('policy.kcell', 'policy', 'r2', '2026-03-01T10:02:00.000Z'))
    emit(published('operator.kcell', 'operator', 'r3', '2026-03-01T10:03:00.000Z'))
    await until(() => feed.heldChanges === 2)
    const status = feed.status()
    expect(status.state).toBe('store-unreachable')
    expect(feed.health()).toBe('down')
    // What the Studio shows: no host, no error text.
    expect(Object.keys(status).sort()).toEqual(['fastPath', 'pending', 'since', 'state'])
    // The held changes, and any second expiry of the race window still to come.
    expect(status.pending).toBeGreaterThanOrEqual(2)
    expect(JSON.stringify(status)).not.toContain('Redis')
    expect(logs.filter((line) => line.includes('cache store cannot take changes'))).toHaveLength(1)

    storeDown = false
    await until(() => feed.status().state === 'connected')
    await feed.settled()
    expect(feed.heldChanges).toBe(0)
    expect(tagWrites).toEqual(
      expect.arrayContaining([
        ['doc:policy.kcell', 'type:policy'],
        ['doc:operator.kcell', 'type:operator'],
      ]),
    )
    expect(freshness.tags.expiration(['doc:policy.kcell'])).toBeGreaterThan(0)
    expect(
      logs.filter((line) => /change of policy\.kcell \(update\) applied by the change feed: no webhook had applied it/.test(line)),
    ).toHaveLength(1)
    const mark = await storedMark()
    expect(mark?.at).toBe('2026-03-01T10:03:00.000Z')
    expect(mark?.transactionId).toBe('r3')
    expect(feed.status().lastChange).toMatchObject({publishedAt: '2026-03-01T10:03:00.000Z', by: 'feed'})
  })

  it('applies nothing a webhook applied after the feed heard the change', async () => {
    await connectWithGrace(300)
    emit(published('faq.esim', 'faq', 'r1', new Date().toISOString()))
    // The webhook, on this or another instance, within the grace.
    await freshness.tags.expire(['doc:faq.esim', 'type:faq'])
    await until(() => feed.status().lastChange !== undefined)
    await feed.settled()
    // Found applied: no expiry of the feed's own (the webhook's are its two, lib/freshness).
    expect(changeWrites().length).toBeLessThanOrEqual(2)
    expect(feed.status().lastChange?.by).toBe('webhook')
    expect(logs.some((line) => line.includes('applied by the change feed'))).toBe(false)
  })

  it('gives a document deleted within the grace of its creation the type it was created with, and expires that type only', async () => {
    await connectWithGrace(300)
    const at = new Date().toISOString()
    emit({...published('operator.brief', 'operator', 'r1', at), transition: 'appear'})
    emit({...published('operator.brief', 'operator', 'r2', at), transition: 'disappear', result: undefined})
    await until(() => feed.status().lastChange !== undefined)
    await feed.settled()
    expect(changeWrites()[0]).toEqual(['doc:operator.brief', 'type:operator'])
    expect(changeWrites().flat()).not.toContain('type:policy')
  })

  it('reconnects after a lost link and catches up with what changed meanwhile, deletions too', async () => {
    emit({type: 'welcome', listenerName: 'one'})
    await until(() => feed.status().state === 'connected')
    await feed.settled()
    tagWrites.length = 0
    emit({type: 'reconnect'})
    expect(feed.status().state).toBe('reconnecting')
    expect(observers).toHaveLength(0)
    // While away: a policy edited, an operator deleted.
    const [policy, operator] = [dataset.find((doc) => doc._type === 'policy')!, dataset.find((doc) => doc._type === 'operator')!]
    dataset = dataset
      .filter((doc) => doc !== operator)
      .map((doc) => (doc === policy ? {...doc, _updatedAt: '2026-03-01T11:00:00Z', _rev: 'away'} : doc))
    await until(() => observers.length === 1) // the back-off's first wait is 0.5-1 s
    emit({type: 'welcome', listenerName: 'two'})
    await until(() => feed.status().state === 'connected')
    await feed.settled()
    expect(queries).toBe(2)
    expect(tagWrites).toEqual(
      expect.arrayContaining([
        [`doc:${policy._id}`, 'type:policy'],
        [`doc:${operator._id}`, 'type:operator'],
      ]),
    )
    expect(logs.some((line) => line.includes(`change of ${operator._id} (disappear) applied by a catch-up`))).toBe(true)
    expect((await storedMark())?.listed).not.toHaveProperty(operator._id)
  })
})

describe('what the Studio says', () => {
  const at = (iso: string) => iso.slice(11, 19)
  it('names the state, and how long the last change took and by which path', () => {
    const lastChange = {publishedAt: '2026-03-01T10:00:00.000Z', reachedAt: '2026-03-01T10:00:02.400Z', by: 'feed' as const}
    expect(
      describeChangeFeed({state: 'connected', since: '2026-03-01T09:00:00.000Z', fastPath: 'webhook', pending: 0, lastChange}, at),
    ).toEqual({
      state: 'Change feed: connected to the Content Lake since 09:00:00. A change that the webhook misses still reaches the site.',
      lastChange:
        'Last change reached the site at 10:00:02, 2.4 s after it was published, by the change feed (the webhook had not applied it).',
    })
    expect(
      describeChangeFeed({state: 'store-unreachable', since: '2026-03-01T09:30:00.000Z', fastPath: 'webhook', pending: 0}, at).state,
    ).toMatch(/^Change feed: the cache store is unreachable since 09:30:00\. Readers get the last good pages/)
    expect(
      describeChangeFeed({state: 'reconnecting', since: '2026-03-01T09:30:00.000Z', fastPath: 'webhook', pending: 0}, at).state,
    ).toMatch(/link to the Content Lake lost since 09:30:00/)
    expect(
      describeChangeFeed({state: 'catching-up', since: '2026-03-01T09:30:00.000Z', fastPath: 'webhook', pending: 0}, at).state,
    ).toMatch(/catching up/)
    expect(describeChangeFeed({state: 'off', fastPath: 'dataset watcher', pending: 0}, at).state).toBe(
      'Change feed: off. Published changes reach the site through the dataset watcher only.',
    )
    expect(
      describeChangeFeed({state: 'reconnecting', since: '2026-03-01T09:30:00.000Z', fastPath: 'dataset watcher', pending: 0}, at).state,
    ).toMatch(
      /^Change feed: link to the local Studio backend lost since 09:30:00, reconnecting\. Changes still arrive through the dataset watcher/,
    )
  })
})
