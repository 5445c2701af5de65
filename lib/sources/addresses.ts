import ipaddr from 'ipaddr.js'

/**
 * Which addresses the source checker may reach. It fetches URLs that editors typed, and every
 * redirect a remote server chooses, so it must never become a way into the machine or the
 * network it runs in: only http(s), and only public unicast addresses. Hosts are judged by the
 * address they resolve to (see guarded-agent.ts), never by how the URL spells them; the WHATWG
 * URL parser has already turned decimal, hex, octal and short IPv4 forms into dotted quads.
 */

/** Why an address or URL may not be fetched; undefined when it may. */
export type Refusal = string | undefined

/** IPv6 global unicast (2000::/3): the only IPv6 space that is public today. */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3')

/**
 * The address and its kind ("127.0.0.1 (loopback)") when it is not a public unicast address,
 * undefined when it is. IPv4-mapped IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address it carries.
 */
export function nonPublicAddress(address: string): string | undefined {
  const bare = address.replace(/^\[(.*)\]$/, '$1')
  if (!ipaddr.isValid(bare)) return `${address} (not an IP address)`
  const ip = ipaddr.process(bare)
  const range = ip.range()
  if (ip.kind() === 'ipv6' && range === 'unicast' && !ip.match(GLOBAL_UNICAST_V6))
    return `${ip.toString()} (outside IPv6 global unicast, 2000::/3)`
  return range === 'unicast' ? undefined : `${ip.toString()} (${range})`
}

/** Why the checker must not dial this IP address, or undefined for a public unicast one. */
export function refusalForAddress(address: string): Refusal {
  const kind = nonPublicAddress(address)
  return kind && `${kind} is not a public address`
}

/** `scheme://host:port`, with the default port written out: how allowed origins are compared. */
export function originKey(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80')
  return `${url.protocol}//${url.hostname}:${port}`
}

/**
 * SOURCE_CHECK_ALLOW: origins (`scheme://host:port`, comma- or space-separated) that may be
 * fetched although local, for tests against servers on loopback. Each must be exactly an origin
 * with its port: a path, a wildcard or a missing port is an error, not a wider allowance.
 */
export function parseAllowedOrigins(value: string | undefined): Set<string> {
  const allowed = new Set<string>()
  for (const entry of (value ?? '').split(/[\s,]+/).filter(Boolean)) {
    const match = /^(https?):\/\/([^/?#@\s]+):(\d{1,5})$/.exec(entry)
    let url: URL | undefined
    try {
      url = match ? new URL(entry) : undefined
    } catch {
      url = undefined
    }
    const plainHost = url && /^([a-z0-9-]+\.)*[a-z0-9-]+$|^\[[0-9a-f:.]+\]$/i.test(url.hostname)
    if (!match || !url || !plainHost || url.pathname !== '/' || Number(match[3]) > 65535) {
      throw new Error(`SOURCE_CHECK_ALLOW: "${entry}" is not an origin written as scheme://host:port (e.g. http://127.0.0.1:4000)`)
    }
    allowed.add(`${match[1]}://${url.hostname}:${match[3]}`)
  }
  return allowed
}

/**
 * What can be refused from the URL alone, before any lookup: a scheme other than http(s),
 * credentials, or a host written as an IP address that is not public. Names are judged later,
 * on the addresses they resolve to.
 */
export function refusalForUrl(url: URL, allowed: ReadonlySet<string>): Refusal {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `only http and https are fetched, not ${url.protocol}`
  if (url.username || url.password) return 'a URL with credentials is not fetched'
  if (allowed.has(originKey(url))) return undefined
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
  return ipaddr.isValid(host) ? refusalForAddress(host) : undefined
}
