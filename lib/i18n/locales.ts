/**
 * The reader languages. Kept free of server-only code: the client bundle, the Studio and
 * the middleware all import it.
 */
export const LOCALES = ['zh', 'en', 'ru', 'kk'] as const
export type Locale = (typeof LOCALES)[number]

/** Chinese is the primary language: most readers are Chinese speakers. */
export const DEFAULT_LOCALE: Locale = 'zh'

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

export const LOCALE_NAMES: Record<Locale, string> = {
  zh: '中文',
  en: 'English',
  ru: 'Русский',
  kk: 'Қазақша',
}

/** BCP 47 tags for `<html lang>`, hreflang and `Intl`. */
export const LOCALE_TAGS: Record<Locale, string> = {
  zh: 'zh-Hans',
  en: 'en',
  ru: 'ru',
  kk: 'kk',
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}
