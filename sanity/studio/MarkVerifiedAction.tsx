import {useState} from 'react'
import {useDocumentOperation, type DocumentActionComponent} from 'sanity'
import {DEFAULT_LOCALE, LOCALE_NAMES} from '../../lib/i18n/locales'

const today = () => new Date().toISOString().slice(0, 10)
const newKey = () => Math.random().toString(36).slice(2, 12)

/**
 * "Mark verified today": after re-reading a policy's sources, the editor sets its verified date
 * to today and says in the change log what was checked, in one step. The draft is then published
 * as any other edit.
 */
export const MarkVerifiedAction: DocumentActionComponent = ({id, type, onComplete}) => {
  const {patch} = useDocumentOperation(id, type)
  const [open, setOpen] = useState(false)
  const [summary, setSummary] = useState('')
  const date = today()
  const close = () => {
    setOpen(false)
    setSummary('')
    onComplete()
  }
  const save = () => {
    patch.execute([
      {set: {verifiedAt: date}},
      {setIfMissing: {changeLog: []}},
      {
        insert: {
          after: 'changeLog[-1]',
          items: [{_key: newKey(), _type: 'changeLogEntry', date, summary: {_type: 'localeText', [DEFAULT_LOCALE]: summary.trim()}}],
        },
      },
    ])
    close()
  }
  return {
    label: 'Mark verified today',
    title: `Set "Verified on" to ${date} and add a line to the change log`,
    disabled: Boolean(patch.disabled),
    onHandle: () => setOpen(true),
    dialog: open && {
      type: 'dialog',
      header: 'Mark verified today',
      onClose: close,
      content: (
        <form
          onSubmit={(event) => {
            event.preventDefault()
            if (summary.trim()) save()
          }}
          style={{display: 'grid', gap: '0.75rem', padding: '0.25rem 0'}}
        >
          <label htmlFor="verified-summary" style={{fontSize: '0.875rem'}}>
            What did you check? This line is added to the change log readers see ({LOCALE_NAMES[DEFAULT_LOCALE]}; other languages fall back
            to it). &ldquo;Verified on&rdquo; becomes {date}.
          </label>
          <textarea
            id="verified-summary"
            name="summary"
            required
            rows={3}
            value={summary}
            onChange={(event) => setSummary(event.target.value)}
            style={{font: 'inherit', padding: '0.5rem'}}
          />
          <button type="submit" disabled={!summary.trim()} style={{font: 'inherit', padding: '0.5rem 1rem', justifySelf: 'start'}}>
            Mark verified
          </button>
        </form>
      ),
    },
  }
}
MarkVerifiedAction.displayName = 'MarkVerifiedAction'
