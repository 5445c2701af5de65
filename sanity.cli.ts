import {defineCliConfig} from 'sanity/cli'

/** `npx sanity dataset import sanity/seed/production.ndjson production` reads the project from here. */
export default defineCliConfig({
  api: {
    projectId: process.env.SANITY_STUDIO_PROJECT_ID || process.env.SANITY_PROJECT_ID,
    dataset: process.env.SANITY_STUDIO_DATASET || process.env.SANITY_DATASET || 'production',
  },
})
