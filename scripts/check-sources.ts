/**
 * `npm run check-sources [-- --fail-on-change]`: checks every source page the dataset cites and
 * records what it found as `sourceCheck` documents (lib/sources), for editors to see in the
 * Studio's Sources view. Writes with the site's write client: the Sanity project with
 * SANITY_API_WRITE_TOKEN, or, with no project, the local backend (sanity/local-backend/records-writer.ts).
 * With --fail-on-change it exits 1 when a source changed, moved, broke or was blocked, for a
 * scheduled job; it exits 2 when it could not run.
 */
import {existsSync} from 'node:fs'
import type {SanityClient} from '@sanity/client'
import {writeClient} from '../lib/content/clients'
import {readContentEnv} from '../lib/env.mjs'
import {parseAllowedOrigins} from '../lib/sources/addresses'
import {needingAttention, progressLine, summary} from '../lib/sources/printout'
import {runSourceChecks} from '../lib/sources/run'
import {openLocalRecordsWriter, type RecordsWriter} from './records-writer'

const USAGE = 'Usage: npm run check-sources [-- --fail-on-change]'

// The settings files the site reads, so a scheduled job needs only `npm run check-sources`; the
// environment wins over them, as it does for Next.js.
for (const file of ['.env.local', '.env']) if (existsSync(file)) process.loadEnvFile(file)

function projectWriter(): RecordsWriter {
  const client: SanityClient | undefined = writeClient()
  if (!client) {
    throw new Error(
      'SANITY_PROJECT_ID is set but SANITY_API_WRITE_TOKEN is not: the checker records its results with a token that may write (Editor).',
    )
  }
  const {projectId, dataset} = client.config()
  return {client, description: `Sanity project ${projectId}, dataset ${dataset}`, close: async () => {}}
}

async function main(): Promise<number> {
  const args = process.argv.slice(2)
  const unknown = args.filter((arg) => arg !== '--fail-on-change')
  if (unknown.length > 0) {
    console.error(`Unknown argument ${unknown.join(' ')}\n${USAGE}`)
    return 2
  }
  const failOnChange = args.includes('--fail-on-change')
  const allowedOrigins = parseAllowedOrigins(process.env.SOURCE_CHECK_ALLOW)
  const content = readContentEnv()
  const writer = content.source === 'sanity' ? projectWriter() : await openLocalRecordsWriter(content.datasetFile)
  console.log(`Recording results in ${writer.description}`)
  if (allowedOrigins.size > 0) console.log(`Local origins allowed by SOURCE_CHECK_ALLOW: ${[...allowedOrigins].join(', ')}`)
  try {
    const run = await runSourceChecks({
      client: writer.client,
      allowedOrigins,
      onChecked: (check, done, total) => console.log(progressLine(check, done, total)),
    })
    console.log(summary(run))
    const attention = needingAttention(run)
    if (attention.length > 0) console.log(`${attention.length} need an editor: open the Studio's Sources view.`)
    return failOnChange && attention.length > 0 ? 1 : 0
  } finally {
    await writer.close()
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`check-sources: ${error.message}`)
    process.exit(2)
  },
)
