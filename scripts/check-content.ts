/**
 * `npm run check-content`: holds the live bundled dataset (CONTENT_DATASET_FILE, default
 * sanity/seed/production.ndjson, which every publish in the local Studio rewrites) to the rules
 * every correct edit keeps (lib/content/checks.ts). Exits 1 with the findings, one a line.
 */
import {readFileSync} from 'node:fs'
import {checkContent} from '../lib/content/checks'
import {publishedDocuments} from '../lib/content/embedded'
import {embeddedDatasetFile} from '../lib/env.mjs'

const file = embeddedDatasetFile()
const documents = publishedDocuments(readFileSync(file, 'utf8'), file)
const findings = checkContent(documents)
for (const finding of findings) console.log(`${finding.rule}: ${finding.where}: ${finding.problem}`)
console.log(`${file}: ${documents.length} documents, ${findings.length} finding${findings.length === 1 ? '' : 's'}`)
process.exitCode = findings.length === 0 ? 0 : 1
