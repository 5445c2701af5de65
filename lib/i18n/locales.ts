/**
 * The reader languages. Kept free of server-only code: the client bundle, the Studio and
 * the middleware all import it.
 */
export const LOCALES = ['zh', 'en', 'ru', 'kk'] as const
export type Locale = (typeof LOCALES)[number]

/** Chinese is the primary language: most readers are Chinese speakers. */
export const DEFAULT_LOCALE: Locale = 'zh'

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
