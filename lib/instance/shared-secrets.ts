import 'server-only'
import {readContentEnv} from '../env'
import {sharedReportKey} from '../reports/settings'

/**
 * What every instance of a fleet must share, read when the server starts. An instance that shares
 * the store with others (REDIS_URL) and lacks one would quietly disagree with them: refuse the
 * webhook the others accept, fail draft mode where they serve it, or count a reader's reports
 * under a key of its own. So it does not start. The report key may be derived from the webhook's
 * secret (lib/reports/settings.ts). Server Actions would need NEXT_SERVER_ACTIONS_ENCRYPTION_KEY
 * at build time; the site has none.
 */
export function missingSharedSecrets(env: NodeJS.ProcessEnv = process.env): string[] {
  if (!env.REDIS_URL?.trim()) return []
  const missing: string[] = []
  if (readContentEnv(env).source === 'sanity') {
    // Draft sessions are a project's (Presentation): each instance and the caching proxy must know them.
    for (const name of ['SANITY_REVALIDATE_SECRET', 'SANITY_API_READ_TOKEN', 'DRAFT_MODE_SECRET'])
      if (!env[name]?.trim()) missing.push(name)
  }
  if (!sharedReportKey(env)) missing.push('REPORTS_CLIENT_SECRET')
  return missing
}
