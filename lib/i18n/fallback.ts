import type {Locale} from './locales'

/**
 * Where text missing in a language is taken from, in order. Kazakh readers read Russian more often
 * than English; everyone else falls back to English, and Chinese, which is always complete, comes last.
 */
export const FALLBACK_CHAIN: Record<Locale, readonly Locale[]> = {
  zh: ['zh', 'en'],
  en: ['en', 'zh'],
  ru: ['ru', 'en', 'zh'],
  kk: ['kk', 'ru', 'en', 'zh'],
}

/**
 * Picks the text of a locale value (a text kept per language: localeString, localeText,
 * localeBlockContent) for a reader's language, falling back along kk → ru → en → zh. Returns the
 * language the text is actually in, so the page can say so. A value of the wrong kind (a list
 * where text belongs, or the reverse) counts as missing.
 */
export type Picked<T> = {value: T; locale: Locale; fellBack: boolean}

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== ''
const isBlocks = (value: unknown): value is unknown[] => Array.isArray(value) && value.length > 0

function pick<T>(value: unknown, locale: Locale, accept: (value: unknown) => value is T): Picked<T> | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined
  for (const candidate of FALLBACK_CHAIN[locale]) {
    const text = (value as Partial<Record<Locale, unknown>>)[candidate]
    if (accept(text)) return {value: text, locale: candidate, fellBack: candidate !== locale}
  }
  return undefined
}

export function pickText(value: unknown, locale: Locale): Picked<string> | undefined {
  return pick(value, locale, isText)
}

export function pickBlocks<T = unknown>(value: unknown, locale: Locale): Picked<T[]> | undefined {
  return pick(value, locale, isBlocks) as Picked<T[]> | undefined
}

/** Plain text for attributes, metadata and feeds, where no fallback marker can be shown. */
export function textIn(value: unknown, locale: Locale): string {
  return pickText(value, locale)?.value.trim() ?? ''
}
