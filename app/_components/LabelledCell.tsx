import type {ReactNode} from 'react'
import {around} from '@/lib/i18n'

/**
 * A table cell that carries its column's label in the markup ("Cancel here: {answer}"), shown only
 * where the stylesheet lays the table out as cards (on a phone), so each answer there reads as a
 * labelled line. A wide table hides the label: its column header says it.
 */
export function LabelledCell({template, className, children}: {template: string; className?: string; children: ReactNode}) {
  const [label, after] = around(template, 'answer')
  return (
    <td className={className}>
      <span className="cell-label">{label}</span>
      {children}
      {after && <span className="cell-label">{after}</span>}
    </td>
  )
}
