import {FALLBACK_CHAIN, type Locale} from './locales'

/**
 * Picks the text of a localized value for a reader's language, falling back along
 * kk → ru → en → zh. Returns the language the text is actually in, so the page can say so.
 * A value of the wrong kind (a list where text belongs, or the reverse) counts as missing.
 */
export type Picked<T> = {value: T; locale: Locale; fellBack: boolean}

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== ''
const isBlocks = (value: unknown): value is unknown[] => Array.isArray(value) && value.length > 0

function pick<T>(localized: unknown, locale: Locale, accept: (value: unknown) => value is T): Picked<T> | undefined {
  if (!localized || typeof localized !== 'object' || Array.isArray(localized)) return undefined
  for (const candidate of FALLBACK_CHAIN[locale]) {
    const value = (localized as Partial<Record<Locale, unknown>>)[candidate]
    if (accept(value)) return {value, locale: candidate, fellBack: candidate !== locale}
  }
  return undefined
}

export function pickText(localized: unknown, locale: Locale): Picked<string> | undefined {
  return pick(localized, locale, isText)
}

export function pickBlocks<T = unknown>(localized: unknown, locale: Locale): Picked<T[]> | undefined {
  return pick(localized, locale, isBlocks) as Picked<T[]> | undefined
}

/** Plain text for attributes, metadata and feeds, where no fallback marker can be shown. */
export function localizedText(localized: unknown, locale: Locale): string {
  return pickText(localized, locale)?.value.trim() ?? ''
}
