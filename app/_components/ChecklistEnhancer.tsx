'use client'

import {useEffect, useState} from 'react'
import {useRouter} from 'next/navigation'

/**
 * With JavaScript: the checklist updates as soon as a choice changes (no submit), and the reader
 * can print it or copy its link. Without it, the GET form and the browser's print still work.
 */
export function ChecklistEnhancer({formId, labels}: {formId: string; labels: {print: string; share: string; copied: string}}) {
  const router = useRouter()
  const [enhanced, setEnhanced] = useState(false)
  const [copied, setCopied] = useState(false)

  useEffect(() => {
    const form = document.getElementById(formId) as HTMLFormElement | null
    if (!form) return
    setEnhanced(true)
    const onChange = () => {
      const query = new URLSearchParams()
      for (const [key, value] of new FormData(form)) if (typeof value === 'string' && value !== '') query.set(key, value)
      router.replace(`?${query.toString()}`, {scroll: false})
    }
    form.addEventListener('change', onChange)
    return () => form.removeEventListener('change', onChange)
  }, [formId, router])

  if (!enhanced) return null
  return (
    <div className="actions no-print">
      <button type="button" className="button" onClick={() => window.print()}>
        {labels.print}
      </button>
      <button
        type="button"
        className="button"
        onClick={async () => {
          await navigator.clipboard?.writeText(window.location.href).catch(() => undefined)
          setCopied(true)
        }}
      >
        {labels.share}
      </button>
      <span role="status" aria-live="polite">
        {copied ? labels.copied : ''}
      </span>
    </div>
  )
}
