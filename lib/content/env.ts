/**
 * Where content comes from. With SANITY_PROJECT_ID set, the Content Lake; without it, the bundled
 * dataset evaluated in-process, so a fresh clone runs with no account and no network.
 */
export type ContentEnv =
  | {source: 'sanity'; projectId: string; dataset: string; apiVersion: string; apiHost?: string}
  | {source: 'embedded'; datasetFile: string}

export const DEFAULT_API_VERSION = '2025-02-19'
export const DEFAULT_DATASET_FILE = 'sanity/seed/production.ndjson'

export function readContentEnv(env: NodeJS.ProcessEnv = process.env): ContentEnv {
  const projectId = env.SANITY_PROJECT_ID?.trim()
  if (projectId) {
    if (!/^[a-z0-9-]+$/.test(projectId)) throw new Error('SANITY_PROJECT_ID may contain only a-z, 0-9 and "-"')
    return {
      source: 'sanity',
      projectId,
      dataset: env.SANITY_DATASET?.trim() || 'production',
      apiVersion: env.SANITY_API_VERSION?.trim() || DEFAULT_API_VERSION,
      apiHost: env.SANITY_API_HOST?.trim() || undefined,
    }
  }
  return {source: 'embedded', datasetFile: embeddedDatasetFile(env)}
}

export function embeddedDatasetFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.CONTENT_DATASET_FILE?.trim() || DEFAULT_DATASET_FILE
}

/** The public address of the site, for canonical URLs, sitemaps and feeds. */
export function siteUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env.SITE_URL?.trim() || 'http://localhost:3000').replace(/\/+$/, '')
}
