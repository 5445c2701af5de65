import 'server-only'

/**
 * The read token: needed for draft mode and private datasets. Server-only, so it can never be
 * bundled into a reader's JavaScript.
 */
export function readToken(): string | undefined {
  return process.env.SANITY_API_READ_TOKEN?.trim() || undefined
}

/** The secret shared with Sanity's webhook. */
export function revalidateSecret(): string | undefined {
  return process.env.SANITY_REVALIDATE_SECRET?.trim() || undefined
}
