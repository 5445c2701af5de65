import 'server-only'
import {createHash} from 'node:crypto'
import {mkdirSync, readFileSync, watch, writeFileSync} from 'node:fs'
import {basename, dirname, join} from 'node:path'
import {expireTags, stateDir} from '../freshness'
import {datasetPath, loadEmbeddedDataset, type RawDocument} from './embedded'
import {tagsForChange, type ChangedDocument} from './tags'

/**
 * Embedded mode: when the dataset file changes on disk (an editor saves it, a new export is
 * copied in), expire the tags of exactly the documents that changed. The fingerprints of the
 * documents the cache was rendered from are kept under .next, so changes made while the server
 * was stopped are caught at the next start too.
 */
type Fingerprints = Record<string, {hash: string; identity: ChangedDocument}>

const fingerprintFile = () => join(stateDir(), 'dataset-fingerprints.json')

export function fingerprint(documents: RawDocument[]): Fingerprints {
  const result: Fingerprints = {}
  for (const doc of documents) {
    result[doc._id] = {hash: createHash('sha1').update(JSON.stringify(doc)).digest('base64url'), identity: {_id: doc._id, _type: doc._type}}
  }
  return result
}

/** The tags to expire between two versions of the dataset: changed, added and removed documents. */
export function tagsBetween(before: Fingerprints, after: Fingerprints): string[] {
  const tags = new Set<string>()
  for (const id of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (before[id]?.hash === after[id]?.hash) continue
    tagsForChange(before[id]?.identity, after[id]?.identity).forEach((tag) => tags.add(tag))
  }
  return [...tags]
}

function readFingerprints(): Fingerprints | undefined {
  try {
    return JSON.parse(readFileSync(fingerprintFile(), 'utf8')) as Fingerprints
  } catch {
    return undefined
  }
}

function saveFingerprints(fingerprints: Fingerprints) {
  mkdirSync(stateDir(), {recursive: true})
  writeFileSync(fingerprintFile(), JSON.stringify(fingerprints))
}

/** Compares the file with what the cache was rendered from, and expires what differs. */
export async function syncDataset(file: string): Promise<string[]> {
  let next: Fingerprints
  try {
    next = fingerprint(loadEmbeddedDataset(file, true).documents)
  } catch (error) {
    // A half-written or missing file: keep serving what we have, and look again on the next change.
    console.error(`[content] dataset unreadable, keeping the last good version: ${(error as Error).message}`)
    return []
  }
  const previous = readFingerprints()
  const tags = previous ? tagsBetween(previous, next) : []
  if (tags.length > 0) {
    try {
      await expireTags(tags)
    } catch (error) {
      // The fingerprints stay as they were, so the next change or start tries these again.
      console.error(`[content] dataset changed, but the cache store is unreachable: ${(error as Error).message}`)
      return []
    }
    console.log(`[content] dataset changed: refreshed ${tags.length} tags`)
  }
  saveFingerprints(next)
  return tags
}

/** Records the dataset the build rendered, so the first start can tell what changed since. */
export function recordBuildDataset(file: string) {
  saveFingerprints(fingerprint(loadEmbeddedDataset(file).documents))
}

export function watchDataset(file: string) {
  const path = datasetPath(file)
  let timer: NodeJS.Timeout | undefined
  // Watch the folder, not the file: editors and `cp` often replace the file, which ends a file watch.
  const watcher = watch(dirname(path), (_event, name) => {
    if (name !== null && name !== basename(path)) return
    clearTimeout(timer)
    timer = setTimeout(() => void syncDataset(file), 50)
  })
  watcher.unref()
  return watcher
}
