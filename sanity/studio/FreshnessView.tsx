import {useCallback, useEffect, useMemo, useState} from 'react'
import {useClient} from 'sanity'
import {IntentLink} from 'sanity/router'
import {DEFAULT_API_VERSION} from '../../lib/env'
import {STALE_AFTER_DAYS} from '../../lib/content/verification'
import {policyFreshnessQuery, queryParams} from '../../lib/content/queries'
import type {PolicyFreshnessQueryResult} from '../../lib/content/sanity.types'
import {daysSince} from '../../lib/i18n/format'
import {SourceChangedSinceVerified} from './SourcesView'
import {useSourceChecks} from './useSourceChecks'

/**
 * Which policies to check next: every published policy, the longest since it was verified first,
 * with its confidence and how many of its facts have no source yet. Follows changes live.
 */
export function FreshnessView() {
  const base = useClient({apiVersion: DEFAULT_API_VERSION})
  // One client per Studio client: a new one each render would fetch and subscribe again at every render.
  const client = useMemo(() => base.withConfig({perspective: 'published'}), [base])
  const {data: sources} = useSourceChecks()
  const [rows, setRows] = useState<PolicyFreshnessQueryResult>()
  const [error, setError] = useState<string>()
  const load = useCallback(
    () =>
      client.fetch(policyFreshnessQuery, queryParams()).then(
        (result) => setRows(result),
        (failure: Error) => setError(failure.message),
      ),
    [client],
  )
  useEffect(() => {
    void load()
    const subscription = client.listen('*[_type == "policy"]', {}, {includeResult: false, visibility: 'query'}).subscribe(() => void load())
    return () => subscription.unsubscribe()
  }, [client, load])

  if (error) return <p style={cell}>Could not load policies: {error}</p>
  if (!rows) return <p style={cell}>Loading policies…</p>
  const today = new Date()
  return (
    <div style={{padding: '1rem', overflow: 'auto'}}>
      <p style={{...cell, margin: '0 0 1rem'}}>
        Published policies, the longest since they were verified first. Past {STALE_AFTER_DAYS} days the page tells readers it may be out
        of date.
      </p>
      <table data-testid="freshness" style={{borderCollapse: 'collapse', width: '100%'}}>
        <thead>
          <tr>
            {['Policy', 'Verified on', 'Days since', 'Confidence', 'Facts without a source', 'Source changed since verified'].map((title) => (
              <th key={title} scope="col" style={{...cell, textAlign: 'left', borderBottom: '1px solid var(--card-border-color, #ccc)'}}>
                {title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const days = row.verifiedAt ? daysSince(row.verifiedAt, today) : undefined
            const stale = days === undefined || days > STALE_AFTER_DAYS
            return (
              <tr key={row._id} data-policy={row._id}>
                <th scope="row" style={{...cell, textAlign: 'left'}}>
                  <IntentLink intent="edit" params={{id: row._id, type: 'policy'}}>
                    {row.operator}
                  </IntentLink>
                </th>
                <td style={cell}>{row.verifiedAt ? <time dateTime={row.verifiedAt}>{row.verifiedAt}</time> : 'never'}</td>
                <td style={{...cell, fontWeight: stale ? 700 : 400, color: stale ? 'var(--card-badge-critical-fg-color, #c00)' : undefined}}>
                  {days ?? '—'}
                </td>
                <td style={cell}>{row.confidence}</td>
                <td style={{...cell, fontWeight: row.unsourcedFacts > 0 ? 700 : 400}}>{row.unsourcedFacts}</td>
                <td style={cell} data-column="source-changed">
                  <SourceChangedSinceVerified policyId={row._id} verifiedAt={row.verifiedAt} sources={sources} />
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

const cell = {padding: '0.4rem 0.6rem', fontSize: '0.875rem', fontFamily: 'inherit'}
