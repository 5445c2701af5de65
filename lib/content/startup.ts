import 'server-only'
import {refreshFreshness, settleProvisionalBuild} from '../freshness'
import {SIGNATURE_HEADER_NAME, signWebhookBody} from '../webhook'
import {syncDataset, watchDataset} from './dataset-watcher'
import {readContentEnv} from '../env'
import {runQuery} from './source'
import {documentCountQuery} from './queries'
import {CONTENT_TAG} from './tags'
import {revalidateSecret} from './token'

/**
 * At start-up: learn which tags expired while this instance was down, refresh everything once if
 * the build was provisional, and on the bundled dataset catch changes made while the server was
 * down and watch for the next ones. Then warm the content source, so the first edit after a start
 * is served as fast as the others.
 */
export async function startContentSync() {
  await refreshFreshness()
  const env = readContentEnv()
  if (env.source === 'embedded') {
    await syncDataset(env.datasetFile)
    watchDataset(env.datasetFile)
  } else {
    const settled = await settleProvisionalBuild(CONTENT_TAG).catch((error: Error) => {
      console.error(`[content] could not settle the provisional build yet: ${error.message}`)
      return false
    })
    if (settled) console.log('[content] provisional build: every page refreshes from the Content Lake')
  }
  // Not awaited: an unreachable Lake must not hold up the start.
  void runQuery(documentCountQuery).catch(() => undefined)
  setTimeout(() => void warmWebhookRoute(), 0).unref()
}

/**
 * Sends this server a signed change of a document that no page shows, so the webhook route's code
 * is loaded and its path to the store is open before the first real webhook arrives.
 */
async function warmWebhookRoute() {
  const secret = revalidateSecret()
  if (!secret || !process.env.PORT) return
  const body = JSON.stringify({_id: 'kz-sim-guide.warm-up', _type: 'kz-sim-guide.warm-up'})
  await fetch(`http://127.0.0.1:${process.env.PORT}/api/revalidate`, {
    method: 'POST',
    headers: {'content-type': 'application/json', [SIGNATURE_HEADER_NAME]: await signWebhookBody(body, secret)},
    body,
  })
    .then((response) => response.arrayBuffer())
    .catch(() => undefined)
}
