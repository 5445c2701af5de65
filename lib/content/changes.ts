import 'server-only'
import {freshness} from '../freshness'
import {tagsForChange, type ChangedDocument} from './tags'

/**
 * A content change (a document published or deleted), and applying it: expiring the tags of the
 * documents it names, in the store every instance reads (and the caching proxy). Changes arrive
 * from Sanity's GROQ-powered webhook (webhook/receive.ts), from the change feed and its catch-up
 * when no webhook applied them (change-feed.ts), or from the dataset watcher on the bundled dataset.
 */

/** Expires what the changed documents show; resolves once every instance can see it. */
export async function applyChange(...versions: (ChangedDocument | null | undefined)[]): Promise<string[]> {
  const tags = tagsForChange(...versions)
  if (tags.length > 0) await freshness().tags.expire(tags)
  return tags
}
