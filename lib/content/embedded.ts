import 'server-only'
import {readFileSync, statSync} from 'node:fs'
import {resolve} from 'node:path'

/**
 * The bundled dataset: an NDJSON file in the format `sanity dataset export` writes, read into
 * memory and re-read when the file changes on disk. Only published documents are kept, as the
 * Content Lake's `published` perspective would.
 */
export type RawDocument = {_id: string; _type: string; [field: string]: unknown}
export type EmbeddedDataset = {file: string; version: string; documents: RawDocument[]}

let current: EmbeddedDataset | undefined

export function datasetPath(file: string): string {
  return resolve(/* turbopackIgnore: true */ process.cwd(), file)
}

export function parseNdjson(text: string, file = 'dataset'): RawDocument[] {
  const documents: RawDocument[] = []
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return
    try {
      const doc = JSON.parse(line) as Partial<RawDocument>
      if (typeof doc._id !== 'string' || typeof doc._type !== 'string') {
        console.error(`[content] ${file}:${index + 1}: skipped, a document needs _id and _type`)
        return
      }
      if (isPublishedId(doc._id)) documents.push(doc as RawDocument)
    } catch {
      console.error(`[content] ${file}:${index + 1}: skipped, not valid JSON`)
    }
  })
  return documents
}

export function isPublishedId(id: string): boolean {
  return !id.startsWith('drafts.') && !id.startsWith('versions.')
}

/**
 * The dataset as it is on disk now; parsed again only when the file's size or mtime changed, or
 * when the watcher knows it did (`reread`: two quick writes can share a size and an mtime).
 */
export function loadEmbeddedDataset(file: string, reread = false): EmbeddedDataset {
  const path = datasetPath(file)
  const stat = statSync(path)
  const version = `${stat.size}-${stat.mtimeMs}`
  if (!reread && current?.file === path && current.version === version) return current
  current = {file: path, version, documents: parseNdjson(readFileSync(path, 'utf8'), file)}
  return current
}
