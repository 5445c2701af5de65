import {useState} from 'react'
import {useClient, type DocumentActionComponent, type DocumentActionProps} from 'sanity'
import {DEFAULT_API_VERSION} from '../../lib/env.mjs'
import type {ReportStatus} from '../../lib/reports/vocabulary'

/**
 * An editor's two decisions about a reader's report: a useful lead, or nothing to act on. The
 * status is set on the report itself (reports are edited live, without drafts), and nothing else
 * changes: a report never touches published content.
 */
function statusAction(status: Exclude<ReportStatus, 'new'>, label: string, title: string): DocumentActionComponent {
  const action: DocumentActionComponent = function StatusAction({id, published, onComplete}: DocumentActionProps) {
    const client = useClient({apiVersion: DEFAULT_API_VERSION})
    const [saving, setSaving] = useState(false)
    const current = (published as {status?: string} | null)?.status
    return {
      label,
      title: current === status ? `Already marked "${status}"` : title,
      tone: status === 'useful' ? 'positive' : 'default',
      disabled: saving || !published || current === status,
      onHandle: () => {
        setSaving(true)
        client
          .patch(id)
          .set({status})
          .commit()
          .catch((error: Error) => console.error(`Could not mark the report ${status}: ${error.message}`))
          .finally(() => {
            setSaving(false)
            onComplete()
          })
      },
    }
  }
  action.displayName = `ReportStatus_${status}`
  return action
}

export const MarkUsefulAction = statusAction('useful', 'Mark useful', 'A lead worth checking: keep it with the useful reports')
export const DismissAction = statusAction('dismissed', 'Dismiss', 'Nothing to act on: move it out of the new reports')
