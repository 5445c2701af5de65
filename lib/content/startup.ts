import 'server-only'
import {restoreTagManifest} from '../cache/tag-manifest'
import {settleProvisionalBuild, syncDataset, watchDataset} from './dataset-watcher'
import {readContentEnv} from './env'

/**
 * At start-up: bring back the tags revalidated before the last stop, then, on the bundled
 * dataset, catch changes made while the server was down and watch for the next ones.
 */
export function startContentSync() {
  const restored = restoreTagManifest()
  if (restored > 0) console.log(`[content] restored ${restored} revalidated tags`)
  const env = readContentEnv()
  if (env.source !== 'embedded') {
    if (settleProvisionalBuild()) console.log('[content] provisional build: every page refreshes from the Content Lake')
    return
  }
  syncDataset(env.datasetFile)
  watchDataset(env.datasetFile)
}
