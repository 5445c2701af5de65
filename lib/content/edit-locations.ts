import 'server-only'
import {createDataAttribute} from 'next-sanity'
import {LOCAL_DATASET, LOCAL_PROJECT_ID, readContentEnv} from '../env.mjs'

/**
 * Click-to-edit in draft mode: where each value of a draft-mode answer lives in its document, so a
 * page can mark it with a `data-sanity` attribute and the Studio's Presentation tool opens that
 * document at that field, array item and language. Built from each value's document id and path
 * (the local backend's query engine produces no content source maps, and a real project's would not
 * cover values the queries compute). Kept beside the answer, never in it: only draft-mode answers,
 * which are never cached, are located, so readers' pages carry none of it.
 */
export type EditLocation = {id: string; type: string; path: string}

const locations = new WeakMap<object, EditLocation>()

/** A path segment as the Studio reads it: a field name, or an array item by its key (or index). */
const itemSegment = (item: unknown, index: number) => {
  const key = (item as {_key?: unknown} | null)?._key
  return typeof key === 'string' ? `[_key=="${key}"]` : `[${index}]`
}

/**
 * Records where every object of an answer lives: an object with `_id` and `_type` is a document;
 * the queries keep field names, so the path of anything inside it is the way to it in the answer.
 */
export function locateForEditing<T>(answer: T): T {
  const visit = (value: unknown, document: {id: string; type: string} | undefined, path: string) => {
    if (Array.isArray(value)) return value.forEach((item, index) => visit(item, document, `${path}${itemSegment(item, index)}`))
    if (!value || typeof value !== 'object') return
    const record = value as Record<string, unknown>
    const isDocument = typeof record._id === 'string'
    const here = isDocument ? (typeof record._type === 'string' ? {id: record._id as string, type: record._type} : undefined) : document
    const at = isDocument ? '' : path
    if (here && at) locations.set(record, {...here, path: at})
    for (const [field, child] of Object.entries(record)) if (!field.startsWith('_')) visit(child, here, at ? `${at}.${field}` : field)
  }
  visit(answer, undefined, '')
  return answer
}

/** Where a value lives, when it came from a draft-mode answer. */
export function editLocationOf(value: unknown): EditLocation | undefined {
  return value && typeof value === 'object' ? locations.get(value) : undefined
}

/**
 * The `data-sanity` attribute for a value (or one of its fields, such as a language), or undefined
 * outside draft mode: readers' pages get no attribute at all.
 */
export function editAttribute(value: unknown, field?: string): string | undefined {
  const location = editLocationOf(value)
  if (!location) return undefined
  const env = readContentEnv()
  const project =
    env.source === 'sanity' ? {projectId: env.projectId, dataset: env.dataset} : {projectId: LOCAL_PROJECT_ID, dataset: LOCAL_DATASET}
  return createDataAttribute({
    ...project,
    baseUrl: '/studio',
    id: location.id,
    type: location.type,
    path: field ? `${location.path}.${field}` : location.path,
  }).toString()
}
