import type {ReactNode} from 'react'

/**
 * A long page's sections as links to their headings, at its top: a reader on a phone goes straight
 * to the one they came for. Plain in-page anchors, so they work without JavaScript.
 */
export function JumpLinks({label, links}: {label: string; links: {id: string; title: ReactNode}[]}) {
  if (links.length < 2) return null
  return (
    <nav className="jump-links no-print" aria-label={label}>
      <ul>
        {links.map((link) => (
          <li key={link.id}>
            <a href={`#${link.id}`}>{link.title}</a>
          </li>
        ))}
      </ul>
    </nav>
  )
}
