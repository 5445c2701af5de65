import 'server-only'
import {mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {join} from 'node:path'

/**
 * Tag expiry that outlives the process.
 *
 * Next.js keeps revalidated tags in one in-memory map that both its page cache (on disk under
 * .next) and the 'use cache' handler consult. After a restart that map is empty, so a page
 * rendered before a webhook, and still on disk, would be served again: older content than before
 * the restart. We save the map after every revalidation and load it back at start-up.
 *
 * The map is Next's own module (`tags-manifest.external`), loaded through Node's require so it is
 * the very instance the server uses, never a bundled copy. Pinned Next version; the integration
 * tests ("a restart does not regress content") fail if this ever stops holding.
 */
type TagEntry = {stale?: number; expired?: number}
type TagsManifest = Map<string, TagEntry>

const nodeRequire = createRequire(join(/* turbopackIgnore: true */ process.cwd(), 'package.json'))
const {tagsManifest} = nodeRequire('next/dist/server/lib/incremental-cache/tags-manifest.external.js') as {
  tagsManifest: TagsManifest
}

export const stateDir = () => join(/* turbopackIgnore: true */ process.cwd(), process.env.NEXT_DIST_DIR || '.next', 'cache', 'kz-sim-guide')
const manifestFile = () => join(stateDir(), 'tags.json')

/** Saves the map; written to a temporary file and renamed, so a crash never leaves half a file. */
function persistTagManifest() {
  mkdirSync(stateDir(), {recursive: true})
  const temporary = `${manifestFile()}.${process.pid}.tmp`
  writeFileSync(temporary, JSON.stringify(Object.fromEntries(tagsManifest)))
  renameSync(temporary, manifestFile())
}

/** Loads the saved map at start-up, keeping whichever expiry is later. */
export function restoreTagManifest(): number {
  let saved: Record<string, TagEntry>
  try {
    saved = JSON.parse(readFileSync(manifestFile(), 'utf8')) as Record<string, TagEntry>
  } catch {
    return 0
  }
  for (const [tag, entry] of Object.entries(saved)) {
    const current = tagsManifest.get(tag) ?? {}
    tagsManifest.set(tag, {
      stale: Math.max(current.stale ?? 0, entry.stale ?? 0) || undefined,
      expired: Math.max(current.expired ?? 0, entry.expired ?? 0) || undefined,
    })
  }
  return Object.keys(saved).length
}

/** A render that read its content just before an expiry may store its page just after it. */
const RACE_WINDOW_MS = 500

function expireNow(tags: string[]) {
  const now = Date.now()
  for (const tag of tags) tagsManifest.set(tag, {...tagsManifest.get(tag), stale: now, expired: now})
  persistTagManifest()
}

/**
 * Expires tags immediately, from anywhere (the webhook, the dataset watcher): what
 * `revalidateTag(tag, {expire: 0})` does inside a request, written to disk at once. Expiring once
 * more after RACE_WINDOW_MS closes the window in which a render that read the old content stores
 * its page after the first expiry, and would otherwise be taken as fresh.
 */
export function expireTags(tags: string[]) {
  expireNow(tags)
  setTimeout(() => expireNow(tags), RACE_WINDOW_MS).unref()
}
