import {FALLBACK_CHAIN, type Locale} from './locales'

/**
 * Picks the text of a localized value for a reader's language, falling back along
 * kk → ru → en → zh. Returns the language the text is actually in, so the page can say so.
 */
export type Picked<T> = {value: T; locale: Locale; fellBack: boolean}

function isFilled(value: unknown): boolean {
  if (typeof value === 'string') return value.trim() !== ''
  if (Array.isArray(value)) return value.length > 0
  return false
}

export function pickLocalized<T extends string | unknown[]>(
  localized: Partial<Record<Locale, T>> | null | undefined,
  locale: Locale,
): Picked<T> | undefined {
  if (!localized || typeof localized !== 'object') return undefined
  for (const candidate of FALLBACK_CHAIN[locale]) {
    const value = localized[candidate]
    if (isFilled(value)) return {value: value as T, locale: candidate, fellBack: candidate !== locale}
  }
  return undefined
}

/** Plain text for attributes, metadata and feeds, where no fallback marker can be shown. */
export function localizedText(localized: Partial<Record<Locale, string>> | null | undefined, locale: Locale): string {
  return pickLocalized(localized, locale)?.value.trim() ?? ''
}
