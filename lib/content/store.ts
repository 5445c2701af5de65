import 'server-only'
import {createHash} from 'node:crypto'
import type {QueryParams, SanityClient} from '@sanity/client'
import {evaluate, parse, type ExprNode} from 'groq-js'
import {freshness} from '../freshness/index'
import {recordBuildDataset} from './dataset-watcher'
import {loadEmbeddedDataset} from './embedded'
import {embeddedDatasetFile, isBuilding, readContentEnv, type ContentEnv} from '../env.mjs'
import {queryParams} from './queries'
import {createContentClient, type ProjectTarget} from './clients'

/**
 * The one way content is read. Both sources answer the same GROQ: the Content Lake through
 * @sanity/client, or the bundled dataset through groq-js. Callers never know which answered.
 */
const env: ContentEnv = readContentEnv()
export const contentStore = env.source

let client: SanityClient | undefined
const sanityClient = (config: ProjectTarget) => (client ??= createContentClient(config))

// Parsed once per query string; parameters are bound at evaluation, never at parse time.
const parsedQueries = new Map<string, ExprNode>()
let buildRecorded: Promise<void> | undefined
async function evaluateEmbedded<T>(file: string, query: string, params: QueryParams): Promise<T> {
  // Remember what the prerendered pages show, so the first start sees edits made since.
  if (isBuilding()) await (buildRecorded ??= recordBuildDataset(file))
  let tree = parsedQueries.get(query)
  if (!tree) {
    tree = parse(query)
    parsedQueries.set(query, tree)
  }
  const {documents} = loadEmbeddedDataset(file)
  const result = await evaluate(tree, {dataset: documents, params})
  return (await result.get()) as T
}

/** Set once the Lake failed during this build: the rest of the build reads the bundled dataset. */
let provisional: Promise<void> | undefined
async function fetchFromSource<T>(query: string, params: QueryParams): Promise<T> {
  if (env.source === 'embedded' || provisional) {
    await provisional
    return evaluateEmbedded<T>(env.source === 'embedded' ? env.datasetFile : embeddedDatasetFile(), query, params)
  }
  try {
    // Caching is Next's job ('use cache' + tags); the HTTP fetch itself must never be cached.
    return await sanityClient(env).fetch<T>(query, params, {cache: 'no-store', tag: 'kz-sim-guide'})
  } catch (error) {
    if (!isBuilding()) throw error
    // The Content Lake is unreachable while building: build from the bundled dataset rather than
    // fail, and mark the build provisional so the server refreshes every page from the Lake on start.
    provisional ??= freshness()
      .build.markProvisional((error as Error).message)
      .then(() => {
        console.warn(
          `[content] Content Lake unreachable during build (${(error as Error).message}): pages will be refreshed from it on first request`,
        )
      })
    return fetchFromSource<T>(query, params)
  }
}

/*
 * Last good answers. When the Content Lake fails during a revalidation, readers keep the last good
 * page instead of an error page. Kept by the freshness module (capped, and only for answers that
 * show something), so a restart during an outage still has them.
 */
const keyOf = (query: string, params: QueryParams) =>
  createHash('sha256').update(query).update(JSON.stringify(params)).digest('hex').slice(0, 32)

export type QueryOutcome<T> = {data: T; fromLastGood: boolean}

/**
 * Runs a query. If the source fails and an earlier answer to the same query exists, that answer is
 * returned with `fromLastGood: true` so the caller can cache it briefly and retry soon.
 */
export async function runQuery<T>(query: string, params: QueryParams = {}): Promise<QueryOutcome<T>> {
  const key = keyOf(query, params)
  try {
    const data = await fetchFromSource<T>(query, queryParams(params))
    // The bundled dataset cannot fail the way the Lake can: nothing to keep.
    if (env.source === 'sanity')
      await freshness()
        .lastGood.remember(key, data)
        .catch((error: Error) => console.error(`[content] could not keep a last good answer: ${error.message}`))
    return {data, fromLastGood: false}
  } catch (error) {
    const last = await freshness().lastGood.recall(key)
    if (!last) throw error
    console.error(`[content] ${contentStore} failed, serving the last good answer: ${(error as Error).message}`)
    return {data: last.value as T, fromLastGood: true}
  }
}
