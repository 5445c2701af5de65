import type {MetadataRoute} from 'next'
import {getOperators} from '@/lib/content'
import {LOCALES} from '@/lib/i18n/locales'
import {localePath, operatorSubpath} from '@/lib/site/paths'
import {absoluteUrl, languageAlternates} from '@/lib/site/seo'

/** Every reader page in every language, each with its alternates. */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const operators = await getOperators()
  const pages = [
    {path: '', lastModified: undefined as string | undefined},
    {path: '/checklist', lastModified: undefined},
    {path: '/compare', lastModified: undefined},
    {path: '/faq', lastModified: undefined},
    ...operators.map((operator) => ({
      path: operatorSubpath(operator.slug),
      lastModified: operator.policy?.verifiedAt ?? operator.policy?.reviewedAt ?? undefined,
    })),
  ]
  return pages.flatMap(({path, lastModified}) =>
    LOCALES.map((locale) => ({
      url: absoluteUrl(localePath(locale, path)),
      ...(lastModified ? {lastModified} : {}),
      alternates: {languages: languageAlternates(path)},
    })),
  )
}
