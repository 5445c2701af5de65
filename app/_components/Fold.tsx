import type {ReactNode} from 'react'

/**
 * Content folded under its heading, closed until the reader opens it, or until an address names
 * `anchor` (a link, a bookmark): browsers open a closed <details> to show the element a #fragment
 * names inside it (HTML's "ancestor details revealing algorithm"), so no script is needed. The
 * anchor sits at the top of the fold (see the stylesheet), so a link shows the heading too.
 */
export function Fold({
  anchor,
  heading,
  className,
  children,
}: {
  anchor: string
  heading: ReactNode
  className?: string
  children: ReactNode
}) {
  return (
    <details className={className ? `fold ${className}` : 'fold'}>
      <summary>{heading}</summary>
      <span id={anchor} className="fold-anchor" />
      {children}
    </details>
  )
}
