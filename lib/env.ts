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

/** Whether the site follows the content store's change feed (default: yes; CHANGE_FEED=off to stop it). */
export function changeFeedEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CHANGE_FEED?.trim().toLowerCase() !== 'off'
}

/** The public address of the site, for canonical URLs, sitemaps and feeds. */
export function siteUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env.SITE_URL?.trim() || 'http://localhost:3000').replace(/\/+$/, '')
}

/** The port of the local backend `npm start` runs for the Studio when no Sanity project is set. */
export const DEFAULT_LOCAL_STUDIO_PORT = 3333

export function localStudioPort(env: NodeJS.ProcessEnv = process.env): number {
  const port = Number(env.LOCAL_STUDIO_PORT?.trim() || DEFAULT_LOCAL_STUDIO_PORT)
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error('LOCAL_STUDIO_PORT must be a port number')
  return port
}

/**
 * Whether `npm start` may run the local backend, which lets any local process that sends the
 * Studio's header rewrite the bundled dataset. Only for the laptop default: never for a production
 * server reachable from other machines (NODE_ENV=production and a listen address, HOSTNAME, that
 * is not loopback; none means every interface) unless LOCAL_STUDIO_BACKEND=on asks for it by
 * name. LOCAL_STUDIO_BACKEND=off never runs it. The container image never runs `npm start`.
 */
export function localStudioBackendAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  const asked = env.LOCAL_STUDIO_BACKEND?.trim()
  if (asked === 'on' || asked === 'off') return asked === 'on'
  if (asked) throw new Error(`LOCAL_STUDIO_BACKEND must be "on" or "off", got "${asked}"`)
  if (env.NODE_ENV !== 'production') return true
  const host = env.HOSTNAME?.trim()
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host ?? '')
}

/**
 * The local backend's address, set by `npm start` once it listens (never by hand): the Studio and
 * draft mode use it when there is no Sanity project. Only a localhost address is accepted.
 */
export function localStudioApiHost(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = env.LOCAL_STUDIO_URL?.trim()
  if (!url || env.SANITY_PROJECT_ID?.trim()) return undefined
  return /^https?:\/\/localhost:\d+$/.test(url) ? url : undefined
}

/** How clients address the local backend: a project id and dataset of its own. */
export const LOCAL_PROJECT_ID = 'local'
export const LOCAL_DATASET = 'production'
