import 'server-only'

/**
 * Secrets of the server, never bundled into a reader's JavaScript (`server-only` makes importing
 * them from a client component a build error).
 */

/** The read token (Viewer): draft mode and private datasets. */
export function readToken(): string | undefined {
  return process.env.SANITY_API_READ_TOKEN?.trim() || undefined
}

/** The write token (Editor): only for editorial records the site's server writes, such as readers' reports. */
export function writeToken(): string | undefined {
  return process.env.SANITY_API_WRITE_TOKEN?.trim() || undefined
}

/** The secret shared with Sanity's webhook. */
export function revalidateSecret(): string | undefined {
  return process.env.SANITY_REVALIDATE_SECRET?.trim() || undefined
}
