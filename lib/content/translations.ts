import {LOCALES, type Locale} from '../i18n/locales'
import {isLocaleValue, translationStates} from '../i18n/translation'

/**
 * Marks, in an answer, each text whose translation is behind in some language: which languages
 * have the newer text, and when the document holding it was last changed. Computed when content
 * is read (and cached with it), from the texts themselves (lib/i18n/translation.ts).
 */
export type TranslationBehind = Partial<Record<Locale, {newer: Locale[]; updatedAt: string | null}>>
export const BEHIND_FIELD = 'translationBehind'

export function markTranslationsBehind<T>(answer: T): T {
  const visit = (value: unknown, updatedAt: string | null) => {
    if (Array.isArray(value)) return value.forEach((item) => visit(item, updatedAt))
    if (!value || typeof value !== 'object') return
    const record = value as Record<string, unknown>
    const documentUpdatedAt = typeof record._updatedAt === 'string' ? record._updatedAt : updatedAt
    if (isLocaleValue(record)) {
      const behind: TranslationBehind = {}
      for (const [locale, state] of Object.entries(translationStates(record)) as [Locale, ReturnType<typeof translationStates>[Locale]][]) {
        if (state.state === 'behind') behind[locale] = {newer: state.newer, updatedAt: documentUpdatedAt}
      }
      if (Object.keys(behind).length > 0) record[BEHIND_FIELD] = behind
      return
    }
    for (const field of Object.values(record)) visit(field, documentUpdatedAt)
  }
  visit(answer, null)
  return answer
}

/** Which languages of a document (or any part of one) have newer texts, and which are behind them. */
export function translationsBehind(value: unknown): {newer: Locale[]; behind: Locale[]} {
  const newer = new Set<Locale>()
  const behind = new Set<Locale>()
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit)
    if (!node || typeof node !== 'object') return
    for (const [key, field] of Object.entries(node)) {
      if (key !== BEHIND_FIELD) visit(field)
      else
        for (const [locale, entry] of Object.entries(field as TranslationBehind)) {
          behind.add(locale as Locale)
          entry?.newer.forEach((other) => newer.add(other))
        }
    }
  }
  visit(value)
  return {
    newer: LOCALES.filter((locale) => newer.has(locale) && !behind.has(locale)),
    behind: LOCALES.filter((locale) => behind.has(locale)),
  }
}
