// @ts-check
/**
 * Files on disk, written and read one way everywhere: the bundled dataset and its drafts (NDJSON,
 * the format `sanity dataset export` writes), the cache store's files and the dataset's
 * fingerprints. Plain JavaScript, because Next loads the cache handlers that use it unbundled.
 */
import {randomBytes} from 'node:crypto'
import {rename, rm, writeFile} from 'node:fs/promises'

/**
 * Writes under a temporary name beside the file, then renames: a reader sees the old file or the
 * new one, never half of either (the dataset watcher, the site's and the Studio's readers).
 * @param {string} file
 * @param {string | Uint8Array} data
 */
export async function writeFileAtomically(file, data) {
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
  try {
    await writeFile(temporary, data)
    await rename(temporary, file)
  } catch (error) {
    await rm(temporary, {force: true})
    throw error
  }
}

/** @typedef {{_id: string, _type: string, [field: string]: unknown}} NdjsonDocument */

/**
 * The documents of an NDJSON export, one per line. A line that is not a document (not JSON, or no
 * string `_id` and `_type`) is handed to `onInvalid` with its reason, or, without one, throws.
 * @param {string} text
 * @param {{file?: string, onInvalid?: (problem: string) => void}} [options]
 * @returns {NdjsonDocument[]}
 */
export function parseNdjson(text, {file = 'dataset', onInvalid} = {}) {
  /** @type {NdjsonDocument[]} */
  const documents = []
  const invalid = (/** @type {string} */ problem) => {
    if (!onInvalid) throw new Error(problem)
    onInvalid(problem)
  }
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return
    let doc
    try {
      doc = JSON.parse(line)
    } catch {
      return invalid(`${file}:${index + 1}: not valid JSON`)
    }
    if (typeof doc?._id !== 'string' || typeof doc?._type !== 'string')
      return invalid(`${file}:${index + 1}: a document needs _id and _type`)
    documents.push(doc)
  })
  return documents
}

/** Documents as NDJSON: one per line, ending with a newline. @param {readonly object[]} documents */
export const toNdjson = (documents) => documents.map((doc) => JSON.stringify(doc)).join('\n') + (documents.length > 0 ? '\n' : '')
