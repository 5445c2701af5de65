import 'server-only'
import {createHash} from 'node:crypto'
import {existsSync, mkdirSync, readFileSync, rmSync, watch, writeFileSync} from 'node:fs'
import {basename, dirname, join} from 'node:path'
import {expireTags, stateDir} from '../cache/tag-manifest'
import {datasetPath, loadEmbeddedDataset, type RawDocument} from './embedded'
import {CONTENT_TAG, tagsForChange, type ChangedDocument} from './tags'

/**
 * Embedded mode: when the dataset file changes on disk (an editor saves it, a new export is
 * copied in), expire the tags of exactly the documents that changed. The fingerprints of the
 * documents the cache was rendered from are kept under .next, so changes made while the server
 * was stopped are caught at the next start too.
 */
type Fingerprints = Record<string, {hash: string; identity: ChangedDocument}>

const fingerprintFile = () => join(stateDir(), 'dataset-fingerprints.json')

function identityOf(doc: RawDocument, byId: Map<string, RawDocument>): ChangedDocument {
  const slugOf = (value: unknown) => (value && typeof value === 'object' ? (value as {current?: unknown}).current : undefined)
  const slug = slugOf(doc.slug)
  const operatorRef = doc.operator && typeof doc.operator === 'object' ? (doc.operator as {_ref?: unknown})._ref : undefined
  const operator = typeof operatorRef === 'string' ? slugOf(byId.get(operatorRef)?.slug) : undefined
  return {
    _id: doc._id,
    _type: doc._type,
    slug: typeof slug === 'string' ? slug : null,
    operator: typeof operator === 'string' ? operator : null,
  }
}

export function fingerprint(documents: RawDocument[]): Fingerprints {
  const byId = new Map(documents.map((doc) => [doc._id, doc]))
  const result: Fingerprints = {}
  for (const doc of documents) {
    result[doc._id] = {hash: createHash('sha1').update(JSON.stringify(doc)).digest('base64url'), identity: identityOf(doc, byId)}
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
export function syncDataset(file: string): string[] {
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
    expireTags(tags)
    console.log(`[content] dataset changed: refreshed ${tags.length} tags`)
  }
  saveFingerprints(next)
  return tags
}

const provisionalMarker = () => join(stateDir(), 'provisional-build')

/** The build could not reach the Content Lake and rendered the bundled dataset instead. */
export function markProvisionalBuild(reason: string) {
  if (existsSync(provisionalMarker())) return
  console.warn(`[content] Content Lake unreachable during build (${reason}): pages will be refreshed from it on first request`)
  mkdirSync(stateDir(), {recursive: true})
  writeFileSync(provisionalMarker(), reason)
}

/** At start: if the build was provisional, every page renders again from the Lake on its first request. */
export function settleProvisionalBuild(): boolean {
  if (!existsSync(provisionalMarker())) return false
  expireTags([CONTENT_TAG])
  rmSync(provisionalMarker())
  return true
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
    timer = setTimeout(() => syncDataset(file), 50)
  })
  watcher.unref()
  return watcher
}
