import 'server-only'
import type {ListenEvent, MutationEvent, SanityClient} from '@sanity/client'
import {changeFeedEnabled, isBuilding, readContentEnv} from '../env.mjs'
import {freshness} from '../freshness'
import {CHANGE_TYPES} from './webhook/delivery'
import type {ChangeFeedState, ChangeFeedStatus} from './change-feed-status'
import {applyChange} from './changes'
import {
  catchUp,
  catchUpSince,
  laterChange,
  madeBy,
  markApplied,
  markText,
  mergeMarks,
  parseMark,
  type CatchUpAnswer,
  type ChangeMark,
  type ChangePath,
  type ContentChange,
  type LastChange,
} from './catch-up'
import {feedClient} from './clients'
import {isPublishedId} from './ids'
import {catchUpQuery, changeFeedQuery} from './queries'
import {CONTENT_TAG, docTag, tagsForChange, type ChangedDocument} from './tags'

/**
 * The change feed: the second path of a content change, beside the webhook, and the one that
 * cannot be lost. The site follows the content store's listener (Sanity's listen API, server-sent
 * events) for the published documents its pages show, and applies each change with the webhook's
 * own `applyChange`, a moment after it is heard unless the webhook (on any instance) already did.
 * After every gap (a start, a reconnection, the cache store coming back) it asks the content store
 * once what changed since its mark, deletions included (catch-up.ts), and applies that too.
 *
 * Bounded: one listener per instance; reconnections back off, with jitter, to a ceiling; one
 * catch-up query per connection, and none while nothing happens. Changes that the cache store
 * cannot take are held, one per document, and applied as soon as it is back.
 */

/** How long a change waits for its webhook before the feed applies it. */
export const WEBHOOK_GRACE_MS = 2_000
/** Up to this much more, at random, so that of several instances one usually applies and the others see it done. */
export const GRACE_JITTER_MS = 500
/** Reconnections: 1 s, 2 s, 4 s… up to 10 s, each between half and all of that: a link back after a long outage is used within 10 s. */
const RECONNECT = {baseMs: 1_000, ceilingMs: 10_000}
/** A connection that lasted this long starts the back-off again from the beginning. */
const STABLE_MS = 60_000
/** A connection is renewed after an hour, with its catch-up: a link that died without a word would hear nothing. */
const RENEW_MS = 3_600_000
/** Trying the cache store again while changes wait for it: 0.25-0.5 s, 0.5-1 s, then every 1-2 s (a local check while Redis is away). */
const STORE_RETRY = {baseMs: 500, ceilingMs: 2_000}
/** A gap shorter than this (a reconnection) still counts as healthy. */
const BLIP_MS = 15_000

/** Where the mark lives in the shared store: not per build, as it describes the content store. */
const MARK_SPACE = 'change-feed'
const MARK_KEY = 'mark'

/** The wait before attempt `attempt` (0, 1, …): doubling up to a ceiling, between half and all of it. */
export function retryDelay(attempt: number, {baseMs, ceilingMs}: {baseMs: number; ceilingMs: number}, random = Math.random): number {
  const cap = Math.min(ceilingMs, baseMs * 2 ** Math.min(attempt, 30))
  return cap / 2 + (random() * cap) / 2
}

/** A change heard or found, and since when an expiry of its tags means it was applied (ms, this clock). */
type Pending = {change: ContentChange; reference: number; path: Exclude<ChangePath, 'webhook'>}

/** The versions a change expires: of its type, or of every followed type when the feed never learnt it. */
const versionsOf = ({id, type}: ContentChange): ChangedDocument[] => (type ? [type] : CHANGE_TYPES).map((_type) => ({_id: id, _type}))

export type ChangeFeedOptions = {
  graceMs?: number
  graceJitterMs?: number
  fastPath?: ChangeFeedStatus['fastPath']
}

export class ChangeFeed {
  private readonly client: SanityClient
  private readonly graceMs: number
  private readonly graceJitterMs: number
  private readonly fastPath: ChangeFeedStatus['fastPath']
  private readonly startedAt = Date.now()
  private subscription: {unsubscribe(): void} | undefined
  private connected = false
  private everConnected = false
  private connectedAt = 0
  private lostAt: number | undefined
  /** Whether the current gap was logged (a renewal is not). */
  private lossLogged = false
  private caughtUp = false
  private everCaughtUp = false
  /** When the cache store stopped taking changes (held, or a catch-up waiting for it). */
  private storeDownSince: number | undefined
  private mark: ChangeMark | undefined
  private lastChange: LastChange | undefined
  /** Heard, and waiting for the webhook's grace. */
  private readonly waiting = new Map<string, Pending>()
  /** Not applied: the cache store could not take them. One per document. */
  private readonly held = new Map<string, Pending>()
  private reconnects = 0
  private catchUpRetries = 0
  private storeRetries = 0
  private readonly timers: Partial<Record<'reconnect' | 'renew' | 'grace' | 'catchUp' | 'store', NodeJS.Timeout>> = {}
  /** One thing at a time: catch-ups, applying, the mark. */
  private work: Promise<void> = Promise.resolve()
  private stopped = false

  constructor(client: SanityClient, options: ChangeFeedOptions = {}) {
    this.client = client
    this.graceMs = options.graceMs ?? WEBHOOK_GRACE_MS
    this.graceJitterMs = options.graceJitterMs ?? GRACE_JITTER_MS
    this.fastPath = options.fastPath ?? 'webhook'
  }

  start() {
    this.stopped = false
    this.connect()
  }

  stop() {
    this.stopped = true
    this.subscription?.unsubscribe()
    this.subscription = undefined
    for (const timer of Object.values(this.timers)) clearTimeout(timer)
  }

  /** Changes waiting for the cache store: at most one per document. */
  get heldChanges(): number {
    return this.held.size
  }

  /** Resolves once everything queued so far is done (tests). */
  settled(): Promise<void> {
    return this.work
  }

  /** Learns how the last change reached the site from the mark every instance writes (another instance may have applied it). */
  async readLastChange() {
    const stored = parseMark((await freshness().entries.read(MARK_SPACE, MARK_KEY))?.toString('utf8'))
    this.lastChange = laterChange(this.lastChange, stored?.lastChange)
  }

  status(): ChangeFeedStatus {
    const {state, since} = this.current()
    const last = this.lastChange
    return {
      state,
      since: new Date(since).toISOString(),
      fastPath: this.fastPath,
      pending: this.waiting.size + this.held.size + freshness().tags.reexpiring(),
      ...(last ? {lastChange: {publishedAt: last.publishedAt, reachedAt: new Date(last.reachedAt).toISOString(), by: last.path}} : {}),
    }
  }

  health(): 'ok' | 'down' {
    const {state, since} = this.current()
    if (state === 'connected') return 'ok'
    if (state === 'store-unreachable' || !this.everCaughtUp) return 'down'
    return Date.now() - since < BLIP_MS ? 'ok' : 'down'
  }

  private current(): {state: ChangeFeedState; since: number} {
    if (this.storeDownSince !== undefined) return {state: 'store-unreachable', since: this.storeDownSince}
    if (!this.connected)
      return this.everConnected
        ? {state: 'reconnecting', since: this.lostAt ?? this.startedAt}
        : {state: 'connecting', since: this.startedAt}
    return {state: this.caughtUp ? 'connected' : 'catching-up', since: this.connectedAt}
  }

  private enqueue(task: () => Promise<void>) {
    this.work = this.work.then(task).catch((error: Error) => console.error(`[content] change feed: ${error.message}`))
  }

  private connect() {
    if (this.stopped) return
    this.subscription = this.client
      .listen(
        changeFeedQuery,
        {types: CHANGE_TYPES},
        {
          events: ['welcome', 'mutation', 'reconnect'],
          includeResult: true,
          includeMutations: false,
          // Told of a change only once queries show it: a page rendered after its expiry shows it.
          visibility: 'query',
          tag: 'kz-sim-guide.change-feed',
        },
      )
      .subscribe({next: (event) => this.onEvent(event), error: (error: Error) => this.lost(error.message)})
  }

  private onEvent(event: ListenEvent<Record<string, unknown>>) {
    if (event.type === 'welcome') return this.welcome()
    if (event.type === 'mutation') return this.hear(event)
    if (event.type === 'reconnect') return this.lost('the connection closed')
  }

  private welcome() {
    if (this.lossLogged)
      console.log(`[content] change feed: connected again after ${((Date.now() - (this.lostAt ?? 0)) / 1000).toFixed(1)} s; catching up`)
    this.connected = true
    this.everConnected = true
    this.connectedAt = Date.now()
    this.lostAt = undefined
    this.lossLogged = false
    this.caughtUp = false
    clearTimeout(this.timers.renew)
    this.timers.renew = setTimeout(() => this.lost(undefined), RENEW_MS).unref()
    this.enqueue(() => this.catchUpNow())
  }

  /** The connection ended (`reason`), or is being renewed (none): reconnect after a back-off, never in a loop. */
  private lost(reason: string | undefined) {
    this.subscription?.unsubscribe()
    this.subscription = undefined
    clearTimeout(this.timers.renew)
    if (this.connected && Date.now() - this.connectedAt >= STABLE_MS) this.reconnects = 0
    const delay = retryDelay(this.reconnects++, RECONNECT)
    this.lostAt ??= Date.now()
    if (reason && !this.lossLogged) {
      console.error(
        `[content] change feed: no link to the content store (${reason}); ` +
          `trying again with a back-off, next in ${(delay / 1000).toFixed(1)} s`,
      )
      this.lossLogged = true
    }
    this.connected = false
    this.caughtUp = false
    clearTimeout(this.timers.reconnect)
    this.timers.reconnect = setTimeout(() => this.connect(), delay).unref()
  }

  private hear(event: MutationEvent<Record<string, unknown>>) {
    const id = event.documentId
    if (!isPublishedId(id)) return
    // A deletion carries no document: its type is what the feed last learnt of it.
    const type =
      typeof event.result?._type === 'string'
        ? event.result._type
        : ((this.waiting.get(id) ?? this.held.get(id))?.change.type ?? this.mark?.listed[id])
    const change: ContentChange = {
      id,
      type,
      transition: event.transition,
      rev: event.resultRev ?? event.transactionId,
      publishedAt: event.timestamp,
    }
    this.waiting.set(id, {change, reference: Date.now(), path: 'feed'})
    this.scheduleGrace()
  }

  private scheduleGrace() {
    if (this.timers.grace || this.waiting.size === 0) return
    const first = Math.min(...[...this.waiting.values()].map((pending) => pending.reference))
    const wait = Math.max(0, first + this.graceMs - Date.now()) + Math.random() * this.graceJitterMs
    this.timers.grace = setTimeout(() => {
      this.timers.grace = undefined
      const due = [...this.waiting.values()].filter((pending) => pending.reference + this.graceMs <= Date.now())
      for (const pending of due) this.waiting.delete(pending.change.id)
      this.enqueue(() => this.settle(due))
      this.scheduleGrace()
    }, wait).unref()
  }

  /**
   * Applies what no one has applied: a change whose tags all expired at or after its reference was
   * applied already, by its webhook or another instance's feed. A change the cache store cannot take is held.
   */
  private async settle(pending: Pending[]) {
    if (pending.length > 0) await freshness().tags.refresh()
    for (const entry of pending) {
      const versions = versionsOf(entry.change)
      // Every path expires a document's own tag with its type's, together: of a type the feed never
      // learnt, the document's tag alone says whether it was applied.
      const evidence = entry.change.type ? tagsForChange(...versions) : [docTag(entry.change.id)]
      const appliedAt = Math.min(...evidence.map((tag) => freshness().tags.expiration([tag])))
      if (appliedAt >= entry.reference) {
        this.applied(entry, appliedAt, 'webhook')
        continue
      }
      try {
        await applyChange(...versions)
      } catch (error) {
        this.hold(entry, (error as Error).message)
        continue
      }
      const by = entry.path === 'feed' ? 'the change feed' : 'a catch-up'
      const missed = this.fastPath === 'webhook' ? 'no webhook had applied it' : 'the dataset watcher had not applied it'
      console.log(`[content] change of ${entry.change.id} (${entry.change.transition}) applied by ${by}: ${missed}`)
      this.applied(entry, Date.now(), entry.path)
    }
    await this.saveMark()
  }

  private applied({change}: Pending, reachedAt: number, path: ChangePath) {
    this.held.delete(change.id)
    if (this.mark) this.mark = markApplied(this.mark, change, this.caughtUp)
    if (change.publishedAt) this.lastChange = laterChange(this.lastChange, {publishedAt: change.publishedAt, reachedAt, path})
  }

  private hold(entry: Pending, reason: string) {
    this.held.set(entry.change.id, entry)
    this.storeDown(reason)
  }

  private storeDown(reason: string) {
    if (this.storeDownSince === undefined) {
      this.storeDownSince = Date.now()
      console.error(`[content] change feed: the cache store cannot take changes (${reason}); holding them until it is back`)
    }
    if (this.timers.store) return
    this.timers.store = setTimeout(
      () => {
        this.timers.store = undefined
        this.enqueue(() => this.storeBack())
      },
      retryDelay(this.storeRetries++, STORE_RETRY),
    ).unref()
  }

  /** Replays what was held, then the catch-up that waited, once the cache store answers again. */
  private async storeBack() {
    await freshness().tags.refresh()
    const trouble = freshness().trouble
    if (trouble) return this.storeDown(trouble)
    const replayed = this.held.size
    await this.settle([...this.held.values()])
    if (this.connected && !this.caughtUp && this.held.size === 0) await this.catchUpNow()
    // A change or the catch-up failed on the store again: it is tried again later.
    if (this.timers.store) return
    console.log(`[content] change feed: the cache store takes changes again; ${replayed} held change(s) applied`)
    this.storeDownSince = undefined
    this.storeRetries = 0
  }

  /** Reads the mark, asks the content store once what changed since, and applies it. */
  private async catchUpNow() {
    clearTimeout(this.timers.catchUp)
    if (!this.connected || this.caughtUp) return
    let stored: ChangeMark | undefined
    try {
      stored = parseMark((await freshness().entries.readOrFail(MARK_SPACE, MARK_KEY))?.toString('utf8'))
    } catch (error) {
      return this.storeDown((error as Error).message)
    }
    // Another instance may be further on; the store may have lost what this instance knows.
    const base = stored && this.mark ? (Date.parse(stored.at) >= Date.parse(this.mark.at) ? stored : this.mark) : (stored ?? this.mark)
    let answer: CatchUpAnswer
    try {
      answer = await this.client.fetch<CatchUpAnswer>(
        catchUpQuery,
        {types: CHANGE_TYPES, since: catchUpSince(base)},
        {tag: 'kz-sim-guide.catch-up'},
      )
    } catch (error) {
      const delay = retryDelay(this.catchUpRetries++, RECONNECT)
      console.error(`[content] change feed: catch-up failed (${(error as Error).message}); trying again in ${(delay / 1000).toFixed(1)} s`)
      this.timers.catchUp = setTimeout(() => this.enqueue(() => this.catchUpNow()), delay).unref()
      return
    }
    this.catchUpRetries = 0
    const {changes, mark} = catchUp(base, answer)
    if (!base) {
      // Nothing says what was applied before (a new cache store): every page refreshes once instead.
      try {
        await freshness().tags.expire([CONTENT_TAG])
      } catch (error) {
        return this.storeDown((error as Error).message)
      }
      console.log(
        '[content] change feed: the cache store has no mark of the changes applied; every page refreshes from the content store once',
      )
    }
    this.mark = mark
    this.caughtUp = true
    this.everCaughtUp = true
    await this.settle(
      changes.map((change) => ({change, reference: change.publishedAt ? madeBy(change.publishedAt) : Infinity, path: 'catch-up' as const})),
    )
  }

  /**
   * Writes the mark once it says something new, merged with what another instance may have
   * written: only caught up and with nothing held, or it would claim changes that are not applied.
   */
  private async saveMark() {
    if (!this.mark || !this.caughtUp || this.held.size > 0) return
    this.mark = {...this.mark, lastChange: laterChange(this.mark.lastChange, this.lastChange)}
    try {
      const storedText = (await freshness().entries.readOrFail(MARK_SPACE, MARK_KEY))?.toString('utf8')
      this.mark = mergeMarks(parseMark(storedText), this.mark)
      this.lastChange = this.mark.lastChange
      const text = markText(this.mark)
      if (text !== storedText) await freshness().entries.writeOrFail(MARK_SPACE, MARK_KEY, Buffer.from(text), Infinity)
    } catch {
      // Kept in memory and written with the next change; a restart before then applies a few changes again.
    }
  }
}

const GLOBAL_KEY = Symbol.for('kz-sim-guide.change-feed')
/** The process's feed, shared through globalThis by the copies of this module Next bundles (start-up, routes); null when off. */
const holder = globalThis as {[GLOBAL_KEY]?: ChangeFeed | null}

/** Starts following the content store, once per process: the Content Lake, or the local backend `npm start` runs. */
export function startChangeFeed() {
  if (holder[GLOBAL_KEY] !== undefined) return
  // A build renders what the content store has when it runs; only a server follows its changes.
  const client = !isBuilding() && changeFeedEnabled() ? feedClient() : undefined
  const feed = client ? new ChangeFeed(client, {fastPath: readContentEnv().source === 'sanity' ? 'webhook' : 'dataset watcher'}) : null
  holder[GLOBAL_KEY] = feed
  feed?.start()
}

/** For editors (the Studio) and operators: the feed's state and the last change that reached the site. */
export async function changeFeedStatus(): Promise<ChangeFeedStatus> {
  const feed = holder[GLOBAL_KEY]
  if (!feed)
    return {
      state: 'off',
      fastPath: readContentEnv().source === 'sanity' ? 'webhook' : 'dataset watcher',
      pending: freshness().tags.reexpiring(),
    }
  await feed.readLastChange()
  return feed.status()
}

/**
 * For the readiness endpoint: synchronous, from memory, no I/O. `off`: no feed here (no content
 * store to follow, or CHANGE_FEED=off). `ok`: connected and caught up, or within BLIP_MS of a
 * reconnection after having caught up once. `down`: not caught up since the start, a gap longer
 * than that, or changes held while the cache store is unreachable.
 */
export function changeFeedHealth(): 'ok' | 'down' | 'off' {
  return holder[GLOBAL_KEY]?.health() ?? 'off'
}
