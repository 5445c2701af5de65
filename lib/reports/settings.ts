import 'server-only'
import {createHmac, randomBytes} from 'node:crypto'
import {redisKeyPrefix, redisUrl, reportLimits, reportsClientSecret, revalidateSecret} from '../env.mjs'

/**
 * The report form's limits and secrets (lib/env.mjs reads them), read when a report arrives so an
 * instance takes a change at its next start. A malformed number is logged and the default used: a
 * reader's report must not fail over a typo in a setting.
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

/**
 * The key every instance of a fleet shares: REPORTS_CLIENT_SECRET, or else one derived from the
 * webhook's secret, which every instance that reads Sanity already shares (a keyed hash of it: the
 * key tells nothing about the secret). Undefined when neither is set.
 */
export function sharedReportKey(env?: NodeJS.ProcessEnv): string | undefined {
  const configured = reportsClientSecret(env)
  if (configured) return configured
  const webhookSecret = revalidateSecret(env)
  return webhookSecret
    ? createHmac('sha256', webhookSecret).update("kz-sim-guide: the key of readers' daily client hash").digest('base64url')
    : undefined
}

// Without a shared key, one per process: right for one instance (an instance that shares Redis
// does not start without one: lib/instance/shared-secrets.ts), and it never leaves memory.
let generatedSecret: string | undefined
const clientSecret = (env?: NodeJS.ProcessEnv) => sharedReportKey(env) ?? (generatedSecret ??= randomBytes(32).toString('base64url'))

export function reportSettings(env?: NodeJS.ProcessEnv): ReportSettings {
  return {...reportLimits(env), clientSecret: clientSecret(env), redisUrl: redisUrl(env), redisPrefix: redisKeyPrefix(env)}
}
