import {DEFAULT_LOCALE, LOCALES, type Locale} from './locales'

/**
 * The best reader language for an Accept-Language header, by quality, matching on the primary
 * subtag (zh-TW, zh-Hant-HK → zh; kk-KZ → kk). Chinese when nothing matches.
 */
export function negotiateLocale(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE
  const ranges = header
    .split(',')
    .slice(0, 32)
    .map((part, index) => {
      const [tag = '', ...attributes] = part.trim().split(';')
      const q = attributes.map((a) => a.trim()).find((a) => a.startsWith('q='))
      const quality = q ? Number(q.slice(2)) : 1
      return {tag: tag.trim().toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index}
    })
    .filter((range) => range.tag !== '' && range.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index)
  for (const {tag} of ranges) {
    const primary = tag.split('-')[0]
    const match = LOCALES.find((locale) => locale === primary)
    if (match) return match
  }
  return DEFAULT_LOCALE
}
