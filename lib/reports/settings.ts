import 'server-only'
import {randomBytes} from 'node:crypto'

/**
 * The report form's limits and secrets, from the environment (documented in .env.example), read
 * when a report arrives so an instance takes a change at its next start. A malformed number is
 * logged and the default used: a reader's report must not fail over a typo in a setting.
 */
export type ReportSettings = {
  /** Reports one client may send in an hour. */
  perClientPerHour: number
  /** Reports all readers together may send in an hour: what one hour can cost the Content Lake. */
  perHour: number
  /** How many addresses at the end of X-Forwarded-For were written by the site's own proxies. */
  proxyHops: number
  /** The key of the daily client hash. Instances that share Redis must share it. */
  clientSecret: string
  /** Redis, shared by every instance; without it each instance counts in memory. */
  redisUrl?: string
  redisPrefix: string
}

export const REPORT_DEFAULTS = {perClientPerHour: 5, perHour: 30, proxyHops: 1} as const

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim()
  if (!raw) return fallback
  const value = Number(raw)
  if (Number.isInteger(value) && value > 0) return value
  console.error(`[reports] ${name}=${JSON.stringify(raw)} is not a positive whole number: using ${fallback}`)
  return fallback
}

// Without a configured secret, one per process: right for one instance, and it never leaves memory.
let generatedSecret: string | undefined
function clientSecret(env: NodeJS.ProcessEnv): string {
  const configured = env.REPORTS_CLIENT_SECRET?.trim()
  if (configured) return configured
  if (!generatedSecret) {
    generatedSecret = randomBytes(32).toString('base64url')
    if (env.REDIS_URL?.trim()) {
      console.warn('[reports] REPORTS_CLIENT_SECRET is not set: each instance hashes clients with its own key, so per-client limits are not shared')
    }
  }
  return generatedSecret
}

export function reportSettings(env: NodeJS.ProcessEnv = process.env): ReportSettings {
  return {
    perClientPerHour: positiveInteger(env, 'REPORTS_PER_CLIENT_PER_HOUR', REPORT_DEFAULTS.perClientPerHour),
    perHour: positiveInteger(env, 'REPORTS_PER_HOUR', REPORT_DEFAULTS.perHour),
    proxyHops: positiveInteger(env, 'REPORTS_PROXY_HOPS', REPORT_DEFAULTS.proxyHops),
    clientSecret: clientSecret(env),
    redisUrl: env.REDIS_URL?.trim() || undefined,
    redisPrefix: env.REDIS_KEY_PREFIX?.trim() || 'kz-sim-guide',
  }
}
