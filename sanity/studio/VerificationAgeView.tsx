import {useCallback, useEffect, useMemo, useState} from 'react'
import {useClient} from 'sanity'
import {IntentLink} from 'sanity/router'
import {DEFAULT_API_VERSION} from '../../lib/env'
import {STALE_AFTER_DAYS} from '../../lib/content/verification'
import {policyVerificationAgeQuery, queryParams} from '../../lib/content/queries'
import type {PolicyVerificationAgeQueryResult} from '../../lib/content/sanity.types'
import {daysSince} from '../../lib/i18n/format'

/**
 * Which policies to check next: every published policy, the longest since it was verified first,
 * with its confidence and how many of its facts have no source yet. Follows changes live.
 */
export function VerificationAgeView() {
  const studioClient = useClient({apiVersion: DEFAULT_API_VERSION})
  // One client for the view's life: a new one each render would re-run the effect, and re-subscribe.
  const client = useMemo(() => studioClient.withConfig({perspective: 'published'}), [studioClient])
  const [rows, setRows] = useState<PolicyVerificationAgeQueryResult>()
  const [error, setError] = useState<string>()
  const load = useCallback(
    () =>
      client.fetch(policyVerificationAgeQuery, queryParams()).then(
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
      <table data-testid="verification-age" style={{borderCollapse: 'collapse', width: '100%'}}>
        <thead>
          <tr>
            {['Policy', 'Verified on', 'Days since', 'Confidence', 'Facts without a source'].map((title) => (
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
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

const cell = {padding: '0.4rem 0.6rem', fontSize: '0.875rem', fontFamily: 'inherit'}
