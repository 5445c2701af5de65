import 'server-only'
import {freshness} from '../freshness'
import {readContentEnv, serverPort} from '../env.mjs'
import {verifyWebhookSignature} from './webhook/signature'
import {startChangeFeed} from './change-feed'
import {syncDataset, watchDataset} from './dataset-watcher'
import {runQuery} from './store'
import {documentCountQuery} from './queries'
import {CONTENT_TAG} from './tags'

/**
 * At start-up: learn which tags expired while this instance was down, refresh everything once if
 * the build was provisional, and on the bundled dataset catch changes made while the server was
 * down and watch for the next ones. Follow the content store's change feed, which catches up from
 * its mark with what changed while every instance was down (change-feed.ts). Then warm what the first change will need, so it is served as
 * fast as the others: the content store, the signature check and the change route's code. Warming
 * writes nothing: no tag is expired and the caching proxy is not purged.
 */
export async function startContentSync() {
  await freshness().tags.refresh()
  const env = readContentEnv()
  if (env.source === 'embedded') {
    await syncDataset(env.datasetFile)
    watchDataset(env.datasetFile)
  } else {
    await settleProvisionalBuild()
  }
  // Not awaited either: it connects, catches up and retries on its own, and writes nothing when nothing changed.
  startChangeFeed()
  // Not awaited: an unreachable Lake must not hold up the start.
  void runQuery(documentCountQuery).catch(() => undefined)
  void verifyWebhookSignature('{}', `t=${Date.now()},v1=warm-up`, 'warm-up')
  setTimeout(() => void loadChangeRoute(), 0).unref()
}

/** Milliseconds between attempts to settle a provisional build while the cache store cannot be reached. */
const SETTLE_RETRY_MS = 5_000

/** After a provisional build, every page refreshes from the Content Lake: tried until the store takes it. */
async function settleProvisionalBuild(): Promise<void> {
  try {
    if (await freshness().build.settle(CONTENT_TAG)) console.log('[content] provisional build: every page refreshes from the Content Lake')
  } catch (error) {
    console.error(
      `[content] could not settle the provisional build yet (${(error as Error).message}): trying again in ${SETTLE_RETRY_MS / 1000} s`,
    )
    setTimeout(() => void settleProvisionalBuild(), SETTLE_RETRY_MS).unref()
  }
}

/**
 * Asks the change route for what it does not answer (GET: 405), so Next loads its code before the
 * first delivery arrives. Not a delivery: nothing is applied.
 */
async function loadChangeRoute() {
  const port = serverPort()
  if (!port) return
  await fetch(`http://127.0.0.1:${port}/api/revalidate`, {method: 'GET'})
    .then((response) => response.arrayBuffer())
    .catch(() => undefined)
}
