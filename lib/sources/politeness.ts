/**
 * Politeness towards the servers we check: one request at a time per host, and a pause between
 * the end of one and the start of the next (1 s, or the host's robots.txt Crawl-delay, up to
 * 30 s). Hosts are independent, so a run takes about as long as its busiest host. Every request
 * is logged, so a run can say what it cost each host.
 */

/** `www.kcell.kz` and `kcell.kz` are one site, usually on the same machines: they wait for each other. */
export const hostKey = (hostname: string) => hostname.toLowerCase().replace(/^www\./, '')

export const DEFAULT_HOST_INTERVAL_MS = 1_000
export const MAX_CRAWL_DELAY_MS = 30_000

export type RequestLogEntry = {host: string; url: string; startedAt: number; endedAt: number}

export class HostSchedule {
  private readonly tails = new Map<string, Promise<void>>()
  private readonly lastEnded = new Map<string, number>()
  private readonly intervals = new Map<string, number>()
  readonly log: RequestLogEntry[] = []

  constructor(private readonly intervalMs = DEFAULT_HOST_INTERVAL_MS) {}

  /** A host's robots.txt asked for a longer pause (seconds, as Crawl-delay gives it). */
  setCrawlDelay(host: string, seconds: number) {
    const ms = Math.min(Math.max(seconds * 1000, this.intervalMs), MAX_CRAWL_DELAY_MS)
    this.intervals.set(host, Math.max(ms, this.intervals.get(host) ?? 0))
  }

  /** Runs one request to `host` when it is that host's turn (first come, first served). */
  async run<T>(host: string, url: string, request: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(host) ?? Promise.resolve()
    let release!: () => void
    this.tails.set(host, new Promise<void>((resolve) => (release = resolve)))
    await previous
    const wait = (this.lastEnded.get(host) ?? -Infinity) + (this.intervals.get(host) ?? this.intervalMs) - performance.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    const startedAt = performance.now()
    try {
      return await request()
    } finally {
      const endedAt = performance.now()
      this.lastEnded.set(host, endedAt)
      this.log.push({host, url, startedAt, endedAt})
      release()
    }
  }
}
