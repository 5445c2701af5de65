import 'server-only'
import {freshness} from './state.mjs'

/**
 * Freshness, as the rest of the app sees it. The state and the cache handlers are in ./state.mjs
 * and its neighbours (plain JavaScript: Next loads cache handlers unbundled); this is the typed
 * door for the webhook, the dataset watcher, start-up and the content source.
 */

/** Expires tags in the shared store; resolves once every instance can see it, rejects if unreachable. */
export function expireTags(tags: string[]): Promise<void> {
  return freshness().expire(tags)
}

/** Brings this instance's view of expired tags up to date (start-up; requests do it themselves). */
export function refreshFreshness(): Promise<void> {
  return freshness().refresh()
}

export function markProvisionalBuild(reason: string): Promise<void> {
  return freshness().markProvisionalBuild(reason)
}

export function settleProvisionalBuild(everythingTag: string): Promise<boolean> {
  return freshness().settleProvisionalBuild(everythingTag)
}

export function rememberAnswer(key: string, value: unknown): Promise<void> {
  return freshness().rememberAnswer(key, value)
}

export function recallAnswer(key: string): Promise<{value: unknown} | undefined> {
  return freshness().recallAnswer(key)
}

export {stateDir} from './backends.mjs'
