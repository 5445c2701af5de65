import 'server-only'
import {randomBytes} from 'node:crypto'
import {subscribe} from 'node:diagnostics_channel'
import {lookup} from 'node:dns/promises'
import type {IncomingMessage} from 'node:http'
import type {Socket} from 'node:net'
import ipaddr from 'ipaddr.js'
import {trustedHopAddresses} from '../env.mjs'

/**
 * Who may write X-Forwarded-For. The trusted hops (the site's own forwarding proxies; how many of
 * them append an address is TRUSTED_HOPS) connect from the addresses TRUSTED_HOP_ADDRESSES
 * names. On a connection from anywhere else the header is replaced by the connection's own address
 * before Next sees the request, so a client that reaches an instance directly cannot choose the
 * address its reports are counted under.
 *
 * `next start` shows an app no request's connection; Node's public `http.server.request.start`
 * diagnostics channel does, for every request, before the server's own handler runs.
 */
/** How often host names among the addresses are looked up again (a restarted proxy may get a new address). */
const LOOKUP_EVERY_MS = 5_000

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number]

/** Addresses, networks (CIDR) and host names, as TRUSTED_HOP_ADDRESSES lists them (commas between). */
export function parseTrustedHops(setting: string): {ranges: Range[]; hostNames: string[]} {
  const ranges: Range[] = []
  const hostNames: string[] = []
  for (const entry of setting
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    if (ipaddr.isValidCIDR(entry)) ranges.push(ipaddr.parseCIDR(entry))
    else if (ipaddr.isValid(entry)) ranges.push(hostRange(entry))
    else if (/^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/.test(entry)) hostNames.push(entry)
    else throw new Error(`TRUSTED_HOP_ADDRESSES: "${entry}" is neither an address, a network nor a host name`)
  }
  return {ranges, hostNames}
}

const hostRange = (address: string): Range => {
  const parsed = ipaddr.process(address)
  return [parsed, parsed.kind() === 'ipv4' ? 32 : 128]
}

/** Whether a connection from `peer` comes from one of the trusted hops. */
export function isTrustedHop(peer: string | undefined, ranges: readonly Range[]): boolean {
  if (!peer || !ipaddr.isValid(peer)) return false
  const address = ipaddr.process(peer)
  return ranges.some(([network, bits]) => network.kind() === address.kind() && address.match(network, bits))
}

type Guard = {token: string; ranges: Range[]}
const GUARD = Symbol.for('kz-sim-guide.trusted-hops')
const guardOf = () => (globalThis as {[GUARD]?: Guard})[GUARD]

/**
 * Every request this process answers carries this header, with a value only this process knows,
 * once the check above has run on it: a request that arrived before the check was installed (while
 * the server starts) is told apart, and its X-Forwarded-For is not believed.
 */
const CHECKED_HEADER = 'x-kz-sim-guide-peer-checked'

/** Installs the check; once per process. Host names are looked up now and every few seconds. */
export async function trustForwardedForOnlyFromTrustedHops(setting = trustedHopAddresses()) {
  if (guardOf()) return
  const {ranges, hostNames} = parseTrustedHops(setting)
  const guard: Guard = {token: randomBytes(18).toString('base64url'), ranges}
  ;(globalThis as {[GUARD]?: Guard})[GUARD] = guard
  subscribe('http.server.request.start', (message) => {
    const {request, socket} = message as {request: IncomingMessage; socket: Socket}
    if (!isTrustedHop(socket.remoteAddress, guard.ranges)) request.headers['x-forwarded-for'] = socket.remoteAddress ?? ''
    request.headers[CHECKED_HEADER] = guard.token
  })
  if (hostNames.length === 0) return
  let named: Range[] = []
  const refresh = async () => {
    named = await lookUp(hostNames, named)
    guard.ranges = [...ranges, ...named]
  }
  await refresh()
  setInterval(refresh, LOOKUP_EVERY_MS).unref()
}

/** The addresses of the host names; a name that does not resolve keeps what it resolved to last time. */
async function lookUp(hostNames: string[], previous: Range[]): Promise<Range[]> {
  try {
    const found = await Promise.all(hostNames.map((name) => lookup(name, {all: true})))
    return found.flat().map(({address}) => hostRange(address))
  } catch (error) {
    console.error(
      `[instance] could not look up the trusted hops (${(error as NodeJS.ErrnoException).code ?? 'error'}): keeping the last addresses`,
    )
    return previous
  }
}

/**
 * X-Forwarded-For as this process may believe it: what the trusted hops wrote, or the connection's
 * own address; null for a request the check did not see.
 */
export function believedForwardedFor(headers: Headers): string | null {
  const guard = guardOf()
  if (!guard || headers.get(CHECKED_HEADER) !== guard.token) return null
  return headers.get('x-forwarded-for')
}
