import {defineCliConfig} from 'sanity/cli'

/**
 * For the `sanity` CLI: `dataset import` reads the project from here, and `npm run typegen`
 * extracts the schema and writes the result types of every `defineQuery` query.
 */
export default defineCliConfig({
  api: {
    projectId: process.env.SANITY_STUDIO_PROJECT_ID || process.env.SANITY_PROJECT_ID,
    dataset: process.env.SANITY_STUDIO_DATASET || process.env.SANITY_DATASET || 'production',
  },
  typegen: {
    path: './lib/content/queries.ts',
    schema: './sanity/extract.json',
    generates: './lib/content/sanity.types.ts',
    overloadClientMethods: false,
  },
})
