import 'server-only'
import {drainOnSigterm} from './drain'
import {missingSharedSecrets} from './shared-secrets'
import {trustForwardedForOnlyFromTrustedHops} from './trusted-hops'

/**
 * One instance of the site, as a fleet needs it (docs/deploy.md): it starts only with the secrets
 * it must share with the others, believes X-Forwarded-For only from the trusted hops, and leaves on
 * SIGTERM without dropping a request. Readiness is lib/instance/readiness.ts.
 */
export async function startInstance() {
  const missing = missingSharedSecrets()
  if (missing.length > 0) {
    console.error(
      `[instance] REDIS_URL is set, so this instance serves beside others and must share their secrets; missing: ${missing.join(', ')}. ` +
        'Not starting (see .env.example).',
    )
    process.exit(1)
  }
  drainOnSigterm()
  await trustForwardedForOnlyFromTrustedHops()
}
