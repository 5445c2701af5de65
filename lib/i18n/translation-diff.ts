import {diffWords} from 'diff'
import {LOCALE_TAGS, type Locale} from './locales'
import {readableText, translationStates, writtenAgainst, writtenText} from './translation'

/**
 * The translator's view of a text that is behind: for each newer language, its text when this
 * translation was written (kept in the translation basis) and its text now, word by word.
 */
export type ChangePart = {text: string; change: 'same' | 'removed' | 'added'}
/** `before` and `parts` are null when the text then was not kept (a basis older than this view): only the text now is known. */
export type NewerChange = {locale: Locale; before: string | null; after: string; parts: ChangePart[] | null}

/**
 * Past this many words added or removed, the change is shown as the whole old text and the whole
 * new one: word marks would mark nearly everything, and the diff's cost grows with the square of it.
 */
const MAX_CHANGED_WORDS = 400

/** The words of `after` against `before`, split the way the newer language splits words (Chinese has no spaces). */
export function wordChanges(before: string, after: string, locale: Locale): ChangePart[] {
  const intlSegmenter = new Intl.Segmenter(LOCALE_TAGS[locale], {granularity: 'word'})
  const changes = diffWords(before, after, {intlSegmenter, maxEditLength: MAX_CHANGED_WORDS})
  if (!changes)
    return [
      {text: before, change: 'removed'},
      {text: after, change: 'added'},
    ]
  return changes.map((part) => ({text: part.value, change: part.added ? 'added' : part.removed ? 'removed' : 'same'}))
}

/** What changed in each language this one is behind, since it was written; nothing when it is not behind. */
export function changesSinceWritten(value: unknown, locale: Locale): NewerChange[] {
  const state = translationStates(value)[locale]
  if (state.state !== 'behind') return []
  const record = value as Record<string, unknown>
  const against = writtenAgainst(record, locale) ?? {}
  return state.newer.map((newer) => {
    const after = readableText(record[newer])
    const before = writtenText(record, against[newer] ?? '') ?? null
    return {locale: newer, before, after, parts: before === null ? null : wordChanges(before, after, newer)}
  })
}
