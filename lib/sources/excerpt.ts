import {diffLines} from 'diff'
import {removeHiddenCharacters} from '../text/hidden-characters'

/**
 * What changed on a page, short enough to read in the Studio: the removed lines ("- ") and the
 * added ones ("+ ") of the page text, in page order (a replaced line next to its replacement), capped at 2 KB (UTF-8) with a last line
 * saying how many more changed lines there were.
 */
export const EXCERPT_MAX_BYTES = 2048
/** A single line is cut here, so one long paragraph cannot fill the whole excerpt. */
const LINE_MAX_CHARS = 300

const byteLength = (text: string) => Buffer.byteLength(text, 'utf8')

export function changeExcerpt(before: string, after: string, maxBytes = EXCERPT_MAX_BYTES): string {
  // The timeout bounds the work on two unrelated pages; then only the sizes are told.
  const changes = diffLines(before.endsWith('\n') ? before : `${before}\n`, after.endsWith('\n') ? after : `${after}\n`, {timeout: 2_000})
  if (!changes) return `The text changed too much to list (${before.split('\n').length} lines before, ${after.split('\n').length} after).`
  const lines: string[] = []
  // Texts stored before hidden characters were removed from them (extract.ts) may still hold some.
  const linesOf = (value: string, sign: '+' | '-') =>
    removeHiddenCharacters(value)
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => `${sign} ${line.length > LINE_MAX_CHARS ? `${line.slice(0, LINE_MAX_CHARS)}…` : line}`)
  for (const [index, change] of changes.entries()) {
    if (change.added && changes[index - 1]?.removed) continue
    if (!change.removed) {
      if (change.added) lines.push(...linesOf(change.value, '+'))
      continue
    }
    // A replaced block reads best line by line: each old line beside its new one.
    const removed = linesOf(change.value, '-')
    const next = changes[index + 1]
    const added = next?.added ? linesOf(next.value, '+') : []
    for (let line = 0; line < Math.max(removed.length, added.length); line++)
      lines.push(...[removed[line], added[line]].filter((text) => text !== undefined))
  }
  const kept: string[] = []
  let size = 0
  for (const [index, line] of lines.entries()) {
    const more = lines.length - index
    const room = maxBytes - byteLength(`… ${more} more changed lines`) - 1
    if (size + byteLength(line) + 1 > (more === 1 ? maxBytes : room)) {
      kept.push(`… ${more} more changed lines`)
      break
    }
    kept.push(line)
    size += byteLength(line) + 1
  }
  return kept.join('\n')
}
