import {useState} from 'react'
import {useClient} from 'sanity'
import {IntentLink} from 'sanity/router'
import {DEFAULT_API_VERSION} from '../../lib/env.mjs'
import type {Citation} from '../../lib/sources/citations'
import {isSourceCheckStatus, SOURCE_CHECK_STATUS_TITLES, sourceRows, sourcesChangedSince} from '../../lib/sources/status'
import {cell, ColumnHeadings} from './table'
import {useSourceChecks, type SourceChecks} from './useSourceChecks'

/**
 * The Sources view: every page the dataset cites, as `npm run check-sources` last found it.
 * Changed, moved, broken and blocked sources come first, then sources that changed after a fact
 * citing them was verified, then sources not checked yet. Each lists the documents and facts that
 * cite it, with a link that opens the fact. Editors decide what a change means: reader pages do
 * not change on their own.
 */
const TYPE_TITLES: Record<string, string> = {policy: 'Policy', operator: 'Operator', guide: 'Guide', faq: 'FAQ'}

const hostOf = (url: string) => {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}

function CitedBy({citations, labels}: {citations: Citation[]; labels: Map<string, string>}) {
  return (
    <ul style={{margin: 0, paddingLeft: '1rem'}}>
      {citations.map((citation) => (
        <li key={`${citation.documentId}:${citation.path}`}>
          <IntentLink intent="edit" params={{id: citation.documentId, type: citation.documentType, path: citation.path}}>
            {TYPE_TITLES[citation.documentType] ?? citation.documentType}: {labels.get(citation.documentId)}
          </IntentLink>{' '}
          <span style={{opacity: 0.7}}>· {citation.field}</span>
        </li>
      ))}
    </ul>
  )
}

/**
 * A move stays reported at every check until the citation changes or an editor decides the old
 * address is still the one to cite: this records that decision for the address it moved to (a
 * move to yet another address is reported again).
 */
function MarkMoveSeen({checkId, finalUrl}: {checkId: string; finalUrl: string}) {
  const client = useClient({apiVersion: DEFAULT_API_VERSION})
  const [state, setState] = useState<'idle' | 'saving' | 'failed'>('idle')
  const mark = () => {
    setState('saving')
    client
      .patch(checkId)
      .set({movedSeen: finalUrl, status: 'unchanged'})
      .commit()
      .then(
        () => setState('idle'),
        () => setState('failed'),
      )
  }
  return (
    <div>
      <button
        type="button"
        onClick={mark}
        disabled={state === 'saving'}
        title={`Keep citing this address although it moved to ${finalUrl}`}
      >
        Mark move seen
      </button>
      {state === 'failed' ? <span role="alert"> Could not save; try again.</span> : null}
    </div>
  )
}

export function SourcesView() {
  const {data, error} = useSourceChecks()
  if (error) return <p style={cell}>Could not load sources: {error}</p>
  if (!data) return <p style={cell}>Loading sources…</p>
  const labels = new Map(data.documents.map((document) => [document._id, document.label]))
  const rows = sourceRows(data.documents, data.checks)
  const lastRun = data.checks
    .map((check) => check.checkedAt ?? '')
    .sort()
    .at(-1)
  return (
    <div style={{padding: '1rem', overflow: 'auto'}}>
      <p style={{...cell, margin: '0 0 1rem'}}>
        Every page the content cites, as the source check last found it (
        {lastRun ? `last run ${lastRun.slice(0, 16).replace('T', ' ')} UTC` : 'never run'}; run it with <code>npm run check-sources</code>).
        Changed, moved, broken and blocked pages first. A change reaches readers only when an editor updates the facts: read the page, edit,
        then &ldquo;Mark verified today&rdquo;.
      </p>
      <table data-testid="sources" style={{borderCollapse: 'collapse', width: '100%'}}>
        <ColumnHeadings titles={['Source', 'Status', 'Checked / changed', 'Cited by', 'Last change']} />
        <tbody>
          {rows.map(({url, check, citations, changedSinceVerified}) => {
            const status = isSourceCheckStatus(check?.status) ? check.status : undefined
            const alarming = (status && status !== 'unchanged') || changedSinceVerified
            return (
              <tr
                key={url}
                data-url={url}
                data-status={status ?? 'not-checked'}
                style={{verticalAlign: 'top', borderBottom: '1px solid var(--card-border-color, #eee)'}}
              >
                <th scope="row" style={{...cell, textAlign: 'left', fontWeight: 400, wordBreak: 'break-all'}}>
                  <a href={url} target="_blank" rel="noopener noreferrer">
                    {url}
                  </a>
                  {check?.finalUrl && check.finalUrl !== url ? <div style={{opacity: 0.7}}>→ {check.finalUrl}</div> : null}
                </th>
                <td
                  style={{
                    ...cell,
                    fontWeight: alarming ? 700 : 400,
                    color: alarming ? 'var(--card-badge-critical-fg-color, #c00)' : undefined,
                  }}
                >
                  {status ? SOURCE_CHECK_STATUS_TITLES[status] : 'Not checked yet'}
                  {check?.httpStatus ? ` (HTTP ${check.httpStatus})` : ''}
                  {changedSinceVerified ? <div>Changed since a citing fact was verified</div> : null}
                  {check?.detail ? <div style={{fontWeight: 400, color: 'inherit', opacity: 0.8}}>{check.detail}</div> : null}
                  {status === 'moved' && check?.finalUrl ? <MarkMoveSeen checkId={check._id} finalUrl={check.finalUrl} /> : null}
                </td>
                <td style={cell}>
                  {check?.checkedAt ? <time dateTime={check.checkedAt}>{check.checkedAt.slice(0, 10)}</time> : '—'}
                  {' / '}
                  {check?.changedAt ? <time dateTime={check.changedAt}>{check.changedAt.slice(0, 10)}</time> : 'no change seen'}
                </td>
                <td style={cell}>
                  <CitedBy citations={citations} labels={labels} />
                </td>
                <td style={cell}>
                  {check?.excerpt ? (
                    <details>
                      <summary>Lines removed and added</summary>
                      <pre style={{whiteSpace: 'pre-wrap', fontSize: '0.8125rem', margin: '0.5rem 0 0'}}>{check.excerpt}</pre>
                    </details>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

/** The verification age view's column: how many of a policy's sources changed after it was verified. */
export function SourceChangedSinceVerified({
  policyId,
  verifiedAt,
  sources,
}: {
  policyId: string
  verifiedAt: string | null
  sources?: SourceChecks
}) {
  const policy = sources?.documents.find((document) => document._id === policyId)
  if (!sources || !policy) return <>…</>
  if (!verifiedAt) return <>—</>
  const changed = sourcesChangedSince(policy, verifiedAt, sources.checks)
  if (changed.length === 0) return <>no</>
  return (
    <span
      style={{fontWeight: 700, color: 'var(--card-badge-critical-fg-color, #c00)'}}
      title={changed.map((check) => check.url).join('\n')}
    >
      {changed.length === 1 ? '1 source' : `${changed.length} sources`}: {changed.map((check) => hostOf(check.url)).join(', ')}
    </span>
  )
}
