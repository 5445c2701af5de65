import {lookup as dnsLookup, type LookupAddress} from 'node:dns'
import {isIP} from 'node:net'
import {Agent, buildConnector} from 'undici'
import {nonPublicAddress, refusalForAddress} from './addresses'

/**
 * The only way the source checker opens a connection. The check runs where the socket is made:
 * a name is resolved by our own lookup, which refuses it when any address it resolves to is not
 * public, and Node then dials exactly the address that lookup returned; an IP written in the URL
 * is judged before it is dialled. So a redirect, a DNS answer that changes between two lookups
 * (rebinding) or an odd spelling cannot reach an address that was not checked. Origins in the
 * allow list (tests on loopback) connect without the check, and nothing else does.
 */
export class BlockedAddressError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BlockedAddressError'
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void

/** `dns.lookup`'s signature, as `net.connect` calls it (with `all: true` when it tries several families). */
function publicOnlyLookup(hostname: string, options: {all?: boolean; family?: number | string}, callback: LookupCallback) {
  dnsLookup(hostname, {all: true, family: Number(options.family) || 0}, (error, addresses) => {
    if (error) return callback(error, [])
    const refused = addresses.map(({address}) => nonPublicAddress(address)).find(Boolean)
    if (refused) return callback(new BlockedAddressError(`${hostname} resolves to ${refused}, not a public address`), [])
    if (options.all) return callback(null, addresses)
    const [first] = addresses
    if (!first) return callback(Object.assign(new Error(`${hostname} resolves to no address`), {code: 'ENOTFOUND'}), [])
    callback(null, first.address, first.family)
  })
}

export function createGuardedAgent({
  allowedOrigins,
  connectTimeoutMs,
}: {
  allowedOrigins: ReadonlySet<string>
  connectTimeoutMs: number
}): Agent {
  const guarded = buildConnector({lookup: publicOnlyLookup, timeout: connectTimeoutMs} as buildConnector.BuildOptions)
  const open = buildConnector({timeout: connectTimeoutMs})
  return new Agent({
    connect(options, callback) {
      const port = options.port || (options.protocol === 'https:' ? '443' : '80')
      const host = options.hostname.replace(/^\[(.*)\]$/, '$1')
      if (allowedOrigins.has(`${options.protocol}//${isIP(host) === 6 ? `[${host}]` : host}:${port}`)) return open(options, callback)
      if (isIP(host)) {
        const refused = refusalForAddress(host)
        if (refused) return callback(new BlockedAddressError(refused), null)
      }
      return guarded(options, callback)
    },
  })
}
