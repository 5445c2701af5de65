import {readFileSync} from 'node:fs'
import {evaluate, parse} from 'groq-js'
import {publishedDocuments, type RawDocument} from '@/lib/content/embedded'
import {queryParams} from '@/lib/content/queries'

export const SEED_FILE = 'sanity/seed/production.ndjson'

export function seedDocuments(): RawDocument[] {
  return publishedDocuments(readFileSync(SEED_FILE, 'utf8'), SEED_FILE)
}

/** Runs a query as the embedded source does. */
export async function runGroq<T>(query: string, params: Record<string, unknown> = {}, dataset: RawDocument[] = seedDocuments()): Promise<T> {
  const result = await evaluate(parse(query), {dataset, params: queryParams(params)})
  return (await result.get()) as T
}
