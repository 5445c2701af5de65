import {copyFileSync, mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {startStudioBackend, type StudioBackend} from '@/sanity/local-backend'
import {FIXTURE_FILE} from './dataset'
import {freePort, startSite, type RunningSite} from './server'

/**
 * What `npm start` runs with no Sanity project, on a copy of the bundled dataset: the site, and
 * the local backend the Studio edits through (HTTPS, HTTP/2, its own certificate).
 */
export type EditorStack = {site: RunningSite; backend: StudioBackend; datasetFile: string; stop: () => Promise<void>}

export async function startEditorStack(): Promise<EditorStack> {
  const dir = mkdtempSync(join(tmpdir(), 'kz-editor-'))
  const datasetFile = join(dir, 'production.ndjson')
  copyFileSync(FIXTURE_FILE, datasetFile)
  const port = await freePort()
  const backend = await startStudioBackend({
    file: datasetFile,
    port: 0,
    siteOrigins: [`http://127.0.0.1:${port}`, `http://localhost:${port}`],
    certificateDir: join(tmpdir(), 'kz-sim-guide-test-certificate'),
  })
  const site = await startSite({
    port,
    env: {CONTENT_DATASET_FILE: datasetFile, LOCAL_STUDIO_URL: backend.url, NODE_EXTRA_CA_CERTS: backend.caFile},
  })
  return {
    site,
    backend,
    datasetFile,
    stop: async () => {
      await site.stop()
      await backend.stop()
    },
  }
}
