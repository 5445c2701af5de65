import 'server-only'
import {draftModeSecretSetting, readContentEnv, readToken, redisUrl, revalidateSecret} from '../env.mjs'
import {sharedReportKey} from '../reports/settings'

/**
 * What every instance of a fleet must share, read when the server starts. An instance that shares
 * the store with others (REDIS_URL) and lacks one would quietly disagree with them: refuse the
 * webhook the others accept, fail draft mode where they serve it, or count a reader's reports
 * under a key of its own. So it does not start. The report key may be derived from the webhook's
 * secret (lib/reports/settings.ts). Server Actions would need NEXT_SERVER_ACTIONS_ENCRYPTION_KEY
 * at build time; the site has none.
 */
export function missingSharedSecrets(env?: NodeJS.ProcessEnv): string[] {
  if (!redisUrl(env)) return []
  const missing: string[] = []
  if (readContentEnv(env).source === 'sanity') {
    if (!revalidateSecret(env)) missing.push('SANITY_REVALIDATE_SECRET')
    // Draft sessions are a project's (Presentation): each instance and the caching proxy must know them.
    if (!readToken(env)) missing.push('SANITY_API_READ_TOKEN')
    if (!draftModeSecretSetting(env)) missing.push('DRAFT_MODE_SECRET')
  }
  if (!sharedReportKey(env)) missing.push('REPORTS_CLIENT_SECRET')
  return missing
}
