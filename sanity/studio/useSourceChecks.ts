import {useEffect, useMemo, useState} from 'react'
import {useClient} from 'sanity'
import {DEFAULT_API_VERSION} from '../../lib/env.mjs'
import {sourceChecksQuery, sourceCitingDocumentsQuery} from '../../lib/content/queries'
import type {SourceChecksQueryResult, SourceCitingDocumentsQueryResult} from '../../lib/content/sanity.types'

/**
 * What the Studio's source views read: the published documents that cite sources, and the last
 * check of each source (`npm run check-sources`). Follows changes live, so a check written while
 * an editor looks appears without a reload.
 */
export type SourceChecks = {documents: SourceCitingDocumentsQueryResult; checks: SourceChecksQueryResult}

const WATCHED = '*[_type in ["sourceCheck", "policy", "operator", "guide", "faq"]]'

export function useSourceChecks(): {data?: SourceChecks; error?: string} {
  const base = useClient({apiVersion: DEFAULT_API_VERSION})
  const client = useMemo(() => base.withConfig({perspective: 'published'}), [base])
  const [data, setData] = useState<SourceChecks>()
  const [error, setError] = useState<string>()
  useEffect(() => {
    let current = true
    const load = () =>
      Promise.all([
        client.fetch<SourceCitingDocumentsQueryResult>(sourceCitingDocumentsQuery),
        client.fetch<SourceChecksQueryResult>(sourceChecksQuery),
      ]).then(
        ([documents, checks]) => current && setData({documents, checks}),
        (failure: Error) => current && setError(failure.message),
      )
    void load()
    const subscription = client.listen(WATCHED, {}, {includeResult: false, visibility: 'query'}).subscribe(() => void load())
    return () => {
      current = false
      subscription.unsubscribe()
    }
  }, [client])
  return {data, error}
}
