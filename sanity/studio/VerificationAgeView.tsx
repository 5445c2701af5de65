import {useCallback, useEffect, useMemo, useState} from 'react'
import {useClient} from 'sanity'
import {IntentLink} from 'sanity/router'
import {DEFAULT_API_VERSION} from '../../lib/env.mjs'
import {effectMoment} from '../../lib/content/effect'
import {STALE_AFTER_DAYS} from '../../lib/content/verification'
import {datedFactsQuery, policyVerificationAgeQuery, queryParams} from '../../lib/content/queries'
import type {DatedFactsQueryResult, PolicyVerificationAgeQueryResult} from '../../lib/content/sanity.types'
import {daysSince} from '../../lib/i18n/format'
import {translationSummary} from '../../lib/i18n/translation'
import {ChangeFeedLine} from './ChangeFeedLine'
import {SourceChangedSinceVerified} from './SourcesView'
import {cell, ColumnHeadings} from './table'
import {useSourceChecks} from './useSourceChecks'

/**
 * What to check next. First, whether published changes reach readers (the change feed). Then every published policy, the longest since it was verified first, with its
 * confidence, how many of its facts have no source yet, and how many of its texts are behind or
 * missing a language; then the facts that start or stop being in force soon, in date order, and the
 * proposals. Follows changes live.
 */
type Data = {policies: PolicyVerificationAgeQueryResult; dated: DatedFactsQueryResult}

export function VerificationAgeView() {
  const studioClient = useClient({apiVersion: DEFAULT_API_VERSION})
  // One client for the view's life: a new one each render would re-run the effect, and re-subscribe.
  const client = useMemo(() => studioClient.withConfig({perspective: 'published'}), [studioClient])
  const {data: sources} = useSourceChecks()
  const [data, setData] = useState<Data>()
  const [error, setError] = useState<string>()
  const load = useCallback(
    () =>
      Promise.all([client.fetch(policyVerificationAgeQuery, queryParams()), client.fetch(datedFactsQuery, queryParams())]).then(
        ([policies, dated]) => setData({policies, dated}),
        (failure: Error) => setError(failure.message),
      ),
    [client],
  )
  useEffect(() => {
    void load()
    const subscription = client
      // Reader reports too: the view counts each policy's new ones.
      .listen('*[_type in ["policy", "guide", "operator", "readerReport"]]', {}, {includeResult: false, visibility: 'query'})
      .subscribe(() => void load())
    return () => subscription.unsubscribe()
  }, [client, load])

  if (error) return <p style={cell}>Could not load policies: {error}</p>
  if (!data) return <p style={cell}>Loading policies…</p>
  const today = new Date()
  return (
    <div style={{padding: '1rem', overflow: 'auto'}}>
      <ChangeFeedLine />
      <p style={{...cell, margin: '0 0 1rem'}}>
        Published policies, the longest since they were verified first. Past {STALE_AFTER_DAYS} days the page tells readers it may be out of
        date.
      </p>
      <table data-testid="verification-age" style={{borderCollapse: 'collapse', width: '100%'}}>
        <ColumnHeadings
          titles={[
            'Policy',
            'Verified on',
            'Days since',
            'Confidence',
            'Facts without a source',
            'Source changed since verified',
            'Texts behind',
            'Texts missing a language',
            'New reader reports',
          ]}
        />
        <tbody>
          {data.policies.map((row) => {
            const days = row.verifiedAt ? daysSince(row.verifiedAt, today) : undefined
            const stale = days === undefined || days > STALE_AFTER_DAYS
            const texts = translationSummary(row.texts)
            return (
              <tr key={row._id} data-policy={row._id}>
                <th scope="row" style={{...cell, textAlign: 'left'}}>
                  <IntentLink intent="edit" params={{id: row._id, type: 'policy'}}>
                    {row.operator}
                  </IntentLink>
                </th>
                <td style={cell}>{row.verifiedAt ? <time dateTime={row.verifiedAt}>{row.verifiedAt}</time> : 'never'}</td>
                <td
                  style={{...cell, fontWeight: stale ? 700 : 400, color: stale ? 'var(--card-badge-critical-fg-color, #c00)' : undefined}}
                >
                  {days ?? '—'}
                </td>
                <td style={cell}>{row.confidence}</td>
                <td style={{...cell, fontWeight: row.unsourcedFacts > 0 ? 700 : 400}}>{row.unsourcedFacts}</td>
                <td style={cell} data-column="source-changed">
                  <SourceChangedSinceVerified policyId={row._id} verifiedAt={row.verifiedAt} sources={sources} />
                </td>
                <td data-testid="texts-behind" style={{...cell, fontWeight: texts.behind > 0 ? 700 : 400}}>
                  {texts.behind}
                </td>
                <td style={cell}>{texts.missing}</td>
                <td style={{...cell, fontWeight: row.newReports > 0 ? 700 : 400}} data-new-reports={row.newReports}>
                  {row.newReports}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <DatedFacts dated={data.dated} now={today.getTime()} />
    </div>
  )
}

/** Facts that start or stop being in force from now on, in date order; then the proposals. */
function DatedFacts({dated, now}: {dated: DatedFactsQueryResult; now: number}) {
  const rows = dated.flatMap((document) =>
    document.facts.flatMap((fact) => {
      const text = fact.text && typeof fact.text === 'object' && 'en' in fact.text ? String(fact.text.en ?? fact.text.zh ?? '') : ''
      const coming = [
        ['starts', fact.effectiveFrom],
        ['ends', fact.effectiveUntil],
      ] as const
      return [
        ...coming.flatMap(([event, moment]) => {
          const at = effectMoment(moment)
          return at !== undefined && at > now ? [{at, moment: moment!, event, document, key: fact.key, text}] : []
        }),
        ...(fact.proposed ? [{at: Infinity, moment: 'proposed', event: 'proposed', document, key: fact.key, text}] : []),
      ]
    }),
  )
  rows.sort((a, b) => a.at - b.at)
  return (
    <>
      <h2 style={{...cell, fontSize: '1rem', margin: '1.5rem 0 0.5rem'}}>Upcoming, expiring and proposed facts</h2>
      {rows.length === 0 ? (
        <p style={cell}>No fact starts or ends from now on, and none is proposed.</p>
      ) : (
        <table data-testid="dated-facts" style={{borderCollapse: 'collapse', width: '100%'}}>
          <ColumnHeadings titles={['When', 'What happens', 'Fact', 'In']} />
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.document._id}-${row.key}-${row.event}`}>
                <td style={cell}>{row.moment}</td>
                <td style={cell}>
                  {row.event === 'proposed'
                    ? 'proposed, not in force'
                    : row.event === 'starts'
                      ? 'comes into force'
                      : 'stops being in force'}
                </td>
                <td style={cell}>{row.text}</td>
                <td style={cell}>
                  <IntentLink intent="edit" params={{id: row.document._id, type: row.document._type}}>
                    {row.document.document}
                  </IntentLink>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}
