/**
 * What the change feed tells people about itself: the status the site answers at
 * /api/content-changes (no secrets, no host names, no error text), and how the Studio's
 * verification age view words it. No server code: the Studio imports this.
 */
export type ChangeFeedState = 'off' | 'connecting' | 'catching-up' | 'connected' | 'reconnecting' | 'store-unreachable'

export type ChangeFeedStatus = {
  state: ChangeFeedState
  /** When the feed entered this state (ISO). */
  since?: string
  /** What tells the site of a change first: Sanity's webhook, or, on the bundled dataset, the file watcher. */
  fastPath: 'webhook' | 'dataset watcher'
  /** The last change that reached the site: when it was published, when it reached the site, and how. */
  lastChange?: {publishedAt: string; reachedAt: string; by: 'webhook' | 'feed' | 'catch-up'}
  /**
   * Changes this instance has not settled yet: heard and waiting for their webhook, held while the
   * cache store is unreachable, or expired once and due to expire again. 0 when all have settled.
   */
  pending: number
}

/** Seconds, to one decimal below a minute, then whole minutes. */
export function formatDelay(ms: number): string {
  const seconds = Math.max(0, ms) / 1000
  return seconds < 60 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds / 60)} min`
}

/**
 * The status in two sentences: the feed's state, and the last change that reached the site.
 * `at` formats a moment for the reader (the Studio uses the editor's locale).
 */
export function describeChangeFeed(status: ChangeFeedStatus, at: (iso: string) => string): {state: string; lastChange?: string} {
  const since = status.since ? ` since ${at(status.since)}` : ''
  const fastPath = status.fastPath === 'webhook' ? 'the webhook' : 'the dataset watcher'
  const followed = status.fastPath === 'webhook' ? 'the Content Lake' : 'the local Studio backend'
  const state = {
    off: `Change feed: off. Published changes reach the site through ${fastPath} only.`,
    connecting: `Change feed: connecting to ${followed}${since}.`,
    'catching-up': `Change feed: catching up with changes published while it was away${since}.`,
    connected: `Change feed: connected to ${followed}${since}. A change that ${fastPath} misses still reaches the site.`,
    reconnecting:
      `Change feed: link to ${followed} lost${since}, reconnecting. ` +
      `Changes still arrive through ${fastPath}; any it misses are applied once the link is back.`,
    'store-unreachable':
      `Change feed: the cache store is unreachable${since}. ` +
      'Readers get the last good pages; changes published meanwhile are held and applied as soon as it is back.',
  }[status.state]
  const last = status.lastChange
  if (!last) return {state}
  const by = {
    webhook: `by ${fastPath}`,
    feed: `by the change feed (${fastPath} had not applied it)`,
    'catch-up': `by a catch-up after a gap (${fastPath} had not applied it)`,
  }[last.by]
  const delay = formatDelay(Date.parse(last.reachedAt) - Date.parse(last.publishedAt))
  return {state, lastChange: `Last change reached the site at ${at(last.reachedAt)}, ${delay} after it was published, ${by}.`}
}
