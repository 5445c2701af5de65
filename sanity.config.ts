import {createStudioConfig} from './sanity/config'

/** For the `sanity` CLI (schema extract, dataset import). The site's /studio builds its own from the server's env. */
export default createStudioConfig({
  projectId: process.env.SANITY_STUDIO_PROJECT_ID || process.env.SANITY_PROJECT_ID || 'not-configured',
  dataset: process.env.SANITY_STUDIO_DATASET || process.env.SANITY_DATASET || 'production',
})
