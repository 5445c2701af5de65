import 'server-only'
import {subscribe} from 'node:diagnostics_channel'
import type {Server, ServerResponse} from 'node:http'
import {drainSettings, signalsLeftToApp} from '../env.mjs'

/**
 * Leaving a fleet without losing a request. Next's own SIGTERM handler stops accepting connections
 * at once and exits 143, before the caching proxy knows to stop sending. With NEXT_MANUAL_SIG_HANDLE
 * set (Next's documented switch: it then leaves the signal to the app) a SIGTERM instead:
 * 1. makes the instance not ready, so /api/ready answers 503 and the proxy's probe takes it out;
 * 2. keeps serving for DRAIN_DELAY_SECONDS (default 5), long enough for the probe to have seen it;
 * 3. stops accepting connections and waits for the answers in flight, each sent with
 *    `Connection: close` from the signal on, so no client keeps a connection open to reuse;
 * 4. exits 0, or 1 if answers are still open DRAIN_TIMEOUT_SECONDS (default 25) after the signal.
 *
 * The servers come from Node's public `http.server.request.start` diagnostics channel: `next start`
 * keeps its own to itself.
 */
const DRAINING = Symbol.for('kz-sim-guide.draining')
type Flagged = {[DRAINING]?: boolean}

/** Whether this process got SIGTERM: it is leaving, and no longer takes new work. */
export const isDraining = () => (globalThis as Flagged)[DRAINING] === true

/** Installs the drain; once per process, and only when Next leaves SIGTERM to the app. */
export function drainOnSigterm(env?: NodeJS.ProcessEnv) {
  if (!signalsLeftToApp(env) || (globalThis as Flagged)[DRAINING] !== undefined) return
  ;(globalThis as Flagged)[DRAINING] = false
  const {delayMs, timeoutMs} = drainSettings(env)
  const servers = new Set<Server>()
  subscribe('http.server.request.start', (message) => {
    const {response, server} = message as {response: ServerResponse; server: Server}
    servers.add(server)
    if (isDraining()) response.setHeader('connection', 'close')
  })
  process.once('SIGTERM', async () => {
    ;(globalThis as Flagged)[DRAINING] = true
    const started = Date.now()
    console.log(`[instance] SIGTERM: not ready; serving ${delayMs / 1000} s more while the caching proxy takes this instance out`)
    setTimeout(() => {
      console.error(`[instance] answers still open ${timeoutMs / 1000} s after SIGTERM: exiting without them`)
      process.exit(1)
    }, timeoutMs)
    await new Promise((resolve) => setTimeout(resolve, delayMs))
    // A connection whose answer started before the signal stays open after it, idle: closed as it idles.
    const closeIdle = setInterval(() => servers.forEach((server) => server.closeIdleConnections()), 250)
    await Promise.all([...servers].map((server) => new Promise<void>((resolve) => server.close(() => resolve()))))
    clearInterval(closeIdle)
    console.log(`[instance] drained in ${((Date.now() - started) / 1000).toFixed(1)} s: exiting`)
    process.exit(0)
  })
}
