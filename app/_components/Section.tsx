import type {ReactNode} from 'react'

/** A titled section of a page, labelled by its heading for screen readers. */
export function Section({id, title, children}: {id: string; title: ReactNode; children: ReactNode}) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  )
}
