import 'server-only'
import {readFileSync, statSync} from 'node:fs'
import {resolve} from 'node:path'
import {parseNdjson, type NdjsonDocument} from '../files.mjs'
import {withoutBasisTexts} from '../i18n/translation'
import {isPublishedId} from './ids'

/**
 * The bundled dataset: an NDJSON file in the format `sanity dataset export` writes, read into
 * memory and re-read when the file changes on disk. Only published documents are kept, as the
 * Content Lake's `published` perspective would, without the texts translation bases keep for the
 * Studio (the site needs only their hashes).
 */
export type RawDocument = NdjsonDocument
export type EmbeddedDataset = {file: string; version: string; documents: RawDocument[]}

let current: EmbeddedDataset | undefined

export function datasetPath(file: string): string {
  return resolve(/* turbopackIgnore: true */ process.cwd(), file)
}

/** The published documents of an export; lines that are not documents are skipped, and logged. */
export function publishedDocuments(text: string, file = 'dataset'): RawDocument[] {
  const onInvalid = (problem: string) => console.error(`[content] ${problem}: skipped`)
  return parseNdjson(text, {file, onInvalid}).filter((doc) => isPublishedId(doc._id))
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
  current = {file: path, version, documents: withoutBasisTexts(publishedDocuments(readFileSync(path, 'utf8'), file))}
  return current
}
