/** The look of the Studio views' tables (verification age, dated facts, sources), written once. */
export const cell = {padding: '0.4rem 0.6rem', fontSize: '0.875rem', fontFamily: 'inherit'}
const heading = {...cell, textAlign: 'left' as const, borderBottom: '1px solid var(--card-border-color, #ccc)'}

/** A table's head: one column heading per title. */
export function ColumnHeadings({titles}: {titles: readonly string[]}) {
  return (
    <thead>
      <tr>
        {titles.map((title) => (
          <th key={title} scope="col" style={heading}>
            {title}
          </th>
        ))}
      </tr>
    </thead>
  )
}
