import 'server-only'
import {createHmac, randomBytes} from 'node:crypto'

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
  /** How many addresses at the end of X-Forwarded-For were written by the trusted hops. */
  trustedHops: number
  /** The key of the daily client hash. Instances that share Redis must share it. */
  clientSecret: string
  /** Redis, shared by every instance; without it each instance counts in memory. */
  redisUrl?: string
  redisPrefix: string
}

export const REPORT_DEFAULTS = {perClientPerHour: 5, perHour: 30, trustedHops: 1} as const

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim()
  if (!raw) return fallback
  const value = Number(raw)
  if (Number.isInteger(value) && value > 0) return value
  console.error(`[reports] ${name}=${JSON.stringify(raw)} is not a positive whole number: using ${fallback}`)
  return fallback
}

/**
 * The key every instance of a fleet shares: REPORTS_CLIENT_SECRET, or else one derived from the
 * webhook's secret, which every instance that reads Sanity already shares (a keyed hash of it: the
 * key tells nothing about the secret). Undefined when neither is set.
 */
export function sharedReportKey(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env.REPORTS_CLIENT_SECRET?.trim()
  if (configured) return configured
  const webhookSecret = env.SANITY_REVALIDATE_SECRET?.trim()
  return webhookSecret
    ? createHmac('sha256', webhookSecret).update("kz-sim-guide: the key of readers' daily client hash").digest('base64url')
    : undefined
}

// Without a shared key, one per process: right for one instance (an instance that shares Redis
// does not start without one: lib/instance/shared-secrets.ts), and it never leaves memory.
let generatedSecret: string | undefined
const clientSecret = (env: NodeJS.ProcessEnv) => sharedReportKey(env) ?? (generatedSecret ??= randomBytes(32).toString('base64url'))

export function reportSettings(env: NodeJS.ProcessEnv = process.env): ReportSettings {
  return {
    perClientPerHour: positiveInteger(env, 'REPORTS_PER_CLIENT_PER_HOUR', REPORT_DEFAULTS.perClientPerHour),
    perHour: positiveInteger(env, 'REPORTS_PER_HOUR', REPORT_DEFAULTS.perHour),
    trustedHops: positiveInteger(env, 'TRUSTED_HOPS', REPORT_DEFAULTS.trustedHops),
    clientSecret: clientSecret(env),
    redisUrl: env.REDIS_URL?.trim() || undefined,
    redisPrefix: env.REDIS_KEY_PREFIX?.trim() || 'kz-sim-guide',
  }
}
