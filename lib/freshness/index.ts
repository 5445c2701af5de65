import 'server-only'

/**
 * Freshness, as the app's own code sees it (the cache handlers load ./state.mjs themselves): one
 * object with five parts, `tags`, `entries`, `lastGood`, `markers` and `build` (see ./state.mjs). It stores
 * and expires tag strings and knows no documents: lib/content decides what a change expires.
 */
export {freshness, timeTag} from './state.mjs'
export {isCachingProxyUnreachable} from './caching-proxy.mjs'
