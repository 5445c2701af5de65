import 'server-only'
import {createHash} from 'node:crypto'
import {watch, watchFile} from 'node:fs'
import {basename, dirname} from 'node:path'
import {freshness} from '../freshness'
import {applyChange} from './changes'
import {datasetPath, loadEmbeddedDataset, type RawDocument} from './embedded'
import type {ChangedDocument} from './tags'

/**
 * Embedded mode: when the dataset file changes on disk (an editor publishes through the local
 * backend, a new export is copied in), apply the change of exactly the documents that changed.
 * The fingerprints of the documents the cache was rendered from are kept (the build's in the build,
 * later ones in the cache store), so changes made while the server was stopped are caught at the
 * next start too.
 */
type Fingerprints = Record<string, {hash: string; identity: ChangedDocument}>

const BUILD_NOTE = 'dataset-fingerprints.json'
const storeKey = () => `${freshness().build.id}:fingerprints`

export function fingerprint(documents: RawDocument[]): Fingerprints {
  const result: Fingerprints = {}
  for (const doc of documents) {
    result[doc._id] = {hash: createHash('sha1').update(JSON.stringify(doc)).digest('base64url'), identity: {_id: doc._id, _type: doc._type}}
  }
  return result
}

/** The versions of the documents that differ between two fingerprints: changed, added and removed. */
export function changedBetween(before: Fingerprints, after: Fingerprints): ChangedDocument[] {
  const changed: ChangedDocument[] = []
  for (const id of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (before[id]?.hash === after[id]?.hash) continue
    for (const version of [before[id]?.identity, after[id]?.identity]) if (version) changed.push(version)
  }
  return changed
}

async function renderedFrom(): Promise<Fingerprints | undefined> {
  const stored = await freshness().entries.read('dataset', storeKey())
  const text = stored?.toString('utf8') ?? freshness().build.read(BUILD_NOTE)
  return text ? (JSON.parse(text) as Fingerprints) : undefined
}

/** Compares the file with what the cache was rendered from, and applies what differs. */
export async function syncDataset(file: string): Promise<string[]> {
  let next: Fingerprints
  try {
    next = fingerprint(loadEmbeddedDataset(file, true).documents)
  } catch (error) {
    // A half-written or missing file: keep serving what we have, and look again on the next change.
    console.error(`[content] dataset unreadable, keeping the last good version: ${(error as Error).message}`)
    return []
  }
  const previous = await renderedFrom()
  const changed = previous ? changedBetween(previous, next) : []
  let tags: string[] = []
  if (changed.length > 0) {
    try {
      tags = await applyChange(...changed)
    } catch (error) {
      // The fingerprints stay as they were, so the next change or start tries these again.
      console.error(`[content] dataset changed, but the cache store is unreachable: ${(error as Error).message}`)
      return []
    }
    console.log(`[content] dataset changed: refreshed ${tags.length} tags`)
  }
  await freshness().entries.write('dataset', storeKey(), Buffer.from(JSON.stringify(next)), Infinity)
  return tags
}

/** Records, in the build, the dataset it rendered, so the first start can tell what changed since. */
export async function recordBuildDataset(file: string) {
  await freshness().build.write(BUILD_NOTE, JSON.stringify(fingerprint(loadEmbeddedDataset(file).documents)))
}

/** How often the file is looked at when the system cannot tell us it changed. */
const POLL_MS = 1_000

export function watchDataset(file: string) {
  const path = datasetPath(file)
  let timer: NodeJS.Timeout | undefined
  const changed = () => {
    clearTimeout(timer)
    timer = setTimeout(() => void syncDataset(file), 50)
  }
  try {
    // Watch the folder, not the file: editors and `cp` often replace the file, which ends a file watch.
    const watcher = watch(dirname(path), (_event, name) => {
      if (name === null || name === basename(path)) changed()
    })
    watcher.on('error', (error) => {
      watcher.close()
      pollDataset(path, changed, error)
    })
    watcher.unref()
  } catch (error) {
    // Out of inotify watches or instances (a busy host, a container): look at the file instead.
    pollDataset(path, changed, error as Error)
  }
}

function pollDataset(path: string, changed: () => void, why: Error) {
  console.error(`[content] cannot watch the dataset's folder (${why.message}): looking at the file every ${POLL_MS / 1000} s`)
  watchFile(path, {interval: POLL_MS, persistent: false}, (now, before) => {
    if (now.mtimeMs !== before.mtimeMs || now.size !== before.size || now.ino !== before.ino) changed()
  })
}
