import {createHmac} from 'node:crypto'

/**
 * Who sent a report, as far as rate limits need to know: a keyed hash of the client's address and
 * the day (UTC). The same client gets the same key all day on every instance that shares the
 * secret; tomorrow's key cannot be linked to today's, and the address itself is never stored.
 */

/**
 * The client's address: the one the outermost of the trusted hops saw. Each hop appends
 * the address it was reached from to X-Forwarded-For, so with `hops` hops that is the `hops`-th
 * entry from the end; anything before it was written by the client and is not believed. On a
 * connection from anywhere but the trusted hops, the header holds only the connection's own address
 * (lib/instance/trusted-hops.ts).
 */
export function clientAddress(forwardedFor: string | null, hops: number): string {
  const entries = (forwardedFor ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  if (entries.length === 0) return 'unknown'
  return entries[Math.max(0, entries.length - Math.max(1, hops))]!
}

/**
 * One key per IPv4 address and per IPv6 /64 network: anyone with one IPv6 connection holds a
 * whole /64, and could otherwise take a fresh address for every report.
 */
export function addressGroup(address: string): string {
  // Some proxies write a port ([2001:db8::1]:443, 203.0.113.9:5060) or a zone (fe80::1%eth0).
  const bare = address
    .replace(/^\[|\](?::\d+)?$/g, '')
    .replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, '$1')
    .replace(/%.*$/, '')
    .toLowerCase()
  const mapped = bare.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/)
  if (mapped) return mapped[1]!
  if (!bare.includes(':')) return bare
  const [head = '', tail = ''] = bare.split('::')
  const left = head ? head.split(':') : []
  const right = bare.includes('::') && tail ? tail.split(':') : []
  const groups = bare.includes('::') ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`
}

/** The day's key of a client: HMAC-SHA256 of the day and its address group, shortened. */
export function clientKey(address: string, secret: string, now: Date): string {
  const day = now.toISOString().slice(0, 10)
  return createHmac('sha256', secret)
    .update(`${day}\n${addressGroup(address)}`)
    .digest('base64url')
    .slice(0, 22)
}
