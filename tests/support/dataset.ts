import {readFileSync} from 'node:fs'
import {evaluate, parse} from 'groq-js'
import {publishedDocuments, type RawDocument} from '@/lib/content/embedded'
import {queryParams} from '@/lib/content/queries'
import {FIXTURE_FILE} from './test-build.mjs'

export {FIXTURE_FILE}

export function fixtureDocuments(): RawDocument[] {
  return publishedDocuments(readFileSync(FIXTURE_FILE, 'utf8'), FIXTURE_FILE)
}

/** Runs a query as the embedded source does. */
export async function runGroq<T>(
  query: string,
  params: Record<string, unknown> = {},
  dataset: RawDocument[] = fixtureDocuments(),
): Promise<T> {
  const result = await evaluate(parse(query), {dataset, params: queryParams(params)})
  return (await result.get()) as T
}
